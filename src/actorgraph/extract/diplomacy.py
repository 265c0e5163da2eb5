"""Recognition read from diplomacy, as news writes it: a state that establishes diplomatic
relations with a contested polity recognises it ("Nauru established diplomatic relations with
Abkhazia in December 2009", "Syria and Abkhazia established diplomatic relations"), and one that
reaffirms its recognition still recognises it."""

from __future__ import annotations

import re
from functools import cache

from actorgraph.extract.lexicon_patterns import cue
from actorgraph.extract.pattern_cache import compiled
from actorgraph.extract.recognition import RecognitionRules


class DiplomacyRules(RecognitionRules):
    """Reuses the recognition family's helpers (subjects, objects, dates); reads only its own wordings."""

    def sentence(self, index: int) -> None:
        start, end = self.bounds(index)
        self.relations(start, end)
        self.reaffirmed(start, end)
        self.allies(start, end)

    def allies(self, start: int, end: int) -> None:
        """'Taiwan now has 15 diplomatic allies, including Tuvalu and Nauru': its allies recognise it."""
        pattern = _allies_pattern()
        sentence = self.flat[start:end]
        if "allies" not in sentence and "partners" not in sentence:
            return  # the pattern needs one of the two words
        contested = self.ctx.dictionary.partially_recognized
        for match in pattern.finditer(self.flat, start, end):
            if "diplomatic" not in self.flat[max(start, match.start() - 40) : match.end()]:
                continue  # "its allies" with no word of diplomacy may be military or political ones
            polities = [m.key for m in self.mentions(start, match.start(), ("State",)) if m.key in contested]
            if len(set(polities)) != 1:
                continue
            for state in self.state_list(match.end(), end):
                self.recognition(state, polities[0], "recognizes", match.start(), None, "recognition.allies")

    def relations(self, start: int, end: int) -> None:
        pattern = _relations_pattern()
        contested = self.ctx.dictionary.partially_recognized
        for match in pattern.finditer(self.flat, start, end):
            if re.search(
                cue("negation_words").pattern + r"\s+(?:\w+\s+)?$",
                self.flat[max(start, match.start() - 25) : match.start()],
            ):
                continue
            date = self.stance_date(start, end, match.start())
            if match.group("with"):  # "Nauru established diplomatic relations with Abkhazia"
                polity = self.actor_after(match.end(), 4, ("State",))
                states = self.state_subjects(match.start(), start) if polity in contested else []
                pairs = [(state, polity) for state in states]
            else:  # "Syria and Abkhazia established diplomatic relations": a state and a polity
                named = [m.key for m in self.mentions(start, match.start(), ("State",))]
                polities = [k for k in named if k in contested]
                pairs = [(s, p) for s in named if s not in contested for p in polities] if len(named) == 2 else []
            for state, polity in pairs:
                self.recognition(state, polity, "recognizes", match.start(), date, "recognition.relations")

    def reaffirmed(self, start: int, end: int) -> None:
        """'Tuvalu reaffirmed its recognition of Abkhazia'."""
        pattern = _reaffirmed_pattern()
        for match in pattern.finditer(self.flat, start, end):
            polities = self.polity_object(match.end(), min(end, match.end() + 60), start)
            for state in self.state_subjects(match.start(), start):
                for polity in polities:
                    self.recognition(state, polity, "recognizes", match.start(), None, "recognition.reaffirmed")


@cache
def _allies_pattern() -> re.Pattern[str]:
    return compiled(
        r"(?:diplomatic\s+)?(?:allies|partners)\s*(?:,\s*)?(?:(?:"
        + cue("inclusion_verbs").pattern
        + r")|including|such\s+as|:)\s+"
    )


@cache
def _relations_pattern() -> re.Pattern[str]:
    return compiled(
        r"(?:" + cue("relations_verbs").pattern + r")\s+(?:formal\s+|full\s+|official\s+)?(?:diplomatic\s+)?"
        r"(?:relations|ties)(?P<with>\s+with\s+)?"
    )


@cache
def _reaffirmed_pattern() -> re.Pattern[str]:
    return compiled(r"(?:" + cue("reaffirm_verbs").pattern + r")\s+(?:its|their)\s+recognition\s+of\s+")
