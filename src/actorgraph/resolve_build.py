"""Resolution's last step: an actor for each cluster of the documents' actors, and each document's
map of its actors to theirs (read as pairs through `ActorOf`). A cluster comes as its actors by shape
(all but document and key): a popular actor is named by thousands of documents, in a few shapes.
A `Trace` holds what a resolution saw, for `resolve_delta` to keep.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import itemgetter, setitem
from typing import NamedTuple, cast, overload

from actorgraph.normalize import fold
from actorgraph.records import EntityType


class LocalActor(NamedTuple):
    """One actor as one document knows it. A tuple, with a tuple of surfaces: the corpus index and
    resolution hold one for each actor of each document, and a build loads them all from the index.
    It pickles as a call of `tuple.__new__`, in C: a 10,000-document index (116,000 actors) loads in
    0.06 s, against 0.12 s when this was a slotted dataclass pickled by fields (a Python `__init__`
    for each)."""

    document: str
    key: str
    type: EntityType
    name: str
    surfaces: tuple[str, ...] = ()  # sorted
    reference: str | None = None

    def __reduce__(self) -> tuple[Callable[..., LocalActor], tuple[object, ...]]:
        return (tuple.__new__, (LocalActor, tuple(self)))


# an actor less its document: key, type, name, surfaces, dictionary entry
Placeless = tuple[str, EntityType, str, tuple[str, ...], str | None]


class Summary(Sequence[LocalActor]):
    """A document's actors as the file index keeps them: each less its document (one tuple for an
    actor written alike in any document), a LocalActor only when read as one. A build that resolves
    from the kept state reads the compact form: making the 116,000 LocalActors of 10,000 documents
    took it 0.17-0.3 s of the index's 0.25-0.39 s."""

    __slots__ = ("document", "placeless")

    def __init__(self, document: str, placeless: tuple[Placeless, ...]) -> None:
        self.document, self.placeless = document, placeless

    @staticmethod
    def of(actors: Sequence[LocalActor]) -> Summary:
        """The actors (at least one, all of one document) in this form."""
        if isinstance(actors, Summary):
            return actors
        return Summary(actors[0].document, tuple(cast(Placeless, tuple(actor)[1:]) for actor in actors))

    def __len__(self) -> int:
        return len(self.placeless)

    @overload
    def __getitem__(self, index: int) -> LocalActor: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[LocalActor, ...]: ...
    def __getitem__(self, index: int | slice) -> LocalActor | tuple[LocalActor, ...]:
        return tuple(self)[index]

    def __iter__(self) -> Iterator[LocalActor]:
        new, placed = tuple.__new__, (self.document,)
        return (new(LocalActor, placed + actor) for actor in self.placeless)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Summary({self.document!r}, {self.placeless!r})"


# an actor but its document and key: type, name, surfaces, dictionary entry
Shape = tuple[EntityType, str, tuple[str, ...], str | None]
# an actor's id, type, name, aliases, dictionary entry, documents
ActorFields = tuple[str, EntityType, str, tuple[str, ...], str | None, tuple[str, ...]]
# a cluster's part as its identity reads it: a shape, how many actors have it, and its first (document, key)
Tally = tuple[Shape, int, tuple[str, str]]


@dataclass
class Trace:
    """What a resolution saw, for `resolve_delta` to keep: the actors in order, the positions of
    each shape's, the clusters, the patronymics each person's shape carries, the shapes of actors
    a refusal kept apart (or whose group could refuse), and the given-name pass's persons: for each
    surname with related given names, the positions of the candidates and of those it compared."""

    locals_: list[LocalActor] = field(default_factory=list)
    shapes: dict[Shape, list[int]] = field(default_factory=dict)
    clusters: dict[int, list[tuple[Shape, list[int]]]] = field(default_factory=dict)
    carried: dict[Shape, frozenset[str]] = field(default_factory=dict)
    refused: set[Shape] = field(default_factory=set)
    considered: list[tuple[list[int], list[int]]] = field(default_factory=list)


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


def build(
    locals_: list[LocalActor], clusters: dict[int, list[tuple[Shape, list[int]]]]
) -> tuple[list[ActorFields], defaultdict[str, dict[str, str]]]:
    """The fields of an actor for each cluster (clusters in the order of their first actors), and each
    document's map of its mention keys to their actors, from the clusters' actors by shape."""
    fields: list[tuple[EntityType, str, str | None, tuple[str, ...], list[LocalActor]]] = []
    for _root, parts in sorted(clusters.items()):
        if len(parts) == 1:  # the usual case: the actors of one shape
            (entity_type, name, _, reference), members = parts[0]
            reference = reference or None
        else:
            entity_type, name, reference = identity(
                [(shape, len(found), _first(locals_, found)) for shape, found in parts]
            )
            members = sorted(chain.from_iterable(found for _, found in parts))
        aliases = aliases_of({n for shape, _ in parts for n in (shape[1], *shape[2])}, name)
        # a popular actor has a member in most documents: fields are read by C-level getters
        fields.append((entity_type, name, reference, aliases, list(map(locals_.__getitem__, members))))
    actors: list[ActorFields] = []
    by_document: defaultdict[str, dict[str, str]] = defaultdict(dict)
    identifiers = _identifiers([(name, entity_type, reference) for entity_type, name, reference, _, _ in fields])
    for identifier, (entity_type, name, reference, aliases, found_actors) in zip(identifiers, fields, strict=True):
        found_documents = list(map(_document, found_actors))
        documents = tuple(dict.fromkeys(found_documents))  # members come in document order
        actors.append((identifier, entity_type, name, aliases, reference, documents))
        # by_document[document][key] = identifier, for each member
        deque(
            map(setitem, map(by_document.__getitem__, found_documents), map(_key, found_actors), repeat(identifier)), 0
        )
    return actors, by_document


def _identifiers(actors: Sequence[tuple[str, EntityType, str | None]]) -> list[str]:
    """Each actor's id (actors as (name, type, dictionary entry), in the order of their first
    documents): its name's slug, numbered where other actors' names give the same slug. Of those,
    the actors with a dictionary entry come first, in the order of their entries, then the others
    in the order of their first documents: an actor's number does not move when a document added
    comes first for it, unless it shares its slug with another actor of no entry (`resolve_delta`)."""
    by_slug: defaultdict[str, list[tuple[bool, str, int]]] = defaultdict(list)
    for position, (name, _, reference) in enumerate(actors):
        by_slug[slug_of(name)].append((reference is None, reference or "", position))
    identifiers = [""] * len(actors)
    for slug, named in by_slug.items():
        for number, (_, _, position) in enumerate(sorted(named), start=1):
            identifiers[position] = slug if number == 1 else f"{slug}-{_slug(actors[position][1])}-{number}"
    return identifiers


def identity(parts: list[Tally]) -> tuple[EntityType, str, str | None]:
    """A cluster's type (the most frequent), name and dictionary entry (those of its first actor with
    one, or else its most frequent name), from its shapes' tallies."""
    types: Counter[EntityType] = Counter()
    for shape, count, _ in parts:
        types[shape[0]] += count
    entity_type = max(sorted(types), key=types.__getitem__)
    if referenced := [(first, shape) for shape, _, first in parts if shape[3]]:
        _, (_, name, _, reference) = min(referenced)
        return entity_type, name, reference
    names: Counter[str] = Counter()
    for shape, count, _ in parts:
        names[shape[1]] += count
    return entity_type, max(sorted(names), key=lambda n: (names[n], len(n))), None


def aliases_of(spellings: set[str], name: str) -> tuple[str, ...]:
    """An actor's other spellings, in folded order."""
    return tuple(sorted(spellings - {name}, key=lambda n: (fold(n), n)))


def _first(locals_: list[LocalActor], found: list[int]) -> tuple[str, str]:
    first = locals_[found[0]]
    return first.document, first.key


# a LocalActor's document and key, by position: a tuple's item getter is cheaper than the named
# field's (resolving 10,000 documents: 0.219 -> 0.188 s, medians of 7 alternated runs)
_document, _key = itemgetter(0), itemgetter(1)


def slug_of(name: str) -> str:
    """The slug an actor's id is made of."""
    return _slug(name) or "actor"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
