"""A file's status: what tells a build the file changed since the corpus index recorded it."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class FileStatus(NamedTuple):
    """What tells a file changed (kept by the corpus index for every file of a corpus). A tuple: a
    build makes two for each file of the corpus (listed, then recorded as read) and loads one from
    the index, 30,000 at 10,000 files; as a frozen dataclass they took 24-36 ms to make and 12-24 ms
    to load, as a tuple 13-21 ms and 6-9 ms. It pickles as a call of `tuple.__new__`, in C."""

    size: int
    modified: int  # st_mtime_ns
    changed: int  # st_ctime_ns
    inode: int
    recorded: int  # when the status was taken, in ns (or earlier: never later)

    @staticmethod
    def of(path: str | Path) -> FileStatus | None:
        try:
            return FileStatus.from_stat(os.stat(path), time.time_ns())
        except OSError:
            return None

    @staticmethod
    def from_stat(status: os.stat_result, recorded: int) -> FileStatus:
        return FileStatus(status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, recorded)

    def recorded_now(self) -> FileStatus:
        """The same status, recorded now: when the file is about to be read. A status taken at
        any time before the file is read holds for what is read (a change in between shows as a
        different status next time), and the later it is recorded, the sooner a file written just
        before a build counts as settled: the listing's own time left the files written in the 2 s
        before it to be read again by the next build (a rebuild of 10,000 just-written documents
        took 5.8 s, not 1.2 s)."""
        return FileStatus(self.size, self.modified, self.changed, self.inode, time.time_ns())

    def __reduce__(self) -> tuple[Callable[..., FileStatus], tuple[object, ...]]:
        return (tuple.__new__, (FileStatus, tuple(self)))

    def same_file(self, other: FileStatus) -> bool:
        return self[:4] == other[:4]  # size, modified, changed, inode: all but when it was recorded


def written(path: str | Path) -> tuple[int, ...] | None:
    """What tells a file from the one written at its path before or after it (its size, modification
    and change times, inode), or None when there is none: a process that keeps what it wrote to a
    file knows by this that the file is still the one it wrote."""
    status = FileStatus.of(path)
    return None if status is None else tuple(status[:4])


def written_all(paths: Iterable[str | Path]) -> tuple[tuple[int, ...], ...] | None:
    """`written` of several files, None when one of them is not there."""
    found = []
    for path in paths:
        identity = written(path)
        if identity is None:
            return None
        found.append(identity)
    return tuple(found)


class KeptByFile(Generic[T]):
    """The one object a process last wrote to a file (or files) or read from it, under the file's
    identity (`written`, `written_all`): a process that reads the file again takes the object while
    the file is the one it wrote or read, and reads a file another process wrote since."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, T] = {}

    def keep(self, identity: Hashable | None, value: T) -> None:
        self._kept.clear()
        if identity is not None:
            self._kept[identity] = value

    def get(self, identity: Hashable | None) -> T | None:
        return self._kept.get(identity) if identity is not None else None

    def take(self, identity: Hashable | None) -> T | None:
        """`get`, and kept no more: for an object its taker changes."""
        return self._kept.pop(identity, None) if identity is not None else None

    def clear(self) -> None:
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)
