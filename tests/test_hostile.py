"""The hostile corpus: every bad file one line naming it, every good document built, nothing lost."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from actorgraph.store import open_read_only, read_manifest

from . import hostile_corpus
from .build_helpers import build, copy_corpus


def test_hostile_corpus_builds_with_one_line_per_bad_file(tmp_path):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    before = read_manifest(tmp_path / "store")
    assert before is not None
    kept = next(corpus.glob("2022-*.md"))
    kept.write_bytes(b"---\ntitle: [now broken\n---\nText\n")  # was built: its graph must survive
    hostile_corpus.write(corpus / "hostile")
    started = time.monotonic()
    command = [sys.executable, "-m", "actorgraph.cli", "build", str(corpus), "--store", str(tmp_path / "store")]
    result = subprocess.run(
        [*command, "--out", str(tmp_path / "out"), "--quiet", "--time-budget", "5"],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
        timeout=600,
    )
    assert time.monotonic() - started < 120
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("actorgraph: ") and "warning" not in line]
    for name, words in {**hostile_corpus.BAD, kept.name: ["not valid YAML"]}.items():
        hits = [line for line in errors if f"{name}:" in line]
        assert len(hits) == 1, (name, errors)
        assert all(word in hits[0] for word in words), hits
    assert len(errors) == len(hostile_corpus.BAD) + 1, errors
    manifest = read_manifest(tmp_path / "store")
    assert manifest is not None
    sources = {Path(str(e["source"])).name for e in manifest.graphs.values() if e["document"]}
    good = set(hostile_corpus.GOOD) - {"lines.jsonl"}
    assert good <= sources, good - sources
    assert any(s.startswith("lines.jsonl:1") for s in sources)
    assert before.graphs.keys() <= manifest.graphs.keys(), "every graph published before is still there"
    store = open_read_only(tmp_path / "store")
    assert bool(store.query("ASK { GRAPH ?g { ?s ?p ?o } }"))
