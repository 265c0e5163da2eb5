"""A state a contested polity broke away from does not recognise it, as news writes it:
"Georgia's breakaway region of Abkhazia", "the Moldovan separatist republic", "Somaliland declared
independence from Somalia". Only polities the reference data marks as partially recognised are read."""

from __future__ import annotations

import re
from functools import cached_property

from actorgraph.extract.base import Drafting, Family, Roles
from actorgraph.extract.lexicon_patterns import alternation, cue
from actorgraph.extract.pattern_cache import compiled
from actorgraph.records import Mention


class SecessionRules(Family):
    name = "recognition"

    def __init__(self, drafting: Drafting) -> None:
        super().__init__(drafting)
        self.pending: list[tuple[str, str, int, str]] = []
        self.reports_recognition = False

    def sentence(self, index: int) -> None:
        start, end = self.bounds(index)
        # the mentions first: most sentences name no contested polity, and the words are not read
        if any(self.contested(m) for m in self.mentions(start, end, ("State",))) and self.talks_of_recognition(
            start, end
        ):
            self.reports_recognition = True
        self.breakaway(start, end)
        self.broke_away(start, end)

    @cached_property
    def _breakaway(self) -> re.Pattern[str]:
        """The pattern of `breakaway`, made once a document rather than once a sentence."""
        return compiled(
            r"(?:(?P<possessive>['’]s)|(?<![\w-])(?P<demonym>" + alternation(self.ctx.dictionary.demonyms) + r"))\s+"
            r"(?:(?:" + cue("breakaway_modifiers").pattern + r"|pro-[a-z]+)\s+)*"
            r"(?:" + cue("secession_adjectives").pattern + r")\s+(?P<noun>" + cue("secession_nouns").pattern + r")"
        )

    def breakaway(self, start: int, end: int) -> None:
        """'Georgia's (two) breakaway regions', 'the Moldovan separatist republic of Transnistria'."""
        demonyms = self.ctx.dictionary.demonyms
        if not self.says("secession_adjectives", start, end):
            return  # the pattern needs one of these adjectives
        for match in self._breakaway.finditer(self.flat, start, end):
            if match.group("possessive"):
                owners = [m for m in self.mentions(start, match.start() + 1, ("State",)) if m.span.end == match.start()]
                parent = self.ctx.state_key(owners[0]) if owners else None
            else:
                parent = demonyms[" ".join(match.group("demonym").split())].iri
            if parent is None:
                continue
            plural = match.group("noun").endswith("s")
            for polity in self.breakaway_polities(match.end(), start, end, plural, parent):
                self.emit_stance(parent, polity, match.start(), "recognition.breakaway")

    def breakaway_polities(self, position: int, start: int, end: int, plural: bool, parent: str) -> list[str]:
        """The polities a breakaway phrase names: right after it, else in its sentence, else (for
        'its two breakaway regions') those the document named before."""
        contested = self.ctx.dictionary.partially_recognized
        after = [m for m in self.mentions(position, min(end, position + 45), ("State",)) if self.contested(m)]
        if after:
            named = after if plural else after[:1]
            return [k for k in dict.fromkeys(self.ctx.state_key(m) for m in named) if k and k != parent]
        own = [m for m in self.mentions(start, end, ("State",)) if self.contested(m)]
        if not own and plural:
            own = [m for m in self.mentions(0, start, ("State",)) if self.contested(m)]
        if not plural and len({m.key for m in own}) > 1:
            return []
        keys = [self.ctx.state_key(m) for m in own]
        return [k for k in dict.fromkeys(keys) if k and k != parent and k in contested]

    def broke_away(self, start: int, end: int) -> None:
        """'Somaliland declared independence from Somalia', 'the region broke away from Moldova'."""
        for match in self.cue_in("secession_phrases", start, end):
            parent = self.actor_after(match.end() + 1, 25, ("State",))
            subject = self.clause_subject(match.start(), start, ("State",))
            if subject is None and re.search(
                r"(?<![\w-])(?:the|this)\s+(?:[a-z-]+\s+){0,2}(?:region|republic|territory|enclave)\s+(?:has\s+|had\s+)?$",
                self.flat[start : match.start()],
            ):
                subject = self.ctx.polity  # "The Russian-speaking region gained de facto independence from Moldova"
            states = self.mentions(start, match.start(), ("State",))
            heads = [m for m in states if m.key == subject]
            subjects = [subject, *(m.key for m in self.coordinated_with(heads[-1], states))] if heads else [subject]
            for polity in subjects:
                if parent and polity != parent and polity in self.ctx.dictionary.partially_recognized:
                    self.emit_stance(parent, polity, match.start(), "recognition.broke-away")

    def contested(self, mention: Mention) -> bool:
        return self.ctx.state_key(mention) in self.ctx.dictionary.partially_recognized

    def emit_stance(self, state: str, polity: str, position: int, rule: str) -> None:
        if self.ctx.type_of(state) == "State" and self.ctx.type_of(polity) == "State":
            self.pending.append((state, polity, position, rule))

    def finish(self) -> None:
        """Only where the document reports recognition: in an election report, "Georgia's breakaway
        region" locates the vote; it is not a stance the article reports."""
        if not self.reports_recognition and not any(d.kind == "recognition" for d in self.drafts):
            return
        for state, polity, position, rule in self.pending:
            roles: Roles = {"state": state, "recognized": polity, "stance": "does-not-recognize", "date": None}
            self.emit("recognition", roles, position, rule, 0.55)
