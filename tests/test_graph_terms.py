"""graph_terms.py: literals and namespace terms made once, and a graph's lines as rdflib writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef, namespace

from actorgraph.build import GraphBuilder, TripleSet
from actorgraph.graph_terms import OA, decimal, graph_lines, offset, partial_date, plain, triple_lines
from actorgraph.ids import Minter
from actorgraph.resolve import resolve

from .extraction_helpers import extract

BASE = "https://example.org/data/"
TEXT = "In Transnistria's presidential election, Ilya Vornikov has 44.5 percent."


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


def test_recurring_terms_are_made_once_and_equal_rdflibs():
    assert OA.start is OA.start and OA.start == URIRef("http://www.w3.org/ns/oa#start")
    assert offset(7) is offset(7) and offset(7) == Literal(7, datatype=namespace.XSD.nonNegativeInteger)
    assert plain("office.title") is plain("office.title") and plain("office.title") == Literal("office.title")


def test_graph_lines_of_a_triple_set_are_rdflibs_n_triples():
    """Differential: the lines written from the builder's triples are those of rdflib's N-Triples
    serialiser over the same triples as a Graph, escapes and datatypes included."""
    extraction = extract(TEXT, published="2021-03-14")
    document = GraphBuilder(resolve([extraction]), Minter(BASE)).document_graph(extraction)
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


def _rdflib_lines(name: URIRef, triples: list[tuple[URIRef, URIRef, URIRef | Literal]]) -> list[str]:
    """What rdflib's own N-Triples serialiser writes of the triples, as graph_lines' lines."""
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    serialised = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(f"{line[:-2]} <{name}> ." for line in serialised.split("\n") if line.strip())


_IRIS = st.sampled_from([f"https://example.org/{n}" for n in ("a", "b", "c/d", "caf%C3%A9", "x#y")]).map(URIRef)
_LITERALS = st.one_of(
    st.text(max_size=12).map(Literal),
    st.tuples(st.text(max_size=6), st.sampled_from(["en", "EN", "en-GB", "en-gb", "De"])).map(
        lambda pair: Literal(pair[0], lang=pair[1])
    ),
    st.sampled_from(["1", "01", "001", "+1", "-0"]).map(
        lambda value: Literal(value, datatype=namespace.XSD.integer, normalize=False)
    ),
    st.sampled_from([offset(1), decimal(1), plain("1"), partial_date("2001")]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_IRIS, _IRIS, st.one_of(_IRIS, _LITERALS)), max_size=12))
def test_graph_lines_are_rdflibs_for_any_terms(triples):
    """Differential, with terms that rdflib takes for equal keys but writes differently ('01' and
    '1' as integers, tags 'EN' and 'en'), each written as it was given, in any order: graph_lines
    remembers how it wrote terms, and must not hand one the other's text."""
    name = URIRef("https://example.org/graph")
    expected = _rdflib_lines(name, triples)
    for _ in range(2):  # the second time, from what it remembers
        lines, _digest = graph_lines(name, set(triples))
        assert lines == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_IRIS, _IRIS, st.one_of(_IRIS, _LITERALS)), max_size=12))
def test_triple_lines_are_rdflibs_n_triples_for_any_terms(triples):
    """Differential: the N-Triples lines (the actors' lines validation reads) are rdflib's."""
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    serialised = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    assert sorted(triple_lines(set(triples))) == sorted(line for line in serialised.split("\n") if line.strip())
