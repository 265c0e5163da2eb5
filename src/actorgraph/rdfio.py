"""Read RDF files of any of the formats actorgraph writes into one rdflib graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from actorgraph.errors import InputError

FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}


def rdf_format(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InputError(path, f"unknown RDF file extension {path.suffix!r} (known: {known})") from None


PROJECT_CONTEXT = "https://w3id.org/actorgraph/context.jsonld"  # read from ontology/context.jsonld, never fetched


def read_rdf_file(path: Path, allow_remote_context: bool = False) -> Graph:
    """The union of all graphs in the file, as one rdflib Graph.

    JSON-LD may name the project's own context (resolved from the local file); any other
    referenced context (http:, file:, relative) is refused unless `allow_remote_context`,
    so validating a file never makes a request or reads another local file.
    """
    rdf = rdf_format(path)
    if not path.is_file():
        raise InputError(path, "file not found")
    dataset = Dataset()
    try:
        if rdf == "json-ld" and not allow_remote_context:
            dataset.parse(data=json.dumps(_local_contexts(path)), format=rdf, publicID=path.resolve().as_uri())
        else:
            dataset.parse(path, format=rdf)
    except InputError:
        raise
    except Exception as error:  # rdflib's parsers raise many unrelated exception types
        raise InputError(path, f"does not parse as {rdf}: {' '.join(str(error).split())[:300]}") from error
    union = Graph()
    for subject, predicate, obj, _graph in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    return union


def _local_contexts(path: Path) -> Any:
    """The JSON-LD document with the project's context inlined; any other context reference refused."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise InputError(path, f"does not parse as json-ld: {' '.join(str(error).split())[:300]}") from None

    def inline(value: Any) -> Any:
        if isinstance(value, str):
            if value == PROJECT_CONTEXT:
                from actorgraph.ontology import load_model

                return dict(load_model().context)
            raise InputError(path, f"refers to the context {value!r}; use --allow-remote-context to fetch it")
        if isinstance(value, list):
            return [inline(v) for v in value]
        if isinstance(value, dict):
            return {k: inline(v) if k == "@import" else walk(v) for k, v in value.items()}
        return value

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, dict):
            return {k: inline(v) if k == "@context" else walk(v) for k, v in node.items()}
        return node

    return walk(document)
