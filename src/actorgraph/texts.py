"""Documents' texts beside the store, for the explorer: each text kept once, shared by generations.

    <store>/texts/<SHA-256 of the text>.txt   a text exactly as the extractor saw it (offsets index it)
    gen-N/texts.tsv                           each document IRI and its text's hash, a line each, sorted

A build writes only the texts the store does not hold yet (each written aside and renamed: a
killed build leaves no half text, and never touches a text a published generation names) and its
generation's map; a document known unchanged keeps its entry of the previous map. Before, each
generation had a folder of its own and linked every unchanged text into it: 10,000 links, and
10,000 removals of the generation before, on every build of a 10,000-document store. Texts no
published map names go when a build publishes, or takes the lock after a killed build (`remove_unused`).

A generation written before (gen-N/texts/<SHA-256 of the document IRI>.txt) is still read.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import KeysView
from functools import lru_cache
from pathlib import Path

from actorgraph.durable import fsync_dir, write_atomically

log = logging.getLogger(__name__)

FOLDER = "texts"  # in the store; in a generation written before, each generation's own folder
MAP = "texts.tsv"
SUFFIX = ".txt"


class GenerationTexts:
    """The texts of a generation being written: what it maps, and the shared folder they go in."""

    def __init__(self, root: Path, generation: Path) -> None:
        self.folder = root / FOLDER
        self.generation = generation
        self.entries: dict[str, str] = {}  # document IRI -> the hash of its text
        self._folder_made = False
        self.wrote = False  # a text the store did not hold
        self._previous: dict[Path, dict[str, str]] = {}  # a published generation's map, asked for each document

    def write(self, document: str, text: str) -> None:
        """Keep a document's text (exactly: no newline translation)."""
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        target = self._path(digest)
        if not os.path.exists(target):
            write_atomically(target, data)
            self.wrote = True
        self.entries[document] = digest

    def adopt(self, document: str, path: Path) -> None:
        """Keep a document's text that another process wrote to `path` (on this file system)."""
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        target = self._path(digest)
        if os.path.exists(target):
            path.unlink()
        else:
            os.replace(path, target)
            self.wrote = True
        self.entries[document] = digest

    def keep(self, previous: Path | None, document: str) -> None:
        """A kept graph (or a document known unchanged) keeps its text too: the previous
        generation's (none if it had none)."""
        found = self._map_of(previous).get(document) if previous is not None else None
        if found is not None:
            self.entries[document] = found
        elif previous is not None and (text := _legacy_text(previous, document)) is not None:
            self.write(document, text)  # from a generation written before: kept the new way
        else:
            self.entries.pop(document, None)  # a text read this time is not the one the kept graph indexes

    def _map_of(self, previous: Path) -> dict[str, str]:
        """`read_map` of a published generation, looked up once in a build (it does not change while
        the build holds the lock), not once for each document it keeps."""
        found = self._previous.get(previous)
        if found is None:
            found = self._previous[previous] = read_map(previous)
        return found

    def prune(self, documents: set[str]) -> None:
        """Only the texts of these documents stay (others were read, but their extraction failed)."""
        self.entries = {document: digest for document, digest in self.entries.items() if document in documents}

    def save(self) -> None:
        """Write the generation's map (its texts are written already) and make the texts durable."""
        lines = "".join(f"{document}\t{digest}\n" for document, digest in sorted(self.entries.items()))
        # a new file, never the old one changed in place: read_map keeps what it parsed of each
        write_atomically(self.generation / MAP, lines.encode("utf-8"), sync=True)
        if self._folder_made:
            fsync_dir(self.folder)

    def _path(self, digest: str) -> str:
        if not self._folder_made:
            self.folder.mkdir(exist_ok=True)
            self._folder_made = True
        return os.path.join(self.folder, digest + SUFFIX)


def read_map(generation: Path) -> dict[str, str]:
    """A generation's map of document IRIs to their texts' hashes (empty if it has none, or one
    that cannot be read: its documents are then read again). Shared, not to be changed: a build
    asks for the previous generation's several times, and the explorer for each document page."""
    return _mapped(generation) or {}


def _mapped(generation: Path) -> dict[str, str] | None:
    """The map, parsed once for each state of its file: {} if there is none, None if it cannot be read."""
    try:
        found = os.stat(generation / MAP)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    return _parsed(generation, (found.st_ino, found.st_size, found.st_mtime_ns))


@lru_cache(maxsize=4)
def _parsed(generation: Path, status: tuple[int, int, int]) -> dict[str, str] | None:
    try:
        with open(generation / MAP, encoding="utf-8", newline="") as source:
            return dict(_entry(line) for line in source)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except (ValueError, OSError):  # UnicodeDecodeError is a ValueError
        log.warning("%s: unreadable, its texts are not used", generation / MAP)
        return None


def _entry(line: str) -> tuple[str, str]:
    document, digest = line.rstrip("\n").split("\t")
    if len(digest) != 64:
        raise ValueError(f"not a text's hash: {digest!r}")
    return document, digest


def read_text(generation: Path, document: str) -> str | None:
    """A document's text as its generation keeps it, or None (built before texts were kept, or gone)."""
    if not (generation / MAP).exists():
        return _legacy_text(generation, document)
    digest = read_map(generation).get(document)
    if digest is None:
        return None
    return _read(generation.parent / FOLDER / (digest + SUFFIX))


def documents_with_texts(generation: Path | None) -> KeysView[str]:
    """The documents whose texts a generation keeps (none for one written before this layout: a
    build then reads them again, once): the keys of its map, not a copy of them."""
    return ({} if generation is None else read_map(generation)).keys()


def has_texts(generation: Path, documents: set[str]) -> bool:
    """Whether a generation keeps the text of each of these documents (one built before texts were kept does not)."""
    return documents <= documents_with_texts(generation)


def remove_unused(root: Path, current: Path | None) -> int:
    """Remove the texts the published generation does not name, and what killed builds left
    half-written (only under the build lock). Returns how many files went."""
    folder = root / FOLDER
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    mapped = _mapped(current) if current is not None else {}
    if mapped is None:
        return 0  # the published map cannot be read: nothing is known unused
    used = {digest + SUFFIX for digest in mapped.values()}
    unused = [name for name in names if name not in used]
    for name in unused:
        Path(folder, name).unlink(missing_ok=True)
    return len(unused)


def legacy_text_name(document: str) -> str:
    """The file name of a document's text in a generation written before: its IRI's hash."""
    return hashlib.sha256(document.encode("utf-8")).hexdigest() + SUFFIX


def _legacy_text(generation: Path, document: str) -> str | None:
    return _read(generation / FOLDER / legacy_text_name(document))


def _read(path: Path) -> str | None:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return None
