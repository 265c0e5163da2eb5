"""The embedded persistent store (pyoxigraph on disk), built in a new generation and swapped in.

Layout of a store directory:
    current -> gen-000007      symlink to the published generation, replaced atomically
    gen-000007/oxigraph/       the RocksDB store readers open read-only (for SPARQL)
    gen-000007/dataset.nq      the graphs this build wrote, as N-Quads, one block of sorted lines
                               each: exports read the quads from these files, not from the database,
                               because Oxigraph stores xsd:nonNegativeInteger as xsd:integer
    gen-000007/dataset.gen-000006.nq  a file of an earlier generation still holding graphs this one
                               kept, shared by a hard link (nquads_file: at most MAX_SEGMENTS)
    gen-000007/dataset.nq.blocks  each graph's block in canonical order (file, offset, length,
                               lines, graph): the dataset as canonical N-Quads (nquads_file.Canonical)
    gen-000007/manifest.json   per named graph: content hash, document, validation results
    gen-000007/texts.tsv       each document's text: its hash in texts/ (texts.py)
    texts/<h>.txt              each document's text as the extractor saw it (offsets index it), named
                               by its SHA-256 and shared by the generations: the explorer shows it
    .lock                      held while a build writes
A build writes gen-N+1 completely, then renames a new symlink over `current`. A build
killed at any point leaves `current` pointing at the previous, complete generation. A build that
changes little starts gen-N+1's database as a checkpoint of gen-N's (hard links to its immutable
files) and replaces the changed graphs in the copy, and shares gen-N's quad files by hard links;
gen-N is only read, and no file is written once published.
"""

from __future__ import annotations

import fcntl
import io
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import pyoxigraph as ox

from actorgraph import texts
from actorgraph.durable import fsync_dir
from actorgraph.errors import ActorgraphError, InputError
from actorgraph.file_status import KeptByFile, written
from actorgraph.layout import CURRENT, LOCK
from actorgraph.nquads_file import Canonical, GraphBlocks, canonical_key, index_path, pieces, sort_lines

MANIFEST = "manifest.json"
QUADS = "dataset.nq"
DATABASE = "oxigraph"
# a build whose changed graphs are at most this share of the data copies the previous store and
# replaces them; above it, a bulk load of everything is faster
INCREMENTAL_SHARE = 0.2
# quads are bulk-loaded in pieces of this many bytes (see _load_pieces): loading the 750 MB of a
# 10,000-document dataset peaked at 480-500 MB in 64 MB pieces and 103 MB in 4 MB pieces, in the same
# time (26-34 s either way, noisy), giving the same store and the same query times
LOAD_PIECE_BYTES = 4 << 20
# graphs removed from a store between flushes: removing 1,300 document graphs (13% of a
# 10,000-document store) peaked at 329 MB with one flush at the end and 129 MB flushing every 100,
# 5.9 s against 4.4 s (benchmarks/results/remove-graphs.md); a build that replaced 12,826 graphs of
# 100,000 with one flush peaked at 2.46 GB
REMOVED_PER_FLUSH = 100


@dataclass
class Manifest:
    """What a generation holds: for each named graph, its hash, its document and its validation results."""

    graphs: dict[str, dict[str, Any]] = field(default_factory=dict)
    base: str = ""

    def to_json(self) -> str:
        """JSON with one graph's entry a line, keys sorted (what `write` writes)."""
        sink = io.BytesIO()
        self._write(sink)
        return sink.getvalue().decode("utf-8")

    def write(self, target: Path) -> None:
        """`to_json`'s text into a file, an entry at a time: at 100,000 graphs the text is 63 MB, and
        made whole it was held three times over (the entries, their join, the document) as a build
        publishes, when it holds the most."""
        with target.open("wb") as sink:
            self._write(sink)

    def _write(self, sink: BinaryIO) -> None:
        # each entry by orjson, in UTF-8 (json's C encoder took 0.046 s for the entries of 10,000
        # graphs, orjson 0.007 s)
        sink.write(b'{\n "base": ' + _json(self.base) + b',\n "graphs": ')
        if not self.graphs:
            sink.write(b"{}")
        separator = b"{\n"
        for name, entry in sorted(self.graphs.items()):
            sink.write(separator + b"  " + _json(name) + b": " + _json(entry))
            separator = b",\n"
        sink.write(b"\n }\n}\n" if self.graphs else b"\n}\n")

    @staticmethod
    def from_json(text: str | bytes) -> Manifest:
        data = orjson.loads(text)
        return Manifest(graphs=data.get("graphs", {}), base=data.get("base", ""))

    def changes(self, previous: Manifest | None) -> tuple[set[str], set[str]]:
        """The graphs whose content differs from the `previous` generation's, and the graphs it had that are gone."""
        if previous is None:
            return set(self.graphs), set()
        changed = {
            name
            for name, entry in self.graphs.items()
            if (previous.graphs.get(name) or {}).get("sha256") != entry["sha256"]
        }
        return changed, set(previous.graphs) - set(self.graphs)

    def same_graphs(self, previous: Manifest | None) -> bool:
        """Every graph as published in `previous`, hash for hash (and validated against the same shapes)."""
        if previous is None or previous.base != self.base:
            return False
        digests = {name: (entry["sha256"], entry.get("shapes")) for name, entry in self.graphs.items()}
        return digests == {name: (entry.get("sha256"), entry.get("shapes")) for name, entry in previous.graphs.items()}


def _json(value: object) -> bytes:
    """`value` as JSON in UTF-8, keys sorted (at every level), nothing escaped that need not be."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def current_generation(root: Path) -> Path | None:
    link = root / CURRENT
    if not link.is_symlink() and not link.is_dir():
        return None
    target = link.resolve()
    return target if (target / DATABASE).is_dir() else None


def read_manifest(root: Path) -> Manifest | None:
    generation = current_generation(root)
    if generation is None or not (generation / MANIFEST).is_file():
        return None
    path = generation / MANIFEST
    identity = written(path)  # taken before reading: a file replaced since has another, and is read again
    kept = _published.get(identity)  # what this process wrote or read there: not parsed again
    if kept is None:
        kept = Manifest.from_json(path.read_bytes())
        _published.keep(identity, kept)
    return kept


# The manifest this process last published or read: a process that builds again (`build --watch`)
# takes it as the previous generation's, not parsing the file again (6 MB at 10,000 documents). A
# Manifest is not changed once written or read (a build makes a new one).
_published: KeptByFile[Manifest] = KeptByFile()


def open_read_only(root: Path) -> ox.Store:
    """The published store, read-only (other processes may read while a build writes)."""
    generation = current_generation(root)
    if generation is None:
        raise InputError(root, "no built store here: run `actorgraph build` first")
    return ox.Store.read_only(str(generation / DATABASE))


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Held while a build writes; taking it clears what killed builds left behind."""
    if root.exists() and not root.is_dir():
        raise InputError(root, "is not a directory (a store is a directory; nothing was changed)")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(root, f"cannot create the store: {error.strerror or error}") from None
    with open(root / LOCK, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ActorgraphError(f"{root}: another build is writing this store") from None
        remove_stale_generations(root)
        yield


def remove_stale_generations(root: Path) -> None:
    """Generations a killed build left unpublished (only under the build lock: no build is writing them),
    and the texts only they named. A build makes its generation before it writes a text, and removes
    what it wrote when it fails (`Generation.discard`): with no stale generation, no text is left over,
    and the texts folder (a file for each document) is not listed (publishing lists it anyway)."""
    link = root / CURRENT
    current = link.resolve() if link.is_symlink() else None
    stale = [old for old in root.glob("gen-*") if old.resolve() != current]
    for old in stale:
        shutil.rmtree(old, ignore_errors=True)
    if stale:
        texts.remove_unused(root, current_generation(root))


Shown = Callable[[Iterable[bytes], int], Iterable[bytes]]  # pieces of N-Quads and their total bytes in, the same out


def _as_they_are(pieces: Iterable[bytes], _total: int) -> Iterable[bytes]:
    return pieces


class Generation:
    """A new generation being written; `publish()` swaps it in, anything else leaves it unpublished."""

    def __init__(self, root: Path) -> None:
        self.root = root
        numbers = [int(p.name[4:]) for p in root.glob("gen-*") if p.name[4:].isdigit()]
        self.path = root / f"gen-{max(numbers, default=0) + 1:06d}"
        self.path.mkdir(parents=True)
        self.quads_file = self.path / QUADS
        self.published = False
        self.texts = texts.GenerationTexts(root, self.path)  # kept beside the store, shared (texts.py)

    def load(self, nquads: Path) -> None:
        """Sort the written quads into their canonical file (graph by graph, see `canonical_key`)
        and bulk-load them into the store."""
        sort_lines(nquads, canonical_key)
        self._bulk_load(pieces(nquads, LOAD_PIECE_BYTES))

    def load_graphs(
        self,
        blocks: GraphBlocks,
        previous: Path | None,
        changed: set[str],
        removed: set[str],
        shown: Shown = _as_they_are,
    ) -> str:
        """Put the written graphs in canonical order and into this generation's store: from a copy of
        the previous generation's store (RocksDB hard links) with only the changed and removed graphs
        replaced, when they are a small part of the data; else by a bulk load. Either way the store
        holds the quads of the canonical file. Returns which ("incremental" or "bulk"). The pieces
        loaded go through `shown` (a progress bar) with their total bytes."""
        blocks.canonical()
        blocks.save_index(index_path(blocks.path))
        changed_bytes = sum(block.length for block in blocks.blocks if block.graph in changed)
        if previous is None or not (previous / DATABASE).is_dir() or changed_bytes > blocks.size * INCREMENTAL_SHARE:
            self._bulk_load(shown(blocks.read(None, LOAD_PIECE_BYTES), blocks.size))
            return "bulk"
        source = ox.Store.read_only(str(previous / DATABASE))
        try:
            source.backup(str(self.path / DATABASE))
        finally:
            del source
        store = ox.Store(str(self.path / DATABASE))
        try:
            remove_graphs(store, sorted(changed | removed))
            _load_pieces(store, shown(blocks.read(changed, LOAD_PIECE_BYTES), changed_bytes))
            store.flush()
        finally:
            del store
        return "incremental"

    def _bulk_load(self, data: Iterable[bytes]) -> None:
        store = ox.Store(str(self.path / DATABASE))
        try:
            _load_pieces(store, data)
            store.flush()
            store.optimize()
        finally:
            del store

    def publish(self, manifest: Manifest) -> None:
        manifest.write(self.path / MANIFEST)
        self.texts.save()
        fsync_dir(self.path)
        link = self.root / CURRENT
        temporary = self.root / f".{CURRENT}.{os.getpid()}"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        temporary.symlink_to(self.path.name)
        os.replace(temporary, link)  # atomic: readers see the old or the new generation, never a mix
        fsync_dir(self.root)
        self.published = True
        _published.keep(written(self.path / MANIFEST), manifest)
        self._remove_stale()
        texts.remove_unused(self.root, self.path)

    def discard(self) -> None:
        if not self.published:
            shutil.rmtree(self.path, ignore_errors=True)
            if self.texts.wrote:  # texts only this generation named go with it
                texts.remove_unused(self.root, current_generation(self.root))

    def _remove_stale(self) -> None:
        """Older generations and the leftovers of interrupted builds."""
        for old in self.root.glob("gen-*"):
            if old != self.path:
                shutil.rmtree(old, ignore_errors=True)


def remove_graphs(store: ox.Store, names: Iterable[str]) -> None:
    """Remove named graphs, flushing every REMOVED_PER_FLUSH: the removals held in memory until a
    flush grow with the quads removed (benchmarks/remove_graphs.py)."""
    for count, name in enumerate(names, start=1):
        store.remove_graph(ox.NamedNode(name))
        if count % REMOVED_PER_FLUSH == 0:
            store.flush()


def _load_pieces(store: ox.Store, data: Iterable[bytes]) -> None:
    """Bulk-load N-Quads piece by piece: Oxigraph's bulk loader holds what one call loads in memory
    (1.6 GB for a 750 MB file), so pieces bound the build's memory; small ones cost no time."""
    for piece in data:
        store.bulk_load(input=piece, format=ox.RdfFormat.N_QUADS)


def refresh_manifest(root: Path, manifest: Manifest) -> None:
    """Replace the published generation's manifest with one for the same data (what its graphs
    were built from, kept for reuse): written aside and renamed, so readers see one or the other."""
    generation = current_generation(root)
    if generation is None:
        return
    temporary = generation / f".{MANIFEST}.{os.getpid()}"
    manifest.write(temporary)
    os.replace(temporary, generation / MANIFEST)
    fsync_dir(generation)
    _published.keep(written(generation / MANIFEST), manifest)


def published_nquads(root: Path) -> list[str]:
    """The published dataset as canonical N-Quads lines (`canonical_key` order): the same data gives the same bytes."""
    generation = current_generation(root)
    if generation is None:
        raise InputError(root, "no built store here: run `actorgraph build` first")
    return [line for _, lines in Canonical(generation / QUADS).graphs() for line in lines if line.strip()]


def graphs_nquads(root: Path, graphs: set[str]) -> dict[str, list[str]]:
    """The published lines of some named graphs."""
    generation = current_generation(root)
    if generation is None:
        raise InputError(root, "no built store here: run `actorgraph build` first")
    found: dict[str, list[str]] = {graph: [] for graph in graphs}
    found.update(Canonical(generation / QUADS).graphs(graphs))  # each read at its place
    return found
