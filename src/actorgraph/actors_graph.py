"""The actors graph of a build: its triples, and an rdflib Graph of them made only when asked.

A build describes every actor (1,721 actors, 3,593 triples at 10,000 documents) for two things:
the actors graph's lines, and the validation of document graphs with the actors they name. Both
come from the triples (`graph_terms.graph_lines`, `triple_lines`). rdflib's in-memory store took
0.05 s to hold them, on every build; a Graph is now made only to validate the actors graph itself
(when its lines changed) or a graph that refers to actors (the curation's).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Graph
from rdflib.term import Node

from actorgraph.build import TripleSet, bind_prefixes
from actorgraph.graph_terms import Triple


class ActorsGraph:
    """The actors' descriptions (`triples`), added to, then read; `graph()` is them in rdflib."""

    def __init__(self, triples: TripleSet) -> None:
        self.triples = triples
        self._graph: Graph | None = None

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples)

    def subjects(self) -> set[Node]:
        return {subject for subject, _, _ in self.triples}

    def add_ntriples(self, lines: Iterable[str]) -> None:
        """Add the triples of these N-Triples lines (descriptions a kept graph's actors had)."""
        text = "".join(line + "\n" for line in lines)
        if text:
            for triple in Graph().parse(data=text, format="nt"):
                self.triples.add(triple)
            self._graph = None

    def graph(self) -> Graph:
        """The triples as an rdflib Graph, with the usual prefixes (made once until more are added)."""
        if self._graph is None:
            self._graph = bind_prefixes(Graph())
            for triple in self.triples:
                self._graph.add(triple)
        return self._graph
