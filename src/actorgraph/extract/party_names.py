"""Names of parties and other bodies known by their shape and the words around them.

The capitalised-run pass asks these when a run is not in the reference dictionary:
- a state's name after a word that names parties: "Free Georgia", "Strong Abkhazia", "Our Ukraine";
  a name joined to it by a dash takes part: "Democratic Movement - United Georgia";
- a cue around the name: "the opposition party Ainar", "holding company Sheriff", "the PLDM
  candidate X", "X of ADP Hayrenik" (a candidate listed with the party after their name);
- a plural possessive inside a name: "the Farmers' Party".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from actorgraph.extract.lexicon_patterns import cued
from actorgraph.extract.name_shapes import Token, given_names, surname_endings
from actorgraph.extract.name_shapes import lexicon_words as _words
from actorgraph.lexicon import lexicon
from actorgraph.records import EntityType

_ARTICLES = ("the", "a", "an")
_PARTY_CUE_BEFORE = re.compile(r"(?:^|\s)(?:opposition|ruling|pro-government|political)\s+party$")


def state_party_start(tokens: list[Token], index: int, claimed: list[bool]) -> int | None:
    """Where a party's name holding the state named at `index` begins, or None if it is the state."""
    before = index - 1
    if before < 0 or claimed[before] or not tokens[before].is_capitalised:
        return None
    if tokens[before].text not in lexicon()["party_name_words"]:
        return None
    return _dashed_prefix(tokens, before, claimed)


def party_around_state(tokens: list[Token], index: int, length: int, claimed: list[bool]) -> tuple[int, int] | None:
    """A party named with a state at `index`: 'the Armenia Alliance' (a party head after it),
    'the Democratic Party of Artsakh' (after 'Party of'); its token span, or None."""
    heads = capitalised_heads()
    after = index + length
    if after < len(tokens) and tokens[after].text in heads and not claimed[after]:
        return index, after + 1
    if index >= 2 and tokens[index - 1].folded == "of" and tokens[index - 2].text in heads:
        start = index - 2
        while start > 0 and tokens[start - 1].is_capitalised and not claimed[start - 1]:
            start -= 1
        return start, after
    return None


def _dashed_prefix(tokens: list[Token], first: int, claimed: list[bool]) -> int:
    """'Democratic Movement - United Georgia': a party's name before a dash is part of the name."""
    dash = first - 1
    if dash < 1 or tokens[dash].text not in lexicon()["name_dashes"] or claimed[dash]:
        return first
    if tokens[dash].start == tokens[dash - 1].end or tokens[dash].end == tokens[first].start:
        return first  # "Ter-Grigoryan": a hyphen inside a word, not a dash between names
    start = dash
    while start > 0 and dash - start < 4 and tokens[start - 1].is_capitalised and not claimed[start - 1]:
        start -= 1
    if start == dash or tokens[dash - 1].folded not in _words("party_heads_folded"):
        return first
    return start


def joins_plural_possessive(tokens: list[Token], index: int) -> bool:
    """'the Farmers' Party': an apostrophe glued to a plural, with a capitalised word after it."""
    token = tokens[index]
    return (
        token.text in ("'", "’")
        and 0 < index < len(tokens) - 1
        and tokens[index - 1].end == token.start
        and tokens[index - 1].text.endswith("s")
        and tokens[index + 1].is_capitalised
    )


def determiner_party(tokens: list[Token], first: int, last: int, title_words: frozenset[str]) -> int | None:
    """'Our Party', 'the Our Home Party': a party head ending a run whose first word is no title;
    where the name begins (after any article), or None."""
    while first < last and tokens[first].folded in _ARTICLES:
        first += 1
    heads = capitalised_heads()
    named = last - first >= 2 and tokens[last - 1].text in heads and tokens[first].folded not in title_words
    return first if named else None


def after_party_cue(tokens: list[Token], first: int) -> bool:
    """'the opposition party Ainar': a party cue of two or more words, in lower case, before the name."""
    previous = tuple(t.text for t in tokens[max(0, first - 3) : first])
    return any(previous[-len(cue) :] == cue for cue in _multiword_party_cues())


def body_by_cue(
    tokens: list[Token],
    first: int,
    last: int,
    following: list[str],
    demonyms: Mapping[str, object],
    person_before: bool,
) -> tuple[int, EntityType, str] | None:
    """Names of bodies known by the words around them: 'the PLDM candidate X' and 'the Our
    Party's candidate X' (a party), 'the opposition party Ainar', 'holding company Sheriff',
    'X of ADP Hayrenik' (`person_before`: a person's name stands just before the "of")."""
    while first < last and tokens[first].folded in _ARTICLES:
        first += 1
    if first >= last or last - first > 4:
        return None
    words = [t.folded for t in tokens[first:last]]
    if any(w in demonyms for w in words) or any(w in given_names() for w in words):
        return None
    if len(words) >= 2 and words[-1].endswith(surname_endings()):
        return None  # "the ruling party Tina Bokuchava spoke": a person's name shape
    before = " ".join(t.folded for t in tokens[max(0, first - 3) : first])
    if _PARTY_CUE_BEFORE.search(before):
        return first, "PoliticalParty", "party.cue-before"
    if cued("{company_cues}$").search(before):
        return first, "Organization", "organization.cue-before"
    first_word = tokens[first].text
    acronym = first_word.isupper() and 2 <= len(first_word) <= 6
    if acronym and person_before:
        return first, "PoliticalParty", "party.of-after-person"
    candidate = following[:1] in (["candidate"], ["nominee"]) or following in (
        ["'s", "candidate"],
        ["’s", "candidate"],
    )
    if candidate and (first_word.isupper() or words[-1] in _words("party_heads_folded")):
        return first, "PoliticalParty", "party.candidate-cue"
    return None


# Lexicon lists as the rules ask for them, sentence after sentence: each made once.
@cache
def capitalised_heads() -> frozenset[str]:
    """Party heads written with a capital ('Party', 'Front'): they end a party's name."""
    return frozenset(h for h in lexicon()["party_heads"] if h[:1].isupper())


@cache
def _multiword_party_cues() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cue.split()) for cue in lexicon()["party_cues"] if " " in cue)
