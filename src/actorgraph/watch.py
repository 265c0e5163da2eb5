"""`actorgraph build --watch`: build, then build again each time a document of the corpus changes.

The builds are the same as `actorgraph build`'s, one after another in one process: what a build
keeps on disk (the file index, the extractions, the resolution's state, the published graphs)
makes the next one incremental, and what the process keeps is not loaded again: its imports, the
model, the rules and their compiled patterns, and the manifest, file index and resolution state its
last build wrote or read (`store.read_manifest`, `CorpusIndex.load`, `resolve_delta.load` take them
while their files are the ones written). Changes are found by the operating system's file notifications
(watchfiles, on inotify here), not by listing the corpus over and over: a corpus of 10,000 files
costs a tenth of a second to list, and nothing while it is quiet.

What a build reads once per process, the rules, lexicon and ontology, is checked before each
build: if it changed, the watch stops (a later build would extract with the old rules and keep
the result under the new rules' key).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from actorgraph import settings
from actorgraph.curation import CURATION_FILE
from actorgraph.documents import has_document_suffix
from actorgraph.errors import ActorgraphError, InputError
from actorgraph.extract import get_extractor
from actorgraph.extracting import fingerprint
from actorgraph.file_status import written
from actorgraph.layout import written_by_a_build
from actorgraph.ontology import SHAPES_FILE
from actorgraph.pipeline import BuildOptions, BuildSummary, build_corpus
from actorgraph.reuse import files_digest

log = logging.getLogger(__name__)

# How long the watcher waits for more changes after one (ms): a burst of files (a folder copied
# in) is built once, and one file written is built this soon after it was.
STEP_MS = 50
# At most this long (ms) is a steady stream of changes grouped before a build starts.
DEBOUNCE_MS = 1600
# How often (ms) the loop wakes with nothing changed, to see whether it was asked to stop.
WAKE_MS = 500


class RulesChanged(ActorgraphError):
    """The rules, lexicon or ontology changed while watching: the process holds the old ones."""


def watch(
    options: BuildOptions,
    built: Callable[[BuildSummary], None],
    failed: Callable[[ActorgraphError], None],
    stop: threading.Event | None = None,
) -> None:
    """Build, then build again after each change to a document file (or a curation file) under
    `options.paths`, until `stop` is set (or KeyboardInterrupt). Each build's summary goes to
    `built`; a build that raises an ActorgraphError (an empty corpus, a bad curation file, a
    violation with --strict) goes to `failed`, and the watch goes on: the store is as the last
    build that succeeded left it. RulesChanged ends the watch."""
    import watchfiles  # only a watch needs it

    missing = [path for path in options.paths if not path.exists()]
    if missing:
        raise InputError(missing[0], "no such file or directory: nothing to watch")
    stamp = rules_stamp(options.extractor)
    relevant = Relevant(options)
    changes = watchfiles.watch(
        *options.paths,
        watch_filter=relevant,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        rust_timeout=WAKE_MS,
        yield_on_timeout=True,
        stop_event=stop,
    )
    next(changes, None)  # the watcher is set up before the first build: no change in between is missed
    curation = Polled(options.curation)  # a curation file given may be outside the paths watched
    _build(options, built, failed)
    for found in changes:
        edited = curation.changed()  # looked at each time: what it saw is then the file's latest
        if not found and not edited:
            continue  # woken with nothing changed
        log.info("changed: %s", ", ".join(sorted(path for _, path in found)) or options.curation)
        if rules_stamp(options.extractor) != stamp:
            raise RulesChanged("the rules, lexicon or ontology changed while watching: start the watch again")
        _build(options, built, failed)


def _build(
    options: BuildOptions, built: Callable[[BuildSummary], None], failed: Callable[[ActorgraphError], None]
) -> None:
    try:
        summary = build_corpus(options)
    except ActorgraphError as error:
        failed(error)
        return
    built(summary)


def rules_stamp(extractor: str) -> str:
    """What a process reads once and a build relies on: the extraction's fingerprint (rules'
    code, lexicon, ontology) and the model's other files (the shapes, the JSON-LD context)."""
    model = settings.ontology_dir()
    return fingerprint(get_extractor(extractor)) + files_digest([model / SHAPES_FILE, *sorted(model.glob("*.jsonld"))])


class Polled:
    """A file looked at each time the watch wakes (every WAKE_MS at the most): a curation file given
    with --curation, wherever it is (watching its folder could mean watching a home folder's tree,
    and a watch on the file itself ends when an editor saves it by renaming another over it)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.seen = written(path) if path is not None else None

    def changed(self) -> bool:
        if self.path is None:
            return False
        now = written(self.path)
        changed, self.seen = now != self.seen, now
        return changed


class Relevant:
    """Whether a changed path can change the build: a document file (by its suffix) or a curation
    file under the corpus, and not inside the store or the output folder (a corpus folder may hold
    them: their own writes must not start another build), nor inside any store or output folder
    another build wrote (the build does not read them: `layout.written_by_a_build`)."""

    def __init__(self, options: BuildOptions) -> None:
        self.curation = os.path.realpath(options.curation) if options.curation is not None else None
        self.outside = tuple(os.path.join(os.path.realpath(folder), "") for folder in options.produced())
        self.roots = frozenset(os.path.realpath(path) for path in options.paths)

    def __call__(self, change: object, path: str) -> bool:
        real = os.path.realpath(path)
        if any(real.startswith(folder) for folder in self.outside):
            return False
        name = os.path.basename(path)
        if not (name == CURATION_FILE or real == self.curation or has_document_suffix(name)):
            return False
        return real == self.curation or not any(map(written_by_a_build, _folders(real, self.roots)))


def _folders(real: str, roots: frozenset[str]) -> Iterator[str]:
    """The folders a file (its real path) is in below the corpus folder that holds it, the nearest
    first: those the build lists (`documents.discover`)."""
    folder, parent = os.path.dirname(real), real
    while folder not in roots and folder != parent:
        yield folder
        folder, parent = os.path.dirname(folder), folder
