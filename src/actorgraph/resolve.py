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

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import cast

from actorgraph.compact import pickled_by_fields
from actorgraph.extract.dictionary import default_dictionary
from actorgraph.name_variants import merge_given_name_variants, merge_person_variants
from actorgraph.normalize import is_patronymic, translit_key
from actorgraph.normalize import match_key as _match_key
from actorgraph.normalize import person_key as _person_key
from actorgraph.records import Election, EntityType, Extraction
from actorgraph.resolve_build import ActorOf, Shape, Trace, build
from actorgraph.resolve_build import LocalActor as LocalActor  # the record of resolution's input, as imported from here

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


_DECISION_FIELDS = tuple(Decision.__dict__[field].__set__ for field in ("action", "pair", "reason"))


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


def resolve(extractions: Iterable[Extraction], overrides: Overrides | None = None) -> Resolution:
    return resolve_summaries(map(summarize, extractions), overrides)


def resolve_summaries(
    summaries: Iterable[Iterable[LocalActor]],
    overrides: Overrides | None = None,
    decisions_kept: bool = True,
    trace: Trace | None = None,
) -> Resolution:
    """Resolution from each document's summary (`summarize`): the reduce step of a build whose
    documents were extracted elsewhere. Documents must have distinct ids; any order gives the same.
    Without `decisions_kept`, the resolution holds no decisions (they are for the resolution log:
    about 12 MB at 10,000 documents, kept for the whole build). A `trace` is filled with what
    `resolve_delta` keeps of it.

    The rules read an actor's shape (all but its document and key), and shapes repeat: 116,000 actors
    of 10,000 documents have 1,800. Each rule works on shapes, and on actors only where the shapes it
    relates have any; an actor's identity is that of its shape's, unless a refusal split the shape.
    """
    overrides = overrides or Overrides()
    # By document, then key: documents have distinct ids and a document's actors distinct keys, so
    # the tuples' own order is that, and no key tuple is made for each (0.040 -> 0.015 s, 116,000 actors).
    locals_ = sorted(chain.from_iterable(summaries))
    shapes: dict[Shape, list[int]] = {}  # the positions of the actors of each shape, in order
    for index, local in enumerate(locals_):
        shape = local[2:]  # type, name, surfaces, reference
        if (found := shapes.get(shape)) is None:
            shapes[shape] = [index]
        else:
            found.append(index)
    decisions: list[Decision] | None = [] if decisions_kept else None
    split_pairs = {frozenset((match_key(a), match_key(b))) for a, b in overrides.splits}
    split_found: dict[tuple[str, tuple[str, ...], str, tuple[str, ...]], bool] = {}

    def kept_apart(a: Shape | LocalActor, b: Shape | LocalActor) -> bool:
        if not split_pairs:  # no curated splits (the usual case): no names to fold for each merge
            return False
        (name_a, surfaces_a), (name_b, surfaces_b) = _spelled(a), _spelled(b)
        pair = (name_a, surfaces_a, name_b, surfaces_b)
        if (found := split_found.get(pair)) is None:
            keys_b = [match_key(y) for y in {name_b, *surfaces_b}]
            found = split_found[pair] = any(
                frozenset((match_key(x), y)) in split_pairs for x in {name_a, *surfaces_a} for y in keys_b
            )
        return found

    # Components of actors: each has a root (its first actor) and its actors by shape. An actor is in
    # its shape's component (`home`) unless its group refused some of its members (`alone`); a merge
    # of two components makes the later root point to the earlier (`above`).
    parts: dict[int, list[tuple[Shape, list[int]]]] = {}
    home: dict[Shape, int] = {}
    alone: dict[int, int] = {}
    above: dict[int, int] = {}
    # the patronymics each person's spellings carry, and each component (that carries any): namesakes
    # with different ones are two people
    carried = {s: pats for s in shapes if (pats := carried_patronymics(s))}
    patronymics: dict[int, frozenset[str]] = {}
    none: frozenset[str] = frozenset()

    def root_of(root: int) -> int:
        while (up := above.get(root, root)) != root:
            above[root] = above.get(up, up)
            root = up
        return root

    def find(index: int) -> int:
        root = alone.get(index)
        return root_of(home[_shape(locals_[index])] if root is None else root)

    def join(root_a: int, root_b: int) -> int:
        above[max(root_a, root_b)] = low = min(root_a, root_b)
        return low

    def refusal(a: Shape | LocalActor, b: Shape | LocalActor, own: frozenset[str], other: frozenset[str]) -> str | None:
        """Why two actors (of components carrying these patronymics) are not one, if they are not."""
        if kept_apart(a, b):
            return "curated split"
        return "different patronymics" if own and other and not own & other else None

    def merge(i: int, j: int, reason: str) -> None:
        root_i, root_j = find(i), find(j)
        if root_i == root_j:
            return
        a, b, own, other = locals_[i], locals_[j], patronymics.get(root_i, none), patronymics.get(root_j, none)
        refused = refusal(a, b, own, other)
        if refused is None:
            root = join(root_i, root_j)
            if own or other:
                patronymics[root] = own | other
        elif trace is not None:
            trace.refused.update((_shape(a), _shape(b)))
        decide(a, b, refused, reason)

    def decide(a: LocalActor, b: LocalActor, refused: str | None, reason: str) -> None:
        if decisions is not None:
            decisions.append(Decision("keep-apart", (a, b), refused) if refused else Decision("merge", (a, b), reason))

    def join_group(group: list[Shape], reason: str) -> None:
        """`merge` of the first member with each other one, in order, when all are still apart (each
        actor is in one group, and groups come first): the first stays the root."""
        first = group[0]  # shapes come in the order of their first actors
        root, own = shapes[first][0], carried.get(first, none)
        # a refusal needs a curated split, or actors with different patronymics
        carriers = {carried[shape] for shape in group if shape in carried}
        if len(carriers) < 2 and not any(kept_apart(first, shape) for shape in group):
            # nothing to refuse (the usual case): the group is one component, with its patronymics
            if decisions is not None:
                a = locals_[root]
                members = sorted(chain.from_iterable(map(shapes.__getitem__, group)))
                decisions.extend(_merged(a, map(locals_.__getitem__, members[1:]), reason))
            parts[root] = [(shape, shapes[shape]) for shape in group]
            home.update(dict.fromkeys(group, root))
            if carriers:
                patronymics[root] = carriers.pop()
            return
        a, joined = locals_[root], {first: [root]}
        alone[root] = root
        if trace is not None:  # a group that can refuse: its actors' identities are not their shapes'
            trace.refused.update(group)
        for j, its in sorted((j, shape) for shape in group for j in shapes[shape])[1:]:
            other = carried.get(its, none)
            refused = refusal(first, its, own, other)
            if refused is None:
                joined.setdefault(its, []).append(j)
                alone[j] = root
                own = own | other if other else own
            else:
                alone[j], parts[j] = j, [(its, [j])]
                if other:
                    patronymics[j] = other
            decide(a, locals_[j], refused, reason)
        parts[root] = list(joined.items())
        if own:
            patronymics[root] = own

    groups: dict[tuple[str, str], list[Shape]] = defaultdict(list)
    for shape in shapes:
        groups[group_key(shape)].append(shape)
    for (kind, _), group in sorted(groups.items()):
        reason = {"reference": "same dictionary entry", "person": "same transliterated full name"}.get(
            kind, "same type and name"
        )
        join_group(group, reason)

    def keep_apart(a: LocalActor, b: LocalActor, reason: str) -> None:
        if decisions is not None:
            decisions.append(Decision("keep-apart", (a.name, b.name), reason))

    persons: dict[tuple[str, str | None], list[int]] = {}
    for (entity_type, name, _, reference), found in shapes.items():
        if entity_type == "Person":
            known = persons.get((name, reference))
            persons[(name, reference)] = found if known is None else sorted(known + found)
    merge_person_variants(locals_, merge, keep_apart, persons)
    merge_given_name_variants(locals_, merge, keep_apart, persons, None if trace is None else trace.considered)
    for first, second in overrides.merges:
        a, b = _called(shapes, first), _called(shapes, second)
        for i in a[:1]:
            for j in b:
                root_i, root_j = find(i), find(j)
                if root_i != root_j:
                    join(root_i, root_j)
                    if decisions is not None:
                        decisions.append(Decision("merge", (first, second), "curated merge"))

    clusters: dict[int, list[tuple[Shape, list[int]]]] = defaultdict(list)
    for root, found_parts in parts.items():
        clusters[root_of(root)] += found_parts
    actors, by_document = build(locals_, clusters)
    if trace is not None:
        trace.locals_, trace.shapes, trace.clusters, trace.carried = locals_, shapes, clusters, carried
    return Resolution({fields[0]: Actor(*fields) for fields in actors}, by_document, tuple(decisions or ()))


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
            found[mention.key] = local._replace(name=sys.intern(mention.name))
        surfaces[mention.key].add(" ".join(mention.span.quote.split()))
    return [found[key]._replace(surfaces=_shared(tuple(sorted(surfaces[key])))) for key in sorted(found)]


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


def group_key(shape: Shape) -> tuple[str, str]:
    """The group a shape joins at once (rules 1, 2 and 4): its dictionary entry, a person's
    transliterated full name, or its type's family and folded name."""
    entity_type, name, _, reference = shape
    if reference:
        return ("reference", reference)
    if entity_type == "Person":
        return ("person", person_key(name))
    return (_family(entity_type), match_key(name))


def carried_patronymics(shape: Shape) -> frozenset[str]:
    """The patronymics a person's spellings carry (none for other actors)."""
    return _patronymics(shape[1], shape[2]) if shape[0] == "Person" else frozenset()


@lru_cache(maxsize=1 << 14)  # asked for each person of each document: the same spellings again and again
def _patronymics(name: str, surfaces: tuple[str, ...]) -> frozenset[str]:
    """The patronymics a person's spellings carry ('Alan Eduardovich Kochiev'), as keys."""
    words = [spelling.split() for spelling in {name, *surfaces}]
    # "Alan Eduardovich Kochiev" or, Russian order, "Kochiev Alan Eduardovich": never the first word
    return frozenset(
        translit_key(word) for parts in words if len(parts) >= 3 for word in parts[1:] if is_patronymic(word)
    )


def _merged(a: LocalActor, others: Iterable[LocalActor], reason: str) -> Iterator[Decision]:
    """`Decision("merge", (a, b), reason)` for each of the others, made without the frozen class's
    __init__ and its three object.__setattr__ calls: 116,000 decisions in 26 ms instead of 48 ms."""
    new, (action, pair, why) = object.__new__, _DECISION_FIELDS
    for b in others:
        decision = new(Decision)
        action(decision, "merge")
        pair(decision, (a, b))
        why(decision, reason)
        yield decision


def _named(name: str | LocalActor) -> str:
    return name if isinstance(name, str) else f"{name.name} [{name.document}]"


def _spelled(actor: Shape | LocalActor) -> tuple[str, tuple[str, ...]]:
    return (actor.name, actor.surfaces) if isinstance(actor, LocalActor) else (actor[1], actor[2])


def _called(shapes: dict[Shape, list[int]], name: str) -> list[int]:
    """The positions of the actors with a spelling of this name (one match key), in order."""
    key = match_key(name)
    return sorted(
        chain.from_iterable(found for s, found in shapes.items() if key in {match_key(n) for n in (s[1], *s[2])})
    )


def _family(entity_type: str) -> str:
    return "organization" if entity_type in ("Organization", "GovernmentBody") else entity_type


_shape: Callable[[LocalActor], Shape] = itemgetter(2, 3, 4, 5)  # type, name, surfaces, reference
