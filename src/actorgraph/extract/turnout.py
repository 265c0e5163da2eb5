"""Turnout rules: the turnout figure of a sentence, with its over/under/about/partial qualifier."""

from __future__ import annotations

import re
from functools import cache

from actorgraph.extract.base import Family, Roles
from actorgraph.extract.lexicon_patterns import cue
from actorgraph.extract.pattern_cache import compiled
from actorgraph.lexicon import lexicon
from actorgraph.normalize import PERCENT, decimal_text, parse_number


class TurnoutRules(Family):
    name = "turnout"

    def sentence(self, index: int) -> None:
        start, end = self.bounds(index)
        word = _turnout_word().search(self.flat[start:end])
        if word is None:
            self.share_of_voters(start, end)
            return
        anchor = start + word.start()
        figures = [m for m in PERCENT.finditer(self.text, anchor, end) if not self.threshold(m, start, end)]
        if not figures:
            return
        figure = figures[0]
        value = parse_number(figure.group("number"))
        election = self.ctx.election_at(anchor)
        if value is None or election is None:
            return
        qualifier = "partial" if cue("turnout_partial_cues").search(self.flat, start, end) else None
        qualifier = qualifier or self.qualifier(figure.start(), anchor)
        roles: Roles = {
            "election": election,
            "round": self.ctx.round_at(anchor),
            "value": float(decimal_text(value)),
            "qualifier": qualifier,
        }
        self.emit("turnout", roles, anchor, "turnout.figure", 0.8)

    def threshold(self, figure: re.Match[str], start: int, end: int) -> bool:
        """'the 25 percent minimum required', 'a threshold of 50%': a rule, not a figure."""
        before = cue("threshold_words").search(self.flat, max(start, figure.start() - 30), figure.start())
        return bool(before or cue("threshold_words").search(self.flat, figure.end(), min(end, figure.end() + 20)))

    def share_of_voters(self, start: int, end: int) -> None:
        """'1,637,956 voters cast ballots, accounting for 46.74% of the total number of voters':
        turnout without the word."""
        if not self.says("turnout_verbs_voting", start, end):
            return
        for figure in PERCENT.finditer(self.text, start, end):
            after = re.match(
                r"\s+of\s+(?:all\s+|the\s+)?(?:total\s+number\s+of\s+)?(?:registered\s+|eligible\s+)?"
                r"(?:voters|electorate|people\s+(?:listed|registered)|those\s+eligible)",
                self.flat[figure.end() : end],
            )
            election = self.ctx.election_at(figure.start())
            value = parse_number(figure.group("number"))
            if after is None or election is None or value is None or self.threshold(figure, start, end):
                continue
            roles: Roles = {
                "election": election,
                "round": self.ctx.round_at(figure.start()),
                "value": float(decimal_text(value)),
                "qualifier": self.qualifier(figure.start(), start),
            }
            self.emit("turnout", roles, figure.start(), "turnout.share-of-voters", 0.75)
            return


@cache
def _turnout_word() -> re.Pattern[str]:
    """A turnout noun, even glued to the next word by a source ('the turnoutin the republic')."""
    nouns = sorted(lexicon()["turnout_nouns"], key=lambda n: (-len(n), n))
    # the test for a word before a noun follows the noun's first character (as in lexicon_patterns.alternation):
    # the same matches, but the engine skips to those characters instead of trying every position
    branches = []
    for noun in nouns:
        first, *rest = noun.split()
        head = re.escape(first[0])
        branches.append(
            rf"{head}(?<![\w-]{head})" + re.escape(first[1:]) + "".join(r"\s+" + re.escape(w) for w in rest)
        )
    return compiled(r"(?:" + "|".join(branches) + r")\w*")
