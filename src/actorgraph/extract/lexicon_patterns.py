"""Lexicon lists as regular expressions: one alternation per list, compiled once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from actorgraph.extract.pattern_cache import compiled
from actorgraph.lexicon import lexicon


def alternation(phrases: Iterable[str], not_after: str = r"[\w-]") -> str:
    """A regex matching any of the phrases as whole words, longest first, spaces flexible;
    `not_after` is what may not come right before one (by default a word character or hyphen)."""
    return _alternation(frozenset(phrases), not_after)


@cache
def _alternation(phrases: frozenset[str], not_after: str) -> str:
    # rules ask for the same lists sentence after sentence: build each pattern once
    parts = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    if not all(p.split() for p in parts):
        escaped = [r"\s+".join(re.escape(word) for word in p.split()) for p in parts]
        return rf"(?<!{not_after})(?:" + "|".join(escaped) + r")(?![\w-])"
    # Grouped by first character ("a(?:bc|d)|x(?:yz)"): the engine tries every branch of an
    # alternation at every position, so a list of 100 phrases cost 100 tries per character.
    # Only the branches of the text's first character can match, and they keep their order,
    # so the grouped pattern matches exactly what the flat alternation did. The word-boundary
    # test follows each first character ("a(?<![\w-]a)...", the same test one character on):
    # a pattern that opens with plain characters lets the engine skip to where one of them is.
    groups: dict[str, list[str]] = {}
    for phrase in parts:
        first, *rest = phrase.split()
        tail = re.escape(first[1:]) + "".join(r"\s+" + re.escape(word) for word in rest)
        groups.setdefault(first[0], []).append(tail)
    branches = [
        rf"{re.escape(head)}(?<!{not_after}{re.escape(head)})"
        + (tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")")
        for head, tails in groups.items()
    ]
    return r"(?:" + "|".join(branches) + r")(?![\w-])"


@cache
def cue(key: str) -> re.Pattern[str]:
    """The lexicon list `key` as a compiled alternation (lower-case text: match against `flat`)."""
    return compiled(alternation(lexicon()[key]))


_RUN = re.compile(r"[\w-]+")  # a run of the characters a phrase's boundary test looks for


@cache
def cue_heads(key: str) -> frozenset[str] | None:
    """The run of word characters and hyphens each phrase of list `key` opens with: where `cue(key)`
    matches in a text, that run is one of the text's `words` (the pattern's boundary tests end it
    where the text's run ends). None when a phrase opens otherwise: no word to look for."""
    heads: set[str] = set()
    for phrase in lexicon()[key]:
        first = phrase.lower().split()[:1]
        run = _RUN.match(first[0]) if first else None
        if run is None:
            return None
        heads.add(run.group())
    return frozenset(heads)


def words(text: str, start: int, end: int) -> frozenset[str]:
    """The runs of word characters and hyphens in text[start:end], as `cue_heads` reads phrases."""
    return frozenset(_RUN.findall(text, start, end))


@cache
def cued(template: str) -> re.Pattern[str]:
    """`template` with each {list_name} made that lexicon list's alternation, compiled once: for
    patterns a rule asks for at every sentence, which would otherwise be assembled each time."""
    return compiled(re.sub(r"\{([a-z_]+)\}", lambda m: cue(m.group(1)).pattern, template))


@cache
def counted_state_group() -> re.Pattern[str]:
    """'12 countries recognise X', 'only a handful of UN member states recognise it': a group, no state named."""
    counted = r"(?:\d+|" + cue("quantifier_subjects").pattern + r")"
    return compiled(counted + r"\s+(?:other\s+)?(?:" + cue("state_group_nouns").pattern + r")\s+(?:\w+\s+){0,2}$")


@cache
def state_group_clause() -> re.Pattern[str]:
    """'those states which recognise X': the group, not a state."""
    return compiled(r"(?:" + cue("state_group_nouns").pattern + r")\s*,?\s*(?:which|that|who)\s+(?:\w+\s+){0,2}$")


@cache
def withdrawal() -> re.Pattern[str]:
    return compiled(
        r"(?P<verb>" + cue("withdraw_verbs").pattern + r")\s+(?:(?:its|their|the)\s+)?(?:[\w-]+\s+){0,2}?recognition\b"
    )


@cache
def reversed_decision() -> re.Pattern[str]:
    return compiled(r"(?:" + cue("withdraw_verbs").pattern + r")\s+(?:its|their|the|that)\s+decision\b")


@cache
def severed_ties_pattern() -> re.Pattern[str]:
    return compiled(
        cue("sever_verbs").pattern + r"\s+(?:of\s+)?(?:its\s+|their\s+|all\s+)?(?:official\s+|formal\s+)?"
        r"(?:diplomatic\s+)?(?:relations|ties)\s+with\s+"
    )


@cache
def switched_ties() -> re.Pattern[str]:
    return compiled(
        cue("switch_verbs").pattern + r"\s+(?:its\s+|their\s+)?(?:diplomatic\s+)?(?:relations|ties|recognition|"
        r"allegiance)\s+from\s+"
    )


@cache
def rejected_elections_pattern() -> re.Pattern[str]:
    return compiled(
        r"(?P<verb>"
        + cue("reject_verbs").pattern
        + r")\s+(?:the\s+|this\s+|these\s+|any\s+)?(?:[\w'\"-]+\s+){0,3}?"
        + cue("election_words").pattern
        + r"(?:\s+\w+){0,4}?\s+(?:as\s+|to\s+be\s+)?(?:an?\s+)?\"?"
        + cue("illegitimate_words").pattern
    )


@cache
def occupation_and_part_of() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'calls X occupied territory', 'considers X part of its territory'."""
    verbs = r"(?<![\w-])(?:" + cue("regard_verbs").pattern + r")\s+"
    occupation = r"(?:[a-z-]+\s+){0,2}(?:" + cue("territory_nouns").pattern + r")\s+under\s+(?:[a-z-]+\s+)?occupation"
    occupied = compiled(
        verbs
        + r"(?P<object>.{1,60}?)\s+(?:an?\s+|as\s+(?:an?\s+)?)?(?:"
        + occupation
        + "|"
        + cue("occupied_phrases").pattern
        + ")"
    )
    part_of = compiled(
        verbs + r"(?P<object>.{1,40}?)\s+(?:as\s+)?(?:an?\s+)?(?:integral\s+|inalienable\s+|legitimate\s+)?part\s+of\s+"
    )
    return occupied, part_of


@cache
def share_qualifiers() -> str:
    """Words before a share that qualify it ("over", "about", "less than"), as one alternation."""
    return "|".join(cue(key).pattern for key in ("over_words", "under_words", "about_words"))


@cache
def contest_after_verb() -> re.Pattern[str]:
    return compiled(
        r"\s+(?:the\s+|a\s+|an\s+|of\s+the\s+|as\s+)?(?:(?:(?:19|20)\d{2}|(?![\d%-]|percent\b|per\s)[\w'-]+)\s+){0,4}?"
        + cue("contest_nouns").pattern
    )


@cache
def share_after_verb() -> re.Pattern[str]:
    return compiled(r"\s+(?:" + share_qualifiers() + r")?\s*(?P<number>[\d.,]+)\s*(?:%|percent|per cent)")


@cache
def lost_to_pattern() -> re.Pattern[str]:
    return compiled(
        r"(?:" + cue("lost_verbs").pattern + r")\s+to\s+(?:(?:" + cue("candidate_modifiers").pattern + r")\s+)*"
        r"(?:candidate\s+|president\s+)?"
    )
