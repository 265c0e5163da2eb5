"""rdfio.py: read any RDF file actorgraph writes into one graph; a bad file is named with its problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from actorgraph.errors import InputError
from actorgraph.rdfio import rdf_format, read_rdf_file

S, P = URIRef("https://example.org/s"), URIRef("https://example.org/p")
CONTENT = {
    "x.ttl": '<https://example.org/s> <https://example.org/p> "one" .\n',
    "x.nt": '<https://example.org/s> <https://example.org/p> "one" .\n',
    "x.nq": '<https://example.org/s> <https://example.org/p> "one" <https://example.org/g1> .\n'
    '<https://example.org/s> <https://example.org/p> "two" <https://example.org/g2> .\n',
    "x.trig": '<https://example.org/g1> { <https://example.org/s> <https://example.org/p> "one" . }\n'
    '<https://example.org/g2> { <https://example.org/s> <https://example.org/p> "two" . }\n',
    "x.jsonld": '{"@id": "https://example.org/s", "https://example.org/p": "one"}',
    "X.JSON": '{"@id": "https://example.org/s", "https://example.org/p": "one"}',
}


@pytest.mark.parametrize("name", sorted(CONTENT))
def test_each_format_reads_into_the_union_of_its_graphs(tmp_path, name):
    path = tmp_path / name
    path.write_text(CONTENT[name], encoding="utf-8")
    graph = read_rdf_file(path)
    expected = {(S, P, Literal("one"))}
    if name.endswith((".nq", ".trig")):
        expected.add((S, P, Literal("two")))
    assert set(graph) == expected


def test_format_by_extension():
    assert rdf_format(Path("a.TriG")) == "trig"
    with pytest.raises(InputError, match=r"unknown RDF file extension '\.rdf' \(known: \.json, \.jsonld"):
        rdf_format(Path("a.rdf"))


def test_missing_and_broken_files_are_named(tmp_path):
    with pytest.raises(InputError, match="file not found") as missing:
        read_rdf_file(tmp_path / "none.ttl")
    assert "none.ttl" in str(missing.value)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<s> <p> {\nmore\nlines", encoding="utf-8")
    with pytest.raises(InputError, match="does not parse as turtle") as broken:
        read_rdf_file(bad)
    assert "bad.ttl" in str(broken.value) and "\n" not in str(broken.value), "one line"
