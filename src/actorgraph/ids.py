"""Mint IRIs deterministically: the same input always gives the same IRIs.

Documents and graph names carry the document id; actors their resolved slug; facts
a hash of what they say, so re-extracting an unchanged document reproduces them.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from actorgraph.normalize import fold
from actorgraph.records import Claim, Election


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Central Election Commission' -> 'central-election-commission'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


# A build names each document five or six times as text (texts, graph order, graph, pruning), phases
# apart: the cache holds a 100,000-document corpus's names, so none is made twice (27 MB at that size).
@lru_cache(maxsize=1 << 18)
def _document_name(base: str, document_id: str) -> str:
    """`str(Minter._iri("document", document_id))`, remembered. An id of unreserved characters only
    (a generated corpus's, most real ones) is as `quote` leaves it: not quoted (1.1 us a call)."""
    return base + "document/" + (document_id if _UNRESERVED.fullmatch(document_id) else _quote(document_id))


@lru_cache(maxsize=1 << 12)  # asked for by the graph builder, two or three times in a row for a document
def _document_iri(base: str, document_id: str) -> URIRef:
    """`Minter._iri("document", document_id)`, remembered."""
    return URIRef(_document_name(base, document_id))


@lru_cache(maxsize=1 << 16)  # a document names its actors again and again, and actors recur across documents
def _actor_iri(base: str, actor_id: str) -> URIRef:
    """`Minter._iri("actor", actor_id)`, remembered."""
    return URIRef(base + "actor/" + _quoted(actor_id))


def _quote(part: str) -> str:
    return quote(part, safe="-._~")


# a document's id is in each of its IRIs; kinds and actors recur across documents
_quoted = lru_cache(maxsize=1 << 12)(_quote)


_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")  # what `quote(part, safe="-._~")` leaves as it is


class Minter:
    def __init__(self, base: str) -> None:
        if not re.match(r"^[a-z][a-z0-9+.-]*://[^\s<>\"{}|\\^`]+[/#]$", base):
            raise ValueError(f"base IRI must be absolute and end with '/' or '#': {base!r}")
        self.base = base

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(map(_quoted, parts)))

    def document(self, document_id: str) -> URIRef:
        return _document_iri(self.base, document_id)

    def document_name(self, document_id: str) -> str:
        """`str(self.document(document_id))`, with no IRI made: what the store's texts and a build's
        sets of documents are keyed by."""
        return _document_name(self.base, document_id)

    def document_graph(self, document_id: str) -> URIRef:
        """A document's named graph has the document's own IRI."""
        return self.document(document_id)

    def actors_graph(self) -> URIRef:
        return self._iri("graph", "actors")

    def curation_graph(self) -> URIRef:
        return self._iri("graph", "curation")

    def ontology_graph(self) -> URIRef:
        return self._iri("graph", "ontology")

    def curation(self, name: str) -> URIRef:
        return self._iri("curation", name)

    def actor(self, actor_id: str) -> URIRef:
        return _actor_iri(self.base, actor_id)

    def extractor(self, name: str) -> URIRef:
        return self._iri("extractor", name)

    def activity(self, document_id: str) -> URIRef:
        return self._iri("document", document_id, "extraction")

    def span(self, document_id: str, start: int, end: int) -> URIRef:
        return self._iri("document", document_id, "span", f"{start}-{end}")

    def mention(self, document_id: str, start: int, end: int) -> URIRef:
        return self._iri("document", document_id, "mention", f"{start}-{end}")

    def election(self, jurisdiction_slug: str, office: str, year: int) -> URIRef:
        return self._iri("election", jurisdiction_slug, slug(office), str(year))

    def round(self, election: URIRef, ordinal: int) -> URIRef:
        return URIRef(f"{election}/round/{ordinal}")

    def post(self, label: str, jurisdiction_slug: str | None) -> URIRef:
        return self._iri("post", slug(label), jurisdiction_slug or "anywhere")

    def role(self, label: str) -> URIRef:
        return self._iri("role", slug(label))

    def fact(self, document_id: str, claim: Claim, resolve_key: dict[str, str]) -> URIRef:
        return self._iri("fact", document_id, f"{claim.kind}-{fact_hash(claim, resolve_key)}")


def fact_hash(claim: Claim, resolve_key: dict[str, str]) -> str:
    """12 hex digits of SHA-256 over what the fact says (kind and roles, actors as resolved ids)."""
    parts: list[str] = [claim.kind]
    for role, value in claim.roles:
        if isinstance(value, Election):
            shown = f"{resolve_key.get(value.jurisdiction, value.jurisdiction)}|{value.office}|{value.year}"
        elif isinstance(value, str):
            shown = resolve_key.get(value, value)
        else:
            shown = repr(value)
        parts.append(f"{role}={shown}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:12]
