"""A SELECT whose WHERE group is one UNION of groups, run as one SELECT per group at once.

Oxigraph evaluates a query on one core, and pyoxigraph lets other threads run while it does: two
queries in two threads take about the time of one on a machine of two cores. The solutions of
`SELECT ?a ?b WHERE { { A } UNION { B } }` are those of `SELECT ?a ?b WHERE { A }` and those of
`SELECT ?a ?b WHERE { B }`, so such a query is run as its branches, each in a thread of its own, and
their rows put together. Only that exact shape is split: the projection is variables alone (no `*`,
no DISTINCT, no expressions), the group holds the union and nothing else, and nothing follows it.
`queries.run` splits a query it orders itself (the final ORDER BY taken off, `queries.final_order`):
Oxigraph gives a whole UNION's rows in an order of its own, not the branches' one after the other.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox

# IRIs, strings and comments: blanked (same length) before the query's shape is read
OPAQUE = re.compile(r"#[^\n]*|<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")
_PROLOGUE = re.compile(r"(?:\s*(?:PREFIX\s+[A-Za-z][\w.-]*:|PREFIX\s+:|BASE)\s*)*\s*", re.IGNORECASE)
_SELECT = re.compile(r"SELECT(?:\s*\?\w+)+\s*(?:WHERE\s*)?\{", re.IGNORECASE)
_UNION = re.compile(r"\s*UNION\s*", re.IGNORECASE)


def masked(text: str) -> str:
    """The query with its IRIs, strings and comments blanked: the same offsets, none of their braces
    or keywords."""
    return OPAQUE.sub(lambda m: " " * len(m.group(0)), text)


def union_branches(text: str) -> list[str] | None:
    """The query of each branch when `text` is a SELECT of variables whose WHERE group is a UNION
    of two or more groups and nothing else, in order; else None."""
    shape = masked(text)
    prologue = _PROLOGUE.match(shape)
    select = _SELECT.match(shape, prologue.end() if prologue else 0)
    if select is None:
        return None
    groups = _top_groups(shape, select.end() - 1)
    if groups is None or len(groups) < 2:
        return None
    head = text[: select.end() - 1]  # the prologue and "SELECT ?a ?b WHERE "
    return [head + text[start : end + 1] for start, end in groups]


def _top_groups(masked: str, opening: int) -> list[tuple[int, int]] | None:
    """The (start, end) of each group directly inside the group opening at `opening`, when they are
    joined by UNION alone and the outer group holds nothing else and ends the text; else None."""
    groups: list[tuple[int, int]] = []
    depth, start, last = 0, 0, opening + 1  # `last`: where the text between groups began
    for index in range(opening, len(masked)):
        char = masked[index]
        if char == "{":
            depth += 1
            if depth == 2:
                between = masked[last:index]
                if not (between.strip() == "" if not groups else _UNION.fullmatch(between)):
                    return None
                start = index
        elif char == "}":
            depth -= 1
            if depth == 1:
                groups.append((start, index))
                last = index + 1
            elif depth == 0:
                if masked[last:index].strip() or masked[index + 1 :].strip():
                    return None
                return groups
    return None


def branch_results(store: ox.Store, queries: list[str], union: bool) -> list[bytes]:
    """Each query's solutions as pyoxigraph's TSV, the queries run at once, one thread each."""
    with ThreadPoolExecutor(max_workers=len(queries), thread_name_prefix="branch") as pool:
        return list(pool.map(lambda query: _tsv(store, query, union), queries))


def _tsv(store: ox.Store, query: str, union: bool) -> bytes:
    # the solutions are made, read and let go in this thread: pyoxigraph refuses them in another
    answer = store.query(query, use_default_graph_as_union=union)
    assert isinstance(answer, ox.QuerySolutions), "a SELECT gives solutions"
    text = answer.serialize(format=ox.QueryResultsFormat.TSV)
    assert text is not None  # with no output given, the bytes
    return text
