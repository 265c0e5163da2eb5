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
import json
from collections.abc import Iterable
from pathlib import Path

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
