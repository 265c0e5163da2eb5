"""How the explorer asks its store: IRIs bound safely, VALUES blocks asked a block at a time."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

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
