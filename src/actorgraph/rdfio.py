"""Read RDF files of any of the formats actorgraph writes into one rdflib graph."""

from __future__ import annotations

from pathlib import Path

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


def read_rdf_file(path: Path) -> Graph:
    """The union of all graphs in the file, as one rdflib Graph."""
    rdf = rdf_format(path)
    if not path.is_file():
        raise InputError(path, "file not found")
    dataset = Dataset()
    try:
        dataset.parse(path, format=rdf)
    except Exception as error:  # rdflib's parsers raise many unrelated exception types
        raise InputError(path, f"does not parse as {rdf}: {' '.join(str(error).split())[:300]}") from error
    union = Graph()
    for subject, predicate, obj, _graph in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    return union
