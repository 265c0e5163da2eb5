"""What the explorer's pages show, as typed records: actors, facts with their roles and evidence
spans, elections, documents. `data.py` reads them from a store."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    iri: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    reference: str | None = None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str


@dataclass(frozen=True)
class Span:
    document: str
    start: int
    end: int
    quote: str
    mentions: tuple[Mention, ...] = ()

    @property
    def anchor(self) -> str:
        """The id of this span in its document's page."""
        return f"span-{self.start}-{self.end}"


@dataclass(frozen=True)
class Role:
    """One property of a fact: its name, the value's label and, for things with pages, their IRI."""

    name: str
    label: str
    iri: str | None = None


def _role(roles: tuple[Role, ...], name: str) -> Role | None:
    return next((r for r in roles if r.name == name), None)


@dataclass(frozen=True)
class Stance:
    """A recognition stance as a timeline counts it (`data.every_stance`): its roles (polity, state,
    and the stance and date when given) and its document. Not its rule, confidence, title or
    evidence: a page reads the whole facts (`Fact`) of the entries it shows."""

    iri: str
    document: str
    roles: tuple[Role, ...]

    def role(self, name: str) -> Role | None:
        return _role(self.roles, name)


@dataclass(frozen=True)
class Fact:
    iri: str
    kind: str
    document: str
    document_title: str
    rule: str
    confidence: str
    attribution: str | None
    attributed_to: str | None
    roles: tuple[Role, ...]
    evidence: tuple[Span, ...]

    def role(self, name: str) -> Role | None:
        return _role(self.roles, name)

    def values(self, name: str) -> list[str]:
        return [r.iri or r.label for r in self.roles if r.name == name]

    @property
    def anchor(self) -> str:
        """Where the fact's first evidence span is in its document's page ('' when it has none)."""
        return self.evidence[0].anchor if self.evidence else ""


@dataclass(frozen=True)
class Election:
    iri: str
    name: str
    year: str


@dataclass
class Document:
    iri: str
    identifier: str
    title: str
    issued: str
    publisher: str
    spans: list[Span] = field(default_factory=list)
    text: str | None = None  # the whole text, when the store's generation keeps it
    mentions: list[Mention] = field(default_factory=list)
