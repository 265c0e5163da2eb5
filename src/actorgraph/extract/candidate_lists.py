"""Candidacies named without a figure of their own, as news writes them: lists of who stood
("Four candidates - A, B and C - stood"), pairs that go on to a runoff ("A and B go to a runoff"),
placings ("X, who came second") and shares in words ("about a quarter each"). These extend the
share, count and outcome rules of extract/candidacy.py."""

from __future__ import annotations

import itertools
import re
from functools import cache

from actorgraph.extract.candidacy import CandidacyBase
from actorgraph.extract.lexicon_patterns import alternation, cue, share_qualifiers
from actorgraph.extract.pattern_cache import compiled
from actorgraph.lexicon import lexicon
from actorgraph.records import Mention

_OPENERS = {"-": "-", "–": "–", "—": "—", "(": ")", ":": None}


class CandidacyRules(CandidacyBase):
    def sentence(self, index: int) -> None:
        super().sentence(index)
        start, end = self.bounds(index)
        if self.ctx.election_at(start) is None or self.not_candidate(start, end):
            return
        self.candidate_lists(start, end)
        self.pairs_to_runoff(start, end)
        self.placings(start, end)
        self.eliminated(start, end)
        self.fraction_shares(start, end)
        self.stood(start, end)

    def candidate_lists(self, start: int, end: int) -> None:
        """'Four candidates - A, B and C - stood', 'the candidates were A and B', 'candidates A and B'."""
        pattern = _candidate_lists_pattern()
        for match in pattern.finditer(self.flat, start, end):
            if (
                not match.group("opener")
                and not match.group("verb")
                and not self.ctx.mentions_starting(match.end(), match.end() + 1)
            ):
                continue  # "candidates A and B" names them right after the noun
            opener = (match.group("opener") or "")[:1]
            closer = _OPENERS.get(opener)
            region_end = end
            if closer:
                closing = self.text.find(closer, match.end(), end)
                region_end = closing if closing > 0 else end
            stop = re.search(r"[.;!?]|" + cue("clause_breaks").pattern, self.flat[match.end() : region_end])
            region_end = match.end() + stop.start() if stop else region_end
            for person in self.listed(match.end(), region_end):
                self.candidacy(person.key, match.start(), _rule="candidacy.candidate-list", _confidence=0.65)

    def listed(self, start: int, end: int) -> list[Mention]:
        """The persons a list names, one per item: "A, former minister B and C (party)"."""
        text = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), self.flat[start:end])
        bounds = [start] + [start + m.end() for m in re.finditer(r",\s*(?:and\s+)?|\s+and\s+", text)] + [end]
        found: list[Mention] = []
        for item_start, item_end in itertools.pairwise(bounds):
            people = self.mentions(item_start, item_end, ("Person",))
            if not people:
                if found:
                    break  # the list is over: "A and B, who ..."
                continue
            if re.search(r"\b(?:" + cue("clause_words").pattern + r")\b", self.flat[item_start : people[0].span.start]):
                break
            found.append(people[0])
        return found

    def pairs_to_runoff(self, start: int, end: int) -> None:
        """'A and B go to a runoff', 'A and B will face each other in the second round': both stood in
        round 1 and advanced, and stand in round 2."""
        pattern = _pairs_to_runoff_pattern()
        auxiliary = r"\s*(?:(?:" + cue("future_auxiliaries").pattern + r")\s+)?"
        for match in pattern.finditer(self.flat, start, end):
            before = [
                m for m in self.mentions(start, match.start(), ("Person",)) if not self.ctx.in_quote(m.span.start)
            ]
            if re.search(
                r"(?<![\w-])the\s+two(?:\s+" + cue("pair_nouns").pattern + ")?" + auxiliary + "$",
                self.flat[start : match.start()],
            ):
                pair_keys = self.leading_two(match.start())  # "The two will meet in a runoff"
            elif before and re.fullmatch(auxiliary, self.flat[before[-1].span.end : match.start()]):
                pair_keys = [m.key for m in [*self.coordinated_with(before[-1], before), before[-1]]]
            else:
                continue
            if len(pair_keys) < 2:
                continue
            for person in pair_keys:
                self.candidacy(person, match.start(), round=2, _rule="candidacy.pair-to-runoff", _confidence=0.7)
                self.candidacy(person, match.start(), round=1, outcome="advanced", _rule="candidacy.pair-to-runoff")

    def leading_two(self, position: int) -> list[str]:
        """The two candidates with the largest first-round shares read so far in this election."""
        election = self.ctx.election_at(position)
        shares: dict[str, float] = {}
        for draft in self.drafts:
            roles = draft.roles
            share = roles.get("vote_share")
            if (
                draft.kind == "candidacy"
                and roles.get("election") == election
                and roles.get("round") == 1
                and isinstance(share, int | float)
            ):
                shares[str(roles["person"])] = max(float(share), shares.get(str(roles["person"]), 0.0))
        ranked = sorted(shares, key=lambda key: -shares[key])
        return ranked[:2] if len(ranked) >= 2 else []

    def stood(self, start: int, end: int) -> None:
        """'A, B and C also ran in the presidential election', 'X stood as an independent', 'Y and Z
        trailed far behind': the
        persons who ran are candidates (not when it is denied: 'did not run')."""
        pattern = _stood_pattern()
        for match in self.scan(pattern, start, end, "stand_verbs"):
            before = self.mentions(max(start, match.start() - 200), match.start(), ("Person",))
            if not before or self.ctx.in_quote(match.start()):
                continue
            head = before[-1]
            aside = r"\s*(?:,[^,;]{1,80},)?"  # "Dmitry Tasoev, head of the X party, trailed far behind"
            if not re.fullmatch(
                aside + r"\s*(?:also\s+|have\s+|has\s+|had\s+)*", self.flat[head.span.end : match.start()]
            ):
                continue
            if cue("negation_words").search(self.flat, max(start, match.start() - 12), match.start()):
                continue
            listed = [head]
            for previous in reversed(before[:-1]):  # "A, a former minister, and B, ..."
                if not re.fullmatch(
                    aside + r"\s*(?:,\s*)?(?:and\s+)?", self.flat[previous.span.end : listed[0].span.start]
                ):
                    break
                listed.insert(0, previous)
            for person in listed:
                self.candidacy(person.key, match.start(), _rule="candidacy.stood", _confidence=0.65)

    def placings(self, start: int, end: int) -> None:
        """'X, who came second', 'Y finished third with ...': a placing in the count is a candidacy."""
        for match in _placings_pattern().finditer(self.flat, start, end):
            person = self.clause_subject(match.start(), start, ("Person",))
            if person is None or self.ctx.in_quote(match.start()):
                continue
            self.candidacy(person, match.start(), _rule="candidacy.placing", _confidence=0.65)

    def eliminated(self, start: int, end: int) -> None:
        """'X failed to reach the runoff', 'Y was eliminated': a first-round candidate who went no further."""
        for match in self.cue_in("eliminated_phrases", start, end):
            person = self.clause_subject(match.start(), start, ("Person",))
            if person is None or self.hedged(max(start, match.start() - 40), match.start()):
                continue
            self.candidacy(person, match.start(), round=1, outcome="eliminated", _rule="candidacy.eliminated")

    def fraction_shares(self, start: int, end: int) -> None:
        """'A and B won about a quarter each', 'X took half of the vote': shares in words."""
        fractions = lexicon()["share_fractions"]
        if not self.ctx.may_hold("share_fractions", start, end):
            return  # the pattern needs a fraction
        for match in _fraction_shares_pattern().finditer(self.flat, start, end):
            subject = self.mentions(start, match.start(), ("Person",))
            if not subject or len(self.gap(subject[-1].key, match.start())) > 60:
                continue
            people = [subject[-1].key]
            if match.group("each").startswith("each"):
                people = [m.key for m in self.coordinated_with(subject[-1], subject, 4)] + people
            value = float(fractions[" ".join(match.group("fraction").split())])
            qualifier = self.qualifier(match.start("fraction"), start) or "about"
            for person in people:
                self.candidacy(
                    person,
                    match.start("fraction"),
                    vote_share=value,
                    qualifier=qualifier,
                    _rule="candidacy.share-in-words",
                    _confidence=0.7,
                )


@cache
def _candidate_lists_pattern() -> re.Pattern[str]:
    return compiled(
        cue("candidate_list_nouns").pattern
        + r"\s*(?:(?P<opener>--?|[–—(:])|(?P<verb>"
        + cue("candidate_list_verbs").pattern
        + r")\s*:?)?\s*"
    )


@cache
def _pairs_to_runoff_pattern() -> re.Pattern[str]:
    return compiled(
        r"(?:" + cue("advance_verbs").pattern + r")\s+(?:on\s+)?(?:to|for|into|in)?\s*(?:a|the)\s+"
        r"(?:" + cue("round_second").pattern + r")"
    )


@cache
def _stood_pattern() -> re.Pattern[str]:
    return compiled(cue("stand_verbs").pattern + r"(?=\s+(?:in|for|as|against|behind)\b)")


@cache
def _placings_pattern() -> re.Pattern[str]:
    return compiled(
        r"(?:"
        + cue("placing_verbs").pattern
        + r")\s+(?:a\s+(?:distant|close)\s+)?(?P<place>"
        + alternation(lexicon()["placings"])
        + r")"
        r"(?=\s*(?:[,.;—–-]|$|with\b|in\s+the\s+(?:first|initial)\b|behind\b|after\b|among\b|place\b))"
    )


@cache
def _fraction_shares_pattern() -> re.Pattern[str]:
    return compiled(
        r"(?:" + cue("share_verbs").pattern + r")\s+(?:(?P<qualifier>" + share_qualifiers() + r")\s+)?"
        r"(?P<fraction>"
        + alternation(lexicon()["share_fractions"])
        + r")\s+(?P<each>each\b|of\s+(?:the\s+)?(?:votes?|ballots?)\b)"
    )
