"""A file's status: what tells a build the file changed since the corpus index recorded it."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from actorgraph.compact import pickled_by_fields


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileStatus:
    """What tells a file changed (kept by the corpus index for every file of a corpus)."""

    size: int
    modified: int  # st_mtime_ns
    changed: int  # st_ctime_ns
    inode: int
    recorded: int  # when the status was taken, in ns (or earlier: never later)

    @staticmethod
    def of(path: Path) -> FileStatus | None:
        try:
            return FileStatus.from_stat(path.stat(), time.time_ns())
        except OSError:
            return None

    @staticmethod
    def from_stat(status: os.stat_result, recorded: int) -> FileStatus:
        return FileStatus(status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, recorded)

    def same_file(self, other: FileStatus) -> bool:
        return (self.size, self.modified, self.changed, self.inode) == (
            other.size,
            other.modified,
            other.changed,
            other.inode,
        )
