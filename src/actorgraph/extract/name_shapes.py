"""The shapes names take, read from the lexicon: tokens, given names, surname endings, role cues,
title words and body heads, and the tests two spellings pass to be one name."""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from rapidfuzz.distance import Levenshtein

from actorgraph.extract.dictionary import TOKEN as _TOKEN
from actorgraph.extract.dictionary import Entry
from actorgraph.lexicon import lexicon
from actorgraph.normalize import fold, gendered_counterparts, translit_key


class Token:
    """A word of the text and where it is; `folded` is `fold(text)`, read millions of times: folded once.

    A plain class with slots, not a frozen dataclass: a document makes thousands of tokens, and the
    dataclass's frozen `__init__` cost as much as finding them. `Final` keeps them read-only for mypy."""

    __slots__ = ("end", "folded", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text: Final = text
        self.start: Final = start
        self.end: Final = end
        self.folded: Final = fold(text)

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

    @property
    def is_capitalised(self) -> bool:
        text = self.text
        # an upper-case first character is nearly always a letter: the scan of the rest is rarely needed
        return text[:1].isupper() and (text[0].isalpha() or any(c.isalpha() for c in text))

    @property
    def is_possessive(self) -> bool:
        return self.text in ("'s", "’s")


_GLUE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]+$)")


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        word, start = match.group(), match.start()
        # Sources glue words together ("quotedGeorgi"): split a lower-case word before a capitalised tail.
        if word[:1].islower() and not word.islower():  # a glued tail is capitalised: an all-lower word has none
            glue = _GLUE.search(word)
            if glue:
                tokens.append(Token(word[: glue.start()], start, start + glue.start()))
                tokens.append(Token(word[glue.start() :], start + glue.start(), match.end()))
                continue
        tokens.append(Token(word, start, match.end()))
    return tokens


@cache
def lexicon_words(key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon()[key])


@cache
def given_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for gender, words in lexicon()["given_names"].items():
        for word in words:
            names.setdefault(fold(word), gender)
    return names


@cache
def person_cues() -> frozenset[str]:
    return lexicon_words("person_cues") | {fold(title) for title in lexicon()["office_titles"]}


@cache
def title_words() -> frozenset[str]:
    """Single words of office titles, ranks and statuses: they open a run before a name."""
    phrases = [*lexicon()["office_titles"], *lexicon()["ranks"], *lexicon()["status_current"], *lexicon()["honorifics"]]
    return frozenset(fold(word) for phrase in phrases for word in phrase.split())


@cache
def body_heads() -> frozenset[str]:
    """Last words of party, organisation and media names ("Movement", "Party", "Union")."""
    heads = [*lexicon()["party_heads"], *lexicon()["organization_heads"], *lexicon()["media_heads"]]
    return frozenset(fold(h) for h in heads if h[:1].isupper())


@cache
def candidate_words() -> frozenset[str]:
    """One-word candidate cues ('Candidate', 'Nominee'): a role before a name, never part of it."""
    return frozenset(fold(cue) for cue in lexicon()["candidate_cues"] if " " not in cue)


@cache
def surname_endings() -> tuple[str, ...]:
    return tuple(sorted({fold(e) for e in lexicon()["surname_endings"] if len(e) >= 2}, key=len, reverse=True))


@cache
def lexicon_phrases(key: str) -> dict[tuple[str, ...], str]:
    """Lexicon phrases as folded token tuples (value: canonical form, or the phrase itself)."""
    source = lexicon()[key]
    items = source.items() if isinstance(source, dict) else ((p, p) for p in source)
    return {tuple(fold(t) for t in _TOKEN.findall(phrase)): value for phrase, value in items}


def case_agrees(surface: str, entry: Entry) -> bool:
    """Dictionary names match capitalised text; acronyms match exactly; datelines may be all capitals."""
    for label in entry.labels:
        if fold(label) != fold(surface) and tuple(fold(t) for t in _TOKEN.findall(label)) != tuple(
            fold(t) for t in _TOKEN.findall(surface)
        ):
            continue
        if label.isupper() or (len(label) <= 4 and any(c.isupper() for c in label[1:])):
            if surface == label or surface.replace(".", "") == label.replace(".", ""):
                return True
            continue
        if surface[:1].isupper() or "." in label or label[:1].islower():
            return True
    return False


def one_edit_apart(a: str, b: str) -> bool:
    """Surnames one edit apart (a source's typo), but never a gendered pair such as Pliev/Plieva."""
    key_a, key_b = translit_key(a), translit_key(b)
    if key_a == key_b:
        return True
    if min(len(key_a), len(key_b)) < 5 or gendered_counterparts(a, b):
        return False
    return Levenshtein.distance(key_a, key_b, score_cutoff=1) <= 1
