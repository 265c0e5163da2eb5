"""Run the rule extractor on a short text and read its facts with actor names."""

from __future__ import annotations

from functools import cache
from typing import Any

from actorgraph.extract import Extractor, get_extractor
from actorgraph.extract.dictionary import default_dictionary
from actorgraph.records import Document, Election, Extraction


@cache
def extractor() -> Extractor:
    return get_extractor("rules")


def extract(text: str, title: str | None = None, published: str | None = "2020-05-01") -> Extraction:
    return extractor()(Document(id="test", text=text, source="test", title=title, published=published))


def facts(extraction: Extraction, kind: str) -> list[dict[str, Any]]:
    names = {key: entry.label for key, entry in default_dictionary().entries.items()}
    names |= {key: mention.name for key, mention in extraction.mention_names().items()}
    found = []
    for claim in extraction.claims:
        if claim.kind != kind:
            continue
        view: dict[str, Any] = {"rule": claim.rule}
        for role, value in claim.roles:
            if isinstance(value, Election):
                place = names.get(value.jurisdiction, value.jurisdiction)
                view[role] = f"{place} {value.office} {value.year}"
            elif isinstance(value, str) and value in names:
                view[role] = names[value]
            else:
                view[role] = value
        view["attribution"] = claim.attribution
        found.append(view)
    return found


def has(found: list[dict[str, Any]], **expected: Any) -> bool:
    return any(all(fact.get(k) == v for k, v in expected.items()) for fact in found)


def names_of(extraction: Extraction, entity_type: str | None = None) -> set[str]:
    return {m.name for m in extraction.mentions if entity_type is None or m.type == entity_type}
