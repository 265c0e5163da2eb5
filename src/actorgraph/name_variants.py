"""Spelling variants of one person's name across documents (resolution's rules 3 and 4):
surnames one edit apart under one given name, and given names one edit apart under one surname.
Both visit only the pairs whose names are related, through indexes of the distinct names.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from actorgraph.extract.name_shapes import given_names
from actorgraph.normalize import fold, gendered_counterparts, gendered_endings, name_parts, translit_key
from actorgraph.normalize import given_name_key as _given_name_key

if TYPE_CHECKING:
    from actorgraph.resolve import LocalActor

# asked for each person of each document, and given names repeat: each worked out once
given_name_key = lru_cache(maxsize=1 << 16)(_given_name_key)

Merge = Callable[[int, int, str], None]  # two positions in the actors, and why they are one
KeepApart = Callable[["LocalActor", "LocalActor", str], None]  # two actors seen and kept apart, and why
# (name, dictionary entry) -> the positions of the persons of that name and entry, in order: what the
# passes read of a person but its document, each name once however many documents name it
Persons = Mapping[tuple[str, str | None], Sequence[int]]


def persons_of(locals_: Sequence[LocalActor]) -> Persons:
    persons: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for index, local in enumerate(locals_):
        if local.type == "Person":
            persons[(local.name, local.reference)].append(index)
    return persons


def merge_person_variants(
    locals_: Sequence[LocalActor], merge: Merge, keep_apart: KeepApart, persons: Persons | None = None
) -> None:
    """Same given name and surnames one edit apart: a spelling variant or typo of one person.

    Only the pairs whose surnames are related (one edit apart or gendered counterparts) are
    visited, found through an index of the distinct surnames, in the order of a visit of
    every pair: a popular person named in thousands of documents costs no pairwise pass.
    `persons`: `persons_of(locals_)`, if the caller has it.
    """
    persons = persons_of(locals_) if persons is None else persons
    by_given: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for person in persons:
        if given := name_parts(person[0])[0]:
            by_given[given_name_key(given)].append(person)
    surnames_of = {given: {name_parts(name)[1] for name, _ in named} for given, named in by_given.items()}
    # related is a relation of two surnames: found once among all, then read under each given name
    every = _surname_relatives(set().union(*surnames_of.values()))
    for given, named in sorted(by_given.items()):
        relatives = _among(every, surnames_of[given])
        if not relatives:  # the usual case: no two of the surnames are related
            continue
        # the persons of a related surname (the others pair with none), in order
        members = _positions(persons, [person for person in named if name_parts(person[0])[1] in relatives])
        surnames = [name_parts(locals_[i].name)[1] for i in members]
        for position, later in _related_later(surnames, relatives):
            i = members[position]
            a, surname_a = locals_[i], surnames[position]
            for q in later:
                j, surname_b = members[q], surnames[q]
                b = locals_[j]
                key_a, key_b = translit_key(surname_a), translit_key(surname_b)
                if key_a == key_b or (a.reference and b.reference and a.reference != b.reference):
                    continue
                if gendered_counterparts(surname_a, surname_b):
                    keep_apart(a, b, "surnames differ by a gendered ending")
                    continue
                if min(len(key_a), len(key_b)) >= 5 and Levenshtein.distance(key_a, key_b, score_cutoff=1) <= 1:
                    merge(i, j, "same given name, surname one edit apart")


def merge_given_name_variants(
    locals_: Sequence[LocalActor],
    merge: Merge,
    keep_apart: KeepApart,
    persons: Persons | None = None,
    considered: list[tuple[list[int], list[int]]] | None = None,
) -> None:
    """Across documents, one surname with given names one edit apart ('Batal'/'Batala') is one person.

    Never from a document that names two people of that surname, never for a short surname,
    and never when the two given names are known as a male and a female name. `considered` gets,
    for each surname with related given names, the positions of its candidates and of those compared.
    """
    persons = persons_of(locals_) if persons is None else persons
    genders = given_names()  # folded given name -> gender, as the extractor knows them
    by_surname: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for person in persons:
        given, surname = name_parts(person[0])
        if given and len(key := translit_key(surname)) >= 6:
            by_surname[key].append(person)
    key_of = {person: given_name_key(name_parts(person[0])[0]) for named in by_surname.values() for person in named}
    # one edit apart is a relation of two keys: found once among all, then read under each surname
    every = {key: set(near) for key, near in _one_edit_apart(set(key_of.values())).items()}
    for _surname, named in sorted(by_surname.items()):
        relatives = _among(every, {key_of[person] for person in named})
        if not relatives:  # the usual case: no two of the given names are related
            continue
        # A document that names two people of this surname keeps them apart, and so stays out of it.
        per_document = Counter(map(_document, map(locals_.__getitem__, _positions(persons, named))))
        candidates = _positions(persons, [person for person in named if relatives.get(key_of[person])])
        members = [i for i in candidates if per_document[locals_[i].document] == 1]
        if considered is not None:
            considered.append((candidates, members))
        keys = [given_name_key(name_parts(locals_[i].name)[0]) for i in members]
        for position, later in _related_later(keys, relatives):
            i = members[position]
            a = locals_[i]
            given_a = name_parts(a.name)[0]
            for q in later:
                j, key_a, key_b = members[q], keys[position], keys[q]
                b = locals_[j]
                given_b = name_parts(b.name)[0]
                if key_a == key_b or min(len(key_a), len(key_b)) < 4:
                    continue
                if a.reference and b.reference:
                    continue
                if Levenshtein.distance(key_a, key_b, score_cutoff=1) > 1:
                    continue
                gender_a, gender_b = genders.get(fold(given_a)), genders.get(fold(given_b))
                if gender_a and gender_b and gender_a != gender_b:
                    keep_apart(a, b, "given names of different genders")
                    continue
                merge(i, j, "same surname, given name one edit apart, in different documents")


def _among(relatives: Mapping[str, set[str]], words: set[str]) -> dict[str, set[str]]:
    """The relation among these words: each word's relatives among them (words with none left out)."""
    found = {word: near & words for word in words if (near := relatives.get(word))}
    return {word: near for word, near in found.items() if near}


def _positions(persons: Persons, named: Iterable[tuple[str, str | None]]) -> list[int]:
    return sorted(chain.from_iterable(persons[person] for person in named))


_document = attrgetter("document")


def _related_later(words: list[str], relatives: dict[str, set[str]]) -> Iterator[tuple[int, list[int]]]:
    """For each position, the later positions whose word is related to its word, in order. Only the
    positions of related words are visited (relations go both ways)."""
    related = {word for word, near in relatives.items() if near}
    positions: dict[str, list[int]] = defaultdict(list)
    for position, word in enumerate(words):
        if word in related:
            positions[word].append(position)
    for position in sorted(p for found in positions.values() for p in found):
        later = [
            q
            for other in relatives[words[position]]
            for q in positions[other][bisect_right(positions[other], position) :]
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
