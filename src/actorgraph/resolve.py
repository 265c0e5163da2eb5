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
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter
from typing import cast

from actorgraph.compact import pickled_by_fields
from actorgraph.extract.dictionary import default_dictionary
from actorgraph.name_variants import merge_given_name_variants, merge_person_variants
from actorgraph.normalize import fold, is_patronymic, translit_key
from actorgraph.normalize import match_key as _match_key
from actorgraph.normalize import person_key as _person_key
from actorgraph.records import Election, EntityType, Extraction

# Resolution asks for the key of each actor of each document, and names repeat: each is worked out
# once. (Here, not in normalize.py: that module is part of the extraction's fingerprint.)
match_key = lru_cache(maxsize=1 << 16)(_match_key)
person_key = lru_cache(maxsize=1 << 16)(_person_key)


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
    # document id -> mention key -> actor id; {} for a document without actors (a defaultdict when
    # resolved). One map per document, not a pair of strings for each actor of each document: the
    # graph builder reads it as it is, and a large corpus holds a hundred thousand of them.
    by_document: dict[str, dict[str, str]]
    decisions: tuple[Decision, ...]

    @property
    def actor_of(self) -> ActorOf:
        """(document id, mention key) -> actor id."""
        return ActorOf(self.by_document)

    def actor(self, document_id: str, key: str) -> Actor:
        return self.actors[self.actor_of[(document_id, key)]]


class ActorOf(Mapping[tuple[str, str], str]):
    """A resolution's actor of each (document id, mention key), read from its documents' maps."""

    def __init__(self, by_document: dict[str, dict[str, str]]) -> None:
        self._by_document = by_document

    def __getitem__(self, pair: tuple[str, str]) -> str:
        document, key = pair
        return self._by_document.get(document, {})[key]  # get: a defaultdict gains no entry

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for document, keys in self._by_document.items():
            for key in keys:
                yield document, key

    def __len__(self) -> int:
        return sum(map(len, self._by_document.values()))


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

    def roots(self, count: int) -> list[int]:
        """The root of each item below `count`. A parent never comes after its child (a join keeps
        the smaller root, a group joins its first member), so one pass in order finds them all."""
        root = list(range(count))
        parent = self.parent
        for item in range(count):
            above = parent.get(item, item)
            if above != item:
                root[item] = root[above] if above < item else self.find(item)
        return root


def resolve(extractions: Iterable[Extraction], overrides: Overrides | None = None) -> Resolution:
    return resolve_summaries(map(summarize, extractions), overrides)


def resolve_summaries(
    summaries: Iterable[Iterable[LocalActor]], overrides: Overrides | None = None, decisions_kept: bool = True
) -> Resolution:
    """Resolution from each document's summary (`summarize`): the reduce step of a build whose
    documents were extracted elsewhere. Documents must have distinct ids; any order gives the same.
    Without `decisions_kept`, the resolution holds no decisions (they are for the resolution log:
    about 12 MB at 10,000 documents, kept for the whole build)."""
    overrides = overrides or Overrides()
    locals_ = sorted((local for summary in summaries for local in summary), key=_mention)  # by document, key
    union = _UnionFind()
    decisions: list[Decision] | None = [] if decisions_kept else None
    split_pairs = {frozenset((match_key(a), match_key(b))) for a, b in overrides.splits}

    def kept_apart(a: LocalActor, b: LocalActor) -> bool:
        if not split_pairs:  # no curated splits (the usual case): no names to fold for each merge
            return False
        return any(frozenset((match_key(x), match_key(y))) in split_pairs for x in _names(a) for y in _names(b))

    # the patronymics each group of persons carries (those that carry any): namesakes with
    # different ones are two people
    patronymics: dict[int, frozenset[str]] = {}
    for index, local in enumerate(locals_):
        if local.type == "Person" and (found := _patronymics(local.name, local.surfaces)):
            patronymics[index] = found

    none: frozenset[str] = frozenset()

    def refusal(a: LocalActor, b: LocalActor, own: frozenset[str], other: frozenset[str]) -> str | None:
        """Why two actors (of groups carrying these patronymics) are not one, if they are not."""
        if kept_apart(a, b):
            return "curated split"
        return "different patronymics" if own and other and not own & other else None

    def merge(i: int, j: int, reason: str) -> None:
        root_i, root_j = union.find(i), union.find(j)
        if root_i == root_j:
            return
        a, b, own, other = locals_[i], locals_[j], patronymics.get(root_i, none), patronymics.get(root_j, none)
        refused = refusal(a, b, own, other)
        if refused is None:
            root = union.join(root_i, root_j)
            if own or other:
                patronymics[root] = own | other
        decide(a, b, refused, reason)

    def decide(a: LocalActor, b: LocalActor, refused: str | None, reason: str) -> None:
        if decisions is not None:
            decisions.append(Decision("keep-apart", (a, b), refused) if refused else Decision("merge", (a, b), reason))

    def join_group(members: list[int], reason: str) -> None:
        """`merge` of the first member with each other one, when all are still apart (each actor is
        in one group, and groups come first): the first stays the root, so no root is looked up."""
        root, a = members[0], locals_[members[0]]
        own = patronymics.get(root, none)
        union.parent.setdefault(root, root)
        if decisions is None and not split_pairs and patronymics.keys().isdisjoint(members[1:]):
            union.parent.update(dict.fromkeys(members[1:], root))  # nothing to refuse, nothing to log
            return
        for j in members[1:]:
            b, other = locals_[j], patronymics.get(j, none)
            refused = refusal(a, b, own, other)
            if refused is None:
                union.parent[j] = root
                own = own | other if other else own
            decide(a, b, refused, reason)
        if own:
            patronymics[root] = own

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
        join_group(members, reason)

    def keep_apart(a: LocalActor, b: LocalActor, reason: str) -> None:
        if decisions is not None:
            decisions.append(Decision("keep-apart", (a.name, b.name), reason))

    merge_person_variants(locals_, merge, keep_apart)
    merge_given_name_variants(locals_, merge, keep_apart)
    for first, second in overrides.merges:
        a = [i for i, local in enumerate(locals_) if match_key(first) in map(match_key, _names(local))]
        b = [i for i, local in enumerate(locals_) if match_key(second) in map(match_key, _names(local))]
        for i in a[:1]:
            for j in b:
                if union.find(i) != union.find(j):
                    union.union(i, j)
                    if decisions is not None:
                        decisions.append(Decision("merge", (first, second), "curated merge"))

    return _build(locals_, union, decisions or [])


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
            # keys, names, types and dictionary entries repeat across documents: one string each, not
            # one per document (the corpus index and resolution hold every document's actors)
            reference = None if mention.reference is None else sys.intern(mention.reference)
            entity_type = cast(EntityType, sys.intern(mention.type))
            key, name = sys.intern(mention.key), sys.intern(mention.name)
            found[key] = LocalActor(document, key, entity_type, name, reference=reference)
        elif len(mention.name) > len(local.name):
            found[mention.key] = replace(local, name=sys.intern(mention.name))
        surfaces[mention.key].add(" ".join(mention.span.quote.split()))
    return [replace(found[key], surfaces=_shared(tuple(sorted(surfaces[key])))) for key in sorted(found)]


@lru_cache(maxsize=1 << 16)
def _shared(surfaces: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple (of one string each) for every document that writes an actor the same ways: the
    first seen, as an lru_cache returns it. The corpus index is pickled with them shared, so a
    build loads each once, not once per document."""
    return tuple(map(sys.intern, surfaces))


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


@lru_cache(maxsize=1 << 14)  # asked for each person of each document: the same spellings again and again
def _patronymics(name: str, surfaces: tuple[str, ...]) -> frozenset[str]:
    """The patronymics a person's spellings carry ('Alan Eduardovich Kochiev'), as keys."""
    words = [spelling.split() for spelling in {name, *surfaces}]
    # "Alan Eduardovich Kochiev" or, Russian order, "Kochiev Alan Eduardovich": never the first word
    return frozenset(
        translit_key(word) for parts in words if len(parts) >= 3 for word in parts[1:] if is_patronymic(word)
    )


def _named(name: str | LocalActor) -> str:
    return name if isinstance(name, str) else f"{name.name} [{name.document}]"


def _names(local: LocalActor) -> set[str]:
    return {local.name, *local.surfaces}


def _family(entity_type: str) -> str:
    return "organization" if entity_type in ("Organization", "GovernmentBody") else entity_type


def _build(locals_: list[LocalActor], union: _UnionFind, decisions: list[Decision]) -> Resolution:
    clusters: dict[int, list[LocalActor]] = defaultdict(list)
    for root, local in zip(union.roots(len(locals_)), locals_, strict=True):
        clusters[root].append(local)
    actors: dict[str, Actor] = {}
    by_document: defaultdict[str, dict[str, str]] = defaultdict(dict)
    used: Counter[str] = Counter()
    for _root, members in sorted(clusters.items()):
        # a popular actor has a member in most documents: fields are read by C-level getters
        reference = next(filter(None, map(_reference, members)), None)
        types = Counter(map(_type, members))
        entity_type = max(sorted(types), key=lambda t: types[t])
        name = _canonical_name(members, reference)
        slug = _slug(name) or "actor"
        used[slug] += 1
        identifier = slug if used[slug] == 1 else f"{slug}-{_slug(entity_type)}-{used[slug]}"
        spellings = set(map(_spellings, members))  # a popular actor's members repeat them
        names = {n for spelled, surfaces in spellings for n in (spelled, *surfaces)}
        aliases = sorted(names - {name}, key=lambda n: (fold(n), n))
        documents = tuple(dict.fromkeys(map(_document, members)))  # members come in document order
        actors[identifier] = Actor(identifier, entity_type, name, tuple(aliases), reference, documents)
        for document, key in map(_mention, members):
            by_document[document][key] = identifier
    return Resolution(actors, by_document, tuple(decisions))


def _canonical_name(members: list[LocalActor], reference: str | None) -> str:
    if reference:
        return next(m.name for m in members if m.reference == reference)
    names: Counter[str] = Counter(map(_name, members))
    return max(sorted(names), key=lambda n: (names[n], len(n)))


_reference, _type, _name, _document = (attrgetter(f) for f in ("reference", "type", "name", "document"))
_spellings, _mention = attrgetter("name", "surfaces"), attrgetter("document", "key")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
