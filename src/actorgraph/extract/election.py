"""The election context of a document, a stage of its own that every candidacy, endorsement and
turnout rule reads: which election (polity, office, year) a sentence is about, which round, and
whether its figures come from an incomplete count.

The document's own election comes from the first election phrase of its title and text that
names its polity ("Georgia's presidential runoff", "the Armenian presidential ballot", "the
presidential election in Abkhazia"), else from the polity the document is mostly about; its year
from a year or date beside that phrase, else from the publication date. A sentence that names
another election ("Abkhazia's presidential election in 2004", "the previous vote") is about that one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from actorgraph.extract.lexicon_patterns import alternation, cue, cued
from actorgraph.extract.pattern_cache import compiled
from actorgraph.lexicon import lexicon
from actorgraph.normalize import YEAR
from actorgraph.records import Election

if TYPE_CHECKING:
    from actorgraph.extract.context import DocumentContext

# past_year's, asked of every claim: compiled once
_OPENING_YEAR = re.compile(r"\s*(?:back\s+)?in\s+((?:19|20)\d{2})\b")
_CLAUSE_BREAK = re.compile(r",(?!\s*\d{4}\b)|;")
_IN_YEAR = re.compile(r"(?<![\w-])in\s+(?:[a-z]+\s+)?((?:19|20)\d{2})\b")
# phrase's, asked of every election word
_WORDS = re.compile(r"[a-z'-]+")
_MODIFIERS_BETWEEN = re.compile(r"(?:'s)?\s+((?:[a-z\"-]+\s+){0,3})")
_HELD_IN = re.compile(r"\s+(?:was\s+|were\s+|is\s+|are\s+)?(?:held\s+)?in\s+")
_YEAR_AFTER = re.compile(rf"\s+(?:in\s+|of\s+)?({YEAR})\b")
_YEAR_BEFORE = re.compile(rf"\b({YEAR}),?\s+(?:[a-z'-]+\s+){{0,3}}$")


class ElectionContext:
    def __init__(self, ctx: DocumentContext) -> None:
        self.ctx = ctx
        self.flat = ctx.flat
        document = ctx.document
        self.year = int(document.published[:4]) if document.published else None
        self._named: dict[int, Election | None] = {}  # sentence -> the election it names (election_at)
        self._clauses: dict[tuple[int, int], tuple[int | None, list[int]]] = {}  # past_year: opening year, commas
        self._clause_years: dict[tuple[int, int], int | None] = {}  # past_year: a clause's year
        self._at: dict[int, Election | None] = {}  # position -> election_at: every rule asks at each sentence start
        self.default = self._default_election()
        self.default_round = self._default_round()
        self.rounds = self._rounds()
        self.partial = self._partial()

    # --- which election -------------------------------------------------------------------------

    def _default_election(self) -> Election | None:
        title = self.ctx.document.title or ""
        haystack = (title + "\n" + self.ctx.text).lower()
        if not cue("election_words").search(haystack):
            return None
        office = _office(haystack) or "President"
        for sentence in self.ctx.sentences[:12]:
            for match in self.ctx.cue_in("election_words", sentence.start, sentence.end):
                phrase = self.phrase(match, sentence.start, sentence.end)
                state, phrase_office, year = phrase or (None, None, None)
                when = year or self._year_from_text()
                if state is not None and when is not None:
                    return Election(state, phrase_office or office, when)
        if self.ctx.polity is None:
            return None
        year = self._year_from_text()
        return Election(self.ctx.polity, office, year) if year is not None else None

    def _year_from_text(self) -> int | None:
        if self.year is not None:
            return self.year
        years: list[str] = re.findall(rf"\b({YEAR})\b", self.ctx.text)
        return max(int(y) for y in years) if years else None

    def phrase(
        self, match: re.Match[str], floor: int, ceiling: int
    ) -> tuple[str | None, str | None, int | None] | None:
        """What an election word's phrase says: its polity (a state named before it, a demonym, or
        "in X" after it), its office ("presidential", "parliamentary") and a year beside it."""
        state: str | None = None
        office: str | None = None
        before = self.flat[max(floor, match.start() - 60) : match.start()]
        words: list[str] = _WORDS.findall(before)[-4:]
        offices = lexicon()["election_offices"]
        for word in words:
            if word in offices:
                office = offices[word]
        modifiers = set(lexicon()["election_modifiers"]) | set(offices)
        for mention in self.ctx.mentions_in(max(floor, match.start() - 45), match.start(), ("State",)):
            between = _MODIFIERS_BETWEEN.fullmatch(self.flat[mention.span.end : match.start()])
            if between and set(between.group(1).split()) <= modifiers:  # "Abkhazia's snap presidential vote"
                state = mention.key
        if state is None:
            for word in reversed(words):
                demonym = self.ctx.dictionary.demonyms.get(word)
                if demonym is not None:
                    state = demonym.iri
                    break
        located = _HELD_IN.match(self.flat[match.end() : ceiling])
        if state is None and located:
            start = match.end() + located.end()
            named = self.ctx.mentions_in(start, start + 60, ("State",))
            if named and named[0].span.start == start:
                state = named[0].key
                # "in Georgia's breakaway region of South Ossetia": the region is where the vote was
                owned = [m for m in named[1:] if m.reference in self.ctx.dictionary.partially_recognized]
                if self.flat.startswith("'s", named[0].span.end) and owned:
                    state = owned[0].key
        year = _YEAR_AFTER.match(self.flat[match.end() : ceiling]) or _YEAR_BEFORE.search(before)
        when = int(year.group(1)) if year else None
        if state is None and when is None and office is None:
            return None
        return state, office, when

    def election_at(self, position: int) -> Election | None:
        """An election named explicitly in the sentence ("Abkhazia's presidential election in 2005"), else the document's."""
        if position not in self._at:
            self._at[position] = self._election_at(position)
        return self._at[position]

    def _election_at(self, position: int) -> Election | None:
        index = self.ctx.sentence_of(position)
        sentence = self.ctx.sentences[index]
        if index not in self._named:  # rules ask this of every claim: each sentence is read once
            self._named[index] = self._named_election(sentence.start, sentence.end)
        named = self._named[index]
        if named is not None:
            return named
        default = self.default
        if default is None:
            return None
        year = self.past_year(position, sentence.start, sentence.end)
        if year is not None and year < default.year:
            return Election(default.jurisdiction, default.office, year)  # "who was elected in 2017 with 54%"
        return default

    def _named_election(self, start: int, end: int) -> Election | None:
        """The election a sentence names explicitly, if any."""
        default = self.default
        for match in self.ctx.cue_in("election_words", start, end):  # a sentence's bounds
            phrase = self.phrase(match, start, end)
            if phrase is None or self.compared(match.start(), start):
                continue
            state, office, year = phrase
            jurisdiction = state or (default.jurisdiction if default else None)
            if jurisdiction is None:
                continue
            if year is None:
                year = default.year if default and jurisdiction == default.jurisdiction else self.year
            if year is None:
                continue
            same_polity = default is not None and default.jurisdiction == jurisdiction
            election = Election(
                jurisdiction, office or (default.office if same_polity and default else "President"), year
            )
            if (
                default is not None
                and (election.jurisdiction, election.year) == (default.jurisdiction, default.year)
                and office in (None, default.office)  # "the parliamentary vote held the same day" is another
            ):
                return default
            return election
        return None

    def compared(self, position: int, floor: int) -> bool:
        """An election named for comparison: 'higher than in the parliamentary elections in 2018'."""
        before = self.flat[max(floor, position - 40) : position]
        return cued(r"{comparison_words}\s+(?:[\w'-]+\s+){0,3}$").search(before) is not None

    def past_year(self, position: int, start: int, end: int) -> int | None:
        """A year an election claim is dated by in passing: a sentence opening 'In 2017,' or 'in 2017'
        in the claim's own clause, when that clause speaks of winning, losing or a vote."""
        if (start, end) not in self._clauses:  # asked of every claim: each sentence, and clause, read once
            opener = _OPENING_YEAR.match(self.flat[start:end])
            breaks = [m.start() for m in _CLAUSE_BREAK.finditer(self.flat[start:end])]
            self._clauses[(start, end)] = (int(opener.group(1)) if opener else None, breaks)
        opened, breaks = self._clauses[(start, end)]
        if opened is not None:
            return opened
        low = start + max((b for b in breaks if start + b < position), default=0)
        high = start + min((b for b in breaks if start + b >= position), default=end - start)
        if (low, high) not in self._clause_years:
            year = _IN_YEAR.search(self.flat[low:high])  # "in (December) 2016"
            # most clauses name no year: their verbs are not read
            contest = year and (
                cue("won_verbs").search(self.flat, low, high) or cue("defeat_verbs").search(self.flat, low, high)
            )
            self._clause_years[(low, high)] = int(year.group(1)) if year and contest else None
        return self._clause_years[(low, high)]

    # --- which round ----------------------------------------------------------------------------

    def _default_round(self) -> int:
        """2 when a sentence reports a runoff being won or lost, else 1 (a runoff to come, or avoided, does not count)."""
        outcome = _default_round_outcome()
        for sentence in self.ctx.sentences:  # most have neither verb: the pattern is not tried
            if not self.ctx.may_hold_any(("won_verbs", "lost_verbs"), sentence.start, sentence.end):
                continue
            victory = outcome.search(self.flat, sentence.start, sentence.end)
            if victory is None:
                continue
            # "lost the run-off to X" (not "lost chances to make it into the runoff")
            lost_it = r"\s+(?:[\w'’-]+\s+){0,3}?(?:" + cue("round_second").pattern + ")"
            if victory.group("lost") and not re.match(lost_it, self.flat[victory.end() : sentence.end]):
                continue
            runoff_won = self.explicit_round(victory.end(), sentence.end, anchor=victory.end()) == 2
            annulled = cue("annul_verbs").search(self.flat, max(sentence.start, victory.start() - 40), victory.start())
            if (
                runoff_won
                and not annulled
                and not cue("future_markers").search(self.flat, sentence.start, victory.start())
            ):
                return 2
        return 1

    def _rounds(self) -> list[int | None]:
        rounds: list[int | None] = []
        carried: int | None = None
        paragraph = -1
        for sentence in self.ctx.sentences:
            if sentence.paragraph != paragraph:
                carried, paragraph = None, sentence.paragraph
            explicit = self.explicit_round(sentence.start, sentence.end, anchor=None)
            if explicit is not None:
                carried = explicit
            rounds.append(carried)
        return rounds

    def explicit_round(self, start: int, end: int, anchor: int | None) -> int | None:
        """The round a stretch names: 'first round' is 1; a runoff is 2 unless it is still to come
        ("will face each other in a runoff", "a runoff has been scheduled")."""
        hits = [(m.start(), 1) for m in self.ctx.cue_in("round_first", start, end)]
        hits += [(m.start(), 2) for m in self.ctx.cue_in("round_second", start, end) if not self.future(m, start, end)]
        if not hits:
            return None
        if anchor is None:
            return sorted(hits)[-1][1]
        # a round named in the share's own clause wins over a nearer one in the next clause:
        # "faced off in the runoff after taking 38.5% ... in the first round"
        clause = _explicit_round_clause()
        breaks = [b.start() for b in clause.finditer(self.flat, start, end)]
        low = max((b for b in breaks if b <= anchor), default=start)
        high = min((b for b in breaks if b > anchor), default=end)
        own = [h for h in hits if low <= h[0] < high]
        if own:
            return min(own, key=lambda h: abs(h[0] - anchor))[1]
        # else the round named before the share: "X took 36% in the first round, ahead of Y with
        # 33%; the two meet in a runoff": Y's share is the first round's too
        earlier = [h for h in hits if h[0] <= anchor]
        return max(earlier)[1] if earlier else min(hits)[1]

    def future(self, runoff: re.Match[str], start: int, end: int) -> bool:
        future = cue("future_markers")
        if future.search(self.flat, max(start, runoff.start() - 40), runoff.start()):
            return True
        after = self.flat[runoff.end() : min(end, runoff.end() + 40)]
        return (
            re.match(r"\s*(?:has\s+|had\s+|was\s+|is\s+)?(?:\w+\s+)?(?:been\s+)?(?:scheduled|set|planned|due)", after)
            is not None
        )

    def round_at(self, position: int, election: Election | None = None) -> int:
        """The round nearest `position` in its sentence, else the paragraph's, else the document's."""
        index = self.ctx.sentence_of(position)
        sentence = self.ctx.sentences[index]
        explicit = self.explicit_round(sentence.start, sentence.end, anchor=position)
        if explicit is not None:
            return explicit
        if election is not None and election != self.default:
            return 1  # the document's round context is about its own election
        carried = (
            self.rounds[index - 1]
            if index > 0 and self.ctx.sentences[index - 1].paragraph == sentence.paragraph
            else None
        )
        return carried or self.default_round

    # --- partial counts -------------------------------------------------------------------------

    def _partial(self) -> list[bool]:
        flags: list[bool] = []
        carried, paragraph = False, -1
        for sentence in self.ctx.sentences:
            if sentence.paragraph != paragraph:
                carried, paragraph = False, sentence.paragraph
            if self.ctx.says("partial_cues", sentence.start, sentence.end):
                carried = True
            flags.append(carried)
        return flags

    def partial_at(self, position: int) -> bool:
        return self.partial[self.ctx.sentence_of(position)]


def _office(text: str) -> str | None:
    offices = lexicon()["election_offices"]
    adjective = re.search(alternation(offices), text)
    return offices[adjective.group(0)] if adjective else None


@cache
def _default_round_outcome() -> re.Pattern[str]:
    return compiled(cue("won_verbs").pattern + "|(?P<lost>" + cue("lost_verbs").pattern + ")")


@cache
def _explicit_round_clause() -> re.Pattern[str]:
    return compiled(r"[,;]|" + cue("clause_breaks").pattern + "|" + cue("time_clause_words").pattern)
