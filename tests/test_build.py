"""build.py: one extraction becomes a document graph of mentions and facts with evidence; the actors graph."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, Graph, Literal, URIRef, namespace

from actorgraph import vocab
from actorgraph.actors_graph import ActorsGraph
from actorgraph.build import GraphBuilder, TripleSet, referenced_actor_descriptions
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
    actors = ActorsGraph(builder.actor_triples()).graph()
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


_ELECTIONS = [
    "In Transnistria's presidential election, Ilya Vornikov has 44.5 percent.",
    "In Abkhazia's presidential election, Aslan Bzhania has 56.5 percent and Alkhas Kvitsinia 36.9 percent.",
    "Aslan Bzhania and Adgur Ardzinba go to a runoff in Abkhazia's presidential election.",
    "Natalia Bolgar, chairwoman of the Central Election Commission, and Ivan Petrov, chairman of the Supreme Council, spoke.",
]


class _Anew(GraphBuilder):
    """A builder that describes each election, round and post anew each time it is named."""

    def _described(self, graph, key, describe):
        return describe(graph)


@pytest.mark.parametrize("kept", [1, 2, 1 << 14])
def test_elections_rounds_and_posts_described_once_are_as_described_anew(kept, monkeypatch):
    """A builder describes an election, its rounds and its posts once, and adds those triples to
    each graph that names them again (GraphBuilder._described): each graph's lines are those of a
    builder that describes them anew, whatever it met before (the first and the second round of
    one election in one document; the same election in two years), however few it keeps."""
    from actorgraph import build
    from actorgraph.graph_terms import graph_lines
    from actorgraph.records import Document

    from .extraction_helpers import extractor

    texts = [(text, year) for year in ("2019-08-26", "2020-09-27") for text in _ELECTIONS]
    documents = [Document(id=f"d{n}", text=text, source="test", published=year) for n, (text, year) in enumerate(texts)]
    extractions = [extractor()(document) for document in documents]
    resolution = resolve(extractions)
    monkeypatch.setattr(build, "_DESCRIBED", kept)
    shared, anew = GraphBuilder(resolution, Minter(BASE)), _Anew(resolution, Minter(BASE))
    for extraction in extractions:
        built, expected = shared.document_graph(extraction), anew.document_graph(extraction)
        assert graph_lines(built.name, built.triples) == graph_lines(expected.name, expected.triples)
    assert len(shared._nodes) <= kept + 2  # bounded: an election and its post may come in at once
    if kept > 2:  # two presidencies in two years; the runoffs' rounds; the posts of each
        assert {key[0] for key in shared._nodes} == {"election", "round", "post"}
        assert len({key for key in shared._nodes if key[0] == "election"}) == 4


def test_a_post_is_described_with_its_own_body():
    builder = GraphBuilder(resolve([]), Minter(BASE))
    bodies = [URIRef(BASE + "actor/a"), URIRef(BASE + "actor/b")]
    for body in bodies:
        graph = TripleSet()
        node = builder.post(graph, "Chairman", None, body)
        assert {o for s, p, o in graph if p == vocab.AG.postIn} == {body} and node == builder.post(
            TripleSet(), "Chairman", None, body
        )
