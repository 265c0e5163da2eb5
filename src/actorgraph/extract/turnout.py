"""Turnout rules: the turnout figure of a sentence, with its over/under/about/partial qualifier."""

from __future__ import annotations

import re

from actorgraph.extract.base import Family, Roles
from actorgraph.extract.lexicon_patterns import cue
from actorgraph.normalize import PERCENT, decimal_text, parse_number


class TurnoutRules(Family):
    name = "turnout"

    def sentence(self, index: int) -> None:
        start, end = self.bounds(index)
        word = re.search(r"(?<![\w-])turnout\w*", self.flat[start:end])
        if word is None:
            return
        anchor = start + word.start()
        figures = [
            m
            for m in PERCENT.finditer(self.text, anchor, end)
            if not cue("threshold_words").search(self.flat, max(start, m.start() - 30), m.start())
        ]
        if not figures:
            return
        figure = figures[0]
        value = parse_number(figure.group("number"))
        election = self.ctx.election_at(anchor)
        if value is None or election is None:
            return
        qualifier = "partial" if cue("turnout_partial_cues").search(self.flat, start, end) else None
        if qualifier is None:
            between = self.flat[anchor : figure.start()]
            for key, value_word in (("over_words", "over"), ("under_words", "under"), ("about_words", "about")):
                if cue(key).search(between):
                    qualifier = value_word
                    break
        roles: Roles = {
            "election": election,
            "round": self.ctx.round_at(anchor),
            "value": float(decimal_text(value)),
            "qualifier": qualifier,
        }
        self.emit("turnout", roles, anchor, "turnout.figure", 0.8)
