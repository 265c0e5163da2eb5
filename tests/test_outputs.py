"""outputs.py and when the build writes it: whole-dataset files for a small corpus, on request for a large one."""

from __future__ import annotations

from actorgraph.cli import main
from actorgraph.store import published_nquads

from .build_helpers import build, copy_corpus


def test_a_corpus_over_the_limit_leaves_the_outputs_unwritten(tmp_path):
    corpus = copy_corpus(tmp_path)
    summary = build(corpus, tmp_path, out_max_documents=2)
    assert summary.outputs_skipped and summary.published
    assert "not written" in summary.line()
    assert not (tmp_path / "out" / "SHA256SUMS").exists() and not (tmp_path / "out" / "dataset.trig").exists()
    assert published_nquads(tmp_path / "store")  # the store has everything
    again = build(corpus, tmp_path / "small", out_max_documents=3)  # at the limit: written
    assert not again.outputs_skipped and (tmp_path / "small" / "out" / "SHA256SUMS").is_file()


def test_resolution_keeps_its_decisions_only_for_outputs_that_are_written(tmp_path, monkeypatch):
    """The decisions are for the resolution log in the outputs: 114,000 of them at 10,000 documents,
    and keeping them also takes resolution off its fast path."""
    from actorgraph import pipeline, resolve_delta

    kept: list[bool] = []
    resolve_summaries = resolve_delta.resolve_summaries

    def recording(summaries, overrides=None, decisions_kept=True, trace=None):  # type: ignore[no-untyped-def]
        kept.append(decisions_kept)
        return resolve_summaries(summaries, overrides, decisions_kept, trace)

    monkeypatch.setattr(resolve_delta, "resolve_summaries", recording)
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path / "large", out_max_documents=2)
    build(corpus, tmp_path / "small", out_max_documents=3)
    pipeline.build_corpus(pipeline.BuildOptions(paths=(corpus,), store=tmp_path / "none", out=None, quiet=True))
    assert kept == [False, True, False]
    assert (tmp_path / "small" / "out" / "resolution-log.txt").read_text(encoding="utf-8").strip()


def test_an_explicit_out_is_always_written(tmp_path, monkeypatch, capsys):
    import actorgraph.cli_parser

    corpus = copy_corpus(tmp_path)
    monkeypatch.setattr("actorgraph.cli.OUT_MAX_DOCUMENTS", 1)
    monkeypatch.chdir(tmp_path)
    assert actorgraph.cli_parser.OUT_MAX_DOCUMENTS == 1000
    assert main(["build", str(corpus), "--store", "s1", "--quiet"]) == 0
    assert "not written" in capsys.readouterr().err and not (tmp_path / "graph" / "SHA256SUMS").exists()
    assert main(["build", str(corpus), "--store", "s2", "--quiet", "--out", "mine"]) == 0
    assert (tmp_path / "mine" / "SHA256SUMS").is_file()
