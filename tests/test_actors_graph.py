"""actors_graph.py: a build's actors graph as triples, in rdflib only when asked."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from actorgraph.actors_graph import ActorsGraph
from actorgraph.build import GraphBuilder
from actorgraph.document_graphs import actor_lines
from actorgraph.graph_terms import graph_lines
from actorgraph.ids import Minter
from actorgraph.resolve import resolve

from .extraction_helpers import extract

BASE = "https://example.org/data/"
TEXT = "Ilya Vornikov of the Renewal party won the 2021 presidential election in Transnistria."


def _builder() -> GraphBuilder:
    return GraphBuilder(resolve([extract(TEXT, published="2021-12-13")]), Minter(BASE))


def test_the_actors_graph_is_the_builders_rdflib_graph():
    """Differential: the triples, their rdflib Graph, their lines and the actors' lines are those
    of the actors described into an rdflib Graph."""
    builder = _builder()
    expected = Graph()  # the actors described into rdflib's store, as builds did before
    for actor in sorted(builder.resolution.actors.values(), key=lambda a: a.id):
        builder._describe_actor(expected, actor)
    actors = ActorsGraph(builder.actor_triples())
    assert len(expected) > 3 and set(actors) == set(expected)
    assert set(actors.graph()) == set(expected)
    assert actors.subjects() == set(expected.subjects())
    name = URIRef(BASE + "graph/actors")
    assert graph_lines(name, actors) == graph_lines(name, expected)
    serialised = expected.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = actor_lines(actors)
    assert sorted(line for found in lines.values() for line in found) == sorted(
        line for line in serialised.split("\n") if line.strip()
    )
    assert all(list(found) == sorted(found) for found in lines.values())


def test_descriptions_added_as_lines_are_in_the_graph_made_after():
    actors = ActorsGraph(_builder().actor_triples())
    before = actors.graph()
    kept = URIRef(BASE + "actor/kept-one")
    actors.add_ntriples([f'<{kept}> <{SKOS.prefLabel}> "Kept One" .'])
    actors.add_ntriples([])  # nothing to add: nothing parsed
    assert (kept, SKOS.prefLabel, Literal("Kept One")) in set(actors)
    assert (kept, SKOS.prefLabel, Literal("Kept One")) in actors.graph()
    assert len(actors.graph()) == len(before) + 1
    assert isinstance(actors.graph(), Graph) and actors.graph() is actors.graph()  # made once
