"""`actorgraph build --watch` (watch.py): a build after each change, a failed build reported and
the watch going on, its own writes and other files ignored, the rules' change ending it."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph import watch as watch_module
from actorgraph.errors import ActorgraphError, InputError
from actorgraph.pipeline import BuildOptions, BuildSummary
from actorgraph.store import published_nquads, read_manifest
from actorgraph.watch import Relevant, RulesChanged, watch

from .build_helpers import copy_corpus

TIMEOUT = 60  # seconds for a build of the example corpus to come (a cold one takes a few)
DOCUMENT = "---\nid: watched\npublished: 2019-08-26\n---\nIn Abkhazia's presidential election, Zaur Kochiev has 41.5 percent.\n"


class Watching:
    """`watch` in a thread, each build's summary (or error) put on a queue."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.events: queue.Queue[BuildSummary | ActorgraphError] = queue.Queue()
        self.stop = threading.Event()
        self.ended: list[BaseException | None] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            watch(self.options, self.events.put, self.events.put, self.stop)
        except BaseException as error:  # handed to the test
            self.ended.append(error)
        else:
            self.ended.append(None)

    def next(self) -> BuildSummary | ActorgraphError:
        return self.events.get(timeout=TIMEOUT)

    def quiet(self, seconds: float = 1.5) -> bool:
        """No build came for `seconds`."""
        try:
            self.events.get(timeout=seconds)
        except queue.Empty:
            return True
        return False

    def close(self) -> BaseException | None:
        self.stop.set()
        self.thread.join(timeout=TIMEOUT)
        assert not self.thread.is_alive(), "the watch did not stop when asked"
        return self.ended[0]


@pytest.fixture()
def watching(tmp_path: Path) -> Iterator[Watching]:
    corpus = copy_corpus(tmp_path)
    options = BuildOptions(paths=(corpus,), store=corpus / ".store", out=corpus / "graph", quiet=True, jobs=1)
    running = Watching(options)
    yield running
    running.close()


def built(event: BuildSummary | ActorgraphError) -> BuildSummary:
    assert isinstance(event, BuildSummary), f"a build failed: {event}"
    return event


def test_a_new_changed_or_removed_document_is_built_and_nothing_else_starts_a_build(watching):
    corpus = watching.options.paths[0]
    first = built(watching.next())
    assert first.documents == 3 and first.published
    # the store and the outputs are inside the corpus folder: their writes start no build
    assert watching.quiet()
    (corpus / "notes.odt").write_text("not a document", encoding="utf-8")
    assert watching.quiet()

    (corpus / "watched.md").write_text(DOCUMENT, encoding="utf-8")
    added = built(watching.next())
    assert added.documents == 4 and added.extracted == 1 and added.reused == 3
    manifest = read_manifest(watching.options.store)
    assert manifest is not None and "https://w3id.org/actorgraph/data/document/watched" in manifest.graphs

    (corpus / "watched.md").write_text(DOCUMENT.replace("41.5", "42.5"), encoding="utf-8")
    assert built(watching.next()).extracted == 1
    (corpus / "watched.md").unlink()
    removed = built(watching.next())
    assert removed.documents == 3
    manifest = read_manifest(watching.options.store)
    assert manifest is not None and "https://w3id.org/actorgraph/data/document/watched" not in manifest.graphs
    assert watching.close() is None


def test_a_failed_build_is_reported_and_the_watch_goes_on(watching):
    corpus = watching.options.paths[0]
    built(watching.next())
    (corpus / "curation.yaml").write_text("merge: [unclosed\n", encoding="utf-8")
    failed = watching.next()
    assert isinstance(failed, InputError) and "curation.yaml" in str(failed)
    (corpus / "curation.yaml").unlink()  # mended: the next change builds
    assert built(watching.next()).documents == 3
    (corpus / "watched.md").write_text(DOCUMENT, encoding="utf-8")
    assert built(watching.next()).documents == 4


def test_the_rules_changing_ends_the_watch(watching, monkeypatch):
    corpus = watching.options.paths[0]
    built(watching.next())
    monkeypatch.setattr(watch_module, "rules_stamp", lambda extractor: "other rules")
    (corpus / "watched.md").write_text(DOCUMENT, encoding="utf-8")
    watching.thread.join(timeout=TIMEOUT)
    assert isinstance(watching.ended[0], RulesChanged)
    assert watching.events.empty()  # no build with the old rules


def test_the_rules_stamp_follows_the_lexicon(monkeypatch, tmp_path):
    from actorgraph import settings

    ontology = tmp_path / "ontology"
    (ontology / "lexicon").mkdir(parents=True)
    for path in settings.ontology_dir().glob("*.*"):
        if path.is_file():
            (ontology / path.name).write_bytes(path.read_bytes())
    (ontology / "lexicon" / "words.json").write_text('["a"]', encoding="utf-8")
    monkeypatch.setattr(settings, "ontology_dir", lambda: ontology)
    before = watch_module.rules_stamp("rules")
    assert watch_module.rules_stamp("rules") == before
    (ontology / "lexicon" / "words.json").write_text('["b"]', encoding="utf-8")
    assert watch_module.rules_stamp("rules") != before
    changed = watch_module.rules_stamp("rules")
    (ontology / "context.jsonld").write_text("{}", encoding="utf-8")
    assert watch_module.rules_stamp("rules") != changed
    changed = watch_module.rules_stamp("rules")
    (ontology / "shapes.ttl").write_bytes((ontology / "shapes.ttl").read_bytes() + b"\n# edited\n")
    assert watch_module.rules_stamp("rules") != changed  # the model a process loads once


def test_relevant_changes(tmp_path):
    corpus = tmp_path / "corpus"
    options = BuildOptions(
        paths=(corpus,), store=corpus / "store", out=tmp_path / "graph", curation=tmp_path / "fixes.yml"
    )
    relevant = Relevant(options)
    for name in ("a.md", "b/c.TXT", "d.html", "e.htm", "f.jsonl", "g.markdown", "curation.yaml"):
        assert relevant(None, str(corpus / name)), name
    assert relevant(None, str(tmp_path / "fixes.yml"))  # the curation file given
    for name in ("a.md.partial", ".md", "a.odt", "a.md~", "store/texts/x.txt", "store/x.md"):
        assert not relevant(None, str(corpus / name)), name
    assert not relevant(None, str(tmp_path / "graph" / "report.txt"))
    assert relevant(None, str(corpus / "storey.md"))  # beside the store, not in it
    # another build's store in the corpus, with its texts: the build reads none, nor does the watch look
    other = corpus / "old" / "store"
    (other / "texts").mkdir(parents=True)
    (other / ".lock").touch()
    assert relevant(None, str(other / "texts" / "x.txt"))  # a lock alone makes no store
    (other / "current").symlink_to("gen-000001")
    assert not relevant(None, str(other / "texts" / "x.txt"))
    assert relevant(None, str(corpus / "old" / "a.md"))
    # the corpus folder itself is listed whatever it holds: only folders below it are looked at
    (corpus / ".lock").touch()
    (corpus / "current").symlink_to("gen-000001")
    assert relevant(None, str(corpus / "a.md"))


def test_a_missing_path_is_refused(tmp_path):
    options = BuildOptions(paths=(tmp_path / "nowhere",), store=tmp_path / "store", out=None)
    with pytest.raises(InputError, match="nowhere: no such file or directory"):
        watch(options, lambda summary: None, lambda error: None)


def test_the_command_builds_until_interrupted(tmp_path):
    corpus = copy_corpus(tmp_path)
    command = [sys.executable, "-m", "actorgraph.cli", "build", str(corpus), "--store", str(tmp_path / "store")]
    child = subprocess.Popen(
        [*command, "--no-out", "--quiet", "--jobs", "1", "--watch"], stderr=subprocess.PIPE, text=True
    )
    assert child.stderr is not None
    try:
        lines = iter(child.stderr.readline, "")
        assert next(line for line in lines if line.startswith("built ")).startswith("built 3 documents")
        (corpus / "watched.md").write_text(DOCUMENT, encoding="utf-8")
        assert next(line for line in lines if line.startswith("built ")).startswith("built 4 documents")
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        assert child.wait(timeout=TIMEOUT) == 130
        assert "interrupted" in child.stderr.read()
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()


def test_the_watchs_store_is_the_store_a_fresh_process_builds(tmp_path):
    """A differential test: the watch builds in one process, keeping the manifest, file index and
    resolution state it wrote (not read back); a process of its own builds the corpus from nothing."""
    corpus = copy_corpus(tmp_path)
    running = Watching(BuildOptions(paths=(corpus,), store=tmp_path / "store", out=None, quiet=True, jobs=1))
    try:
        built(running.next())
        for number in range(3):
            (corpus / f"watched-{number}.md").write_text(DOCUMENT.replace("watched", f"watched-{number}"), "utf-8")
            assert built(running.next()).documents == 4 + number
        (corpus / "watched-1.md").write_text(DOCUMENT.replace("watched", "watched-1").replace("41.5", "39.5"), "utf-8")
        assert built(running.next()).extracted == 1
    finally:
        assert running.close() is None
    fresh = tmp_path / "fresh"
    command = [sys.executable, "-m", "actorgraph.cli", "build", str(corpus), "--store", str(fresh), "--no-out"]
    subprocess.run([*command, "--quiet", "--jobs", "1"], check=True, capture_output=True)
    assert published_nquads(tmp_path / "store") == published_nquads(fresh)


def test_a_curation_file_given_outside_the_corpus_is_looked_at_too(tmp_path):
    corpus = copy_corpus(tmp_path)
    curation = tmp_path / "elsewhere" / "fixes.yaml"
    curation.parent.mkdir()
    curation.write_text("merge: []\n", encoding="utf-8")
    options = BuildOptions(paths=(corpus,), store=tmp_path / "store", out=None, quiet=True, jobs=1, curation=curation)
    running = Watching(options)
    try:
        built(running.next())
        aside = curation.with_name("fixes.new")
        aside.write_text("merge: [unclosed\n", encoding="utf-8")
        os.replace(aside, curation)  # saved as editors save: another file renamed over it
        failed = running.next()
        assert isinstance(failed, InputError) and "fixes.yaml" in str(failed)
        curation.write_text("merge: []\n", encoding="utf-8")
        assert built(running.next()).documents == 3
    finally:
        assert running.close() is None
