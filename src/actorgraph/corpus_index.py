"""Files unchanged since the last build, known by their file status, not read again.

Reading a corpus costs more than anything else a rebuild does when little changed: every file
is read and parsed (YAML front matter), and every cached extraction loaded. The index keeps, for
each file a build read, its status (size, modification and change times, inode) and what the
build took from it: each document's id, source and text hash (not its metadata), extraction key, misquoted
spans and resolution summary. A later build that finds a file with the same status takes that
instead of reading the file, and the document's text from the previous generation.

A status is trusted only when the file was last modified well before it was recorded
(`RACY_SECONDS`): a file written again within the clock's granularity of being read could keep
its status with other content. The index holds for one extractor fingerprint and base IRI; any
other build ignores it. Files that gave an issue are not recorded: they are read each time, so
their error is reported each time.

The index is a base file and the changes of the builds since (one small file each, written aside
and renamed): a build that changed a few files does not rewrite the entries of all the others.
When the changes grow (MAX_DELTAS files, or DELTA_SHARE of the entries), a build writes a new base;
a change file numbered at or below its base's number is old and not read.
"""

from __future__ import annotations

import functools
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from actorgraph import documents
from actorgraph.durable import atomic_file
from actorgraph.file_status import FileStatus, KeptByFile, written_all
from actorgraph.records import Document, Issue, ValidationResult
from actorgraph.resolve import LocalActor
from actorgraph.resolve_build import Placeless, Summary

log = logging.getLogger(__name__)

FORMAT = "5"  # bump when what the index holds changes shape (5: a document's actors kept without it)
NAME = "files.pickle"
CHANGES = "files.changes-"  # + its number, 8 digits, + ".pickle"
PENDING = "files.pending"  # the next base or change file, until its build publishes
MAX_DELTAS = 16
DELTA_SHARE = 0.1
RACY_SECONDS = 2.0

Entry = tuple["FileStatus", tuple["Known", ...]]


@dataclass(frozen=True, slots=True)
class Known:
    """What a build needs of one document of an unchanged file, without reading the file. Its
    summary's actors are the document's (`LocalActor.document` is `document.id`)."""

    document: Document  # its id, source and text's hash only (its graph is built from the cached extraction)
    key: str
    misquoted: tuple[ValidationResult, ...]
    summary: Sequence[LocalActor]  # a Summary when loaded

    def __reduce__(self) -> tuple[Callable[..., Known], tuple[object, ...]]:
        """Pickled with each actor less its document (which the document says), one tuple for the same
        actor in any document: 116,000 actors of 10,000 documents are 1,800 such tuples. That index
        took 7.1 MB with an actor a document, and a build 0.20-0.24 s to load it; 3.7 MB and 0.15 s
        this way. Loaded, the actors stay in that form (`Summary`) until read as LocalActors."""
        placeless = Summary.of(self.summary).placeless if self.summary else ()
        return (_known, (self.document, self.key, self.misquoted, tuple(map(_shared, placeless))))


def _known(
    document: Document, key: str, misquoted: tuple[ValidationResult, ...], actors: tuple[Placeless, ...]
) -> Known:
    """A Known as `Known.__reduce__` pickles it."""
    return Known(document, key, misquoted, Summary(document.id, actors) if actors else ())


@functools.lru_cache(maxsize=1 << 16)
def _shared(actor: Placeless) -> Placeless:
    """The first tuple seen equal to `actor`: the pickler's memo then writes it once."""
    return actor


def settled(status: FileStatus) -> bool:
    """A status taken well after the file last changed: a later change shows in the status."""
    return max(status.modified, status.changed) < status.recorded - int(RACY_SECONDS * 1e9)


@dataclass
class CorpusIndex:
    stamp: str  # the extractor's fingerprint and the base IRI the entries hold for
    files: dict[str, Entry] = field(default_factory=dict)
    # what the folder holds: the entries as loaded, and the number of its last file (None: nothing usable)
    loaded: dict[str, Entry] = field(default_factory=dict, repr=False)
    number: int | None = None
    deltas: int = 0  # change files since the base

    @staticmethod
    def load(folder: Path | None, stamp: str) -> CorpusIndex:
        """The index kept in `folder`, or an empty one (none, unreadable, or for another stamp)."""
        empty = CorpusIndex(stamp)
        if folder is None or not (folder / NAME).is_file():
            return empty
        changed = _changes(folder)
        kept = _committed.take(_written(folder, changed))  # what this process committed there: not loaded again
        if kept is not None and kept.stamp == stamp:
            return kept
        try:
            found = pickle.loads((folder / NAME).read_bytes())
            if not (isinstance(found, tuple) and len(found) == 4 and found[:2] == (FORMAT, stamp)):
                return empty
            number, files = found[2], found[3]
            deltas = 0
            for delta, path in changed:
                if delta <= number:
                    continue  # written before the base, which holds it
                changes = pickle.loads(path.read_bytes())
                if not (isinstance(changes, tuple) and len(changes) == 3 and changes[:2] == (FORMAT, stamp)):
                    return empty
                for identity, entry in changes[2].items():
                    if entry is None:
                        files.pop(identity, None)
                    else:
                        files[identity] = entry
                number, deltas = delta, deltas + 1
        except Exception:  # a damaged index is rebuilt, never trusted
            log.warning("file index %s unreadable: every file is read", folder / NAME)
            return empty
        return CorpusIndex(stamp, files, dict(files), number, deltas)

    def unchanged(self, path: str | Path, status: FileStatus | None) -> tuple[Known, ...] | None:
        """What the last build took from `path`, if the file is as it was then."""
        entry = self.files.get(_identity(path))
        if entry is None or status is None:
            return None
        recorded, known = entry
        return known if settled(recorded) and recorded.same_file(status) else None

    def read(
        self,
        files: Iterable[str],
        usable: Callable[[Known], bool],
        origins: list[tuple[str, FileStatus | None]],
        statuses: Iterable[FileStatus | None] = (),
    ) -> Iterator[Document | Issue | Known]:
        """Each file's documents (or issues), read, or known from the index when the file is
        unchanged and each of its documents `usable`. Appends to `origins` the file each item
        came from, and its status taken before it was read: from `statuses` (each file's, from
        `documents.discover`, recorded now) where it has one, else asked now."""
        for path, found in zip_longest(files, statuses):
            status = FileStatus.of(path) if found is None else found.recorded_now()
            known = self.unchanged(path, status)
            if known is not None and all(map(usable, known)):
                origins.extend((path, status) for _ in known)
                yield from known
                continue
            for item in documents.read_file(Path(path)):
                origins.append((path, status))
                yield item

    def update(self, origins: Sequence[tuple[str, FileStatus | None]], taken: Mapping[str, list[Known] | None]) -> None:
        """The files of this build (`origins`, from `read`) and what it took from each (None: the
        file gave an issue, and is read again next time); files gone from the corpus are forgotten."""
        files: dict[str, Entry] = {}
        for path, status in dict(origins).items():
            known = taken.get(path)
            if status is None or known is None:
                continue
            identity = _identity(path)
            old = self.files.get(identity)
            if old is not None and old[0].same_file(status) and _same(old[1], known):
                files[identity] = old  # taken from the index: its entry, unchanged (a change file leaves it out)
            else:
                files[identity] = (status, tuple(known))
        self.files = files

    def save(self, folder: Path) -> None:
        """Write what changed since the index was loaded as a change file, or a new base when the
        changes have grown (or nothing usable was loaded)."""
        pending = self.prepare(folder)
        if pending is not None:
            pending.commit()

    def prepare(self, folder: Path) -> PendingSave | None:
        """`save`, written aside to be put in place by `commit` (None: nothing to write). A build
        writes its index as soon as it has read its files and commits it when it publishes: the
        pickler's memo (276 MB at 100,000 documents) is then not on top of the graphs' memory."""
        folder.mkdir(parents=True, exist_ok=True)
        changes: dict[str, Entry | None] = {k: v for k, v in self.files.items() if self.loaded.get(k) is not v}
        changes.update((identity, None) for identity in self.loaded.keys() - self.files.keys())
        if self.number is not None and not changes:
            _keep(folder, self)  # the files hold this index as it is
            return None
        number = max([self.number or 0, *(delta for delta, _ in _changes(folder))]) + 1
        base = self.number is None or self.deltas + 1 > MAX_DELTAS or len(changes) > DELTA_SHARE * len(self.files)
        # a build killed before it commits leaves this one file, written over by the next
        _write_atomically(
            folder / PENDING, (FORMAT, self.stamp, number, self.files) if base else (FORMAT, self.stamp, changes)
        )
        return PendingSave(self, folder, number, base)


@dataclass(frozen=True)
class PendingSave:
    """An index written aside (`PENDING`), not read by any build until committed."""

    index: CorpusIndex
    folder: Path
    number: int
    base: bool  # a new base (the change files before it go), else a change file

    def commit(self) -> None:
        old_changes = _changes(self.folder)
        target = NAME if self.base else f"{CHANGES}{self.number:08d}.pickle"
        os.replace(self.folder / PENDING, self.folder / target)
        if self.base:
            for _, path in old_changes:
                path.unlink(missing_ok=True)
        index = self.index
        index.deltas = 0 if self.base else index.deltas + 1
        index.loaded, index.number = dict(index.files), self.number
        _keep(self.folder, index)

    def discard(self) -> None:
        (self.folder / PENDING).unlink(missing_ok=True)


# The index this process last committed (or found its files to hold as it was), by the identity of
# those files: a process that builds again (`build --watch`) takes it as loaded, not reading them
# back (0.06-0.1 s at 10,000 documents). Taken, not shared: a build changes the index it loaded, and
# a build that fails before it commits leaves the files as they were and the index to be loaded.
_committed: KeptByFile[CorpusIndex] = KeptByFile()


def _keep(folder: Path, index: CorpusIndex) -> None:
    _committed.keep(_written(folder, _changes(folder)), index)


def _written(folder: Path, changes: list[tuple[int, Path]]) -> tuple[tuple[int, ...], ...] | None:
    """What tells an index's files (the base and its change files) from others written at their paths."""
    return written_all([folder / NAME, *(path for _, path in changes)])


def _identity(path: str | Path) -> str:
    return documents.real_path(path)


def _same(these: tuple[Known, ...], those: list[Known]) -> bool:
    return len(these) == len(those) and all(a is b for a, b in zip(these, those, strict=True))


def _changes(folder: Path) -> list[tuple[int, Path]]:
    """The change files in `folder` with their numbers, in the order they were written."""
    numbered = ((path.name[len(CHANGES) : -len(".pickle")], path) for path in folder.glob(f"{CHANGES}*.pickle"))
    return sorted((int(number), path) for number, path in numbered if number.isdigit())


def _write_atomically(target: Path, value: object) -> None:
    # pickled into the file as it goes: at 100,000 documents the pickle is 65 MB, and made whole
    # first it raised the build's last peak of memory by as much again (341 -> 276 MB traced)
    with atomic_file(target) as sink:
        pickle.dump(value, sink, protocol=pickle.HIGHEST_PROTOCOL)
