"""Progress bars on stderr for a person watching a long build: documents read and built, bytes
stored. Silent when stderr is no terminal or the build is asked to be quiet (tqdm)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], quiet: bool, description: str, total: int | None = None) -> Iterator[T]:
    """A progress bar on stderr when it is a terminal and not silenced."""
    if quiet or not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=description, unit="doc", total=total, file=sys.stderr, leave=False)


def progress_bytes(quiet: bool, description: str) -> Callable[[Iterable[bytes], int], Iterator[bytes]]:
    """A progress bar of bytes on stderr, as `progress`, for pieces of data and their total: the
    store's load, minutes at 100,000 documents."""

    def shown(pieces: Iterable[bytes], total: int) -> Iterator[bytes]:
        if quiet or not sys.stderr.isatty():
            yield from pieces
            return
        from tqdm import tqdm

        with tqdm(total=total, desc=description, unit="B", unit_scale=True, file=sys.stderr, leave=False) as bar:
            for piece in pieces:
                yield piece
                bar.update(len(piece))

    return shown
