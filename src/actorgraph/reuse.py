"""Document graphs reused from the published generation when nothing that shapes them changed.

A document graph is a function of the document's extraction (its cache key covers the text,
metadata, extractor, lexicon and ontology), the actor each of its mentions resolved to (id,
name and type), its source path, the curation's rejected facts, the base IRI and the graph
builder's code. The digest of those inputs is kept in the manifest; a later build that computes
the same digest keeps the graph where the previous generation has it (`nquads_file.GraphBlocks.link`)
instead of building, serialising and hashing it again. Adding one document to a large store then
rebuilds one document graph (and the actors graph), not all of them.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from json.encoder import encode_basestring
from pathlib import Path

from actorgraph.resolve import Resolution

# The code that turns an extraction into a document graph's lines. Not this module: how graphs are
# read back and what their inputs' digest holds change no graph (a new digest is a new key anyway).
_BUILDER_CODE = ("build.py", "graph_terms.py", "ids.py", "vocab.py", "records.py")


@functools.cache
def builder_fingerprint(code: Path | None = None) -> str:
    """A hash of the code that turns an extraction into a document graph (in `code`, by default
    this package's folder)."""
    here = code or Path(__file__).resolve().parent
    return files_digest(here / name for name in _BUILDER_CODE)


def files_digest(paths: Iterable[Path]) -> str:
    """The SHA-256 of these files' names and bytes, in this order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
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
    """The digest of everything a document graph is built from (see the module's docstring): the
    SHA-256 of `json.dumps(inputs, sort_keys=True, ensure_ascii=False)` of

        {"builder": builder_fingerprint(), "extraction": extraction_key, "document": document_id,
         "actors": {key: [actor id, name, type] (the id alone for an actor not resolved), ...},
         "source": source_file, "rejected": sorted(rejected), "base": base}

    A build asks for every document's: `GraphInputs` asks it of many documents at less cost."""
    return GraphInputs(resolution, rejected, base)(extraction_key, document_id, actor_of, source_file)


class GraphInputs:
    """`graph_inputs` of the documents of one resolution, curation and base: the JSON written out
    here in json.dumps's order and spacing (json.dumps with sorted keys took twice as long, 0.19 s
    at 10,000 documents), and the entry of each (mention key, actor) pair written once: 10,000
    documents have 116,000 pairs, 1,800 of them distinct, and making each anew was half the time."""

    def __init__(self, resolution: Resolution, rejected: Iterable[str], base: str) -> None:
        self._actors = resolution.actors
        self._entries: dict[tuple[str, str], str] = {}
        self._rest = (
            f'"base": {_string(base)}, "builder": {_string(builder_fingerprint())}, ',
            f'"rejected": [{", ".join(map(_string, sorted(rejected)))}], ',
        )

    def __call__(self, extraction_key: str, document_id: str, actor_of: dict[str, str], source_file: str | None) -> str:
        entries, written = self._entries, []
        for pair in sorted(actor_of.items()):
            entry = entries.get(pair)
            if entry is None:
                entry = entries[pair] = self._entry(*pair)
            written.append(entry)
        source = "null" if source_file is None else _string(source_file)
        base_and_builder, rejected = self._rest
        text = (
            f'{{"actors": {{{", ".join(written)}}}, {base_and_builder}'
            f'"document": {_string(document_id)}, "extraction": {_string(extraction_key)}, '
            f'{rejected}"source": {source}}}'
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _entry(self, key: str, actor_id: str) -> str:
        actor = self._actors.get(actor_id)
        values = (actor_id,) if actor is None else (actor_id, actor.name, actor.type)
        return f"{_string(key)}: [{', '.join(map(_string, values))}]"


_string = encode_basestring  # a JSON string as json.dumps(ensure_ascii=False) writes it
