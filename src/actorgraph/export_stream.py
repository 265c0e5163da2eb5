"""`actorgraph export` of a large store in bounded memory: N-Quads, TriG and JSON-LD written as
they are read, one named graph at a time, byte for byte what `export.render` writes for the
same data (a differential test holds them together).

They read the generation's canonical N-Quads (`nquads_file.Canonical`), not the store:
Oxigraph keeps some literals in a canonical form of its own (`"7"^^xsd:nonNegativeInteger` comes
back as `xsd:integer`), the files keep them as written. The dataset runs graph by graph
(`store.canonical_key`), so N-Quads is its blocks copied in order, and TriG and JSON-LD hold one
graph in memory at a time (the actors graph is the largest). Turtle and N-Triples are the union of
the graphs, sorted and without duplicates across graphs: they stay whole-dataset renderings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from actorgraph.errors import InputError
from actorgraph.export import PREFIXES, compact_graph, data_prefixes, quads_of, sorted_graphs
from actorgraph.nquads_file import Canonical
from actorgraph.ontology import load_model
from actorgraph.store import QUADS, current_generation, read_manifest

STREAMED = ("nq", "trig", "jsonld")
PIECE_BYTES = 1 << 20  # N-Quads are copied in pieces of about this many bytes (whole graphs)
_SLOT = "\u0000"  # where the graphs go in the JSON-LD document's frame


def stream_export(root: Path, fmt: str, output: BinaryIO) -> None:
    """Write the published dataset of the store at `root` in `fmt` (one of STREAMED) to `output`."""
    if fmt not in STREAMED:
        raise ValueError(f"streamed formats are {', '.join(STREAMED)}, not {fmt!r}")
    generation = current_generation(root)
    if generation is None:
        raise InputError(root, "no built store here: run `actorgraph build` first")
    dataset = Canonical(generation / QUADS)
    if fmt == "nq":
        for piece in dataset.pieces(PIECE_BYTES):
            output.write(piece)
    elif fmt == "trig":
        manifest = read_manifest(root)
        prefixes = dict(PREFIXES) | data_prefixes(manifest.base if manifest else "https://w3id.org/actorgraph/data/")
        quads = (quad for _, group in _graphs(dataset) for quad in group)
        ox.serialize(quads, output, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    else:
        _write_jsonld(dataset, output)


def _graphs(dataset: Canonical) -> Iterator[tuple[str, list[ox.Quad]]]:
    """The named graphs of a dataset, one at a time, each in canonical quad order."""
    for name, lines in dataset.graphs():
        yield name, quads_of(lines)


def _write_jsonld(dataset: Canonical, output: BinaryIO) -> None:
    """The JSON-LD dataset document, its graphs written one by one into the frame around them."""
    context = dict(load_model().context)
    frame = json.dumps(
        sorted_graphs({"@context": context, "@graph": [_SLOT]}), indent=1, sort_keys=True, ensure_ascii=False
    )
    slot = f"\n  {json.dumps(_SLOT)}\n "
    head, tail = frame.split(slot)
    written = 0
    for name, quads in _graphs(dataset):
        item = json.dumps(
            sorted_graphs(compact_graph(name, quads, context)), indent=1, sort_keys=True, ensure_ascii=False
        )
        output.write(((head + "\n" if not written else ",\n") + _indented(item, "  ")).encode("utf-8"))
        written += 1
    if written:
        output.write(("\n " + tail + "\n").encode("utf-8"))
    else:
        output.write((frame.replace(slot, "") + "\n").encode("utf-8"))


def _indented(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))
