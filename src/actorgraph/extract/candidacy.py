"""Candidacy rules: vote shares and counts bound to their candidate, candidate cues, won/lost,
runoffs, and the outcomes a document implies once it says who won."""

from __future__ import annotations

import logging
import re

from actorgraph.extract.base import Drafting, Family, Roles
from actorgraph.extract.lexicon_patterns import contest_after_verb, cue, cued, lost_to_pattern, share_after_verb
from actorgraph.normalize import PERCENT, decimal_text, parse_number
from actorgraph.records import Mention, RoleValue

log = logging.getLogger(__name__)


class CandidacyBase(Family):
    """Shares, counts, cues and outcomes; `candidate_lists.CandidacyRules` adds candidacies named without figures."""

    name = "candidacy"

    def __init__(self, drafting: Drafting) -> None:
        super().__init__(drafting)
        self._not_candidate: dict[tuple[int, int], bool] = {}  # several rules ask it of each sentence

    def sentence(self, index: int) -> None:
        self.shares(index)
        self.vote_counts(index)
        self.candidate_cues(index)
        self.won_lost(index)
        self.advanced(index)
        self.runoff_pairs(index)

    def finish(self) -> None:
        self.infer_advanced()
        self.infer_lost()

    def candidacy(self, person: str, position: int, **extra: RoleValue) -> None:
        election = self.ctx.election_at(position)
        if election is None or self.ctx.type_of(person) != "Person":
            return
        roles: Roles = {
            "person": person,
            "election": election,
            "round": extra.pop("round", None) or self.ctx.round_at(position, election),
        }
        roles.update(extra)
        self.emit(
            "candidacy",
            roles,
            position,
            str(roles.pop("_rule", "candidacy")),
            float(str(roles.pop("_confidence", 0.7))),
        )

    def shares(self, index: int) -> None:
        start, end = self.bounds(index)
        sentence = self.flat[start:end]
        if self.ctx.election_at(start) is None or "turnout" in sentence:
            return
        if "%" not in sentence and "per" not in sentence and "pct" not in sentence:
            return  # PERCENT needs "%", "per(cent)" or "pct": most sentences are spared its scan
        if cued(r"\bresults? (?:from|in|for) (?:the )?[\w ]{0,30}?{local_result_cues}").search(sentence) or cued(
            r"\b(?:in|from) (?:the )?\w+ {local_units}"
        ).search(sentence):
            return  # results of one district are not the candidate's share of the election
        percents = [m for m in PERCENT.finditer(self.text, start, end) if self.is_share(m)]
        if not percents:
            return
        people = [m for m in self.mentions(start, end, ("Person",)) if not self.ctx.in_quote(m.span.start)]
        bound = self.bind_shares(percents, people, start, end)
        for percent in percents:
            for person_key in bound.get(percent.start(), []):
                self.share(person_key, percent, start)

    def share(self, person_key: str, percent: re.Match[str], floor: int) -> None:
        value = parse_number(percent.group("number"))
        if value is None or not 0 <= value <= 100:
            if value is not None:  # "150 percent": no share of a vote
                log.warning("%s: share %r outside 0-100 dropped", self.ctx.document.source, percent.group(0))
            return
        self.candidacy(
            person_key,
            percent.start(),
            vote_share=float(decimal_text(value)),
            partial=self.ctx.partial_at(percent.start()) or None,
            qualifier=self.qualifier(percent.start(), floor),
            _rule="candidacy.vote-share",
            _confidence=0.85,
        )

    def bind_shares(
        self, percents: list[re.Match[str]], people: list[Mention], start: int, end: int
    ) -> dict[int, list[str]]:
        """Which candidate each share belongs to, by the ways news writes a result:
        "X's 25%", "25% for X", "X and Y ... 30% and 20% respectively", "X and Y got 2% each",
        "X, <apposition naming Y>, garnered 52%", and else the nearest candidate before it."""
        bound: dict[int, list[str]] = {}
        for percent in percents:
            for person in people:
                if re.fullmatch(r"'s\s*", self.flat[person.span.end : percent.start()]):
                    bound[percent.start()] = [person.key]  # "against Dzhioyeva's 25.37 %"
            after = re.match(r"\s*(?:of\s+(?:the\s+)?(?:votes?|ballots?)\s+)?for\s+", self.flat[percent.end() : end])
            if after:  # "compared with 21.5% for Ter-Petrosyan"
                following = [p for p in people if p.span.start == percent.end() + after.end()]
                if following:
                    bound[percent.start()] = [following[0].key]
        self.respectively(percents, people, start, end, bound)
        taken = {key for keys in bound.values() for key in keys}
        for percent in percents:
            if percent.start() in bound:
                continue
            before = [p for p in people if p.span.end <= percent.start() and p.key not in taken]
            if not before:
                continue
            person = self.apposition_head(before, percent.start()) or self.winner_over(before, percent) or before[-1]
            gap = self.gap(person.key, percent.start())
            if len(gap) > 120 or cue("reported_speech_words").search(gap):
                continue
            if not cue("share_verbs").search(gap) and len(gap) > 12:
                continue
            keys = [person.key]
            if re.match(r"\s*(?:of\s+(?:the\s+)?(?:votes?|ballots?)\s+)?each\b", self.flat[percent.end() : end]):
                keys = [m.key for m in self.coordinated_with(person, before, 4)] + keys  # "X and Y garnered 2.26% each"
            bound[percent.start()] = keys
            taken.update(keys)
        return bound

    def respectively(
        self, percents: list[re.Match[str]], people: list[Mention], start: int, end: int, bound: dict[int, list[str]]
    ) -> None:
        """'X and Y ... taking 38.5 percent and 26.3 percent respectively': shares pair with names in order."""
        for word in _RESPECTIVELY.finditer(self.flat, start, end):
            run = [p for p in percents if p.end() <= word.start() and p.start() not in bound]
            if len(run) < 2:
                continue
            names = list(dict.fromkeys(p.key for p in people if p.span.end <= run[0].start()))
            if len(names) < len(run):
                continue
            for percent, key in zip(run, names[-len(run) :], strict=True):
                bound[percent.start()] = [key]

    def apposition_head(self, before: list[Mention], position: int) -> Mention | None:
        """'Raul Khajimba, favourite of outgoing leader Vladislav Ardzinba, garnered 52.8%':
        the share is the apposition's head's, not the name inside it."""
        nearest = before[-1]
        for head in reversed(before[:-1]):
            after = self.flat[head.span.end : position]
            shape = re.fullmatch(r"\s*,(?P<apposition>[^,;]{1,200}),\s*(?P<verb>[^,;]{0,40})", after)
            if shape and head.span.end < nearest.span.start and cue("share_verbs").search(shape.group("verb")):
                return head
        return None

    def vote_counts(self, index: int) -> None:
        """'Kochiev received 12,345 votes': the count goes to the candidate just named."""
        start, end = self.bounds(index)
        sentence = self.flat[start:end]
        if "votes" not in sentence or self.ctx.election_at(start) is None:
            return  # the pattern needs the word
        for count in cued(
            r"(?<![\w.,])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)\s+votes\b(?!\s+{margin_words})"
            r"(?!\s+(?:were\s+|have\s+been\s+)?{count_verbs})"
        ).finditer(sentence):
            position = start + count.start()
            people = [p for p in self.mentions(start, position, ("Person",)) if not self.ctx.in_quote(p.span.start)]
            if not people:
                continue
            # "Bibilov's 45.8% (20,632 votes)": the count in brackets is the share's candidate's
            bracketed = re.search(r"(%|percent|per cent)\s*\($", self.flat[max(start, position - 12) : position])
            owner = self.share_owner(position, start) if bracketed else None
            gap = self.gap(people[-1].key, position)
            unbound = len(gap) > 80 or cue("reported_speech_words").search(gap) or not cue("share_verbs").search(gap)
            if owner is None and unbound:
                continue
            self.candidacy(
                owner or people[-1].key,
                position,
                votes=int(re.sub(r"\D", "", count.group(1))),
                _rule="candidacy.votes",
                _confidence=0.8,
            )

    def winner_over(self, before: list[Mention], percent: re.Match[str]) -> Mention | None:
        """'X won, beating Y with 55.4 percent': the share is the winner's, not the beaten one's."""
        beaten = before[-1]
        if not re.fullmatch(r"\s+with\s+(?:\S+\s+){0,2}", self.flat[beaten.span.end : percent.start()]):
            return None
        defeat = re.search(
            r"(?:" + cue("defeat_verbs").pattern + r")\s+(?:[\w'-]+\s+){0,3}$", self.flat[: beaten.span.start]
        )
        if defeat is None or beaten.span.start - defeat.end() > 40:
            return None
        winners = [m for m in before[:-1] if m.span.end <= defeat.start()]
        return winners[-1] if winners and defeat.start() - winners[-1].span.end < 80 else None

    def share_owner(self, position: int, floor: int) -> str | None:
        """The candidate of the last share drafted before `position` in its sentence."""
        shares = [
            d
            for d in self.drafts
            if d.kind == "candidacy" and d.roles.get("vote_share") is not None and floor <= d.position < position
        ]
        return str(max(shares, key=lambda d: d.position).roles["person"]) if shares else None

    def is_share(self, percent: re.Match[str]) -> bool:
        after = self.flat[percent.end() : percent.end() + 60]
        before = self.flat[max(0, percent.start() - 30) : percent.start()]
        counted = (
            r"\s+of\s+(?:the\s+)?(?:\w+\s+)?" + cue("count_units").pattern + r"(?:\s+(?:have|has|had|were|was|been|"
            r"being|now|already|so\s+far|stations|boxes))*\s+(?:" + cue("count_states").pattern + r"|in\b(?=\s*[,.;)]))"
        )
        if re.match(counted, after):
            return False  # "with 35% of ballots counted", "with 90% of precincts in"
        if re.match(
            r"\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?(?:"
            + cue("electorate_words").pattern
            + "|"
            + cue("seat_words").pattern
            + ")",
            after,
        ):
            return False  # "of the electorate", "75% of seats": no share of the vote
        written = self.text[max(0, percent.start() - 8) : percent.start()]
        if re.search(r"(?:(?:^|[\s(])[-−]|\bminus\s+)$", written):  # "-5 percent" (not "X – 5%") is no share
            log.warning("%s: negative share %r dropped", self.ctx.document.source, percent.group(0))
            return False
        return not (cue("threshold_words").search(before) or re.search(r"\bturnout\b", before))

    def candidate_cues(self, index: int) -> None:
        start, end = self.bounds(index)
        for match in self.cue_in("candidate_cues", start, end):
            person = self.actor_after(match.end(), 4, ("Person",))
            if person is None:
                # "X, the opposition candidate"
                before = self.flat[max(start, match.start() - 30) : match.start()]
                if re.search(r",\s*(?:the|a|an)?\s*(?:\w+\s+)?$", before):
                    people = self.mentions(max(start, match.start() - 60), match.start(), ("Person",))
                    person = people[-1].key if people else None
            if person is None or self.not_candidate(start, end):
                continue
            self.candidacy(person, match.start(), _rule="candidacy.candidate-cue", _confidence=0.7)

    def not_candidate(self, start: int, end: int) -> bool:
        if (start, end) not in self._not_candidate:
            self._not_candidate[(start, end)] = self.says("not_candidate_phrases", start, end)
        return self._not_candidate[(start, end)]

    def won_lost(self, index: int) -> None:
        start, end = self.bounds(index)
        if self.not_candidate(start, end):
            return
        contest = contest_after_verb()
        share = share_after_verb()
        for verbs, outcome in (("won_verbs", "won"), ("lost_verbs", "lost")):
            for verb in self.cue_in(verbs, start, end):
                tail = self.flat[verb.end() : min(end, verb.end() + 90)]
                figure = share.match(tail)
                numeric = (
                    re.match(r"\s*[-−+]?\d", tail) is not None
                )  # "won -5 percent of the vote": a figure, no contest
                if (numeric or not contest.match(tail)) and not figure:
                    continue
                person = self.subject_before(verb.start(), start, ("Person",))
                if person is None or len(self.gap(person, verb.start()).split()) > 4:
                    continue
                hedged = self.hedged(max(start, verb.start() - 60), verb.start()) or self.hedged(
                    verb.start(), verb.end()
                )
                said: str | None = outcome
                won_round = contest.match(tail)
                if (
                    outcome == "won"
                    and won_round
                    and not re.match(r"\s+in\b", tail)  # "won in the first round": outright
                    and cue("round_first").search(won_round.group(0))
                ):
                    # "X won the first round": a place in the runoff when there is one, not the election
                    said = "advanced" if cue("round_second").search(self.flat, start, end) else None
                if figure and not contest.match(tail):
                    # "won 25.4 percent" is a share; only an absolute majority wins outright
                    value = parse_number(figure.group("number"))
                    said = "won" if outcome == "won" and value is not None and 50 < value <= 100 else None
                self.candidacy(
                    person,
                    verb.start(),
                    outcome=None if hedged else said,
                    _rule=f"candidacy.{outcome}",
                    _confidence=0.75,
                )
                if said == "won" and not hedged:
                    self.defeated(verb.end(), end, person)
        for verb in self.cue_in("defeat_verbs", start, end):
            winner = self.subject_before(verb.start(), start, ("Person",))
            if winner is None or self.hedged(max(start, verb.start() - 40), verb.start()):
                continue
            lead = re.match(
                r"\s+(?:" + cue("candidate_modifiers").pattern + r"\s+)*(?:candidate\s+|president\s+)?",
                self.flat[verb.end() : end],
            )
            loser = self.actor_after(verb.end() + (lead.end() if lead else 0), 3, ("Person",))
            if loser is not None and loser != winner:
                self.candidacy(winner, verb.start(), outcome="won", _rule="candidacy.defeated", _confidence=0.75)
                self.candidacy(loser, verb.start(), outcome="lost", _rule="candidacy.defeated", _confidence=0.75)
        # "Bibilov lost to opposition candidate Alan Gagloev": the one lost to won
        lost_to = lost_to_pattern()
        for verb in lost_to.finditer(self.flat, start, end):
            loser = self.subject_before(verb.start(), start, ("Person",))
            winner = self.actor_after(verb.end(), 3, ("Person",))
            if loser and winner and loser != winner and not self.hedged(max(start, verb.start() - 40), verb.start()):
                self.candidacy(winner, verb.start(), outcome="won", _rule="candidacy.lost-to", _confidence=0.75)
                self.candidacy(loser, verb.start(), outcome="lost", _rule="candidacy.lost-to", _confidence=0.75)

    def defeated(self, position: int, end: int, winner: str) -> None:
        against = re.search(r"\b(?:against|over)\b", self.flat[position : min(end, position + 90)])
        if against:
            rivals = self.mentions(position + against.end(), min(end, position + against.end() + 80), ("Person",))
            if rivals and rivals[0].key != winner:
                self.candidacy(rivals[0].key, position, outcome="lost", _rule="candidacy.lost-against", _confidence=0.7)

    def advanced(self, index: int) -> None:
        start, end = self.bounds(index)
        for match in self.cue_in("advanced_phrases", start, end):
            subject = self.subject_before(match.start(), start, ("Person",))
            people = [subject] if subject else []
            partner = re.match(r"\s*(?:with|against)\s+", self.flat[match.end() : end])
            if partner is None and match.group(0).endswith("face"):  # "will face Harutyunyan in a runoff"
                partner = re.match(r"\s*", self.flat[match.end() : end])
            if partner:
                other = self.actor_after(match.end() + partner.end(), 3, ("Person",))
                people += [other] if other else []
            between = re.match(r".{0,20}?\bbetween\b", self.flat[match.start() : end])
            if between:
                people += [m.key for m in self.mentions(match.start(), min(end, match.end() + 80), ("Person",))]
            for person in dict.fromkeys(people):
                self.candidacy(person, match.start(), round=2, _rule="candidacy.advanced", _confidence=0.7)

    def runoff_pairs(self, index: int) -> None:
        """'a runoff ... between X, who polled 42%, and Y' / 'X and Y will face each other in the second
        round': the two named stand in round 2, held or still to come."""
        start, end = self.bounds(index)
        runoff = next(self.cue_in("round_second", start, end), None)
        if runoff is None:
            return
        pair: list[str] = []
        between = _BETWEEN.search(self.flat, runoff.end(), min(end, runoff.end() + 80))
        if between:
            people = [m for m in self.mentions(between.end(), end, ("Person",))]
            if people and people[0].span.start - between.end() <= 60:
                pair = [people[0].key]
                rest = [m for m in people[1:] if m.key != people[0].key]
                link = rest and re.search(r"(?<![\w-])and\s+", self.flat[people[0].span.end : rest[0].span.start])
                if rest and link:
                    pair.append(rest[0].key)
        face = _FACE_EACH_OTHER.search(self.flat, start, runoff.start())
        if face and not pair:
            people = [m for m in self.mentions(start, face.start(), ("Person",))]
            if len(people) >= 2 and re.fullmatch(r"\s+and\s+", self.flat[people[-2].span.end : people[-1].span.start]):
                pair = [people[-2].key, people[-1].key]
        if len(pair) == 2:
            for person in pair:
                self.candidacy(person, runoff.start(), round=2, _rule="candidacy.runoff-pair", _confidence=0.7)

    def infer_advanced(self) -> None:
        """A candidate in a runoff advanced from the first round of the same election."""
        in_runoff = {
            (d.roles["person"], d.roles["election"])
            for d in self.drafts
            if d.kind == "candidacy" and d.roles.get("round") == 2
        }
        for draft in self.drafts:
            first_round = draft.kind == "candidacy" and draft.roles.get("round") == 1 and not draft.roles.get("outcome")
            if first_round and (draft.roles["person"], draft.roles["election"]) in in_runoff:
                draft.roles["outcome"] = "advanced"

    def infer_lost(self) -> None:
        """When a document says who won a round, the other candidates it reports in that round lost."""
        won = [d for d in self.drafts if d.kind == "candidacy" and d.roles.get("outcome") == "won"]
        decided = {(d.roles["election"], d.roles["round"]) for d in won}
        winners = {(d.roles["election"], d.roles["round"], d.roles["person"]) for d in won}
        for draft in self.drafts:
            key = (draft.roles.get("election"), draft.roles.get("round"))
            if draft.kind != "candidacy" or draft.roles.get("outcome") or key not in decided:
                continue
            if (key[0], key[1], draft.roles.get("person")) not in winners:
                draft.roles["outcome"] = "lost"


_BETWEEN = re.compile(r"(?<![\w-])between\s+")
_FACE_EACH_OTHER = re.compile(r"(?<![\w-])(?:face|faced|facing)\s+(?:each\s+other|off)\b")
_RESPECTIVELY = re.compile(r"(?<![\w-])respectively(?![\w-])")
