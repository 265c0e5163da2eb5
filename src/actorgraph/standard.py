"""The standard-vocabulary view of a dataset (`export --standard`), computed at export time.

The stored graph uses `ag:` terms only, so that its closed SHACL shapes stay strict. The
ontology already says how those terms map to standard vocabularies (rdfs:subClassOf
schema:Person, org:Membership, prov:Entity, oa:TextQuoteSelector...; rdfs:subPropertyOf
org:postIn, prov:wasAttributedTo, oa:hasSource...). This view adds, in each quad's own graph:
- every superclass of an instance's types and every superproperty of a statement's
  predicate, transitively (the RDFS entailments a user would otherwise need a reasoner for),
  so `?x a schema:Person` and `?m a org:Membership` find their nodes;
- one Web Annotation per fact and evidence span: `<fact>/annotation/<span>` a oa:Annotation,
  oa:hasBody the fact, oa:hasTarget a oa:SpecificResource with oa:hasSource the document and
  oa:hasSelector the span (a TextQuoteSelector and TextPositionSelector);
- the ontology itself, in the named graph `https://w3id.org/actorgraph/ns`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox
from rdflib import RDFS, Graph, URIRef

from actorgraph.ontology import load_model

AG = "https://w3id.org/actorgraph/ns#"
OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/actorgraph/ns")


def _closure(ontology: Graph, relation: URIRef) -> dict[str, list[str]]:
    """Each ag: term's strict super-terms under `relation`, transitively, sorted."""
    direct: dict[str, set[str]] = defaultdict(set)
    for sub, sup in ontology.subject_objects(relation):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct[str(sub)].add(str(sup))
    result: dict[str, list[str]] = {}
    for term in direct:
        seen: set[str] = set()
        todo = list(direct[term])
        while todo:
            current = todo.pop()
            if current not in seen and current != term:
                seen.add(current)
                todo.extend(direct.get(current, ()))
        result[term] = sorted(seen)
    return result


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def standard_view(quads: Sequence[ox.Quad], ontology: Graph | None = None) -> list[ox.Quad]:
    """`quads` with the standard-vocabulary entailments, annotations and ontology added; sorted."""
    ontology = ontology if ontology is not None else load_model().ontology
    classes = _closure(ontology, RDFS.subClassOf)
    properties = _closure(ontology, RDFS.subPropertyOf)
    extra: set[ox.Quad] = set(quads)
    documents: dict[str, ox.NamedNode] = {}
    evidence: list[ox.Quad] = []
    for quad in quads:
        predicate = quad.predicate.value
        if quad.predicate == RDF_TYPE and isinstance(quad.object, ox.NamedNode):
            for sup in classes.get(quad.object.value, ()):
                extra.add(ox.Quad(quad.subject, RDF_TYPE, _node(sup), quad.graph_name))
        for sup in properties.get(predicate, ()):
            extra.add(ox.Quad(quad.subject, _node(sup), quad.object, quad.graph_name))
        if predicate == AG + "inDocument" and isinstance(quad.object, ox.NamedNode):
            documents[str(quad.subject)] = quad.object
        elif predicate == AG + "evidence" and isinstance(quad.subject, ox.NamedNode):
            evidence.append(quad)
    extra.update(_annotations(evidence, documents))
    extra.update(_ontology_quads(ontology))
    return sorted(extra, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def _annotations(evidence: Iterable[ox.Quad], documents: dict[str, ox.NamedNode]) -> Iterable[ox.Quad]:
    for quad in evidence:
        fact, span, graph = quad.subject, quad.object, quad.graph_name
        if not isinstance(fact, ox.NamedNode) or not isinstance(span, ox.NamedNode):
            continue
        annotation = _node(f"{fact.value}/annotation/{span.value.rsplit('/', 1)[-1]}")
        target = _node(f"{annotation.value}/target")
        yield ox.Quad(annotation, RDF_TYPE, _node(OA + "Annotation"), graph)
        yield ox.Quad(annotation, _node(OA + "hasBody"), fact, graph)
        yield ox.Quad(annotation, _node(OA + "hasTarget"), target, graph)
        yield ox.Quad(target, RDF_TYPE, _node(OA + "SpecificResource"), graph)
        yield ox.Quad(target, _node(OA + "hasSelector"), span, graph)
        if str(span) in documents:
            yield ox.Quad(target, _node(OA + "hasSource"), documents[str(span)], graph)


def _ontology_quads(ontology: Graph) -> Iterable[ox.Quad]:
    data = ontology.serialize(format="nt", encoding="utf-8")
    for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        if not isinstance(triple.subject, ox.BlankNode) and not isinstance(triple.object, ox.BlankNode):
            yield ox.Quad(triple.subject, triple.predicate, triple.object, ONTOLOGY_GRAPH)


def standard_lines(lines: Sequence[str]) -> tuple[list[str], list[ox.Quad]]:
    """The view of a dataset given as N-Quads lines: its lines and its quads, for export.render."""
    from actorgraph.export import quads_of

    quads = standard_view(quads_of(lines))
    return sorted(f"{quad} ." for quad in quads), quads
