"""Cross-document entity resolution: one identity per real actor however it is spelled.

Rules, in order, each decision logged with its reason:
1. the dictionary's identity wins when it knows the actor (mentions carry its IRI);
2. persons merge on transliteration-normalised full names (Gagloyev = Gagloev);
3. persons merge on a surname one edit apart when the given name also agrees
   (a source's typo "Anatoli Babilov" is Anatoli Bibilov), but never when the given
   names differ or the surnames differ by a gendered ending (Pliev is not Plieva);
4. other actors merge on type and folded name;
5. curated merges and splits override all of the above.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import cast

from rapidfuzz.distance import Levenshtein

from actorgraph.compact import pickled_by_fields
from actorgraph.extract.dictionary import default_dictionary
from actorgraph.lexicon import lexicon
from actorgraph.normalize import (
    fold,
    gendered_counterparts,
    gendered_endings,
    given_name_key,
    is_patronymic,
    match_key,
    name_parts,
    person_key,
    translit_key,
)
from actorgraph.records import Election, EntityType, Extraction


@dataclass(frozen=True)
class Actor:
    """A resolved actor: one identity across documents."""

    id: str  # a slug, unique in the resolution; the build mints the IRI from it
    type: EntityType
    name: str
    aliases: tuple[str, ...]
    reference: str | None
    documents: tuple[str, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Decision:
    """Why two names were, or were not, taken as one actor. A name is a string, or an actor of a
    document (named with its document when asked): a corpus has a decision for nearly every actor of
    every document, and their names, written out, took as much memory as the actors."""

    action: str  # "merge" or "keep-apart"
    pair: tuple[str | LocalActor, str | LocalActor]
    reason: str

    @property
    def names(self) -> tuple[str, str]:
        return (_named(self.pair[0]), _named(self.pair[1]))

    def line(self) -> str:
        return f"{self.action}: {self.names[0]!r} + {self.names[1]!r}: {self.reason}"


@dataclass(frozen=True)
class Overrides:
    """Curated decisions: names to merge into one actor, names never to merge."""

    merges: tuple[tuple[str, str], ...] = ()
    splits: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Resolution:
    actors: dict[str, Actor]
    actor_of: dict[tuple[str, str], str]  # (document id, mention key) -> actor id
    decisions: tuple[Decision, ...]

    def actor(self, document_id: str, key: str) -> Actor:
        return self.actors[self.actor_of[(document_id, key)]]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class LocalActor:
    """One actor as one document knows it. Slotted and with a tuple of surfaces: the corpus index
    and resolution hold one for each actor of each document."""

    document: str
    key: str
    type: EntityType
    name: str
    surfaces: tuple[str, ...] = ()  # sorted
    reference: str | None = None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.join(root_a, root_b)

    def join(self, root_a: int, root_b: int) -> int:
        """Two different roots as one (the smaller); returns it."""
        self.parent[max(root_a, root_b)] = low = min(root_a, root_b)
        return low


def resolve(extractions: Iterable[Extraction], overrides: Overrides | None = None) -> Resolution:
    return resolve_summaries(map(summarize, extractions), overrides)


def resolve_summaries(summaries: Iterable[Iterable[LocalActor]], overrides: Overrides | None = None) -> Resolution:
    """Resolution from each document's summary (`summarize`): the reduce step of a build whose
    documents were extracted elsewhere. Documents must have distinct ids; any order gives the same."""
    overrides = overrides or Overrides()
    locals_ = sorted(
        (local for summary in summaries for local in summary), key=lambda local: (local.document, local.key)
    )
    union = _UnionFind()
    decisions: list[Decision] = []
    split_pairs = {frozenset((match_key(a), match_key(b))) for a, b in overrides.splits}

    def kept_apart(a: LocalActor, b: LocalActor) -> bool:
        if not split_pairs:  # no curated splits (the usual case): no names to fold for each merge
            return False
        return any(frozenset((match_key(x), match_key(y))) in split_pairs for x in _names(a) for y in _names(b))

    # the patronymics each group of persons carries: namesakes with different ones are two people
    patronymics = {i: _patronymics(local) for i, local in enumerate(locals_) if local.type == "Person"}

    none: frozenset[str] = frozenset()

    def merge(i: int, j: int, reason: str) -> None:
        root_i, root_j = union.find(i), union.find(j)
        if root_i == root_j:
            return
        a, b = locals_[i], locals_[j]
        names = (a, b)
        if kept_apart(a, b):
            decisions.append(Decision("keep-apart", names, "curated split"))
            return
        own, other = patronymics.get(root_i, none), patronymics.get(root_j, none)
        if own and other and not own & other:
            decisions.append(Decision("keep-apart", names, "different patronymics"))
            return
        root = union.join(root_i, root_j)
        if own or other:
            patronymics[root] = set(own | other)
        decisions.append(Decision("merge", names, reason))

    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, local in enumerate(locals_):
        if local.reference:
            groups[("reference", local.reference)].append(index)
        elif local.type == "Person":
            groups[("person", person_key(local.name))].append(index)
        else:
            groups[(_family(local.type), match_key(local.name))].append(index)
    for (kind, _), members in sorted(groups.items()):
        reason = {"reference": "same dictionary entry", "person": "same transliterated full name"}.get(
            kind, "same type and name"
        )
        for other in members[1:]:
            merge(members[0], other, reason)

    _merge_person_variants(locals_, merge, decisions)
    _merge_given_name_variants(locals_, merge, decisions)
    for first, second in overrides.merges:
        a = [i for i, local in enumerate(locals_) if match_key(first) in map(match_key, _names(local))]
        b = [i for i, local in enumerate(locals_) if match_key(second) in map(match_key, _names(local))]
        for i in a[:1]:
            for j in b:
                if union.find(i) != union.find(j):
                    union.union(i, j)
                    decisions.append(Decision("merge", (first, second), "curated merge"))

    return _build(locals_, union, decisions)


def summarize(extraction: Extraction) -> list[LocalActor]:
    """What resolution needs of one document: each actor it names (type, fullest name, the
    surfaces it is written with, its dictionary entry), without the text, spans or facts."""
    entries = default_dictionary().entries
    document = extraction.document.id
    found: dict[str, LocalActor] = {}
    surfaces: dict[str, set[str]] = defaultdict(set)
    # Facts may name dictionary actors the text never spells out ("Abkhaz foreign minister").
    for key in sorted(_claim_keys(extraction) - {m.key for m in extraction.mentions}):
        if key in entries:
            entry = entries[key]
            found[key] = LocalActor(document, key, entry.type, entry.label, reference=key)
    for mention in extraction.mentions:
        local = found.get(mention.key)
        if local is None:
            # types and dictionary entries repeat across documents: one string each, not one per mention
            reference = None if mention.reference is None else sys.intern(mention.reference)
            entity_type = cast(EntityType, sys.intern(mention.type))
            found[mention.key] = LocalActor(document, mention.key, entity_type, mention.name, reference=reference)
        elif len(mention.name) > len(local.name):
            found[mention.key] = replace(local, name=mention.name)
        surfaces[mention.key].add(" ".join(mention.span.quote.split()))
    return [replace(found[key], surfaces=tuple(sorted(surfaces[key]))) for key in sorted(found)]


def _claim_keys(extraction: Extraction) -> set[str]:
    keys: set[str] = set()
    for claim in extraction.claims:
        for _role, value in claim.roles:
            if isinstance(value, Election):
                keys.add(value.jurisdiction)
            elif isinstance(value, str):
                keys.add(value)
        if claim.attributed_to:
            keys.add(claim.attributed_to)
    return keys


def _patronymics(local: LocalActor) -> set[str]:
    """The patronymics a person's spellings carry ('Alan Eduardovich Kochiev'), as keys."""
    words = [name.split() for name in _names(local)]
    # "Alan Eduardovich Kochiev" or, Russian order, "Kochiev Alan Eduardovich": never the first word
    return {translit_key(word) for parts in words if len(parts) >= 3 for word in parts[1:] if is_patronymic(word)}


def _named(name: str | LocalActor) -> str:
    return name if isinstance(name, str) else f"{name.name} [{name.document}]"


def _names(local: LocalActor) -> set[str]:
    return {local.name, *local.surfaces}


def _family(entity_type: str) -> str:
    return "organization" if entity_type in ("Organization", "GovernmentBody") else entity_type


def _merge_person_variants(locals_: list[LocalActor], merge, decisions: list[Decision]) -> None:  # type: ignore[no-untyped-def]
    """Same given name and surnames one edit apart: a spelling variant or typo of one person.

    Only the pairs whose surnames are related (one edit apart or gendered counterparts) are
    visited, found through an index of the distinct surnames, in the order of a visit of
    every pair: a popular person named in thousands of documents costs no pairwise pass.
    """
    people = [(i, local) for i, local in enumerate(locals_) if local.type == "Person"]
    by_given: dict[str, list[tuple[int, LocalActor]]] = defaultdict(list)
    for index, local in people:
        given, _ = name_parts(local.name)
        if given:
            by_given[given_name_key(given)].append((index, local))
    for _given, members in sorted(by_given.items()):
        surnames = [name_parts(local.name)[1] for _, local in members]
        for position, later in _related_later(surnames, _surname_relatives(set(surnames))):
            i, a = members[position]
            surname_a = surnames[position]
            for q in later:
                (j, b), surname_b = members[q], surnames[q]
                key_a, key_b = translit_key(surname_a), translit_key(surname_b)
                if key_a == key_b or (a.reference and b.reference and a.reference != b.reference):
                    continue
                if gendered_counterparts(surname_a, surname_b):
                    decisions.append(Decision("keep-apart", (a.name, b.name), "surnames differ by a gendered ending"))
                    continue
                if min(len(key_a), len(key_b)) >= 5 and Levenshtein.distance(key_a, key_b, score_cutoff=1) <= 1:
                    merge(i, j, "same given name, surname one edit apart")


def _merge_given_name_variants(locals_: list[LocalActor], merge, decisions: list[Decision]) -> None:  # type: ignore[no-untyped-def]
    """Across documents, one surname with given names one edit apart ('Batal'/'Batala') is one person.

    Never from a document that names two people of that surname, never for a short surname,
    and never when the two given names are known as a male and a female name.
    """
    genders = _given_name_genders()
    by_surname: dict[str, list[tuple[int, LocalActor, str]]] = defaultdict(list)
    for index, local in enumerate(locals_):
        given, surname = name_parts(local.name)
        if local.type == "Person" and given and len(translit_key(surname)) >= 6:
            by_surname[translit_key(surname)].append((index, local, given))
    for _surname, members in sorted(by_surname.items()):
        # A document that names two people of this surname keeps them apart, and so stays out of it.
        per_document = Counter(local.document for _, local, _ in members)
        members = [member for member in members if per_document[member[1].document] == 1]
        keys = [given_name_key(given) for _, _, given in members]
        relatives = {key: set(near) for key, near in _one_edit_apart(set(keys)).items()}
        for position, later in _related_later(keys, relatives):
            i, a, given_a = members[position]
            for q in later:
                (j, b, given_b), key_a, key_b = members[q], keys[position], keys[q]
                if key_a == key_b or min(len(key_a), len(key_b)) < 4:
                    continue
                if a.reference and b.reference:
                    continue
                if Levenshtein.distance(key_a, key_b, score_cutoff=1) > 1:
                    continue
                gender_a, gender_b = genders.get(fold(given_a)), genders.get(fold(given_b))
                if gender_a and gender_b and gender_a != gender_b:
                    decisions.append(Decision("keep-apart", (a.name, b.name), "given names of different genders"))
                    continue
                merge(i, j, "same surname, given name one edit apart, in different documents")


def _related_later(words: list[str], relatives: dict[str, set[str]]) -> Iterator[tuple[int, list[int]]]:
    """For each position, the later positions whose word is related to its word, in order."""
    positions: dict[str, list[int]] = defaultdict(list)
    for position, word in enumerate(words):
        positions[word].append(position)
    for position, word in enumerate(words):
        later = [
            q for other in relatives.get(word, ()) for q in positions[other][bisect_right(positions[other], position) :]
        ]
        if later:
            yield position, sorted(later)


def _surname_relatives(surnames: set[str]) -> dict[str, set[str]]:
    """Each surname's distinct relatives: transliteration keys one edit apart, or gendered counterparts."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for surname in sorted(surnames):
        by_key[translit_key(surname)].append(surname)
    relatives: dict[str, set[str]] = defaultdict(set)
    for key, near in _one_edit_apart(set(by_key)).items():
        for surname in by_key[key]:
            relatives[surname].update(other for key_b in near for other in by_key[key_b])
    endings: dict[tuple[int, str, bool], list[str]] = defaultdict(list)
    for surname in surnames:
        folded = fold(surname)
        for index, (male, female) in enumerate(gendered_endings()):
            for ending, is_male in ((male, True), (female, False)):
                if folded.endswith(ending):
                    endings[(index, folded[: len(folded) - len(ending)], is_male)].append(surname)
    for (index, stem, is_male), found in endings.items():
        if is_male:
            for surname in found:
                for other in endings.get((index, stem, False), ()):
                    relatives[surname].add(other)
                    relatives[other].add(surname)
    return relatives


def _one_edit_apart(keys: set[str]) -> dict[str, list[str]]:
    """For each key, the other keys at Levenshtein distance 1, found through shared one-deletion
    variants (two words one edit apart always share one) rather than by comparing every pair."""
    by_variant: dict[str, list[str]] = defaultdict(list)
    for key in sorted(keys):
        for variant in {key, *(key[:k] + key[k + 1 :] for k in range(len(key)))}:
            by_variant[variant].append(key)
    near: dict[str, list[str]] = defaultdict(list)
    for found in by_variant.values():
        for a in found:
            for b in found:
                if a != b and b not in near[a] and Levenshtein.distance(a, b, score_cutoff=1) <= 1:
                    near[a].append(b)
    return near


def _given_name_genders() -> dict[str, str]:
    names: dict[str, str] = {}
    for gender, words in lexicon()["given_names"].items():
        for word in words:
            names.setdefault(fold(word), gender)
    return names


def _build(locals_: list[LocalActor], union: _UnionFind, decisions: list[Decision]) -> Resolution:
    clusters: dict[int, list[LocalActor]] = defaultdict(list)
    for index, local in enumerate(locals_):
        clusters[union.find(index)].append(local)
    actors: dict[str, Actor] = {}
    actor_of: dict[tuple[str, str], str] = {}
    used: Counter[str] = Counter()
    for _root, members in sorted(clusters.items()):
        reference = next((m.reference for m in members if m.reference), None)
        types = Counter(m.type for m in members)
        entity_type = max(sorted(types), key=lambda t: types[t])
        name = _canonical_name(members, reference)
        slug = _slug(name) or "actor"
        used[slug] += 1
        identifier = slug if used[slug] == 1 else f"{slug}-{_slug(entity_type)}-{used[slug]}"
        aliases = sorted({n for m in members for n in _names(m)} - {name}, key=lambda n: (fold(n), n))
        actors[identifier] = Actor(
            identifier, entity_type, name, tuple(aliases), reference, tuple(sorted({m.document for m in members}))
        )
        for member in members:
            actor_of[(member.document, member.key)] = identifier
    return Resolution(actors, actor_of, tuple(decisions))


def _canonical_name(members: list[LocalActor], reference: str | None) -> str:
    if reference:
        return next(m.name for m in members if m.reference == reference)
    names = Counter(m.name for m in members)
    return max(sorted(names), key=lambda n: (names[n], len(n)))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
