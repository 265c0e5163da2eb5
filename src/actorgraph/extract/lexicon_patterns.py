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


@cache
def counted_state_group() -> re.Pattern[str]:
    """'12 countries recognise X', 'only a handful of UN member states recognise it': a group, no state named."""
    counted = r"(?:\d+|" + cue("quantifier_subjects").pattern + r")"
    return re.compile(counted + r"\s+(?:other\s+)?(?:" + cue("state_group_nouns").pattern + r")\s+(?:\w+\s+){0,2}$")


@cache
def state_group_clause() -> re.Pattern[str]:
    """'those states which recognise X': the group, not a state."""
    return re.compile(r"(?:" + cue("state_group_nouns").pattern + r")\s*,?\s*(?:which|that|who)\s+(?:\w+\s+){0,2}$")
