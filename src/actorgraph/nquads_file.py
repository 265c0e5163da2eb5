"""The canonical N-Quads file of a store generation: the dataset's lines ordered graph by graph.

A build writes each named graph as one block of sorted, distinct lines (`GraphBlocks`), so the
canonical order is a reordering of blocks. `sort_lines` sorts any file of lines in bounded memory.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO


class GraphBlocks:
    """A generation's quads as a build writes them: one block of sorted, distinct N-Quads lines per
    named graph. Putting them in canonical order is then a reordering of blocks, not a sort of lines."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.blocks: list[tuple[str, int, int]] = []  # graph IRI, offset, length in bytes
        self._file: BinaryIO | None = path.open("wb")

    @property
    def size(self) -> int:
        return sum(length for _, _, length in self.blocks)

    def graph(self, name: str, lines: list[str]) -> None:
        """Write one graph's lines (each ending in `<name> .`), sorted and distinct."""
        if lines:
            self.block(name, ("\n".join(lines) + "\n").encode("utf-8"))

    def block(self, name: str, data: bytes) -> None:
        """Write one graph's lines as a canonical file holds them (UTF-8, each ending in a newline):
        a graph copied from the previous generation is not decoded and split to be joined again."""
        assert self._file is not None, "blocks are written before they are put in order"
        if data:
            self.blocks.append((name, self._file.tell(), len(data)))
            self._file.write(data)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> GraphBlocks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def canonical(self) -> None:
        """Reorder the file into canonical order (`canonical_key`): the blocks by graph name."""
        self.close()
        names = [f"<{name}>" for name, _, _ in self.blocks]
        if len(set(names)) != len(names):  # a graph written twice: only a sort of lines merges it
            sort_lines(self.path, canonical_key)
            self.blocks = _blocks_of(self.path)
            return
        order = sorted(range(len(names)), key=names.__getitem__)
        if order == sorted(order):
            return
        temporary = self.path.with_name(f"{self.path.name}.ordered")
        blocks = []
        with self.path.open("rb") as source, temporary.open("wb") as sink:
            for index in order:
                name, offset, length = self.blocks[index]
                source.seek(offset)
                blocks.append((name, sink.tell(), length))
                sink.write(source.read(length))
        os.replace(temporary, self.path)
        self.blocks = blocks

    def save_index(self, target: Path) -> None:
        """Where each graph's block is (offset, length, name; one a line): a later build reads a
        graph it reuses at its place instead of reading every line before it."""
        target.write_text(
            "".join(f"{offset}\t{length}\t{name}\n" for name, offset, length in self.blocks), encoding="utf-8"
        )

    def read(self, names: set[str], size: int) -> Iterator[bytes]:
        """The lines of these graphs in canonical order, in pieces of about `size` bytes (whole
        graphs; a larger graph is a piece of its own)."""
        parts: list[bytes] = []
        held = 0
        with self.path.open("rb") as source:
            for name, offset, length in self.blocks:
                if name in names:
                    source.seek(offset)
                    parts.append(source.read(length))
                    held += length
                    if held >= size:
                        yield b"".join(parts)
                        parts, held = [], 0
        if parts:
            yield b"".join(parts)


def pieces(path: Path, size: int) -> Iterator[bytes]:
    """A file of lines in pieces of about `size` bytes, each ending at a line's end."""
    with path.open("rb") as source:
        while lines := source.readlines(size):
            yield b"".join(lines)


def _blocks_of(path: Path) -> list[tuple[str, int, int]]:
    """The graph blocks of a canonical file (each graph one run of lines)."""
    blocks: list[tuple[str, int, int]] = []
    offset = 0
    with path.open("rb") as source:
        for line in source:
            name = graph_of(line.decode("utf-8"))[1:-1]
            if blocks and blocks[-1][0] == name:
                blocks[-1] = (name, blocks[-1][1], blocks[-1][2] + len(line))
            else:
                blocks.append((name, offset, len(line)))
            offset += len(line)
    return blocks


def sort_lines(path: Path, key: Callable[[str], Any], chunk: int = 200_000) -> None:
    """Sort a text file's non-blank lines in place by `key`, without duplicates, in bounded memory:
    runs of `chunk` lines are sorted into temporary files beside it, then merged."""
    runs: list[Path] = []
    try:
        with path.open(encoding="utf-8") as source:
            while batch := list(islice(source, chunk)):
                lines = sorted({line.rstrip("\n") + "\n" for line in batch if line.strip()}, key=key)
                run = path.with_name(f"{path.name}.run{len(runs)}")
                run.write_text("".join(lines), encoding="utf-8")
                runs.append(run)
        with ExitStack() as files, path.open("w", encoding="utf-8") as sink:
            previous = None
            for line in heapq.merge(*(files.enter_context(r.open(encoding="utf-8")) for r in runs), key=key):
                if line != previous:
                    sink.write(line)
                previous = line
    finally:
        for run in runs:
            run.unlink(missing_ok=True)


def canonical_key(line: str) -> tuple[str, str]:
    """The canonical order of N-Quads lines: by graph, then by line, so that each named graph is
    one run of the file and a reader can stream the dataset graph by graph."""
    return graph_of(line), line


def graph_of(line: str) -> str:
    """The graph name of an N-Quads line as written (`<iri>`), or "" for the default graph."""
    head = line.rstrip()[:-1].rstrip()
    name = head.rpartition(" ")[2]
    return name if name.startswith(("<", "_:")) and head.count(" ") >= 3 else ""


def index_path(quads: Path) -> Path:
    """The block index kept beside a canonical file (see GraphBlocks.save_index)."""
    return quads.with_name(quads.name + ".blocks")


def load_index(quads: Path) -> dict[str, tuple[int, int]] | None:
    """A canonical file's block index, or None when there is none or it does not fit the file."""
    try:
        text = index_path(quads).read_text(encoding="utf-8")
        size = quads.stat().st_size
    except (OSError, UnicodeDecodeError):
        return None
    index: dict[str, tuple[int, int]] = {}
    end = 0
    for line in text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"):
        offset, length, name = line.split("\t", 2) if line.count("\t") >= 2 else ("", "", "")
        if not (offset.isdigit() and length.isdigit()) or int(offset) != end or name in index:
            return None  # blocks run one after the other, each graph once
        index[name] = (int(offset), int(length))
        end = int(offset) + int(length)
    return index if end == size else None
