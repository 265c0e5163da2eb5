"""How the explorer asks its store: IRIs bound safely, VALUES blocks asked a block at a time."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.web import reads
from actorgraph.web.source import Snapshot

EX = "https://example.org/"


def snapshot(n: int) -> Snapshot:
    store = ox.Store()
    for i in range(n):
        store.add(
            ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i)), ox.NamedNode(f"{EX}g"))
        )
    return Snapshot(Path("nowhere"), store, EX)


def test_values_are_asked_in_blocks_and_every_row_comes_back(monkeypatch):
    shot = snapshot(7)
    iris = [f"{EX}s{i}" for i in range(7)] + [f"{EX}missing"]
    asked: list[str] = []

    def query(values: str) -> str:
        asked.append(values)
        return f"SELECT ?s ?o WHERE {{ {values} GRAPH ?g {{ ?s <{EX}p> ?o }} }}"

    whole = reads.select_values(shot, "s", iris, query)
    monkeypatch.setattr(reads, "VALUES_BLOCK", 3)
    asked.clear()
    blocks = reads.select_values(shot, "s", iris, query)
    assert len(asked) == 3 and all(block.count("<") <= 3 for block in asked)
    assert sorted(blocks, key=str) == sorted(whole, key=str)
    assert sorted(row["o"] for row in blocks) == [str(i) for i in range(7)]
    assert reads.select_values(shot, "s", [], query) == []


def test_a_bound_value_cannot_add_sparql_of_its_own():
    shot = snapshot(2)
    with pytest.raises(ValueError):
        reads.select(shot, "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", s=EX + "s0> ?p ?o } UNION { ?x ?y ?z")
    assert reads.select(shot, "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", s=f"{EX}s1") == [{"o": "1"}]
    assert not reads.is_iri("not an iri") and reads.is_iri(f"{EX}s1")
    assert reads.local(f"{EX}a/b#c") == "c" and reads.local(f"{EX}a/b") == "b"


def every_row_as_objects(shot: Snapshot, body: str) -> list[dict[str, str]]:
    """The rows as pyoxigraph's Python objects give them (how `select` read them before)."""
    answer = shot.store.query(reads.PREFIXES + body)
    assert isinstance(answer, ox.QuerySolutions)
    names = [v.value for v in answer.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in answer]


ODD = [
    ox.Literal('tab\tnewline\nquote"backslash\\'),
    ox.Literal("Цхинвал", language="ru"),
    ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ox.Literal("4.20", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
    ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
    ox.Literal("not a date", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
    ox.Literal(""),
    ox.BlankNode("b0"),
    ox.NamedNode("https://example.org/ä?x=1#y"),
]


def test_rows_read_from_tsv_are_the_rows_python_objects_give():
    shot = snapshot(0)
    for number, value in enumerate(ODD):
        shot.store.add(ox.Quad(ox.NamedNode(f"{EX}s{number}"), ox.NamedNode(f"{EX}p"), value, ox.NamedNode(f"{EX}g")))
    body = f"SELECT ?s ?o ?none WHERE {{ GRAPH ?g {{ ?s <{EX}p> ?o }} OPTIONAL {{ ?s <{EX}q> ?none }} }}"
    rows = reads.select(shot, body)
    assert len(rows) == len(ODD) and all("none" not in row for row in rows)
    assert sorted(rows, key=str) == sorted(every_row_as_objects(shot, body), key=str)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_comes_back_as_it_was_stored(text):
    shot = snapshot(0)
    shot.store.add(ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal(text), ox.NamedNode(f"{EX}g")))
    assert reads.select(shot, f"SELECT ?o WHERE {{ GRAPH ?g {{ ?s <{EX}p> ?o }} }}") == [{"o": text}]
