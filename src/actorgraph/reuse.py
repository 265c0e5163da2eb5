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
    """The digest of everything a document graph is built from (see the module's docstring): the
    SHA-256 of `json.dumps(inputs, sort_keys=True, ensure_ascii=False)` of

        {"builder": builder_fingerprint(), "extraction": extraction_key, "document": document_id,
         "actors": {key: [actor id, name, type] (the id alone for an actor not resolved), ...},
         "source": source_file, "rejected": sorted(rejected), "base": base}

    written out here in that order and spacing, each actor's entry once: a build asks for every
    document's digest, and json.dumps with sorted keys took twice as long (0.19 s at 10,000)."""
    known = resolution.actors
    actors = [
        _entry(key, actor_id, None if (actor := known.get(actor_id)) is None else (actor.name, actor.type))
        for key, actor_id in sorted(actor_of.items())
    ]
    source = "null" if source_file is None else _string(source_file)
    text = (
        f'{{"actors": {{{", ".join(actors)}}}, "base": {_string(base)}, "builder": {_string(builder_fingerprint())}, '
        f'"document": {_string(document_id)}, "extraction": {_string(extraction_key)}, '
        f'"rejected": [{", ".join(map(_string, sorted(rejected)))}], "source": {source}}}'
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=1 << 16)  # actors recur across documents, and so do their entries
def _entry(key: str, actor_id: str, described: tuple[str, str] | None) -> str:
    values = (actor_id,) if described is None else (actor_id, *described)
    return f"{_string(key)}: [{', '.join(map(_string, values))}]"


_string = encode_basestring  # a JSON string as json.dumps(ensure_ascii=False) writes it
