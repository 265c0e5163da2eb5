"""Standard files from a dataset: TriG, N-Quads, Turtle (union), N-Triples, JSON-LD; and the
actor networks of analysis.networks() as GraphML or GEXF (labelled actors and typed edges,
not one edge per triple).

Input is always the dataset's canonical N-Quads lines, sorted, so that the same data gives
the same bytes in every format. JSON-LD is compacted with ontology/context.jsonld, which
is embedded in the file: no reader needs to fetch a context.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph

from actorgraph.nquads_file import canonical_key
from actorgraph.ontology import load_model, rdflib_term
from actorgraph.settings import EXPORT_FORMATS, NETWORK_FORMATS

if TYPE_CHECKING:  # networkx takes 0.15 s to import: only the network exports need it
    import networkx as nx

PREFIXES = {
    "ag": "https://w3id.org/actorgraph/ns#",
    "ref": "https://w3id.org/actorgraph/ref/",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def data_prefixes(base: str) -> dict[str, str]:
    """Short prefixes for the data's own IRIs: actor:anatoly-bibilov, doc:2011-11-28-dfwatch-..."""
    return {
        name: f"{base}{path}/"
        for name, path in (
            ("doc", "document"),
            ("actor", "actor"),
            ("fact", "fact"),
            ("election", "election"),
            ("post", "post"),
            ("role", "role"),
            ("graph", "graph"),
        )
    }


def quads_of(lines: Sequence[str]) -> list[ox.Quad]:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def render(lines: Sequence[str], fmt: str, base: str | None = None, quads: Sequence[ox.Quad] | None = None) -> bytes:
    """The dataset given as canonical N-Quads lines, in format `fmt`; `quads`, when given, are
    those lines already parsed (several formats of one dataset parse it once)."""
    prefixes = dict(PREFIXES) | data_prefixes(base or "https://w3id.org/actorgraph/data/")
    if fmt == "nq":
        return ("\n".join(sorted(lines, key=canonical_key)) + "\n").encode("utf-8") if lines else b""
    quads = quads if quads is not None else quads_of(lines)
    if fmt == "trig":
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes) or b""
    triples = sorted(
        {ox.Triple(q.subject, q.predicate, q.object) for q in quads},
        key=lambda t: (str(t.subject), str(t.predicate), str(t.object)),
    )
    if fmt == "nt":
        return "".join(f"{t} .\n" for t in triples).encode("utf-8")
    if fmt == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
    if fmt == "jsonld":
        return jsonld(quads)
    raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")


def export_store(store: Path, fmt: str, standard: bool = False, network: str = "all") -> bytes:
    """What `actorgraph export` writes: the dataset (optionally its standard view), the actor
    networks (graphml, gexf: all in one graph, or one by name), or Popolo JSON."""
    if fmt in NETWORK_FORMATS:
        from actorgraph.analysis import networks

        chosen = [(name, graph) for name, graph in networks(store).items() if network in ("all", name)]
        return network_bytes(chosen[0][1] if network != "all" else combined_network(chosen), fmt)
    if fmt == "popolo":
        from actorgraph.popolo import popolo_json

        return popolo_json(store)
    from actorgraph.store import published_nquads, read_manifest

    lines = published_nquads(store)
    manifest = read_manifest(store)
    quads = None
    if standard:
        from actorgraph.standard import standard_lines

        lines, quads = standard_lines(lines)
    return render(lines, fmt, manifest.base if manifest else None, quads)


def render_triples(triples: Sequence[ox.Triple], fmt: str, base: str | None = None) -> bytes:
    """Triples (a CONSTRUCT or DESCRIBE result) as Turtle, N-Triples or JSON-LD."""
    if fmt not in ("ttl", "nt", "jsonld"):
        raise ValueError(f"triples are written as ttl, nt or jsonld, not {fmt!r}")
    quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    return render([], fmt, base, quads)


def jsonld(quads: Sequence[ox.Quad]) -> bytes:
    """JSON-LD compacted with the project's context, embedded so the file reads offline.

    Each named graph is compacted on its own (a document's graph is a few hundred triples),
    so memory does not grow with the corpus; the result is one document whose @graph
    lists the named graphs, as JSON-LD writes a dataset.
    """
    context = dict(load_model().context)
    graphs = [compact_graph(name, members, context) for name, members in _by_graph(quads)]
    document = {"@context": context, "@graph": graphs}
    return (json.dumps(sorted_graphs(document), indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def compact_graph(name: str, members: Sequence[ox.Quad], context: dict[str, Any]) -> dict[str, Any]:
    """One named graph of a JSON-LD dataset, compacted with `context` (not repeated in it)."""
    graph = Graph()
    for quad in members:
        graph.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
    compacted = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    compacted.pop("@context", None)
    nodes = compacted.pop("@graph", None) or ([compacted] if compacted else [])
    return {"id": name, "@graph": nodes} if name else {"@graph": nodes}


def _by_graph(quads: Sequence[ox.Quad]) -> list[tuple[str, list[ox.Quad]]]:
    grouped: dict[str, list[ox.Quad]] = {}
    for quad in quads:
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        grouped.setdefault(name, []).append(quad)
    return sorted(grouped.items())


def sorted_graphs(value: Any) -> Any:
    """Order node lists by id so that output bytes depend on the data only."""
    if isinstance(value, dict):
        return {k: sorted_graphs(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [sorted_graphs(v) for v in value]
        if all(isinstance(i, dict) and "id" in i for i in items):
            return sorted(items, key=lambda i: str(i["id"]))
        if all(isinstance(i, str | int | float | bool) for i in items):
            return sorted(items, key=lambda i: (str(type(i)), str(i)))
        return items
    return value


def stable(graph: nx.Graph) -> nx.Graph:
    """A copy with nodes and edges in sorted order, so GraphML and GEXF bytes depend on the data only."""
    ordered = graph.__class__()
    ordered.graph.update(graph.graph)
    for node in sorted(graph.nodes):
        ordered.add_node(_xml_safe(node), **_xml_safe_values(graph.nodes[node]))
    edges = sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], sorted((k, str(v)) for k, v in e[2].items())))
    for a, b, data in edges:
        ordered.add_edge(_xml_safe(a), _xml_safe(b), **_xml_safe_values(data))
    return ordered


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    """Text XML 1.0 can carry (GraphML and GEXF writers crash on NUL and control characters): U+FFFD in their place."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _xml_safe_values(data: dict[str, Any]) -> dict[str, Any]:
    return {key: _xml_safe(value) for key, value in data.items()}


def network_bytes(graph: nx.Graph, fmt: str) -> bytes:
    """An actor network (analysis.networks()) as GraphML or GEXF, for Gephi, yEd or networkx."""
    import networkx as nx

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(stable(graph), buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue()
    if fmt == "gexf":
        nx.write_gexf(stable(graph), buffer)
        # GEXF carries the day it was written; drop it so the file depends on the data only.
        return re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue())
    raise ValueError(f"networks are written as graphml or gexf, not {fmt!r}")


def combined_network(networks: Sequence[tuple[str, nx.Graph]]) -> nx.MultiDiGraph:
    """The networks `analyze` builds, as one directed multigraph of labelled actors: each edge
    keeps its attributes (election, mode, stance, role, fact IRI) and names its `network`;
    co-mentions and memberships, undirected, point from the smaller IRI (person to organisation).
    Node metrics are those of the whole."""
    import networkx as nx

    from actorgraph.analysis import add_metrics

    whole = nx.MultiDiGraph()
    for name, graph in networks:
        for node, data in graph.nodes(data=True):
            if node not in whole:
                whole.add_node(node, label=data.get("label") or node, type=data.get("type", ""))
        for a, b, data in graph.edges(data=True):
            whole.add_edge(a, b, network=name, **{k: v for k, v in data.items() if k != "key"})
    add_metrics(whole)
    return whole
