"""The canonical N-Quads of a store generation: the dataset's lines ordered graph by graph.

A build writes each named graph as one block of sorted, distinct lines (`GraphBlocks`), so the
canonical order is an order of blocks, kept in an index beside the file (`save_index`). A graph a
build reuses is not copied: its block stays in the previous generation's file, which the new
generation shares by a hard link (a segment; a published file is never written again). Shared files
that are mostly replaced graphs are copied from and dropped, so a generation holds at most
MAX_SEGMENTS files, and about as many dead bytes as live ones at most. `Canonical` reads a
published generation's blocks in canonical order; `sort_lines` sorts any file of lines in bounded
memory.
"""

from __future__ import annotations

import heapq
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

# a generation shares at most this many files of earlier ones (see GraphBlocks.canonical)
MAX_SEGMENTS = 8
# a shared file with less than this share of its bytes still in use is copied from, not shared
LIVE_SHARE = 0.5


class Block(NamedTuple):
    """One named graph's lines: `length` bytes (`lines` lines) at `offset` of `segment`, a file in
    the generation's folder. A tuple: a build loads one for every graph of the store from the
    block index (a frozen dataclass took about twice as long to make: 0.9-1.4 us against 0.4-0.6 us)."""

    graph: str
    segment: str
    offset: int
    length: int
    lines: int  # UNCOUNTED in an index written before line counts were kept


UNCOUNTED = -1


class GraphBlocks:
    """A generation's quads as a build writes them: one block of sorted, distinct N-Quads lines per
    named graph, in the file at `path` or (`link`) left in a file of the `previous` generation.
    Putting them in canonical order is then an order of blocks, not a sort of lines."""

    def __init__(self, path: Path, previous: Path | None = None) -> None:
        self.path = path
        self.previous = previous  # the folder of the generation whose blocks `link` shares
        self.blocks: list[Block] = []
        self._file: BinaryIO | None = path.open("wb")
        self._linked: dict[str, str] = {}  # a file of the previous generation -> its name here

    @property
    def size(self) -> int:
        return sum(block.length for block in self.blocks)

    def graph(self, name: str, lines: list[str]) -> None:
        """Write one graph's lines (each ending in `<name> .`), sorted and distinct."""
        if lines:
            self.block(name, ("\n".join(lines) + "\n").encode("utf-8"))

    def block(self, name: str, data: bytes) -> None:
        """Write one graph's lines as a canonical file holds them (UTF-8, each ending in a newline)."""
        assert self._file is not None, "blocks are written before they are put in order"
        if data:
            self.blocks.append(Block(name, self.path.name, self._file.tell(), len(data), data.count(b"\n")))
            self._file.write(data)

    def link(self, block: Block) -> None:
        """A graph of the previous generation (`Canonical.block` of its file), left where it is: the
        file holding it is shared by a hard link, nothing is read or copied."""
        assert self._file is not None and self.previous is not None, "a shared block is a previous generation's"
        name = self._linked.get(block.segment)
        if name is None:
            name = block.segment
            if name == self.path.name:  # the previous generation's own file: shared under its generation's name
                name = f"{self.path.stem}.{self.previous.name}{self.path.suffix}"
            _share(self.previous / block.segment, self.path.with_name(name))
            self._linked[block.segment] = name
        lines = block.lines
        if lines == UNCOUNTED:  # an older index: counted once, then kept in this generation's index
            data, _ = next(_block_bytes(self.previous, [block]))
            lines = data.count(b"\n")
        # a kept block in a file shared under its own name is itself (no new one: a build keeps thousands)
        same = name == block.segment and lines == block.lines
        self.blocks.append(block if same else Block(block.graph, name, block.offset, block.length, lines))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> GraphBlocks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def canonical(self) -> None:
        """Put the blocks in canonical order (`canonical_key`): by graph name. The blocks of shared
        files that are mostly replaced graphs (or beyond MAX_SEGMENTS) are copied in first. The
        file is rewritten only when a graph was written twice (a sort of lines merges it) or when it
        is to hold every block and they are not in order (a cold build writes them in order)."""
        names = [f"<{block.graph}>" for block in self.blocks]
        if len(set(names)) != len(names):
            self._copy_in(set(self._linked.values()))
            self.close()
            sort_lines(self.path, canonical_key)
            self.blocks = _blocks_of(self.path)
            return
        drop = self._segments_to_drop()
        one_file = drop == set(self._linked.values())  # none stays shared (or none was)
        if not one_file:
            self._copy_in(drop)
        self.close()
        order = sorted(range(len(names)), key=names.__getitem__)
        self.blocks = [self.blocks[index] for index in order]
        if not one_file or (not drop and order == sorted(order)):
            return
        # one file in canonical order, written from where the blocks are: this file and the shared ones dropped
        temporary = self.path.with_name(f"{self.path.name}.ordered")
        blocks = []
        with temporary.open("wb") as sink:
            for data, block in _block_bytes(self.path.parent, self.blocks):
                blocks.append(block._replace(segment=self.path.name, offset=sink.tell()))
                sink.write(data)
        os.replace(temporary, self.path)
        self.blocks = blocks
        self._unshare(drop)

    def _segments_to_drop(self) -> set[str]:
        """The shared files whose blocks are copied in: those mostly replaced, then all but the
        largest when there are still too many."""
        live: Counter[str] = Counter()
        for block in self.blocks:
            if block.segment != self.path.name:
                live[block.segment] += block.length
        sizes = {segment: self.path.with_name(segment).stat().st_size for segment in live}
        drop = {segment for segment, used in live.items() if used < LIVE_SHARE * sizes[segment]}
        kept = sorted((segment for segment in live if segment not in drop), key=lambda s: (-sizes[s], s))
        if len(kept) >= MAX_SEGMENTS:
            drop.update(kept[1:])
        return drop

    def _copy_in(self, segments: set[str]) -> None:
        """Copy the blocks held in these shared files into this generation's own; drop the files."""
        if not segments:
            return
        self.close()
        moved = [index for index, block in enumerate(self.blocks) if block.segment in segments]
        copies = _block_bytes(self.path.parent, [self.blocks[index] for index in moved])
        with self.path.open("ab") as sink:
            for index, (data, block) in zip(moved, copies, strict=True):
                self.blocks[index] = block._replace(segment=self.path.name, offset=sink.tell())
                sink.write(data)
        self._unshare(segments)

    def _unshare(self, segments: set[str]) -> None:
        for source, name in list(self._linked.items()):
            if name in segments:
                self.path.with_name(name).unlink()
                del self._linked[source]

    def save_index(self, target: Path) -> None:
        """Where each graph's block is, in canonical order (file, offset, length, lines, graph; one
        a line): readers find a graph at its place, and the next build shares the files."""
        target.write_text(
            "".join(f"{b.segment}\t{b.offset}\t{b.length}\t{b.lines}\t{b.graph}\n" for b in self.blocks),
            encoding="utf-8",
        )

    def read(self, names: set[str] | None, size: int) -> Iterator[bytes]:
        """The lines of these graphs (all: None) in canonical order, in pieces of about `size` bytes
        (whole graphs; a larger graph is a piece of its own)."""
        chosen = self.blocks if names is None else [block for block in self.blocks if block.graph in names]
        return _pieces_of(self.path.parent, chosen, size)


class Canonical:
    """A published generation's dataset in canonical order, read through its block index or,
    without a usable one (an older build's generation, a file loaded by hand), by a pass over the
    canonical file at `path`, which then holds every graph, one run of lines each."""

    def __init__(self, path: Path) -> None:
        self.folder = path.parent
        blocks = load_index(path)
        if blocks is None:
            blocks = _blocks_of(path) if path.is_file() else []
        self.blocks = blocks
        self._by_graph: dict[str, Block] | None = None

    def block(self, graph: str) -> Block | None:
        """Where `graph` (an IRI) is, if the dataset has it."""
        if self._by_graph is None:
            self._by_graph = {block.graph: block for block in self.blocks}
        return self._by_graph.get(graph)

    def pieces(self, size: int) -> Iterator[bytes]:
        """The lines of every graph, in pieces of about `size` bytes (whole graphs)."""
        return _pieces_of(self.folder, self.blocks, size)

    def graphs(self, names: set[str] | None = None) -> Iterator[tuple[str, list[str]]]:
        """Each graph's name and lines (without their newlines), in canonical order; only these
        graphs (all: None), each read at its place."""
        wanted = sorted(names or (), key=lambda name: f"<{name}>")
        chosen = self.blocks if names is None else [b for name in wanted if (b := self.block(name))]
        for data, block in _block_bytes(self.folder, chosen):
            yield block.graph, data.decode("utf-8").split("\n")[:-1]


def _share(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)


def _block_bytes(folder: Path, blocks: Iterable[Block]) -> Iterator[tuple[bytes, Block]]:
    """Each block's bytes, read from its file."""
    with ExitStack() as stack:
        files: dict[str, BinaryIO] = {}
        for block in blocks:
            source = files.get(block.segment)
            if source is None:
                source = files[block.segment] = stack.enter_context((folder / block.segment).open("rb"))
            source.seek(block.offset)
            yield source.read(block.length), block


def _pieces_of(folder: Path, blocks: list[Block], size: int) -> Iterator[bytes]:
    parts: list[bytes] = []
    held = 0
    for data, _ in _block_bytes(folder, blocks):
        parts.append(data)
        held += len(data)
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


def _blocks_of(path: Path) -> list[Block]:
    """The graph blocks of a canonical file (each graph one run of lines)."""
    blocks: list[Block] = []
    offset = 0
    with path.open("rb") as source:
        for line in source:
            name = graph_of(line.decode("utf-8"))[1:-1]
            if blocks and blocks[-1].graph == name:
                last = blocks[-1]
                blocks[-1] = last._replace(length=last.length + len(line), lines=last.lines + 1)
            else:
                blocks.append(Block(name, path.name, offset, len(line), 1))
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


def load_index(quads: Path) -> list[Block] | None:
    """The block index beside a generation's file `quads`, in canonical order, or None when there is
    none or it does not fit the files: each graph once and in order, each block inside its file (a
    plain name in the same folder), and the blocks of `quads` itself covering it end to end (a build
    writes nothing else there)."""
    try:
        text = index_path(quads).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    blocks: list[Block] = []
    sizes: dict[str, int] = {}
    rows = text.split("\n")
    if rows[-1] == "":
        rows.pop()
    uncounted, before = str(UNCOUNTED), ""  # the graph before, as it sorts (`<iri>`)
    for row in rows:
        fields = row.split("\t", 4)
        if len(fields) == 3:  # written before files were shared: offset, length, graph, in its own file
            fields = [quads.name, fields[0], fields[1], uncounted, fields[2]]
        if len(fields) != 5 or not (fields[1].isdigit() and fields[2].isdigit()):
            return None
        if not (fields[3].isdigit() or fields[3] == uncounted):
            return None
        segment, graph = fields[0], fields[4]
        if segment not in sizes:
            if not segment or segment != Path(segment).name or segment.startswith("."):
                return None
            try:
                sizes[segment] = quads.with_name(segment).stat().st_size
            except OSError:
                return None
        offset, length, key = int(fields[1]), int(fields[2]), f"<{graph}>"
        if offset + length > sizes[segment] or (blocks and before >= key):
            return None
        blocks.append(Block(graph, segment, offset, length, int(fields[3])))
        before = key
    own = sorted((block.offset, block.length) for block in blocks if block.segment == quads.name)
    end = 0
    for offset, length in own:
        if offset != end:
            return None
        end += length
    try:
        size = sizes[quads.name] if quads.name in sizes else quads.stat().st_size
    except OSError:
        size = 0  # no file of its own: every graph is in shared ones
    return blocks if end == size else None
