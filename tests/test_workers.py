"""Worker processes started when there is work enough for them (workers.py)."""

from __future__ import annotations

import concurrent.futures
import os
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph import workers
from actorgraph.store import published_nquads
from actorgraph.workers import Workers, process_pool

from .build_helpers import build, copy_corpus


def _pid(_: object = None) -> int:
    return os.getpid()


def test_the_first_tasks_run_here_and_the_workers_start_after():
    pool = Workers(2, inline=3)
    assert pool.here(2) and pool.here(1)  # three in all
    assert not pool.here(1) and not pool.started  # the fourth is the workers'
    with pool:
        assert pool.submit(_pid).result() != os.getpid()
        assert pool.started
        assert not pool.here(0)  # started: nothing more runs here
        assert list(pool.map(_pid, range(3))) != [os.getpid()] * 3


def test_a_batch_larger_than_what_is_left_goes_to_the_workers_whole():
    pool = Workers(2, inline=4)
    assert pool.here(1)
    assert not pool.here(4)  # three left: none of the four stays here
    assert pool.here(3)  # but three do, while the workers have not started
    assert not pool.here(1)


def test_one_job_has_no_pool_and_the_default_keeps_inline_tasks(monkeypatch):
    assert process_pool(1) is None
    monkeypatch.setattr(workers, "INLINE", 2)
    pool = process_pool(2)
    assert pool is not None and pool.inline == 2 and not pool.started
    assert process_pool(2, inline=0).inline == 0  # type: ignore[union-attr]


class _NoProcesses:
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("worker processes started")


def test_adding_one_document_starts_no_worker_process_and_builds_what_workers_would(tmp_path: Path, monkeypatch):
    corpus = copy_corpus(tmp_path)
    for number in range(6):  # enough documents for both pools to start in the first build
        for source in sorted(corpus.glob("20*.md")):
            text = source.read_text(encoding="utf-8").replace("id: ", f"id: copy-{number}-", 1)
            (corpus / f"copy-{number}-{source.name}").write_text(text, encoding="utf-8")
    build(corpus, tmp_path / "two", jobs=2)
    (corpus / "new.md").write_text("---\nid: new-one\n---\nZaur Kochiev won the election.\n", encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(concurrent.futures, "ProcessPoolExecutor", _NoProcesses)
        summary = build(corpus, tmp_path / "two", jobs=2)
    assert (summary.extracted, summary.validated) == (1, 2)  # the new document, its graph and the actors graph
    monkeypatch.setattr(workers, "INLINE", 0)
    build(corpus, tmp_path / "workers", jobs=2)
    assert published_nquads(tmp_path / "two" / "store") == published_nquads(tmp_path / "workers" / "store")


@pytest.mark.parametrize("inline", [0, 1])
def test_graphs_and_extraction_are_the_same_whoever_runs_them(tmp_path: Path, monkeypatch, inline: int):
    corpus = copy_corpus(tmp_path)
    monkeypatch.setattr(workers, "INLINE", inline)
    one = build(corpus, tmp_path / "one", jobs=1)
    two = build(corpus, tmp_path / "two", jobs=2)
    assert published_nquads(tmp_path / "one" / "store") == published_nquads(tmp_path / "two" / "store")
    assert (one.validated, one.violations) == (two.validated, two.violations)


def test_no_command_imports_the_process_pool_before_it_starts_one():
    """multiprocessing's modules take 25 ms to import: the CLI and the build import them only to start
    workers (an add to a large store starts none)."""
    code = (
        "import sys, actorgraph.cli, actorgraph.pipeline, actorgraph.extracting; "
        "print(sorted(m for m in sys.modules if m.startswith(('multiprocessing', 'concurrent.futures.process'))))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
