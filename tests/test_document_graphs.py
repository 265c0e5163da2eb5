"""document_graphs.py: document graphs built and validated here or in worker processes, the same."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph

from actorgraph import documents
from actorgraph.actors_graph import ActorsGraph
from actorgraph.build import GraphBuilder, referenced_actor_descriptions
from actorgraph.document_graphs import (
    Context,
    GraphTask,
    OrderedGraphs,
    actor_lines,
    build_graph,
    build_graphs,
    install,
)
from actorgraph.errors import InputError
from actorgraph.extracting import Extracted, ExtractionCache, extract_corpus
from actorgraph.graph_writer import GraphWriter, graph_entry, result_dict
from actorgraph.ids import Minter
from actorgraph.nquads_file import Block, GraphBlocks
from actorgraph.ontology import load_model
from actorgraph.pipeline import BuildSummary
from actorgraph.resolve import resolve
from actorgraph.store import Manifest
from actorgraph.validate import validate_graph
from actorgraph.workers import process_pool

from .conftest import ROOT

BASE = "https://example.org/data/"


@pytest.fixture
def setting(tmp_path, monkeypatch) -> tuple[Context, list[Extracted]]:
    """The example corpus extracted into a cache, resolved, and a context to build its graphs;
    vote shares ten times too large, so that graphs have violations (a round's shares add up
    to more than 100) whose messages name the actors."""
    import actorgraph.build as build_module

    monkeypatch.setattr(
        build_module,
        "decimal",
        lambda value: build_module.Literal(str(float(value) * 10), datatype=build_module.XSD.decimal),
    )
    cache = ExtractionCache(tmp_path / "cache")
    found = extract_corpus(documents.read(documents.discover([ROOT / "corpus"])), "rules", BASE, None, cache)
    extracted = [item for item in found if isinstance(item, Extracted)]
    builder = GraphBuilder(resolve(item.extraction for item in extracted), Minter(BASE))
    return Context(builder, cache.folder, frozenset(), actor_lines(builder.actor_triples())), extracted


def _task(item: Extracted, previous: tuple[str, list[dict[str, object]]] | None = None) -> GraphTask:
    document = item.extraction.document
    return GraphTask(document.id, document.source, item.key, None, "inputs", item.misquoted, previous)


def test_a_graph_is_validated_with_the_actors_it_names_as_an_rdflib_graph_would_be(setting):
    """Differential: the graphs validated as one batch (their lines and their actors' lines) give
    the results of each graph joined with its actors' descriptions in rdflib."""
    context, extracted = setting
    actors, model = ActorsGraph(context.builder.actor_triples()).graph(), load_model()
    violations = 0
    together = build_graphs(context, [_task(item) for item in extracted])  # validated as one batch
    for item, built in zip(extracted, together, strict=True):
        graph = context.builder.document_graph(item.extraction).graph
        report = validate_graph(graph + referenced_actor_descriptions(graph, actors), model)
        expected = [result_dict(r) for r in report.results + item.misquoted]
        assert built.entry["results"] == expected, item.extraction.document.id
        assert built.validated
        violations += len(expected)
    assert violations > 0


def test_the_published_results_are_kept_when_the_lines_are_the_same(setting):
    context, extracted = setting
    item = extracted[0]
    fresh = build_graph(context, _task(item))
    kept = [
        {"severity": "Warning", "message": "as published", "focus": "urn:f", "focus_label": "f"}
        | {"value": None, "document": None, "shape": "urn:shape"}
    ]
    same = build_graph(context, _task(item, (fresh.entry["sha256"], kept)))
    assert same.entry["results"] == kept and not same.validated
    assert same.lines == fresh.lines and same.entry["sha256"] == fresh.entry["sha256"]
    other = build_graph(context, _task(item, ("another hash", kept)))
    assert other.entry["results"] == fresh.entry["results"] and other.validated


def test_a_missing_extraction_names_the_cache(setting, tmp_path):
    context, extracted = setting
    with pytest.raises(InputError, match="went missing"):
        build_graph(replace(context, cache=tmp_path / "empty"), _task(extracted[0]))


def published(folder: Path, graphs: list[str]) -> list[Block]:
    """A previous generation's file holding one line for each of these graphs, and their blocks."""
    folder.mkdir(exist_ok=True)
    lines = [f"<urn:s> <urn:p> <urn:o> <{name}> .\n".encode() for name in graphs]
    (folder / "dataset.nq").write_bytes(b"".join(lines))
    offsets = [sum(map(len, lines[:position])) for position in range(len(lines))]
    return [
        Block(name, "dataset.nq", offset, len(line), 1)
        for name, offset, line in zip(graphs, offsets, lines, strict=True)
    ]


def _write_all(
    context: Context, extracted: list[Extracted], pool, path: Path
) -> tuple[bytes, Manifest, BuildSummary, list[Block]]:
    """Every graph through OrderedGraphs, the second one kept from a published generation."""
    manifest, summary = Manifest(base=BASE), BuildSummary()
    path.parent.mkdir()
    (kept,) = published(path.parent / "previous", ["urn:copied"])
    with GraphBlocks(path, path.parent / "previous") as sink:
        write = GraphWriter(sink, manifest, None, load_model(), summary, pool)
        graphs = OrderedGraphs(write, context, pool)
        for position, item in enumerate(extracted):
            if position == 1:
                graphs.reuse(graph_entry("urn:copied", "0" * 64, None, None, [], None, None), kept)
            graphs.build(_task(item))
        graphs.finish()
    return path.read_bytes(), manifest, summary, [block._replace(segment="") for block in sink.blocks]


def test_graphs_built_in_worker_processes_are_those_built_here_in_the_same_order(setting, tmp_path):
    context, extracted = setting
    here = _write_all(context, extracted, None, tmp_path / "here" / "dataset.nq")
    pool = process_pool(2, install, (context,), inline=0)
    assert pool is not None
    with pool:
        there = _write_all(context, extracted, pool, tmp_path / "there" / "dataset.nq")
    assert there[0] == here[0] and there[1].to_json() == here[1].to_json() and there[3] == here[3]
    assert [block.graph for block in here[3]][1] == "urn:copied" and here[3][1].lines == 1
    assert list(there[1].graphs) == list(here[1].graphs)  # written in the order asked for
    assert list(here[1].graphs)[1] == "urn:copied"
    assert (there[2].validated, there[2].reused_graphs, there[2].violations) == (len(extracted), 1, here[2].violations)
    assert here[2].violations > 0


def test_actor_lines_are_the_actors_graph_by_subject():
    graph = Graph().parse(data='<urn:a> <urn:p> <urn:b> .\n<urn:b> <urn:p> "x" .\n<urn:a> <urn:q> "y" .\n', format="nt")
    lines = actor_lines(graph)
    assert sorted(lines) == ["urn:a", "urn:b"]
    assert sorted(lines["urn:a"]) == ["<urn:a> <urn:p> <urn:b> .", '<urn:a> <urn:q> "y" .']


def test_copied_graphs_waiting_behind_a_batch_are_bounded(setting, tmp_path, monkeypatch):
    """A changed document early in the order, then thousands of unchanged ones: the copies wait
    behind its batch, PENDING_LIMIT at most, not the whole store's lines."""
    import actorgraph.document_graphs as module

    context, extracted = setting
    monkeypatch.setattr(module, "PENDING_LIMIT", 3)
    pool = process_pool(2, install, (context,), inline=0)
    assert pool is not None
    manifest, summary = Manifest(base=BASE), BuildSummary()
    kept = published(tmp_path / "previous", [f"urn:copied:{number:02d}" for number in range(20)])
    with pool, GraphBlocks(tmp_path / "graphs.nq", tmp_path / "previous") as sink:
        graphs = OrderedGraphs(GraphWriter(sink, manifest, None, load_model(), summary, pool), context, pool)
        graphs.build(_task(extracted[0]))
        waiting = []
        for block in kept:
            graphs.reuse(graph_entry(block.graph, "0" * 64, None, None, [], None, None), block)
            waiting.append(len(graphs.pending))
        graphs.finish()
    assert max(waiting) <= 3
    assert summary.reused_graphs == 20 and len(manifest.graphs) == 21
