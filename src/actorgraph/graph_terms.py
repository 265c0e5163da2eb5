"""The terms a document graph is written with, and its lines: literals and namespace terms made
once (the same dates, shares, offsets, predicates and classes recur in every document, and rdflib's
constructors cast and check each), and each graph's N-Quads lines as rdflib's N-Triples serialiser
writes them, with the IRIs it checks again at each write written once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal
from functools import cache, lru_cache

from rdflib import XSD, Literal, Namespace, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral  # how rdflib writes a literal (private, pinned <8)
from rdflib.term import Node

from actorgraph.normalize import decimal_text

Triple = tuple[Node, Node, Node]


class _Namespace(Namespace):
    """rdflib's Namespace with each term made once: `OA.start` makes (and checks) a new URIRef each
    time, and the builder names the same few terms in every document."""

    @cache  # noqa: B019 (three namespaces, kept as long as the module)
    def term(self, name: str) -> URIRef:
        return super().term(name)


OA = _Namespace("http://www.w3.org/ns/oa#")
ORG = _Namespace("http://www.w3.org/ns/org#")
SCHEMA = _Namespace("https://schema.org/")


# Literals are immutable: each of these is made once while it is asked for often.
@lru_cache(maxsize=1 << 12)
def partial_date(value: str) -> Literal:
    """'2008-11' -> xsd:gYearMonth, '1994' -> xsd:gYear, '2011-11-27' -> xsd:date."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(value))
    if datatype is None:
        raise ValueError(f"not a date, year-month or year: {value!r}")
    return Literal(value, datatype=datatype)


@lru_cache(maxsize=1 << 12)
def decimal(value: float | int) -> Literal:
    return Literal(Decimal(decimal_text(float(value))), datatype=XSD.decimal)


@lru_cache(maxsize=1 << 14)
def offset(position: int) -> Literal:
    return Literal(position, datatype=XSD.nonNegativeInteger)


@lru_cache(maxsize=1 << 12)
def plain(text: str) -> Literal:
    """A plain literal of a value that recurs (a rule's name, a status, a label)."""
    return Literal(text)


def graph_lines(name: URIRef, graph: Iterable[Triple]) -> tuple[list[str], str]:
    """A graph's N-Quads lines in `name`, sorted, and their SHA-256 (the manifest's `sha256`).
    Each triple is written as rdflib's N-Triples serialiser writes it (`_nt_row`): a literal by
    `_quoteLiteral`, any other term by its `n3()`."""
    lines = sorted(_rows(graph, f"<{name}> ."))
    return lines, hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def triple_lines(graph: Iterable[Triple]) -> list[str]:
    """A graph's N-Triples lines, as `graph_lines` writes its terms (and rdflib's serialiser), unsorted."""
    return _rows(graph, ".")


def _rows(graph: Iterable[Triple], end: str) -> list[str]:
    node = _node_written
    return [f"{node(s)} {node(p)} {_quoteLiteral(o) if isinstance(o, Literal) else node(o)} {end}" for s, p, o in graph]


@lru_cache(maxsize=1 << 14)  # the recurring IRIs stay: each document's own ones (spans, facts) pass through
def _node_written(term: Node) -> str:
    """An IRI (or blank node) as N-Triples writes it, remembered: a graph's predicates, classes,
    actors and elections recur in every graph, and rdflib checks an IRI's characters each time it
    writes it. (Not literals: rdflib takes '01' and '1' as integers, or tags 'EN' and 'en', for
    equal keys, and writes them as given.)"""
    return term.n3()
