"""Small typed records passed between stages. No RDF here.

paths -> Document -> Extraction(mentions, claims, issues) -> Resolution -> graph
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Literal

EntityType = Literal["Person", "PoliticalParty", "Organization", "GovernmentBody", "MediaOutlet", "State", "Place"]
ClaimKind = Literal["office", "membership", "candidacy", "endorsement", "recognition", "turnout"]
RoleValue = str | int | float | bool | None


@dataclass(frozen=True)
class Document:
    """One input document: its text and metadata. Offsets everywhere index `text`."""

    id: str
    text: str
    source: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date, year-month or year
    url: str | None = None
    language: str | None = None
    digest: str | None = None  # SHA-256 of the text; kept when the text itself is let go

    @property
    def content_hash(self) -> str:
        return self.digest or hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def without_text(self) -> Document:
        """The same document, holding its hash instead of its text (for corpus-wide stages)."""
        return replace(self, text="", digest=self.content_hash)


@dataclass(frozen=True, order=True)
class Span:
    """Characters text[start:end] of a document, with that text kept as a quote."""

    start: int
    end: int
    quote: str

    @staticmethod
    def of(text: str, start: int, end: int) -> Span:
        return Span(start, end, text[start:end])


@dataclass(frozen=True)
class Mention:
    """A stretch of text naming an actor or place.

    `key` identifies the actor within the document (mentions with the same key
    co-refer); `name` is the fullest name the document gives; `reference` is the
    IRI of the dictionary entry when the dictionary knows the actor.
    """

    span: Span
    type: EntityType
    key: str
    name: str
    reference: str | None = None
    rule: str = "dictionary"


@dataclass(frozen=True)
class Election:
    """An election as a claim refers to it: for a jurisdiction, an office, a year."""

    jurisdiction: str  # mention key of the state or place
    office: str  # "President", "Parliament", ...
    year: int


@dataclass(frozen=True)
class Claim:
    """One fact read from a document, with its provenance.

    `roles` maps role names of the ontology (candidate, endorser, vote_share...) to
    a mention key (for actors), an Election, or a plain value. The SHACL shapes are
    the contract for which roles each kind needs.
    """

    kind: ClaimKind
    roles: tuple[tuple[str, RoleValue | Election], ...]
    evidence: tuple[Span, ...]
    rule: str
    confidence: float
    attributed_to: str | None = None  # mention key of the source ("Kommersant")
    attribution: str | None = None  # the wording ("According to the Russian newspaper Kommersant")
    extractor: str = "rules"

    def role(self, name: str) -> RoleValue | Election:
        for key, value in self.roles:
            if key == name:
                return value
        return None

    @property
    def role_map(self) -> dict[str, RoleValue | Election]:
        return dict(self.roles)


@dataclass(frozen=True)
class Issue:
    """A problem with one input, reported by name; the rest of the corpus goes on."""

    source: str
    problem: str

    def line(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass(frozen=True)
class Extraction:
    """What an extractor read from one document."""

    document: Document
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    issues: tuple[Issue, ...] = field(default=())

    def mention_names(self) -> dict[str, Mention]:
        """The fullest mention for each actor key in the document."""
        best: dict[str, Mention] = {}
        for mention in self.mentions:
            current = best.get(mention.key)
            if current is None or len(mention.name) > len(current.name):
                best[mention.key] = mention
        return best


@dataclass(frozen=True)
class ValidationResult:
    """One shape violation or warning, in words."""

    severity: str
    message: str
    focus: str
    focus_label: str
    value: str | None
    document: str | None
    shape: str

    def line(self) -> str:
        details = [f"focus: {self.focus_label}"]
        if self.value is not None:
            details.append(f"value: {self.value}")
        if self.document is not None:
            details.append(f"document: {self.document}")
        return f"{self.severity}: {self.message} ({'; '.join(details)})"
