"""How the explorer asks its store: SELECTs with IRIs bound safely, VALUES blocks of a size that
Oxigraph looks up, values looked up by IRI (and kept for the snapshot). `data` writes the queries;
this is the floor under it."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

import pyoxigraph as ox

from actorgraph.queries import solution_rows
from actorgraph.results import Row, sort_rows
from actorgraph.web.source import Snapshot

PREFIXES = """PREFIX ag: <https://w3id.org/actorgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
AG = "https://w3id.org/actorgraph/ns#"


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def select(snapshot: Snapshot, body: str, **bindings: str) -> list[dict[str, str]]:
    """Run a SELECT with ?name replaced by the IRI as pyoxigraph writes it (it rejects '>', spaces
    and the like, so a value can never close the IRI and add SPARQL of its own). The rows are read
    from pyoxigraph's TSV (`queries.solution_rows`): 0.39-0.44 s for every actor's or document's row
    of a store of 10,000 documents, against 0.56-0.69 s for a Python object of each solution."""
    answer = solutions(snapshot, body, bindings)
    return _records([v.value for v in answer.variables], solution_rows(answer))


def select_sorted(snapshot: Snapshot, body: str, order: list[str], **bindings: str) -> list[dict[str, str]]:
    """`select` of `body ORDER BY ?a ?b ...` (these variables, ascending): sorted here as the named
    queries are (`results.sort_rows`) when that order is certain, else by Oxigraph, whose ORDER BY
    reads every string it compares from the store again (3.8 s of the 4.8 s that the 46,719 facts'
    rows of one actor took, 0.3-0.45 s of 0.5-0.65 s for every election; 10,000 documents)."""
    answer = solutions(snapshot, body, bindings)
    names = [v.value for v in answer.variables]
    ordered = sort_rows(solution_rows(answer), [(names.index(name), False) for name in order])
    if ordered is None:
        return select(snapshot, f"{body} ORDER BY {' '.join('?' + name for name in order)}", **bindings)
    return _records(names, ordered)


def _records(names: list[str], rows: Sequence[Row]) -> list[dict[str, str]]:
    """Each row as {variable: value}, without its unbound variables."""
    return [{name: cell.value for name, cell in zip(names, row, strict=True) if cell is not None} for row in rows]


def solutions(snapshot: Snapshot, body: str, bindings: dict[str, str]) -> ox.QuerySolutions:
    for name, iri in bindings.items():
        term = str(ox.NamedNode(iri))  # ValueError for an invalid IRI
        body = re.sub(rf"\?{name}\b", term.replace("\\", "\\\\"), body)
    answer = snapshot.store.query(PREFIXES + body)
    assert isinstance(answer, ox.QuerySolutions)
    return answer


# Oxigraph 0.5 looks up a VALUES block of up to about a thousand IRIs row by row; a larger one it
# joins by hashing against the whole store. At 10,000 documents, 2,000 spans in one block took 12.3 s,
# 4,000 in blocks of 500 0.33 s; the mentions of 4,000 documents 76 s in blocks of 2,000, 3.7 s of 500.
VALUES_BLOCK = 500


def select_values(snapshot: Snapshot, name: str, iris: list[str], query: Callable[[str], str]) -> list[dict[str, str]]:
    """The rows of a query (made from a VALUES block of ?name) for these IRIs, asked a block at a time."""
    rows: list[dict[str, str]] = []
    for start in range(0, len(iris), VALUES_BLOCK):
        rows += select(snapshot, query(values(name, iris[start : start + VALUES_BLOCK])))
    return rows


def values(name: str, iris: list[str]) -> str:
    """A VALUES block of IRIs, each written by pyoxigraph (which rejects what would end the IRI)."""
    return f"VALUES ?{name} {{ {' '.join(str(ox.NamedNode(iri)) for iri in iris)} }}"


def is_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def values_of(snapshot: Snapshot, iris: list[str], pattern: str) -> defaultdict[str, set[str]]:
    """The values (?value) a pattern of one subject (?thing) gives each of these IRIs, in any graph:
    looked up from each IRI when the pattern is one triple or a UNION of them."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    query = "SELECT DISTINCT ?thing ?value WHERE {{ {} GRAPH ?g {{ {} }} }}".format
    for row in select_values(snapshot, "thing", iris, lambda block: query(block, pattern)):
        found[row["thing"]].add(row["value"])
    return found


def looked_up(
    snapshot: Snapshot, key: str, iris: set[str], query: Callable[[str], str], choose: Callable[[list[str]], str]
) -> dict[str, str]:
    """The value (?v) a query of a VALUES block of ?d gives each of these IRIs (`choose` picks one of
    several), looked up and kept for the snapshot under `key`; IRIs it gives none are left out."""
    known: dict[str, str | None] = snapshot.remember(key, dict)
    wanted = sorted(iri for iri in iris - known.keys() if is_iri(iri))
    if wanted:
        found: dict[str, list[str]] = defaultdict(list)
        for row in select_values(snapshot, "d", wanted, query):
            found[row["d"]].append(row["v"])
        known.update((iri, choose(found[iri]) if iri in found else None) for iri in wanted)
    return {iri: value for iri in iris if (value := known.get(iri)) is not None}
