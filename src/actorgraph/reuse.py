"""Document graphs reused from the published generation when nothing that shapes them changed.

A document graph is a function of the document's extraction (its cache key covers the text,
metadata, extractor, lexicon and ontology), the actor each of its mentions resolved to (id,
name and type), its source path, the curation's rejected facts, the base IRI and the graph
builder's code. The digest of those inputs is kept in the manifest; a later build that computes
the same digest copies the graph's lines from the previous generation's canonical file instead
of building, serialising and hashing it again. Adding one document to a large store then
rebuilds one document graph (and the actors graph), not all of them.

The canonical file runs graph by graph in sorted order (`store.canonical_key`), so the previous
graphs are read in one forward pass when they are asked for in that order.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import IO

from actorgraph.nquads_file import graph_of, load_index
from actorgraph.resolve import Resolution

# The code that turns an extraction into a document graph's lines. Not this module: how graphs are
# read back and what their inputs' digest holds change no graph (a new digest is a new key anyway).
_BUILDER_CODE = ("build.py", "ids.py", "vocab.py", "records.py")


@functools.cache
def builder_fingerprint(code: Path | None = None) -> str:
    """A hash of the code that turns an extraction into a document graph (in `code`, by default
    this package's folder)."""
    digest = hashlib.sha256()
    here = code or Path(__file__).resolve().parent
    for name in _BUILDER_CODE:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    return digest.hexdigest()


def graph_inputs(
    extraction_key: str,
    document_id: str,
    resolution: Resolution,
    actor_of: dict[str, str],
    source_file: str | None,
    rejected: Iterable[str],
    base: str,
) -> str:
    """The digest of everything a document graph is built from (see the module's docstring)."""
    actors = {
        key: [actor_id, *((actor.name, actor.type) if (actor := resolution.actors.get(actor_id)) else ())]
        for key, actor_id in sorted(actor_of.items())
    }
    inputs = {
        "builder": builder_fingerprint(),
        "extraction": extraction_key,
        "document": document_id,
        "actors": actors,
        "source": source_file,
        "rejected": sorted(rejected),
        "base": base,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class PreviousGraphs:
    """The graphs of a canonical N-Quads file: read at their place when the file has a block index
    (nquads_file), else handed out in sorted order in one forward pass."""

    def __init__(self, path: Path | None) -> None:
        present = path is not None and path.is_file()
        self._index = load_index(path) if path is not None and present else None
        self._binary: IO[bytes] | None = path.open("rb") if path is not None and present and self._index else None
        self._file: IO[str] | None = (
            path.open(encoding="utf-8") if path is not None and present and self._index is None else None
        )
        self._groups: Iterator[tuple[str, Iterator[str]]] | None = (
            groupby((line.rstrip("\n") for line in self._file if line.strip()), key=graph_of) if self._file else None
        )
        self._current: tuple[str, list[str]] | None = None

    def block(self, graph: str) -> bytes | None:
        """The lines of `graph` (an IRI) as the file holds them (UTF-8, each ending in a newline),
        if the file has it; graphs must be asked for in sorted order of `<iri>`, as the file runs."""
        if self._binary is not None and self._index is not None:
            place = self._index.get(graph)
            if place is None:
                return None
            self._binary.seek(place[0])
            return self._binary.read(place[1])
        lines = self._next_lines(graph)
        return None if lines is None else ("\n".join(lines) + "\n").encode("utf-8")

    def _next_lines(self, graph: str) -> list[str] | None:
        wanted = f"<{graph}>"
        while self._groups is not None:
            if self._current is None:
                group = next(self._groups, None)
                if group is None:
                    self.close()
                    return None
                self._current = (group[0], list(group[1]))
            name, lines = self._current
            if name > wanted:
                return None
            self._current = None
            if name == wanted:
                return lines
        return None

    def close(self) -> None:
        for handle in (self._file, self._binary):
            if handle is not None:
                handle.close()
        self._file, self._binary, self._groups = None, None, None

    def __enter__(self) -> PreviousGraphs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
