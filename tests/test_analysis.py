"""Network projections: real answers, files that load, pictures that exist, time slicing."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import networkx as nx

from actorgraph.analysis import networks, write_outputs
from actorgraph.cli import main
from actorgraph.pipeline import BuildOptions, build_corpus

from .conftest import ROOT, scratch

ACTOR = "https://w3id.org/actorgraph/data/actor/"


@cache
def store() -> Path:
    root = scratch("actorgraph-analysis-")
    build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=root / "store", out=None, quiet=True))
    return root / "store"


def test_endorsement_network():
    graph = networks(store()).endorsement
    assert graph.has_edge(ACTOR + "dzambulat-tedeev", ACTOR + "alla-dzhioyeva")
    assert graph.has_edge(ACTOR + "unity-party", ACTOR + "anatoly-bibilov")
    modes = {d["mode"] for _, b, d in graph.edges(data=True) if b == ACTOR + "anatoly-bibilov"}
    assert modes == {"support", "nomination"}
    top = max(graph.nodes, key=lambda n: graph.nodes[n]["pagerank"])
    assert top == ACTOR + "anatoly-bibilov"
    assert graph.nodes[top]["in_degree"] == 4


def test_other_projections():
    result = networks(store())
    assert result.membership.has_edge(ACTOR + "alan-gagloev", ACTOR + "nykhas")
    assert result.recognition.has_edge(ACTOR + "nauru", ACTOR + "south-ossetia")
    weight = result.comention[ACTOR + "anatoly-bibilov"][ACTOR + "south-ossetia"]["weight"]
    assert weight == 2, "Bibilov and South Ossetia share two documents"
    assert all("community" in d for _, d in result.comention.nodes(data=True))


def test_time_slice_and_election_filter():
    until_2012 = networks(store(), until="2012-12-31")
    assert ACTOR + "alan-gagloev" not in until_2012.comention, "the 2022 article is cut"
    only_2012 = networks(store(), election="2012 South Ossetia presidential election")
    assert {(a, b) for a, b in only_2012.endorsement.edges()} == {(ACTOR + "russia", ACTOR + "leonid-tibilov")}
    assert {r[0] for r in only_2012.vote_shares.rows} == {"2012 South Ossetia presidential election"}


def test_files_load_in_networkx_and_pictures_are_pngs(tmp_path):
    written = write_outputs(networks(store()), tmp_path)
    assert len(written) == 19
    for name in ("endorsement", "membership", "comention", "recognition"):
        from_graphml = nx.read_graphml(tmp_path / f"{name}.graphml")
        from_gexf = nx.read_gexf(tmp_path / f"{name}.gexf")
        assert from_graphml.number_of_nodes() == from_gexf.number_of_nodes() > 0
        assert "pagerank" in next(iter(from_graphml.nodes(data=True)))[1]
    for picture in ("endorsement-network.png", "vote-shares.png"):
        data = (tmp_path / picture).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_outputs_are_deterministic(tmp_path):
    write_outputs(networks(store()), tmp_path / "a")
    write_outputs(networks(store()), tmp_path / "b")
    for path in sorted((tmp_path / "a").iterdir()):
        if path.suffix != ".png":
            assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_analyze_command(tmp_path, capsys):
    assert main(["analyze", "--store", str(store()), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "endorsement: 9 nodes" in out and "top by PageRank: Anatoly Bibilov" in out
    assert nx.read_graphml(io.BytesIO((tmp_path / "endorsement.graphml").read_bytes())).number_of_edges() == 7


def test_committed_analysis_is_fresh(tmp_path):
    """graph/analysis is written by the README's first command; its data files must match."""
    from actorgraph.pipeline import BuildOptions, build_corpus

    build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=tmp_path / "store", out=None, quiet=True))
    write_outputs(networks(tmp_path / "store"), tmp_path / "analysis")
    for produced in sorted((tmp_path / "analysis").iterdir()):
        committed = ROOT / "graph" / "analysis" / produced.name
        assert committed.is_file(), f"graph/analysis/{produced.name} is missing: run `actorgraph analyze`"
        if produced.suffix != ".png":  # pictures depend on the fonts of the machine that drew them
            assert committed.read_bytes() == produced.read_bytes(), f"graph/analysis/{produced.name} is stale"
