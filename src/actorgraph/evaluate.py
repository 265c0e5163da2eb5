"""Score extraction against a gold file (tests/data/GOLD-FORMAT.md).

Actors: a produced actor matches a gold entity when its name, or a surface form it
was mentioned under in the document, equals the gold name or an alias after folding
case, accents and punctuation. Facts match as the format says: office on person and
office label (half of the gold label's content words), membership on (person,
organisation), endorsement on (endorser, endorsed), recognition on (state, polity,
stance), candidacy on (person, election year, round) with vote share scored apart,
turnout on (election year, round). Optional gold facts are neither required nor
counted as false positives.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from actorgraph.documents import read_file
from actorgraph.errors import InputError
from actorgraph.evaluation_report import FACT_KINDS, Report
from actorgraph.extract import Extractor, extract_document, get_extractor
from actorgraph.normalize import match_key
from actorgraph.records import Claim, Document, Election, Extraction, Issue
from actorgraph.resolve import Resolution, resolve

_STOPWORDS = {"of", "the", "and", "a", "an", "in", "for", "on", "at", "to"}


@dataclass(frozen=True)
class Gold:
    entities: dict[str, dict[str, Any]]
    elections: dict[str, dict[str, Any]]
    documents: tuple[dict[str, Any], ...]


def load_gold(path: Path) -> Gold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(path, f"cannot read gold file: {error}") from error
    if not isinstance(data, dict) or not {"entities", "documents"} <= set(data):
        raise InputError(path, "a gold file needs 'entities' and 'documents' (see GOLD-FORMAT.md)")
    return Gold(
        entities={e["key"]: e for e in data["entities"]},
        elections={e["key"]: e for e in data.get("elections", [])},
        documents=tuple(data["documents"]),
    )


def gold_documents(gold: Gold, gold_path: Path, docs: Path | None) -> list[Document]:
    """The documents a gold file names, read from `docs` (by file name, else by id)."""
    folder = docs or gold_path.parent
    found: list[Document] = []
    for entry in gold.documents:
        candidates = [folder / entry.get("file", ""), *sorted(folder.glob(f"{entry['id']}.*"))]
        path = next((p for p in candidates if p.is_file()), None)
        if path is None:
            raise InputError(folder, f"has no file for gold document {entry['id']!r} ({entry.get('file')})")
        for item in read_file(path):
            if isinstance(item, Document):
                found.append(_with_gold_metadata(item, entry))
            else:
                raise InputError(item.source, item.problem)
    return found


def _with_gold_metadata(document: Document, entry: dict[str, Any]) -> Document:
    """The document under the gold id, with the metadata the gold records for it (publication date,
    title, publisher, url) where the file itself carries none: a plain-text excerpt keeps its date
    only in the gold's manifest, and a real corpus keeps it in front matter or HTML meta tags."""
    filled = {
        name: entry[name]
        for name in ("title", "publisher", "published", "url")
        if getattr(document, name) is None and isinstance(entry.get(name), str)
    }
    if "published" in filled and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", filled["published"]):
        raise InputError(
            document.source,
            f"gold entry {entry['id']!r} gives published {filled['published']!r}, not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
        )
    return replace(document, id=entry["id"], **filled)


def evaluate(gold: Gold, documents: Sequence[Document], extractor: Extractor | None = None) -> Report:
    extractor = extractor or get_extractor()
    extractions: list[Extraction] = []
    issues: list[str] = []
    for document in documents:
        extraction = extract_document(extractor, document)
        if isinstance(extraction, Issue):  # scored as finding nothing, and said so
            issues.append(extraction.line())
            extraction = Extraction(document, (), ())
        extractions.append(extraction)
    resolution = resolve(extractions)
    report = score(gold, extractions, resolution)
    report.issues = issues
    return report


def score(gold: Gold, extractions: Sequence[Extraction], resolution: Resolution) -> Report:
    report = Report(entity_types={k: e["type"] for k, e in gold.entities.items()})
    lookup = _alias_index(gold)
    identity_gold: dict[str, set[str]] = defaultdict(set)
    gold_identities: dict[str, set[str]] = defaultdict(set)
    by_id = {e.document.id: e for e in extractions}
    keys_by_document: dict[str, list[str]] = defaultdict(list)
    for document, mention_key in resolution.actor_of:
        keys_by_document[document].append(mention_key)
    for entry in gold.documents:
        extraction = by_id.get(entry["id"])
        if extraction is None:
            continue
        doc_gold_keys = set(entry.get("mentions", {}))
        mapping = _map_actors(extraction, resolution, lookup, doc_gold_keys)
        for identity, key in mapping.items():
            if key is not None:
                identity_gold[identity].add(key)
                gold_identities[key].add(identity)
        _score_entities(report, entry, extraction, resolution, mapping, gold)
        document_keys = keys_by_document[extraction.document.id]
        key_of = {
            key: mapping.get(resolution.actor_of[(extraction.document.id, key)])
            or _by_name(resolution, extraction.document.id, key, lookup)
            for key in document_keys
        }
        _score_facts(report, entry, extraction.claims, key_of, gold)
    report.split = {k: sorted(v) for k, v in gold_identities.items() if len(v) > 1}
    report.merged = {i: sorted(v) for i, v in identity_gold.items() if len(v) > 1}
    return report


def _alias_index(gold: Gold) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for key, entity in gold.entities.items():
        for name in [entity["name"], *entity.get("aliases", [])]:
            if key not in index[match_key(name)]:
                index[match_key(name)].append(key)
    return index


def _map_actors(
    extraction: Extraction, resolution: Resolution, lookup: dict[str, list[str]], doc_keys: set[str]
) -> dict[str, str | None]:
    """Each identity mentioned in the document -> the gold entity it matches, if any."""
    surfaces: dict[str, set[str]] = defaultdict(set)
    for mention in extraction.mentions:
        surfaces[resolution.actor_of[(extraction.document.id, mention.key)]].add(" ".join(mention.span.quote.split()))
    mapping: dict[str, str | None] = {}
    for identity, seen in sorted(surfaces.items()):
        actor = resolution.actors[identity]
        chosen = _pick(lookup.get(match_key(actor.name), []), doc_keys)
        if chosen is None:
            for surface in sorted(seen):
                chosen = _pick(lookup.get(match_key(surface), []), doc_keys)
                if chosen:
                    break
        mapping[identity] = chosen
    return mapping


def _by_name(resolution: Resolution, document: str, key: str, lookup: dict[str, list[str]]) -> str | None:
    """An actor a fact names without a mention in the text (a state read from a demonym)."""
    candidates = lookup.get(match_key(resolution.actor(document, key).name), [])
    return candidates[0] if candidates else None


def _pick(candidates: list[str], doc_keys: set[str]) -> str | None:
    in_document = [c for c in candidates if c in doc_keys]
    chosen = in_document or candidates
    return chosen[0] if chosen else None


def _score_entities(
    report: Report,
    entry: dict[str, Any],
    extraction: Extraction,
    resolution: Resolution,
    mapping: dict[str, str | None],
    gold: Gold,
) -> None:
    gold_keys = set(entry.get("mentions", {}))
    found = {key for key in mapping.values() if key is not None}
    for key in sorted(gold_keys):
        entity_type = gold.entities[key]["type"]
        if key in found:
            report.entities[entity_type].tp += 1
        else:
            report.entities[entity_type].fn += 1
            report.misses.append(f"{entry['id']}: entity {key} ({entity_type})")
    for identity, key in sorted(mapping.items(), key=lambda item: item[0]):
        if key is None or key not in gold_keys:
            actor = resolution.actors[identity]
            entity_type = "Organization" if actor.type == "GovernmentBody" else actor.type
            report.entities[entity_type].fp += 1
            report.false_positives.append(f"{entry['id']}: entity {actor.name!r} ({entity_type})")


def _score_facts(
    report: Report, entry: dict[str, Any], claims: Sequence[Claim], key_of: dict[str, str | None], gold: Gold
) -> None:
    produced = [(claim, _gold_view(claim, key_of, gold)) for claim in claims]
    facts = entry.get("facts", [])
    used: set[int] = set()
    for kind in FACT_KINDS:
        candidates = [(i, view) for i, (claim, view) in enumerate(produced) if claim.kind == kind]
        for fact in (f for f in facts if f["kind"] == kind):
            match = best_match(kind, fact, [(i, view) for i, view in candidates if i not in used], gold)
            if match is not None:
                used.add(match)
                if not fact.get("optional"):
                    report.facts[kind].tp += 1
                if kind == "candidacy" and fact.get("vote_share") is not None:
                    report.vote_shares["total"] += 1
                    share = produced[match][1].get("vote_share")
                    if isinstance(share, int | float) and abs(float(share) - float(fact["vote_share"])) <= 0.01:
                        report.vote_shares["correct"] += 1
            elif not fact.get("optional"):
                report.facts[kind].fn += 1
                report.misses.append(f"{entry['id']}: {kind} {_describe(fact)}")
        for i, view in candidates:
            if i not in used:
                report.facts[kind].fp += 1
                report.false_positives.append(f"{entry['id']}: {kind} {_describe(view)} [{produced[i][0].rule}]")


def _gold_view(claim: Claim, key_of: dict[str, str | None], gold: Gold) -> dict[str, Any]:
    """A claim in the gold file's vocabulary: actor keys become gold entity keys."""
    view: dict[str, Any] = {"kind": claim.kind}
    for role, value in claim.roles:
        if isinstance(value, Election):
            view[role] = _gold_election(value, key_of, gold)
            view[role + "_year"] = value.year
        elif isinstance(value, str) and value in key_of:
            view[role] = key_of[value] or f"?{value}"
        else:
            view[role] = value
    return view


def _gold_election(election: Election, key_of: dict[str, str | None], gold: Gold) -> str:
    jurisdiction = key_of.get(election.jurisdiction)
    for key, entry in gold.elections.items():
        if entry.get("jurisdiction") == jurisdiction and key_year(entry) == election.year:
            return key
    return f"?{jurisdiction}-{election.year}"


def key_year(entry: dict[str, Any]) -> int | None:
    rounds = entry.get("rounds") or {}
    first = rounds.get("1") if isinstance(rounds, dict) else None
    return int(str(first)[:4]) if first else None


def _matches(kind: str, fact: dict[str, Any], view: dict[str, Any], gold: Gold) -> bool:
    same = _role_equal
    if kind == "office":
        return same(fact, view, "person") and office_label_matches(fact["office"], str(view.get("office", "")))
    if kind == "membership":
        return same(fact, view, "person") and same(fact, view, "organization")
    if kind == "endorsement":
        return same(fact, view, "endorser") and same(fact, view, "endorsed")
    if kind == "recognition":
        return same(fact, view, "state") and same(fact, view, "recognized") and same(fact, view, "stance")
    if kind == "candidacy":
        year = key_year(gold.elections.get(fact["election"], {}))
        return (
            same(fact, view, "person") and view.get("election_year") == year and view.get("round") == fact.get("round")
        )
    if kind == "turnout":
        year = key_year(gold.elections.get(fact["election"], {}))
        return view.get("election_year") == year and view.get("round") == fact.get("round")
    return False


def _role_equal(fact: dict[str, Any], view: dict[str, Any], role: str) -> bool:
    return fact.get(role) is not None and fact.get(role) == view.get(role)


def best_match(
    kind: str, fact: dict[str, Any], candidates: Sequence[tuple[int, dict[str, Any]]], gold: Gold
) -> int | None:
    """The produced fact a gold fact pairs with: of those that match, the closest office label, not
    the first that shares half its words (a person's "President of X" and "Prime Minister of X"
    both share "X" with either gold label)."""
    fitting = [(i, view) for i, view in candidates if _matches(kind, fact, view, gold)]
    return max(fitting, key=lambda item: _closeness(kind, fact, item[1]))[0] if fitting else None


def _closeness(kind: str, fact: dict[str, Any], view: dict[str, Any]) -> float:
    """How closely a fitting produced fact matches (ties keep the first): office labels by shared words."""
    if kind != "office":
        return 0.0
    gold_words, produced = _content_words(fact["office"]), _content_words(str(view.get("office", "")))
    return len(gold_words & produced) / max(1, len(gold_words | produced))


def office_label_matches(gold_label: str, produced_label: str) -> bool:
    """At least half of the gold label's content words appear in the produced label."""
    gold_words = _content_words(gold_label)
    produced = _content_words(produced_label)
    if not gold_words:
        return False
    return sum(1 for word in gold_words if word in produced) * 2 >= len(gold_words)


def _content_words(label: str) -> set[str]:
    words = match_key(label).split()
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words if w not in _STOPWORDS}


def _describe(fact: dict[str, Any]) -> str:
    shown = {
        k: v for k, v in fact.items() if k not in ("kind", "optional") and not k.endswith("_year") and v is not None
    }
    return json.dumps(shown, sort_keys=True, ensure_ascii=False)


def run(
    gold_path: Path, docs: Path | None, extractor_name: str = "rules", progress: Callable[[str], None] | None = None
) -> Report:
    gold = load_gold(gold_path)
    documents = gold_documents(gold, gold_path, docs)
    return evaluate(gold, documents, get_extractor(extractor_name))
