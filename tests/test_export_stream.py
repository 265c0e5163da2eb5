"""export_stream.py: N-Quads, TriG and JSON-LD streamed graph by graph are byte for byte export.render's."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from actorgraph.cli import main
from actorgraph.export import render
from actorgraph.export_stream import STREAMED, stream_export
from actorgraph.nquads_file import canonical_key, graph_of
from actorgraph.store import published_nquads, read_manifest

from .serve_helpers import corpus_store


@pytest.mark.parametrize("fmt", STREAMED)
def test_streamed_export_equals_the_whole_dataset_rendering(fmt):
    """Differential: the streaming writer and the in-memory renderer agree on the example store."""
    store = corpus_store()
    manifest = read_manifest(store)
    expected = render(published_nquads(store), fmt, manifest.base if manifest else None)
    streamed = io.BytesIO()
    stream_export(store, fmt, streamed)
    assert streamed.getvalue() == expected and len(expected) > 100_000


def test_the_canonical_file_runs_graph_by_graph():
    lines = published_nquads(corpus_store())
    assert lines == sorted(lines, key=canonical_key)
    graphs = [graph_of(line) for line in lines]
    runs = [g for i, g in enumerate(graphs) if i == 0 or graphs[i - 1] != g]
    assert len(runs) == len(set(runs)) > 3  # each graph is one run of lines
    assert graph_of('<s> <p> "a <b> c" <g> .') == "<g>" and graph_of('<s> <p> "a b c" .') == ""


def test_export_to_a_file_is_whole_or_leaves_the_old_file(tmp_path: Path, capsys):
    target = tmp_path / "x.trig"
    assert main(["export", "--format", "trig", "--store", str(corpus_store()), "-o", str(target)]) == 0
    exported = target.read_bytes()
    assert exported.startswith(b"@prefix") and not list(tmp_path.glob(".*partial"))
    assert main(["export", "--format", "trig", "--store", str(tmp_path / "no-store"), "-o", str(target)]) == 2
    assert "no built store" in capsys.readouterr().err
    assert target.read_bytes() == exported and not list(tmp_path.glob(".*partial"))
