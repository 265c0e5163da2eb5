"""Extractors: Document -> Extraction. Chosen by name from EXTRACTORS, so another can be plugged in.

An extractor is a class whose instances have `name`, `version` and
`__call__(document) -> Extraction`; register it with `register("mine", MyExtractor)`
and choose it with `--extractor mine`.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from actorgraph.errors import ActorgraphError
from actorgraph.records import Document, Extraction, Issue

if TYPE_CHECKING:
    from actorgraph.extract.mentions import MentionFinder

log = logging.getLogger(__name__)


class Extractor(Protocol):
    name: str
    version: str

    def __call__(self, document: Document) -> Extraction: ...


class RuleExtractor:
    """The built-in engine: dictionary and name-shape mentions, then rule families over sentences."""

    name = "rules"
    version = "0.1.0"

    @cached_property
    def finder(self) -> MentionFinder:
        """Made when first asked (0.09 s): a build asks for its extractor's name and version in
        the process that extracts nothing."""
        from actorgraph.extract.mentions import MentionFinder

        return MentionFinder()

    def __call__(self, document: Document) -> Extraction:
        from actorgraph.extract.context import DocumentContext
        from actorgraph.extract.rules import RuleEngine

        context = DocumentContext(document, self.finder)
        claims = RuleEngine(context).run()
        return Extraction(document, tuple(context.mentions), tuple(claims))


class RuleFailure(Exception):
    """A rule family raised while reading a document; names the family and the sentence."""

    def __init__(self, rule: str, sentence: int, error: Exception) -> None:
        super().__init__(f"rule family {rule!r} failed on sentence {sentence + 1}: {type(error).__name__}: {error}")
        self.rule = rule


def extract_document(extractor: Extractor, document: Document) -> Extraction | Issue:
    """`extractor(document)`, with any exception turned into an Issue naming the document and rule,
    so that one document the rules trip over never stops the others."""
    try:
        return extractor(document)
    except RuleFailure as failure:
        problem = f"extraction failed: {failure}"
    except Exception as error:  # an extractor is a plug-in: whatever it raises is that document's problem
        problem = f"extractor {extractor.name!r} failed: {type(error).__name__}: {error}"
    log.warning("%s: %s", document.source, problem, exc_info=True)
    return Issue(document.source, problem)


EXTRACTORS: dict[str, type[Extractor]] = {"rules": RuleExtractor}


def register(name: str, factory: type[Extractor]) -> None:
    EXTRACTORS[name] = factory


def get_extractor(name: str = "rules") -> Extractor:
    try:
        return EXTRACTORS[name]()
    except KeyError:
        known = ", ".join(sorted(EXTRACTORS))
        raise ActorgraphError(f"unknown extractor {name!r} (known: {known})") from None


def extraction_as_dict(extraction: Extraction) -> dict[str, object]:
    """A plain-JSON view of an extraction: actor keys shown with the names the document gives them."""
    from actorgraph.records import Election

    names = extraction.mention_names()

    def show(value: object) -> object:
        if isinstance(value, Election):
            place = names[value.jurisdiction].name if value.jurisdiction in names else value.jurisdiction
            return {"jurisdiction": place, "office": value.office, "year": value.year}
        if isinstance(value, str) and value in names:
            return {"key": value, "name": names[value].name, "type": names[value].type}
        return value

    return {
        "document": extraction.document.id,
        "source": extraction.document.source,
        "mentions": [
            {
                "start": m.span.start,
                "end": m.span.end,
                "text": m.span.quote,
                "type": m.type,
                "name": m.name,
                "key": m.key,
                "rule": m.rule,
            }
            for m in extraction.mentions
        ],
        "claims": [
            {
                "kind": c.kind,
                "roles": {role: show(value) for role, value in c.roles},
                "rule": c.rule,
                "confidence": c.confidence,
                "attributed_to": show(c.attributed_to) if c.attributed_to else None,
                "attribution": c.attribution,
                "evidence": [{"start": s.start, "end": s.end, "quote": s.quote} for s in c.evidence],
            }
            for c in extraction.claims
        ],
    }
