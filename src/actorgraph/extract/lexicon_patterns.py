"""Lexicon lists as regular expressions: one alternation per list, compiled once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from actorgraph.lexicon import lexicon


def alternation(phrases: Iterable[str]) -> str:
    """A regex matching any of the phrases as whole words, longest first, spaces flexible."""
    return _alternation(frozenset(phrases))


@cache
def _alternation(phrases: frozenset[str]) -> str:
    # rules ask for the same lists sentence after sentence: build each pattern once
    parts = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    escaped = [r"\s+".join(re.escape(word) for word in p.split()) for p in parts]
    return r"(?<![\w-])(?:" + "|".join(escaped) + r")(?![\w-])"


@cache
def cue(key: str) -> re.Pattern[str]:
    """The lexicon list `key` as a compiled alternation (lower-case text: match against `flat`)."""
    return re.compile(alternation(lexicon()[key]))
