"""Which of many document graphs conform: the compiled shapes run once over a batch of them.

Each compiled query costs about as much to parse and plan as to run over one document graph (some
200 queries, 15-25 ms a graph). A batch puts many graphs in one store, made disjoint from one
another: the nodes a graph describes (the subjects of its own triples) are renamed with a prefix
of the graph's own, so graphs share only the nodes every one of them describes the same way (the
actors, from the actors graph; the ontology). A graph for which no query selects a node of its own,
or a shared node, has no results, as validated alone; a graph with any is validated alone by the
caller (graph_writer.validate_triples), which words them. The batch decides only which graphs conform.

That holds for constraints whose violations cannot vanish when other graphs are around. A
constraint that counts or negates what points *to* a shared node (say, "an actor named by fewer
than two mentions") could pass in a batch and fail alone; so could one that matches the spelling
of a described node's IRI and reports a match. The shapes here have neither: a differential test
runs every shape case, and the example documents, both ways. A graph whose own triples describe
a shared node, or hold a blank node, is never batched; nor is any graph when a shape falls back to
pySHACL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import pyoxigraph as ox

from actorgraph import shacl_sparql
from actorgraph.ontology import Model, load_model
from actorgraph.shacl_compile import RAW_GRAPH, raw_datatype_iri
from actorgraph.validate import ontology_quads

_PREFIX = "urn:actorgraph:batch:"


def conforming(graphs: Sequence[tuple[str, str]], model: Model | None = None) -> list[bool]:
    """For each graph, given as its own N-Triples and the N-Triples of the shared nodes it is
    validated with (its actors), whether it certainly conforms. False: validate it alone."""
    model = model or load_model()
    if not graphs or shacl_sparql.compiled(model.shapes, model.token).fallback:
        return [False] * len(graphs)
    ontology = ontology_quads(model)
    in_ontology, described_by_ontology = _ontology_nodes(model)
    split = [(_triples(own), _triples(shared)) for own, shared in graphs]
    described = set(described_by_ontology)
    for _own, (shared, _blank) in split:
        described.update(subject for subject, _, _ in shared)
    batched: set[int] = set()
    lines: list[str] = []
    holders: dict[str, set[int]] = defaultdict(set)  # a node left as it is -> the graphs that hold it
    for position, ((own, own_blank), (shared, shared_blank)) in enumerate(split):
        local = {subject for subject, _, _ in own}
        if own_blank or shared_blank or not local.isdisjoint(described):
            continue  # not made disjoint from the others by renaming (or a blank node): validated alone
        batched.add(position)
        prefix = f"{_PREFIX}{position}:"
        for subject, predicate, value in own:
            if value[0] == "<" and value[1:-1] in local:
                value = f"<{prefix}{value[1:]}"
            else:
                holders[_node(value)].add(position)
            _add_quads(lines, f"<{prefix}{subject}>", predicate, value)
        for subject, predicate, value in shared:
            holders[subject].add(position)
            holders[_node(value)].add(position)
            _add_quads(lines, f"<{subject}>", predicate, value)
    flagged: set[int] = set()
    for node in _focus_nodes("".join(lines), ontology, model) if batched else ():
        if node.startswith(_PREFIX):
            flagged.add(int(node[len(_PREFIX) :].split(":", 1)[0]))
        elif node in in_ontology:  # every graph is validated with the ontology
            flagged |= batched
        else:  # a shared node's result: each graph that holds it is validated alone
            flagged |= holders.get(node, batched)
    return [position in batched and position not in flagged for position in range(len(graphs))]


# by the ontology's quads (validate.ontology_quads: one list a loaded model), which are kept with them
_ONTOLOGY_NODES: dict[int, tuple[list[ox.Quad], frozenset[str], frozenset[str]]] = {}


def _ontology_nodes(model: Model) -> tuple[frozenset[str], frozenset[str]]:
    """The values of the ontology's nodes, and of those it describes (its subjects), once a model."""
    quads = ontology_quads(model)
    if id(quads) not in _ONTOLOGY_NODES:
        nodes = {str(getattr(t, "value", "")) for quad in quads for t in (quad.subject, quad.predicate, quad.object)}
        subjects = {str(getattr(quad.subject, "value", "")) for quad in quads}
        _ONTOLOGY_NODES[id(quads)] = (quads, frozenset(nodes), frozenset(subjects))
    _, nodes_, subjects_ = _ONTOLOGY_NODES[id(quads)]
    return nodes_, subjects_


def _triples(text: str) -> tuple[list[tuple[str, str, str]], bool]:
    """N-Triples lines as (subject IRI, predicate as written, object as written), and whether a
    line has a blank node (a graph with one is not batched). A line whose subject is blank is left
    out; one whose object is, kept (its subject is a node the graph describes)."""
    found = []
    blank = False
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line[0] != "<":
            blank = True
            continue
        end = line.index(">")
        predicate_end = line.index(">", end + 2)
        value = line[predicate_end + 2 :].rstrip()[:-1].rstrip()  # without the final " ."
        blank = blank or value.startswith("_:")
        found.append((line[1:end], line[end + 2 : predicate_end + 1], value))
    return found, blank


def _node(value: str) -> str:
    """A written object as the value of the node (an IRI's text; a literal's lexical form, as written)."""
    return value[1:-1] if value[0] == "<" else value[1 : value.rindex('"')]


def _add_quads(lines: list[str], subject: str, predicate: str, value: str) -> None:
    """A triple as N-Quads, and a literal also raw (shacl_compile: kept as written, its datatype
    and language named in a private datatype)."""
    lines.append(f"{subject} {predicate} {value} .\n")
    if value[0] == '"':
        close = value.rindex('"')
        lines.append(f"{subject} {predicate} {value[: close + 1]}^^<{_raw(value[close + 1 :])}> <{RAW_GRAPH}> .\n")


@lru_cache(maxsize=64)  # a few datatypes and languages
def _raw(suffix: str) -> str:
    """The private datatype of a literal written with this suffix (its datatype or language)."""
    datatype = suffix[3:-1] if suffix.startswith("^^<") else None
    language = suffix[1:] if suffix.startswith("@") else None
    return raw_datatype_iri(datatype, language)


def _focus_nodes(nquads: str, ontology: list[ox.Quad], model: Model) -> set[str]:
    """The focus node of every result of every compiled check over these quads."""
    store = ox.Store()
    store.extend(ontology)
    store.load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    found: set[str] = set()
    for check in shacl_sparql.compiled(model.shapes).checks:
        solutions = store.query(check.query)
        assert isinstance(solutions, ox.QuerySolutions)
        found.update(row["this"].value for row in solutions)
    return found
