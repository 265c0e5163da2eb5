"""build.py: one extraction becomes a document graph of mentions and facts with evidence; the actors graph."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, Graph, Literal, URIRef, namespace

from actorgraph import vocab
from actorgraph.build import GraphBuilder, decimal, partial_date, referenced_actor_descriptions
from actorgraph.ids import Minter
from actorgraph.resolve import resolve

from .extraction_helpers import extract

BASE = "https://example.org/data/"
OA = "http://www.w3.org/ns/oa#"
TEXT = "In Transnistria's presidential election, Ilya Vornikov has 44.5 percent."


@pytest.fixture(scope="module")
def built():
    extraction = extract(TEXT, published="2021-03-14")
    builder = GraphBuilder(resolve([extraction]), Minter(BASE))
    return extraction, builder, builder.document_graph(extraction)


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("1994", namespace.XSD.gYear), ("2008-11", namespace.XSD.gYearMonth), ("2011-11-27", namespace.XSD.date)],
)
def test_partial_date(value, datatype):
    assert partial_date(value) == Literal(value, datatype=datatype)


@pytest.mark.parametrize("value", ["94", "2011-1", "2011-11-27T00:00"])
def test_partial_date_refuses_other_shapes(value):
    with pytest.raises(ValueError, match="not a date"):
        partial_date(value)


def test_decimal_has_no_float_noise():
    assert decimal(43.51) == Literal(Decimal("43.51"), datatype=namespace.XSD.decimal)
    assert str(decimal(25)) == str(decimal(25.0)) == "25"
    assert str(decimal(0.1 + 0.2)) == "0.3"


def test_the_document_graph_is_named_by_the_document(built):
    _, _, document = built
    assert document.name == URIRef(BASE + "document/test") == document.graph.identifier
    assert document.facts == {"candidacy": 1}
    assert (URIRef(BASE + "document/test"), RDF.type, None) in document.graph


def test_a_fact_has_its_iri_roles_and_evidence_at_its_offsets(built):
    extraction, builder, document = built
    graph = document.graph
    claim = next(c for c in extraction.claims if c.kind == "candidacy")
    fact = builder.fact_iri("test", claim)
    assert str(fact).startswith(BASE + "fact/test/candidacy-")
    assert (fact, RDF.type, vocab.AG.Candidacy) in graph
    assert graph.value(fact, vocab.AG.voteShare) == Literal(Decimal("44.5"), datatype=namespace.XSD.decimal)
    candidate = graph.value(fact, vocab.AG.candidate)
    assert candidate == URIRef(BASE + "actor/ilya-vornikov")
    span = graph.value(fact, vocab.AG.evidence)
    start, end = int(graph.value(span, URIRef(OA + "start"))), int(graph.value(span, URIRef(OA + "end")))
    assert TEXT[start:end] == str(graph.value(span, URIRef(OA + "exact")))
    assert "44.5 percent" in TEXT[start:end]


def test_every_mention_refers_to_its_actor(built):
    extraction, _, document = built
    mentions = list(document.graph.subjects(RDF.type, vocab.AG.Mention))
    assert len(mentions) == len(extraction.mentions) >= 2
    referred = {document.graph.value(m, vocab.AG.refersTo) for m in mentions}
    assert URIRef(BASE + "actor/ilya-vornikov") in referred


def test_rejected_facts_are_left_out(built):
    extraction, builder, _ = built
    claim = next(c for c in extraction.claims if c.kind == "candidacy")
    without = builder.document_graph(extraction, rejected=[builder.fact_iri("test", claim)])
    assert without.facts == {}
    assert not list(without.graph.subjects(RDF.type, vocab.AG.Candidacy))


def test_the_actors_graph_and_the_descriptions_a_document_needs(built):
    _, builder, document = built
    actors = builder.actors_graph()
    vornikov = URIRef(BASE + "actor/ilya-vornikov")
    assert (vornikov, RDF.type, None) in actors
    assert builder.label_of(vornikov) == "Ilya Vornikov"
    assert builder.label_of(URIRef(BASE + "actor/nobody")) == "nobody"
    needed = referenced_actor_descriptions(document.graph, actors)
    assert (vornikov, RDF.type, None) in needed
    unrelated = referenced_actor_descriptions(Graph(), actors)
    assert len(unrelated) == 0


def test_building_twice_gives_the_same_triples(built):
    extraction, builder, document = built
    again = builder.document_graph(extraction)
    assert set(again.graph) == set(document.graph)


def test_graph_lines_of_a_triple_set_are_rdflibs_n_triples(built):
    """Differential: the lines written from the builder's triples are those of rdflib's N-Triples
    serialiser over the same triples as a Graph, escapes and datatypes included."""
    from actorgraph.build import TripleSet, graph_lines

    _extraction, _builder, document = built
    triples = TripleSet()
    for triple in document.triples:
        triples.add(triple)
    subject = URIRef("https://example.org/s")
    for value in ('quote " and \\ backslash', "line\nbreak\ttab", "café — 東京", Literal("x", lang="en-GB")):
        triples.add((subject, URIRef("https://example.org/p"), value if isinstance(value, Literal) else Literal(value)))
    triples.add((subject, URIRef("https://example.org/q"), Literal("007", datatype=namespace.XSD.nonNegativeInteger)))
    name = URIRef("https://example.org/graph")
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    serialised = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    expected = sorted(f"{line[:-2]} <{name}> ." for line in serialised.split("\n") if line.strip())
    lines, digest = graph_lines(name, triples)
    assert lines == expected and len(lines) == len(document.triples) + 5
    assert graph_lines(name, graph) == (lines, digest)
