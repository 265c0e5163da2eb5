"""Files unchanged since the last build, known by their file status, not read again.

Reading a corpus costs more than anything else a rebuild does when little changed: every file
is read and parsed (YAML front matter), and every cached extraction loaded. The index keeps, for
each file a build read, its status (size, modification and change times, inode) and what the
build took from it: each document's heading (metadata without text), extraction key, misquoted
spans and resolution summary. A later build that finds a file with the same status takes that
instead of reading the file, and the document's text from the previous generation.

A status is trusted only when the file was last modified well before it was recorded
(`RACY_SECONDS`): a file written again within the clock's granularity of being read could keep
its status with other content. The index holds for one extractor fingerprint and base IRI; any
other build ignores it. Files that gave an issue are not recorded: they are read each time, so
their error is reported each time.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph import documents
from actorgraph.compact import pickled_by_fields
from actorgraph.records import Document, Issue
from actorgraph.resolve import LocalActor
from actorgraph.validate import ValidationResult

log = logging.getLogger(__name__)

FORMAT = "2"  # bump when what the index holds changes shape
NAME = "files.pickle"
RACY_SECONDS = 2.0


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Known:
    """What a build needs of one document of an unchanged file, without reading the file."""

    document: Document  # without its text
    key: str
    misquoted: tuple[ValidationResult, ...]
    summary: tuple[LocalActor, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileStatus:
    size: int
    modified: int  # st_mtime_ns
    changed: int  # st_ctime_ns
    inode: int
    recorded: int  # when the status was taken, in ns

    @staticmethod
    def of(path: Path) -> FileStatus | None:
        try:
            status = path.stat()
        except OSError:
            return None
        return FileStatus(status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, time.time_ns())

    def same_file(self, other: FileStatus) -> bool:
        return (self.size, self.modified, self.changed, self.inode) == (
            other.size,
            other.modified,
            other.changed,
            other.inode,
        )

    @property
    def settled(self) -> bool:
        """Last modified well before it was recorded: a later change shows in the status."""
        return max(self.modified, self.changed) < self.recorded - int(RACY_SECONDS * 1e9)


@dataclass
class CorpusIndex:
    stamp: str  # the extractor's fingerprint and the base IRI the entries hold for
    files: dict[str, tuple[FileStatus, tuple[Known, ...]]] = field(default_factory=dict)

    @staticmethod
    def load(folder: Path | None, stamp: str) -> CorpusIndex:
        """The index kept in `folder`, or an empty one (none, unreadable, or for another stamp)."""
        empty = CorpusIndex(stamp)
        if folder is None or not (folder / NAME).is_file():
            return empty
        try:
            found = pickle.loads((folder / NAME).read_bytes())
        except Exception:  # a damaged index is rebuilt, never trusted
            log.warning("file index %s unreadable: every file is read", folder / NAME)
            return empty
        if not isinstance(found, tuple) or len(found) != 2 or found[0] != FORMAT:
            return empty
        index = found[1]
        return index if isinstance(index, CorpusIndex) and index.stamp == stamp else empty

    def unchanged(self, path: Path, status: FileStatus | None) -> tuple[Known, ...] | None:
        """What the last build took from `path`, if the file is as it was then."""
        entry = self.files.get(_identity(path))
        if entry is None or status is None:
            return None
        recorded, known = entry
        return known if recorded.settled and recorded.same_file(status) else None

    def read(
        self, files: Iterable[Path], usable: Callable[[Known], bool], origins: list[tuple[Path, FileStatus | None]]
    ) -> Iterator[Document | Issue | Known]:
        """Each file's documents (or issues), read, or known from the index when the file is
        unchanged and each of its documents `usable`. Appends to `origins` the file each item
        came from, and its status taken before it was read."""
        for path in files:
            status = FileStatus.of(path)
            known = self.unchanged(path, status)
            if known is not None and all(map(usable, known)):
                origins.extend((path, status) for _ in known)
                yield from known
                continue
            for item in documents.read_file(path):
                origins.append((path, status))
                yield item

    def update(self, origins: list[tuple[Path, FileStatus | None]], taken: dict[Path, list[Known] | None]) -> None:
        """The files of this build (`origins`, from `read`) and what it took from each (None: the
        file gave an issue, and is read again next time); files gone from the corpus are forgotten."""
        self.files = {
            _identity(path): (status, tuple(known))
            for path, status in dict(origins).items()
            if status is not None and (known := taken.get(path)) is not None
        }

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(handle, "wb") as sink:
            pickle.dump((FORMAT, self), sink, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / NAME)


def _identity(path: Path) -> str:
    return documents.real_path(path)
