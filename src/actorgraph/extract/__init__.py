"""Extractors: Document -> Extraction. Chosen by name from EXTRACTORS, so another can be plugged in.

An extractor is any callable object with a `name` and `__call__(document) -> Extraction`;
register it with `register(MyExtractor())` or by adding it to EXTRACTORS.
"""

from __future__ import annotations

from typing import Protocol

from actorgraph.errors import ActorgraphError
from actorgraph.records import Document, Extraction


class Extractor(Protocol):
    name: str
    version: str

    def __call__(self, document: Document) -> Extraction: ...


class RuleExtractor:
    """The built-in engine: dictionary and name-shape mentions, then rule families over sentences."""

    name = "rules"
    version = "0.1.0"

    def __init__(self) -> None:
        from actorgraph.extract.mentions import MentionFinder

        self.finder = MentionFinder()

    def __call__(self, document: Document) -> Extraction:
        from actorgraph.extract.context import DocumentContext
        from actorgraph.extract.rules import RuleEngine

        context = DocumentContext(document, self.finder)
        claims = RuleEngine(context).run()
        return Extraction(document, tuple(context.mentions), tuple(claims))


EXTRACTORS: dict[str, type[Extractor]] = {"rules": RuleExtractor}


def register(name: str, factory: type[Extractor]) -> None:
    EXTRACTORS[name] = factory


def get_extractor(name: str = "rules") -> Extractor:
    try:
        return EXTRACTORS[name]()
    except KeyError:
        known = ", ".join(sorted(EXTRACTORS))
        raise ActorgraphError(f"unknown extractor {name!r} (known: {known})") from None
