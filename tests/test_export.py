"""Every export parses back with an independent parser to the same triples; graph/ is fresh."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from pyld import jsonld

from actorgraph.cli import main
from actorgraph.export import render
from actorgraph.ontology import load_model
from actorgraph.pipeline import BuildOptions, build_corpus
from actorgraph.store import published_nquads

from .conftest import ROOT, scratch


@cache
def store() -> Path:
    root = scratch("actorgraph-export-")
    build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=root / "store", out=None, quiet=True))
    return root / "store"


def lines() -> tuple[str, ...]:
    return tuple(published_nquads(store()))


def expected_quads() -> set[tuple[str, str, str, str]]:
    return {
        (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
        for q in ox.parse(("\n".join(lines()) + "\n").encode(), format=ox.RdfFormat.N_QUADS)
    }


def as_set(quads) -> set[tuple[str, str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in quads}


@pytest.mark.parametrize(("fmt", "rdf_format"), [("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS)])
def test_dataset_formats_parse_back_with_pyoxigraph(fmt, rdf_format):
    parsed = as_set(ox.parse(render(lines(), fmt), format=rdf_format))
    assert parsed == expected_quads()


@pytest.mark.parametrize(("fmt", "rdf_format"), [("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES)])
def test_union_formats_parse_back_with_pyoxigraph(fmt, rdf_format):
    parsed = {(s, p, o) for s, p, o, _ in as_set(ox.parse(render(lines(), fmt), format=rdf_format))}
    assert parsed == {(s, p, o) for s, p, o, _ in expected_quads()}


def test_jsonld_parses_back_with_pyld_offline():
    document = json.loads(render(lines(), "jsonld"))
    assert document["@context"] == dict(load_model().context), "the context is embedded"

    def refuse(url, options=None):
        raise AssertionError(f"pyld tried to fetch {url}")

    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": refuse})
    assert as_set(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)) == expected_quads()


def test_jsonld_reads_like_plain_json():
    document = json.loads(render(lines(), "jsonld"))
    nodes = [node for graph in document["@graph"] for node in graph.get("@graph", [graph])]
    candidacy = next(n for n in nodes if n.get("type") == "Candidacy" and n.get("voteShare") == "43.51")
    assert candidacy["partialCount"] is True and candidacy["rule"] == "candidacy.vote-share"


@cache
def built_store() -> Path:

    root = scratch("actorgraph-export-networks-")
    build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=root / "store", out=None, quiet=True))
    return root / "store"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_export_is_the_actor_networks(tmp_path, fmt):
    path = tmp_path / f"actors.{fmt}"
    assert main(["export", "--format", fmt, "--store", str(built_store()), "-o", str(path)]) == 0
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() > 20
    for node, data in graph.nodes(data=True):
        assert data.get("label"), f"node {node} has no label"
        assert node.startswith("https://w3id.org/actorgraph/data/actor/"), "actors only: no literals, no facts"
    edges = [d for _, _, d in graph.edges(data=True)]
    assert {d["network"] for d in edges} == {"endorsement", "membership", "comention", "recognition"}
    endorsements = [d for d in edges if d["network"] == "endorsement"]
    assert len(endorsements) == 7
    assert all(d["fact"].startswith("https://w3id.org/actorgraph/data/fact/") and d["mode"] for d in endorsements)
    assert any(d.get("election") == "2011 South Ossetia presidential election" for d in endorsements)
    assert all(d.get("fact") for d in edges if d["network"] in ("membership", "recognition"))


def test_network_export_of_one_network_is_deterministic(tmp_path, capsysbinary):
    for _ in range(2):
        assert main(["export", "--format", "graphml", "--network", "endorsement", "--store", str(built_store())]) == 0
    first, second = capsysbinary.readouterr().out.split(b"</graphml>")[:2]
    assert first == second.lstrip(b"\n")
    graph = nx.read_graphml(__import__("io").BytesIO(first + b"</graphml>"))
    assert graph.number_of_edges() == 7 and {d["relation"] for _, _, d in graph.edges(data=True)} == {"endorsement"}


def parsed(fmt: str, data: bytes) -> set[tuple[str, str, str, str]]:
    """What a file says, read by a parser that is not ours (pyoxigraph, pyld). GraphML is the actor networks."""
    if fmt == "jsonld":
        refuse = lambda url, options=None: pytest.fail(f"pyld tried to fetch {url}")  # noqa: E731
        nquads = jsonld.to_rdf(json.loads(data), {"format": "application/n-quads", "documentLoader": refuse})
        return as_set(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS))
    rdf_format = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "ttl": ox.RdfFormat.TURTLE}
    return as_set(ox.parse(data, format=rdf_format.get(fmt, ox.RdfFormat.N_TRIPLES)))


@pytest.mark.parametrize("fmt", ["trig", "nq", "ttl", "nt", "jsonld"])
def test_export_command_writes_each_format(tmp_path, fmt, capsysbinary):
    """The command's output, to a stream and to a file, parses to the dataset (union formats: its triples)."""
    expected = expected_quads()
    if fmt in ("ttl", "nt"):
        expected = {(s, p, o, "DEFAULT") for s, p, o, _ in expected}
    assert main(["export", "--format", fmt, "--store", str(store())]) == 0
    streamed = capsysbinary.readouterr().out
    assert parsed(fmt, streamed) == expected
    assert main(["export", "--format", fmt, "--store", str(store()), "-o", str(tmp_path / f"x.{fmt}")]) == 0
    assert (tmp_path / f"x.{fmt}").read_bytes() == streamed


def test_export_without_a_store_is_a_clear_error(tmp_path, capsys):
    assert main(["export", "--store", str(tmp_path / "nothing")]) == 2
    assert "no built store here: run `actorgraph build` first" in capsys.readouterr().err


def test_validate_accepts_every_exported_format(tmp_path):
    for fmt, suffix in (("trig", "trig"), ("nq", "nq"), ("ttl", "ttl"), ("jsonld", "jsonld")):
        path = tmp_path / f"dataset.{suffix}"
        path.write_bytes(render(lines(), fmt))
        assert main(["validate", str(path)]) == 0, fmt


def test_committed_graph_directory_is_fresh(tmp_path):
    """graph/ is regenerated by the README's main command; this fails when it is stale."""
    build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=tmp_path / "store", out=tmp_path / "graph", quiet=True))
    for produced in sorted((tmp_path / "graph").iterdir()):
        committed = ROOT / "graph" / produced.name
        assert committed.is_file(), f"graph/{produced.name} is missing: run the README's first command"
        assert committed.read_bytes() == produced.read_bytes(), (
            f"graph/{produced.name} is stale: run `actorgraph build`"
        )


def test_standard_view_answers_standard_vocabulary_queries(tmp_path):
    path = tmp_path / "standard.nq"
    assert main(["export", "--format", "nq", "--standard", "--store", str(built_store()), "-o", str(path)]) == 0
    data = ox.Store()
    data.load(path.read_bytes(), format=ox.RdfFormat.N_QUADS)

    def count(pattern: str) -> int:
        prefixes = (
            "PREFIX schema: <https://schema.org/> PREFIX org: <http://www.w3.org/ns/org#> "
            "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX oa: <http://www.w3.org/ns/oa#> "
        )
        query = f"{prefixes} SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}"
        return int(next(iter(data.query(query, use_default_graph_as_union=True)))["n"].value)

    assert count("?x a schema:Person") == 21
    assert count("?x a org:Membership ; org:member ?p ; org:organization ?o") == 2
    assert count("?x a org:Post ; org:postIn ?o") == 3, "ag:postIn is an org:postIn"
    assert count("?x a org:Organization") >= 20
    assert count("?x a prov:Entity ; prov:wasDerivedFrom ?d") == 57, "every fact"
    assert count("?x prov:wasAttributedTo ?source") == 57, "ag:extractedBy is a prov:wasAttributedTo"
    assert (
        count(
            "?x a oa:Annotation ; oa:hasBody ?fact ; oa:hasTarget [ oa:hasSource ?doc ; oa:hasSelector [ oa:exact ?q ] ]"
        )
        >= 57
    )
    assert count("GRAPH <https://w3id.org/actorgraph/ns> { ?x a <http://www.w3.org/2002/07/owl#Class> }") > 20


def test_standard_view_keeps_the_stored_data_and_is_deterministic(tmp_path, capsysbinary):
    assert main(["export", "--format", "ttl", "--standard", "--store", str(built_store())]) == 0
    first = capsysbinary.readouterr().out
    assert main(["export", "--format", "ttl", "--standard", "--store", str(built_store())]) == 0
    assert capsysbinary.readouterr().out == first
    plain = {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in ox.parse(render(lines(), "nt"), format=ox.RdfFormat.N_TRIPLES)
    }
    viewed = {(str(t.subject), str(t.predicate), str(t.object)) for t in ox.parse(first, format=ox.RdfFormat.TURTLE)}
    assert plain < viewed, "a view adds to the data, never changes it"
    assert main(["export", "--format", "ttl", "--store", str(built_store())]) == 0
    exported = ox.parse(capsysbinary.readouterr().out, format=ox.RdfFormat.TURTLE)
    standard_types = {
        str(t.subject)
        for t in exported
        if str(t.predicate) == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" and "schema.org" in str(t.object)
    }
    # the exported ontology graph names schema:Person in its alignments; no instance is typed with it
    assert not {s for s in standard_types if s.startswith("https://w3id.org/actorgraph/data/")}, (
        "the plain export and the store hold ag: types only"
    )
