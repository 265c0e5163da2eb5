"""Every export parses back with an independent parser to the same triples; graph/ is fresh."""

from __future__ import annotations

import io
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


def test_graphml_parses_back_with_networkx():
    graph = nx.read_graphml(io.BytesIO(render(lines(), "graphml")), force_multigraph=True)
    quads = set()
    for source, target, data in graph.edges(data=True):
        quads.add((source, f"<{data['predicate']}>", target, f"<{data['graph']}>" if data["graph"] else "DEFAULT"))
    assert quads == expected_quads()
    literal = next(n for n, d in graph.nodes(data=True) if d["kind"] == "literal" and d["value"] == "43.51")
    assert graph.nodes[literal]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"


def parsed(fmt: str, data: bytes) -> set[tuple[str, str, str, str]]:
    """What a file says, read by a parser that is not ours (pyoxigraph, pyld, networkx)."""
    if fmt == "jsonld":
        refuse = lambda url, options=None: pytest.fail(f"pyld tried to fetch {url}")  # noqa: E731
        nquads = jsonld.to_rdf(json.loads(data), {"format": "application/n-quads", "documentLoader": refuse})
        return as_set(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS))
    if fmt == "graphml":
        graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
        return {
            (s, f"<{d['predicate']}>", o, f"<{d['graph']}>" if d["graph"] else "DEFAULT")
            for s, o, d in graph.edges(data=True)
        }
    rdf_format = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "ttl": ox.RdfFormat.TURTLE}
    return as_set(ox.parse(data, format=rdf_format.get(fmt, ox.RdfFormat.N_TRIPLES)))


@pytest.mark.parametrize("fmt", ["trig", "nq", "ttl", "nt", "jsonld", "graphml"])
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
