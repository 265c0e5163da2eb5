"""Making what was written survive a crash: the one step the store and its texts share."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (files created, renamed or removed in it) to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(path: Path | str, data: bytes, sync: bool = False) -> None:
    """Write under a temporary name in the same folder and rename: readers, and a build killed at
    any moment, see the old file or the new one, never a part. With `sync`, the bytes reach the
    disk before the rename."""
    with atomic_file(path, sync) as sink:
        sink.write(data)


@contextmanager
def atomic_file(path: Path | str, sync: bool = False) -> Iterator[BinaryIO]:
    """A file to write in pieces, put in place as `write_atomically` puts its bytes: for what is
    too large to hold whole in memory as well. A failure while writing leaves the old file."""
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as sink:
            yield sink
            if sync:
                sink.flush()
                os.fsync(sink.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
