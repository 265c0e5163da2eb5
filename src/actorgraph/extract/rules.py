"""The rule engine: facts read from a document's sentences, each with its evidence and rule name.

Rule families (names appear in every claim's `rule`):
  candidacy.*    vote shares bound to the candidate they follow, candidate cues, won/lost, advanced
  office.*       titles before a name, in apposition after it, "The X of Y, Name", "he was X in 1994-96"
  membership.*   leader/secretary/member of a party, "Party leader Name"
  endorsement.*  calls to vote, direct and passive backing, nomination, "Kremlin-backed", "Moscow favourite"
  recognition.*  "recognized by A, B and C", "A recognized X", negation, withdrawal, "occupied territory"
  turnout.*      turnout figures with over/about/partial qualifiers
Cue words live in ontology/lexicon/*.json.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from actorgraph.extract.context import DocumentContext, alternation, cue
from actorgraph.extract.dictionary import default_dictionary
from actorgraph.lexicon import lexicon
from actorgraph.normalize import PERCENT, decimal_text, find_date, find_year_range, parse_number
from actorgraph.records import Claim, ClaimKind, Election, Mention, RoleValue, Span

ACTOR_TYPES = ("Person", "PoliticalParty", "Organization", "GovernmentBody", "MediaOutlet", "State")
BACKABLE = ("Person", "PoliticalParty")
ORGANISATIONS = ("PoliticalParty", "Organization", "GovernmentBody", "MediaOutlet")

log = logging.getLogger(__name__)


@dataclass
class _Draft:
    kind: ClaimKind
    roles: dict[str, RoleValue | Election]
    position: int
    rule: str
    confidence: float
    evidence: list[Span] = field(default_factory=list)


class RuleEngine:
    def __init__(self, context: DocumentContext) -> None:
        self.ctx = context
        self.text = context.text
        self.flat = context.flat
        self.drafts: list[_Draft] = []

    def run(self) -> list[Claim]:
        for index in range(len(self.ctx.sentences)):
            self._candidacy_shares(index)
            self._vote_counts(index)
            self._candidate_cues(index)
            self._won_lost(index)
            self._advanced(index)
            self._offices(index)
            self._memberships(index)
            self._endorsements(index)
            self._recognitions(index)
            self._turnout(index)
        self._infer_advanced()
        self._infer_lost()
        self._resolve_backed_candidates()
        return self._claims()

    # --- emitting -------------------------------------------------------------------------------

    def emit(
        self, kind: ClaimKind, roles: dict[str, RoleValue | Election], position: int, rule: str, confidence: float
    ) -> None:
        sentence = self.ctx.sentences[self.ctx.sentence_of(position)]
        self.drafts.append(_Draft(kind, roles, position, rule, confidence, [sentence.span]))

    def _claims(self) -> list[Claim]:
        merged: dict[tuple[object, ...], _Draft] = {}
        for draft in self.drafts:
            key = _identity(draft)
            if key in merged:
                merged[key] = _merge(merged[key], draft)
            else:
                merged[key] = draft
        claims = []
        for draft in merged.values():
            attribution = self.ctx.attribution_for(draft.position)
            roles = tuple(sorted((k, v) for k, v in draft.roles.items() if v is not None))
            claims.append(
                Claim(
                    kind=draft.kind,
                    roles=roles,
                    evidence=tuple(sorted(set(draft.evidence))),
                    rule=draft.rule,
                    confidence=draft.confidence,
                    attributed_to=attribution.source if attribution else None,
                    attribution=attribution.wording if attribution else None,
                )
            )
        return sorted(claims, key=lambda c: (c.evidence[0].start, c.kind, repr(c.roles)))

    # --- helpers ----------------------------------------------------------------------------------

    def _sentence(self, index: int) -> tuple[int, int]:
        sentence = self.ctx.sentences[index]
        return sentence.start, sentence.end

    def _mentions(self, start: int, end: int, types: Iterable[str]) -> list[Mention]:
        return self.ctx.mentions_in(start, end, types)

    def _subject_before(self, position: int, floor: int, types: Iterable[str] = ACTOR_TYPES) -> str | None:
        """The actor a clause ending at `position` is about: the nearest actor or pronoun before it."""
        wanted = tuple(types)
        candidates: list[tuple[int, str | None]] = []
        for mention in self._mentions(floor, position, wanted):
            if self.ctx.in_quote(mention.span.start) == self.ctx.in_quote(position):
                candidates.append((mention.span.end, mention.key))
        for match in re.finditer(r"(?<![\w-])(he|she|i|me|we)(?![\w-])", self.flat[floor:position]):
            absolute = floor + match.start()
            word = match.group(1)
            key = (
                self.ctx.speaker_at(absolute) if word in ("i", "me", "we") else self.ctx.resolve_pronoun(absolute, word)
            )
            if word == "we" or (word in ("i", "me") and not self.ctx.in_quote(absolute)):
                continue
            candidates.append((floor + match.end(), key))
        if not candidates:
            return None
        return max(candidates, key=lambda c: c[0])[1]

    def _actor_after(self, position: int, limit: int, types: Iterable[str]) -> str | None:
        """The actor named right after `position` (within `limit` characters), or 'me' in a quotation."""
        wanted = tuple(types)
        end = min(len(self.text), position + limit)
        for mention in self.ctx.mentions_starting(position, end):
            if mention.type in (*ACTOR_TYPES, "Place"):
                return mention.key if mention.type in wanted else None
        first_person = re.match(r"\s*(?:the\s+)?(me|him|her)\b", self.flat[position:end])
        if first_person and "Person" in wanted:
            word = first_person.group(1)
            return self.ctx.speaker_at(position) if word == "me" else self.ctx.resolve_pronoun(position, word)
        return None

    def _hedged(self, start: int, end: int) -> bool:
        return cue("hedges").search(self.flat, start, end) is not None

    # --- candidacies ------------------------------------------------------------------------------

    def _candidacy(self, person: str, position: int, **extra: RoleValue) -> None:
        election = self.ctx.election_at(position)
        if election is None or self.ctx.type_of(person) != "Person":
            return
        roles: dict[str, RoleValue | Election] = {
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

    def _candidacy_shares(self, index: int) -> None:
        start, end = self._sentence(index)
        sentence = self.flat[start:end]
        if self.ctx.election_at(start) is None or "turnout" in sentence:
            return
        if re.search(
            r"\bresults? (?:from|in|for) (?:the )?[\w ]{0,30}?" + cue("local_result_cues").pattern, sentence
        ) or re.search(r"\b(?:in|from) (?:the )?\w+ (?:district|precinct|constituency)\b", sentence):
            return  # results of one district are not the candidate's share of the election
        percents = [m for m in PERCENT.finditer(self.text, start, end) if self._is_share(m)]
        if not percents:
            return
        people = [m for m in self._mentions(start, end, ("Person",)) if not self.ctx.in_quote(m.span.start)]
        bound: dict[int, str] = {}
        for percent in percents:  # "against Dzhioyeva's 25.37 %"
            for person in people:
                gap = self.flat[person.span.end : percent.start()]
                if re.fullmatch(r"'s\s*", gap):
                    bound[percent.start()] = person.key
        taken = set(bound.values())
        for percent in percents:
            if percent.start() in bound:
                continue
            before = [p for p in people if p.span.end <= percent.start() and p.key not in taken]
            if not before:
                continue
            person = before[-1]
            gap = self._gap(person.key, percent.start())
            if len(gap) > 120 or re.search(r"\b(said|says|that|told|expects?|predict\w*)\b", gap):
                continue
            if not cue("share_verbs").search(gap) and len(gap) > 12:
                continue
            bound[percent.start()] = person.key
            taken.add(person.key)
        for percent in percents:
            person_key = bound.get(percent.start())
            if person_key is None:
                continue
            value = parse_number(percent.group("number"))
            if value is None or not 0 <= value <= 100:
                if value is not None:
                    log.warning("%s: share %r outside 0-100 dropped", self.ctx.document.source, percent.group(0))
                continue
            qualifier = self._qualifier(percent.start(), start)
            self._candidacy(
                person_key,
                percent.start(),
                vote_share=float(decimal_text(value)),
                partial=self.ctx.partial_at(percent.start()) or None,
                qualifier=qualifier,
                _rule="candidacy.vote-share",
                _confidence=0.85,
            )

    def _vote_counts(self, index: int) -> None:
        """'Kochiev received 12,345 votes': the count goes to the candidate just named."""
        start, end = self._sentence(index)
        if self.ctx.election_at(start) is None:
            return
        for count in re.finditer(
            r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)\s+votes\b(?!\s+(?:were\s+|have\s+been\s+)?(?:counted|processed|cast|tallied))",
            self.flat[start:end],
        ):
            position = start + count.start()
            people = [p for p in self._mentions(start, position, ("Person",)) if not self.ctx.in_quote(p.span.start)]
            if not people:
                continue
            gap = self._gap(people[-1].key, position)
            if len(gap) > 80 or re.search(r"\b(said|that|told)\b", gap) or not cue("share_verbs").search(gap):
                continue
            self._candidacy(
                people[-1].key,
                position,
                votes=int(count.group(1).replace(",", "")),
                _rule="candidacy.votes",
                _confidence=0.8,
            )

    def _is_share(self, percent: re.Match[str]) -> bool:
        after = self.flat[percent.end() : percent.end() + 60]
        before = self.flat[max(0, percent.start() - 30) : percent.start()]
        if re.search(r"(?:(?<![\w.,])[-−]\s*|\bminus\s+)$", before):  # "-5 percent" is no share of a vote
            log.warning("%s: negative share %r dropped", self.ctx.document.source, percent.group(0))
            return False
        if re.match(
            r"\s+of\s+(?:the\s+)?(?:ballots|votes|precincts|polling|protocols|bulletins)\b.{0,30}?\b(?:counted|processed|tallied|been|in)\b",
            after,
        ):
            return False
        if re.match(
            r"\s+of\s+(?:the\s+)?(?:population|residents|respondents|voters|electorate|registered|people|citizens)",
            after,
        ):
            return False
        return not re.search(r"\b(threshold|minimum|turnout|quorum)\b", before)

    def _qualifier(self, position: int, floor: int) -> str | None:
        before = self.flat[max(floor, position - 25) : position]
        for key, value in (("over_words", "over"), ("under_words", "under"), ("about_words", "about")):
            if re.search(cue(key).pattern + r"\s*$", before):
                return value
        return None

    def _candidate_cues(self, index: int) -> None:
        start, end = self._sentence(index)
        for match in cue("candidate_cues").finditer(self.flat, start, end):
            person = self._actor_after(match.end(), 4, ("Person",))
            if person is None:
                # "X, the opposition candidate"
                before = self.flat[max(start, match.start() - 30) : match.start()]
                if re.search(r",\s*(?:the|a|an)?\s*(?:\w+\s+)?$", before):
                    people = self._mentions(max(start, match.start() - 60), match.start(), ("Person",))
                    person = people[-1].key if people else None
            if person is None or self._not_candidate(start, end):
                continue
            self._candidacy(person, match.start(), _rule="candidacy.candidate-cue", _confidence=0.7)

    def _not_candidate(self, start: int, end: int) -> bool:
        return cue("not_candidate_phrases").search(self.flat, start, end) is not None

    def _won_lost(self, index: int) -> None:
        start, end = self._sentence(index)
        if self._not_candidate(start, end):
            return
        contest = re.compile(
            r"\s+(?:the\s+|a\s+|an\s+|of\s+the\s+|as\s+)?(?:[\w'-]+\s+){0,3}?(?:elections?|vote|runoff|run-off|race|presidency|poll|ballot|round|tour|seat|mandate|term|president|leader|mayor|governor)\b"
        )
        share = re.compile(
            r"\s+(?:more than|over|about|nearly|almost|some|just|around)?\s*(?P<number>[\d.,]+)\s*(?:%|percent|per cent)"
        )
        for verbs, outcome in (("won_verbs", "won"), ("lost_verbs", "lost")):
            for verb in cue(verbs).finditer(self.flat, start, end):
                tail = self.flat[verb.end() : min(end, verb.end() + 90)]
                figure = share.match(tail)
                if not contest.match(tail) and not figure:
                    continue
                person = self._subject_before(verb.start(), start, ("Person",))
                if person is None or len(self._gap(person, verb.start()).split()) > 4:
                    continue
                hedged = self._hedged(max(start, verb.start() - 60), verb.start()) or self._hedged(
                    verb.start(), verb.end()
                )
                said = outcome
                if figure and not contest.match(tail):
                    # "won 25.4 percent" is a share; only an absolute majority wins outright
                    value = parse_number(figure.group("number"))
                    said = "won" if outcome == "won" and value is not None and 50 < value <= 100 else None  # type: ignore[assignment]
                self._candidacy(
                    person,
                    verb.start(),
                    outcome=None if hedged else said,
                    _rule=f"candidacy.{outcome}",
                    _confidence=0.75,
                )
                if said == "won" and not hedged:
                    self._defeated(verb.end(), end, person)
        for verb in cue("defeat_verbs").finditer(self.flat, start, end):
            winner = self._subject_before(verb.start(), start, ("Person",))
            if winner is None or self._hedged(max(start, verb.start() - 40), verb.start()):
                continue
            lead = re.match(
                r"\s+(?:(?:the|incumbent|opposition|former|rival|challenger)\s+)*(?:candidate\s+|president\s+)?",
                self.flat[verb.end() : end],
            )
            loser = self._actor_after(verb.end() + (lead.end() if lead else 0), 3, ("Person",))
            if loser is not None and loser != winner:
                self._candidacy(winner, verb.start(), outcome="won", _rule="candidacy.defeated", _confidence=0.75)
                self._candidacy(loser, verb.start(), outcome="lost", _rule="candidacy.defeated", _confidence=0.75)

    def _defeated(self, position: int, end: int, winner: str) -> None:
        against = re.search(r"\b(?:against|over)\b", self.flat[position : min(end, position + 90)])
        if against:
            rivals = self._mentions(position + against.end(), min(end, position + against.end() + 80), ("Person",))
            if rivals and rivals[0].key != winner:
                self._candidacy(
                    rivals[0].key, position, outcome="lost", _rule="candidacy.lost-against", _confidence=0.7
                )

    def _gap(self, person: str, position: int) -> str:
        """Text between the last mention of `person` before `position` and it, minus an apposition."""
        last = self.ctx.last_mention_of(person, position)
        if last is None:
            return ""
        gap = self.flat[last.span.end : position]
        return re.sub(r"^\s*,[^,]{1,120},", " ", gap)

    def _advanced(self, index: int) -> None:
        start, end = self._sentence(index)
        for match in cue("advanced_phrases").finditer(self.flat, start, end):
            subject = self._subject_before(match.start(), start, ("Person",))
            people = [subject] if subject else []
            partner = re.match(r"\s*(?:with|against)\s+", self.flat[match.end() : end])
            if partner is None and match.group(0).endswith("face"):  # "will face Harutyunyan in a runoff"
                partner = re.match(r"\s*", self.flat[match.end() : end])
            if partner:
                other = self._actor_after(match.end() + partner.end(), 3, ("Person",))
                people += [other] if other else []
            between = re.match(r".{0,20}?\bbetween\b", self.flat[match.start() : end])
            if between:
                people += [m.key for m in self._mentions(match.start(), min(end, match.end() + 80), ("Person",))]
            for person in dict.fromkeys(people):
                self._candidacy(person, match.start(), round=2, _rule="candidacy.advanced", _confidence=0.7)

    def _infer_advanced(self) -> None:
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

    def _infer_lost(self) -> None:
        """When a document says who won a round, the other candidates it reports in that round lost."""
        decided = {
            (d.roles["election"], d.roles["round"])
            for d in self.drafts
            if d.kind == "candidacy" and d.roles.get("outcome") == "won"
        }
        winners = {
            (d.roles["election"], d.roles["round"], d.roles["person"])
            for d in self.drafts
            if d.kind == "candidacy" and d.roles.get("outcome") == "won"
        }
        for draft in self.drafts:
            key = (draft.roles.get("election"), draft.roles.get("round"))
            if draft.kind != "candidacy" or draft.roles.get("outcome") or key not in decided:
                continue
            if (*key, draft.roles.get("person")) not in winners:
                draft.roles["outcome"] = "lost"

    # --- offices and memberships ------------------------------------------------------------------

    def _offices(self, index: int) -> None:
        start, end = self._sentence(index)
        for person in self._mentions(start, end, ("Person",)):
            self._title_before(person, start)
            self._title_after(person, end)
        self._title_predicate(start, end)
        self._incumbent(start, end)

    def _incumbent(self, start: int, end: int) -> None:
        """'incumbent X' in an election report: X holds the office being contested."""
        election = self.ctx.default_election
        if election is None:
            return
        for match in re.finditer(r"(?<![\w-])incumbent\s+(?:president\s+|leader\s+)?", self.flat[start:end]):
            person = self._actor_after(start + match.end(), 2, ("Person",))
            if person is None:
                continue
            place = self.ctx.names[election.jurisdiction].name if election.jurisdiction in self.ctx.names else None
            label = f"{election.office} of {place}" if place else election.office
            roles: dict[str, RoleValue | Election] = {
                "person": person,
                "office": label,
                "jurisdiction": election.jurisdiction,
                "status": "current",
            }
            self.emit("office", roles, start + match.start(), "office.incumbent", 0.65)

    def _title_before(self, person: Mention, floor: int) -> None:
        prefix = self.flat[max(floor, person.span.start - 110) : person.span.start]
        offset = max(floor, person.span.start - 110)
        match = re.search(_title_pattern() + r"\s*,?\s*$", prefix)
        if match and not self.ctx.in_quote(person.span.start):
            self._office_from(person.key, match, offset, rule="office.title-before-name")
            return
        # "The head of the republic of South Ossetia, Anatoly Bibilov,"
        match = re.search(_title_pattern(of_phrase=True) + r",\s*$", prefix)
        if match:
            self._office_from(person.key, match, offset, rule="office.title-of-apposition")

    def _title_after(self, person: Mention, ceiling: int) -> None:
        tail_start = person.span.end
        tail = self.flat[tail_start : min(ceiling, tail_start + 160)]
        match = re.match(r",\s*(?:the\s+|a\s+|an\s+)?" + _title_pattern(of_phrase=True, optional_of=True), tail)
        if match:
            self._office_from(person.key, match, tail_start, rule="office.apposition")
            return
        # "Bela Plieva, CEC chairman" / "Bela Plieva, de-facto CEC chairman"
        org_title = re.match(r",\s*(?:the\s+)?(?:(?:de facto|de-facto|local)\s+)?", tail)
        if org_title:
            bodies = self._mentions(tail_start + org_title.end(), tail_start + org_title.end() + 60, ORGANISATIONS)
            if bodies and bodies[0].span.start == tail_start + org_title.end():
                after_body = self.flat[bodies[0].span.end : bodies[0].span.end + 40]
                title = re.match(r"\s+(" + alternation(_titles()) + r")", after_body)
                if title:
                    self._record_title(
                        person.key,
                        title.group(1),
                        bodies[0].span.start,
                        None,
                        [bodies[0]],
                        status=None,
                        rule="office.organization-title",
                    )

    def _title_predicate(self, start: int, end: int) -> None:
        pattern = re.compile(
            r"(?<![\w-])(?P<verb>is|was|has been|had been|served as|serves as|became|becomes|remains|remained|was also|is also|was appointed|was named|was elected|was re-elected|has been re-elected|was re-elected as|was sworn in as|was inaugurated as|took office as|takes office as)\s+(?:the\s+|an?\s+)?"
            + _title_pattern(of_phrase=True, optional_of=True)
        )
        for match in pattern.finditer(self.flat, start, end):
            person = self._subject_before(match.start(), max(start, match.start() - 80), ("Person",))
            if person is None:
                continue
            verb = match.group("verb")
            past = verb in ("was", "had been", "served as", "remained", "was also")
            self._office_from(
                person, match, 0, rule="office.predicate", past=past, ceiling=end, start_group="title_start"
            )

    def _office_from(
        self,
        person: str,
        match: re.Match[str],
        base: int,
        rule: str,
        past: bool = False,
        ceiling: int | None = None,
        start_group: int | str = 0,
    ) -> None:
        """An office from a title match; `base` is where the matched string starts in the document."""
        start, end = base + match.start(start_group), base + match.end()
        title = match.group("title")
        of_text = match.groupdict().get("of")
        status_word = match.group("status")
        owner = match.group("owner")
        of_start = base + match.start("of") if of_text else end
        of_end = base + match.end("of") if of_text else end
        mentions = self.ctx.mentions_in(start, of_end)
        jurisdiction = None
        for mention in mentions:
            if mention.type in ("State", "Place") and (
                owner or mention.span.start >= of_start or self.flat[mention.span.end : mention.span.end + 2] == "'s"
            ):
                jurisdiction = self.ctx.state_key(mention) or jurisdiction
        demonym = match.group("demonym")
        if demonym and demonym in self.ctx.dictionary.demonyms:
            jurisdiction = self.ctx.dictionary.demonyms[demonym].iri
        organizations = [m for m in mentions if m.type in ORGANISATIONS and m.span.start >= of_start]
        self._record_title(
            person,
            title,
            start,
            (of_text, of_start, of_end) if of_text else None,
            organizations,
            status=status_word,
            rule=rule,
            jurisdiction=jurisdiction,
            past=past,
            dates_until=ceiling,
            title_end=base + match.end("title"),
        )

    def _record_title(
        self,
        person: str,
        title: str,
        position: int,
        of_part: tuple[str, int, int] | None,
        organizations: list[Mention],
        status: str | None,
        rule: str,
        jurisdiction: str | None = None,
        past: bool = False,
        dates_until: int | None = None,
        title_end: int | None = None,
    ) -> None:
        if self.ctx.type_of(person) != "Person":
            return
        title = " ".join(title.split())
        roles = lexicon()["member_roles"]
        party = next((m for m in organizations if m.type == "PoliticalParty"), None)
        if party is not None and title in roles:
            self.emit(
                "membership",
                {"person": person, "organization": party.key, "role": roles[title]},
                position,
                rule.replace("office", "membership"),
                0.75,
            )
            return
        offices = lexicon()["office_titles"]
        canonical = offices.get(title) or _portfolio_minister(title)
        if canonical is None:
            return
        organization = next((m for m in organizations if m.type != "PoliticalParty"), None)
        if organization is not None and jurisdiction is None:
            jurisdiction = self._organization_state(organization)
        label = self._office_label(canonical, of_part, organization, jurisdiction)
        if label is None:
            return
        jurisdiction = jurisdiction or self.ctx.polity
        if label in lexicon()["head_of_state_titles"] and jurisdiction:
            label = f"{label} of {self.ctx.names[jurisdiction].name if jurisdiction in self.ctx.names else self.ctx.dictionary.entries[jurisdiction].label}"
        dates = self._dates(
            title_end or position, dates_until or self.ctx.sentences[self.ctx.sentence_of(position)].end
        )
        former = status in _former_words() or (
            past and (dates.get("end") is not None or (dates.get("start") is None and "since" not in dates))
        )
        roles_out: dict[str, RoleValue | Election] = {
            "person": person,
            "office": label,
            "organization": organization.key if organization else None,
            "jurisdiction": jurisdiction,
            "start": dates.get("start"),
            "end": dates.get("end"),
            "status": "former" if former else "current",
        }
        self.emit("office", roles_out, position, rule, 0.7)

    def _organization_state(self, organization: Mention) -> str | None:
        """The state in a generic body's name: 'Central Election Commission of South Ossetia'."""
        for entry in self.ctx.dictionary.entries.values():
            if entry.type == "State" and organization.name.endswith(" of " + entry.label):
                return entry.iri
        return None

    def _base_name(self, organization: Mention) -> str:
        """An organisation's name without its state: 'Central Election Commission'."""
        state = self._organization_state(organization)
        if state is None:
            return organization.name
        return organization.name[: -len(" of " + self.ctx.dictionary.entries[state].label)]

    def _office_label(
        self,
        canonical: str,
        of_part: tuple[str, int, int] | None,
        organization: Mention | None,
        jurisdiction: str | None,
    ) -> str | None:
        if " of " in canonical:
            return canonical  # "Speaker of Parliament", "Minister of Education": already complete
        if of_part is None:
            if organization is not None:
                return f"{canonical} of the {self._base_name(organization)}"
            if canonical in ("Head", "Chairman", "Chief", "Director", "Deputy Chairman", "Officer", "Commander"):
                return None  # "head" of nothing named is no office we can name
            return canonical
        _of_text, of_start, of_end = of_part
        if organization is not None:
            prefix = self.text[of_start : organization.span.start]
            prefix = _strip_owner(prefix)
            prefix = re.sub(r"(?:^|\s+)(?:at|of|in|for)?(?:\s*\bthe)?\s*$", "", prefix)
            prefix = re.sub(r"^the\s+", "", prefix).strip()
            base = f"{canonical} of {_title_case(prefix)}" if prefix else canonical
            return f"{base} of the {self._base_name(organization)}"
        states = [m for m in self.ctx.mentions_in(of_start, of_end) if m.type in ("State", "Place")]
        if (
            states
            and states[0].type == "Place"
            and not _strip_owner(self.text[of_start : states[0].span.start]).strip()
        ):
            return f"{canonical} of {states[0].name}"  # "mayor of Gagra"
        if states:
            if canonical in ("Head", "President", "Leader"):
                return "President"
            prefix = _strip_owner(self.text[of_start : states[0].span.start])
            prefix = re.sub(
                r"\b(?:the\s+)?(?:breakaway\s+|self-proclaimed\s+|de facto\s+)*(?:republic|region|state|territory|country)\s+of\s*$",
                "",
                prefix.strip(),
                flags=re.I,
            ).strip()
            if prefix:
                return f"{canonical} of {_title_case(prefix)}"
            return canonical
        if canonical in ("Officer",):
            return None
        return f"{canonical} of {_title_case(_strip_owner(self.text[of_start:of_end]))}"

    def _dates(self, position: int, ceiling: int) -> dict[str, str]:
        """Dates of an office in the clause naming it (not '..., which he has led since 2012')."""
        clause_end = re.search(r"[,;]", self.text[position:ceiling])
        tail = self.text[position : position + clause_end.start()] if clause_end else self.text[position:ceiling]
        found: dict[str, str] = {}
        since = re.search(r"\bsince\s+(.{0,30})", tail)
        if since:
            date = find_date(since.group(1))
            if date:
                found["start"] = date[0]
                found["since"] = date[0]
        years = find_year_range(tail)
        if years and "start" not in found:
            found["start"], found["end"] = years[0], years[1]
        until = re.search(r"\b(?:until|till)\s+(.{0,30})", tail)
        if until and "end" not in found:
            date = find_date(until.group(1))
            if date:
                found["end"] = date[0]
        return found

    def _memberships(self, index: int) -> None:
        start, end = self._sentence(index)
        roles = lexicon()["member_roles"]
        pattern = re.compile(r"\s+(" + alternation(roles) + r")\s+$")
        for person in self._mentions(start, end, ("Person",)):
            # "Nykhas leader Alan Gagloev"
            before = self.flat[max(start, person.span.start - 40) : person.span.start]
            match = pattern.search(" " + before)
            if match:
                parties = self._mentions(max(start, person.span.start - 40), person.span.start, ("PoliticalParty",))
                if parties and self.flat[parties[-1].span.end : person.span.start].strip() == match.group(1):
                    self.emit(
                        "membership",
                        {"person": person.key, "organization": parties[-1].key, "role": roles[match.group(1)]},
                        person.span.start,
                        "membership.party-title",
                        0.75,
                    )
            # "Alan Gagloev of the Nykhas movement"
            of_party = re.match(r"\s+of\s+(?:the\s+)?", self.flat[person.span.end : end])
            party_of = (
                self._actor_after(person.span.end + of_party.end(), 30, ("PoliticalParty",)) if of_party else None
            )
            if party_of:
                roles_of: dict[str, RoleValue | Election] = {
                    "person": person.key,
                    "organization": party_of,
                    "role": None,
                }
                self.emit("membership", roles_of, person.span.start, "membership.of-party", 0.65)
            # "X, a member of the Y party"
            after = re.match(
                r",\s*(?:a|an|the)?\s*(member|founder|co-founder|leader|chairman|head)\s+of\s+(?:the\s+)?",
                self.flat[person.span.end : end],
            )
            if after:
                party = self._actor_after(person.span.end + after.end(), 40, ("PoliticalParty",))
                if party:
                    self.emit(
                        "membership",
                        {"person": person.key, "organization": party, "role": roles.get(after.group(1))},
                        person.span.start,
                        "membership.apposition",
                        0.75,
                    )
        # "X heads the Y party", "he is a member of the Y party", "she founded Y"
        verbs = (
            r"(?<![\w-])(?:(?P<lead>heads|headed|leads|led|chairs|chaired)|(?P<found>founded|co-founded)"
            r"|(?:is|was|became|has been)\s+(?:a|an|the)\s+(?P<role>member|leader|chairman|head|founder|co-founder|secretary|deputy leader)\s+of)"
            r"\s+(?:the\s+)?"
        )
        for match in re.finditer(verbs, self.flat[start:end]):
            position = start + match.start()
            party = self._actor_after(start + match.end(), 4, ("PoliticalParty",))
            member = self._subject_before(position, max(start, position - 60), ("Person",))
            if party and member:
                role = (
                    "leader"
                    if match.group("lead")
                    else "founder"
                    if match.group("found")
                    else roles.get(match.group("role"), "member")
                )
                self.emit(
                    "membership",
                    {"person": member, "organization": party, "role": role},
                    position,
                    "membership.predicate",
                    0.7,
                )

    # --- endorsements -----------------------------------------------------------------------------

    def _endorse(
        self, endorser: str | None, endorsed: str | None, position: int, mode: str, rule: str, confidence: float
    ) -> None:
        if endorser is None or endorsed is None or endorser == endorsed:
            return
        if self.ctx.type_of(endorser) not in ACTOR_TYPES or self.ctx.type_of(endorsed) not in BACKABLE:
            return
        election = self.ctx.election_at(position)
        self.emit(
            "endorsement",
            {"endorser": endorser, "endorsed": endorsed, "election": election, "mode": mode},
            position,
            rule,
            confidence,
        )

    def _endorsements(self, index: int) -> None:
        start, end = self._sentence(index)
        flat = self.flat
        vote = cue("endorse_vote_verbs").pattern
        for call in cue("endorse_call_verbs").finditer(flat, start, end):
            target = re.match(r"\s+(?:[\w']+\s+){0,4}?(?:to\s+)?" + vote + r"\s+", flat[call.end() : end])
            if target:
                endorsed = self._actor_after(call.end() + target.end(), 5, BACKABLE)
                endorser = self._subject_before(call.start(), max(start, call.start() - 100))
                self._endorse(endorser, endorsed, call.start(), "support", "endorsement.call-to-vote", 0.8)
        for verb in cue("endorse_direct_verbs").finditer(flat, start, end):
            if re.search(r"\b(?:about|of|for|in)\s*$", flat[max(start, verb.start() - 8) : verb.start()]):
                continue  # "an agreement about supporting X": no one is named as doing it
            lead = re.match(r"\s*(?:the\s+)?(?:candidacy\s+of\s+|candidate\s+)?", flat[verb.end() : end])
            object_start = verb.end() + (lead.end() if lead else 0)
            endorsed = self._actor_after(object_start, 4, BACKABLE)
            endorser = self._subject_before(verb.start(), max(start, verb.start() - 80))
            self._endorse(endorser, endorsed, verb.start(), "support", "endorsement.direct", 0.7)
        for passive, mode, rule in (
            (cue("endorse_passive_verbs"), "support", "endorsement.supported-by"),
            (cue("nominate_passive_verbs"), "nomination", "endorsement.nominated-by"),
        ):
            for verb in passive.finditer(flat, start, end):
                endorsed = self._subject_before(verb.start(), max(start, verb.start() - 60), BACKABLE)
                for endorser in self._actor_list(verb.end(), end):
                    self._endorse(endorser, endorsed, verb.start(), mode, rule, 0.75)
        backed = "|".join(re.escape(word) for word in lexicon()["backed_compounds"])
        for compound in re.finditer(r"-(?:" + backed + r")(?![\w-])", flat[start:end]):
            position = start + compound.start()
            sponsors = [
                m for m in self._mentions(max(start, position - 40), position, ACTOR_TYPES) if m.span.end == position
            ]
            if not sponsors:
                continue
            object_start = position + compound.end() - compound.start()
            lead = re.match(
                r"\s+(?:(?:presidential|opposition|incumbent|former|current)\s+)?(?:candidate\s+|president\s+|leader\s+|politician\s+)?",
                flat[object_start:end],
            )
            endorsed = self._actor_after(object_start + (lead.end() if lead else 0), 3, BACKABLE)
            if endorsed is None and lead and "candidate" in lead.group(0):
                self.drafts.append(
                    _Draft(
                        "endorsement",
                        {
                            "endorser": sponsors[-1].key,
                            "endorsed": None,
                            "election": self.ctx.election_at(position),
                            "mode": "support",
                        },
                        position,
                        "endorsement.backed-candidate",
                        0.6,
                        [self.ctx.sentences[index].span],
                    )
                )
                continue
            self._endorse(sponsors[-1].key, endorsed, position, "support", "endorsement.backed-compound", 0.75)
        for favourite in cue("favourite_words").finditer(flat, start, end):
            owners = [
                m
                for m in self._mentions(max(start, favourite.start() - 30), favourite.start(), ACTOR_TYPES)
                if re.fullmatch(r"(?:'s)?\s*", flat[m.span.end : favourite.start()])
            ]
            if not owners:
                continue
            endorsed = self._actor_after(favourite.end() + 1, 4, BACKABLE)
            if endorsed is None:
                predicate = re.search(
                    r"(?:\b(?:was|is|been|being|be)\s+(?:called|named|seen as|considered|described as)?\s*(?:a|the)\s*)$",
                    flat[max(start, owners[-1].span.start - 40) : owners[-1].span.start],
                )
                if predicate:
                    endorsed = self._subject_before(owners[-1].span.start - len(predicate.group(0)), start, BACKABLE)
            self._endorse(owners[-1].key, endorsed, favourite.start(), "support", "endorsement.favourite", 0.7)

    def _actor_list(self, position: int, end: int, types: Iterable[str] = ACTOR_TYPES) -> list[str]:
        """Actors listed from `position`: "A, B and the Pacific nation of C", "X, the conglomerate ..., and by Y".

        Items are separated by commas, "and", "or", "as well as"; an item is the first actor
        named near its start, so descriptive items ("the conglomerate that ...") add nothing.
        """
        wanted = tuple(types)
        stop = re.search(r"[.;:!?]|\b(?:but|while|although|whereas|because)\b", self.flat[position:end])
        limit = position + stop.start() if stop else end
        found: list[str] = []
        item_start = position
        separators = list(
            re.finditer(
                r",\s*(?:and\s+|or\s+)?(?:by\s+)?|\s+(?:and|or|as well as)\s+(?:by\s+)?", self.flat[position:limit]
            )
        )
        bounds = [position] + [position + m.end() for m in separators] + [limit]
        for item_start, item_end in itertools.pairwise(bounds):
            # the item's actor may follow a few words of description: "the Pacific nation of Nauru"
            first = [m for m in self.ctx.mentions_starting(item_start, item_start + 45) if m.span.end <= item_end + 1]
            if first and _CLAUSE_WORDS.search(self.flat, item_start, first[0].span.start):
                break  # a clause ("had served as vice president under X"), not a list item
            if first and first[0].type in wanted:
                found.append(first[0].key)
            elif first and first[0].type != "Place" and found and wanted == ("State",):
                break
        return list(dict.fromkeys(found))

    def _resolve_backed_candidates(self) -> None:
        """'a Kremlin-backed candidate' with no name: the candidate the document says won."""
        winners = {
            d.roles["election"]: d.roles["person"]
            for d in self.drafts
            if d.kind == "candidacy" and d.roles.get("outcome") == "won"
        }
        for draft in list(self.drafts):
            if draft.kind == "endorsement" and draft.roles.get("endorsed") is None:
                self.drafts.remove(draft)
                winner = winners.get(draft.roles.get("election"))
                if winner is not None and winner != draft.roles["endorser"]:
                    draft.roles["endorsed"] = winner
                    self.drafts.append(draft)

    # --- recognition ------------------------------------------------------------------------------

    def _recognitions(self, index: int) -> None:
        start, end = self._sentence(index)
        flat = self.flat
        negation = cue("negation_words").pattern
        nobody = cue("recognition_none")
        for verb in cue("recognize_verbs").finditer(flat, start, end):
            after = flat[verb.end() : end]
            date = self._stance_date(start, end, verb.start())
            negated = bool(re.search(negation, flat[max(start, verb.start() - 25) : verb.start()]))
            negated = negated or bool(nobody.search(flat, start, min(end, verb.end() + 8)))
            stance = "does-not-recognize" if negated else "recognizes"
            independent = r"(?:as\s+(?:an?\s+)?(?:independent|sovereign)(?:\s+(?:state|nation|country|republic))?\s+)?"
            by = re.match(
                r"\s+(?:only\s+|also\s+|now\s+|so far\s+|officially\s+|formally\s+)?" + independent + r"by\s+", after
            )
            if by:  # "it is only recognized by Venezuela, Nicaragua and Nauru"
                list_start = verb.end() + by.end()
                if negated:  # "not recognised by any UN member state, including Russia"
                    including = re.search(r"\b(?:including|such as|not even|even)\s+", flat[list_start:end])
                    if including is None:
                        continue
                    list_start += including.end()
                polities = self._polities_before(verb.start(), start, plural=False)
                for state in self._state_list(list_start, end):
                    for polity in polities:
                        self._recognition(
                            state, polity, stance, verb.start(), None if negated else date, "recognition.recognized-by"
                        )
                continue
            include = re.match(r"\s+(?P<object>.{1,80}?)\s+(?:include|includes|included|are|were)\s+", after)
            countries = r"\b(?:countries|states|nations|governments)\s+(?:that|which|who)\s+(?:have\s+|has\s+)?$"
            if include and re.search(countries, flat[max(start, verb.start() - 40) : verb.start()]):
                polities = self._polity_object(verb.end(), verb.end() + include.end("object"), start)
                for state in self._state_list(verb.end() + include.end(), end):
                    for polity in polities:
                        self._recognition(
                            state, polity, "recognizes", verb.start(), date, "recognition.countries-include"
                        )
                continue
            polities = self._polity_object(verb.end(), min(end, verb.end() + 60), start)
            rule = "recognition.negated" if negated else "recognition.active"
            for subject in self._state_subjects(verb.start(), start):
                for polity in polities:
                    self._recognition(subject, polity, stance, verb.start(), None if negated else date, rule)
        for withdraw in cue("withdraw_phrases").finditer(flat, start, end):
            # "withdrew its recognition" with no "of X": the polity the text is about
            polities = self._polity_object(withdraw.end(), min(end, withdraw.end() + 60), start)
            polities = polities or self._polities_before(withdraw.start(), start, plural=False)
            for subject in self._state_subjects(withdraw.start(), start):
                for polity in polities:
                    self._recognition(
                        subject,
                        polity,
                        "withdrew",
                        withdraw.start(),
                        self._stance_date(start, end, withdraw.start()),
                        "recognition.withdrew",
                    )
        verbs = (
            r"(?<![\w-])(?:calling|calls|called|call|consider|considers|considering|considered|regard|regards|regarding"
            r"|regarded|view|views|viewed|describing|describes|described)\s+"
        )
        occupation = (
            r"(?:[a-z-]+\s+){0,2}(?:territory|territories|land|lands|region)\s+under\s+(?:[a-z-]+\s+)?occupation"
        )
        occupied = re.compile(
            verbs
            + r"(?P<object>.{1,60}?)\s+(?:an?\s+|as\s+(?:an?\s+)?)?(?:"
            + occupation
            + "|"
            + cue("occupied_phrases").pattern
            + ")"
        )
        part_of = re.compile(
            verbs
            + r"(?P<object>.{1,40}?)\s+(?:as\s+)?(?:an?\s+)?(?:integral\s+|inalienable\s+|legitimate\s+)?part\s+of\s+"
        )
        for pattern, rule in ((occupied, "recognition.occupied"), (part_of, "recognition.part-of")):
            for match in pattern.finditer(flat, start, end):
                subjects = self._state_subjects(match.start(), start)
                if rule == "recognition.part-of":
                    owner = self._actor_after(match.end(), 2, ("State",))
                    if owner not in subjects and not re.match(r"its\s+(?:own\s+)?territory", flat[match.end() :]):
                        continue
                polities = self._polity_object(match.start("object"), match.end("object"), start)
                for subject in subjects:
                    for polity in polities:
                        self._recognition(subject, polity, "does-not-recognize", match.start(), None, rule)

    def _recognition(
        self, state: str | None, polity: str | None, stance: str, position: int, date: str | None, rule: str
    ) -> None:
        if state is None or polity is None or state == polity:
            return
        if self.ctx.type_of(state) != "State" or self.ctx.type_of(polity) != "State":
            return
        self.emit(
            "recognition", {"state": state, "recognized": polity, "stance": stance, "date": date}, position, rule, 0.85
        )

    def _state_subjects(self, position: int, floor: int) -> list[str]:
        """The states taking a stance: the nearest state before the verb that is not a contested
        polity, with the states coordinated with it ("Vanuatu and Tuvalu withdrew ...")."""
        states = self._mentions(floor, position, ("State",))
        partially = self.ctx.dictionary.partially_recognized
        candidates = [m for m in states if m.reference not in partially]
        if not candidates:
            return []
        current = candidates[-1]
        subjects = [current.key]
        for previous in reversed(states[: states.index(current)]):
            if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", self.flat[previous.span.end : current.span.start]):
                break
            subjects.append(previous.key)
            current = previous
        return list(dict.fromkeys(subjects))

    def _state_list(self, position: int, end: int) -> list[str]:
        return [key for key in self._actor_list(position, end, ("State",)) if self.ctx.type_of(key) == "State"]

    def _polity_object(self, start: int, end: int, floor: int) -> list[str]:
        """What a recognition verb is about: named polities, or 'it'/'them' read back to earlier ones."""
        named = self._mentions(start, end, ("State",))
        text = self.flat[start:end]
        plural = cue("polity_anaphora").search(text)
        singular = cue("polity_anaphora_singular").search(text)
        first_named = named[0].span.start - start if named else len(text) + 1
        anaphora = [m for m in (plural, singular) if m is not None and m.start() < first_named]
        if not anaphora:
            return (
                [m.key for m in named if self.flat[named[0].span.end : m.span.start].strip(" ,") in ("", "and")]
                if named
                else []
            )
        first = min(anaphora, key=lambda m: m.start())
        return self._polities_before(start, floor, plural=first is plural)

    def _polities_before(self, position: int, floor: int, plural: bool) -> list[str]:
        """Contested polities named before `position`: the same sentence first, then earlier ones."""
        partially = self.ctx.dictionary.partially_recognized
        index = self.ctx.sentence_of(position)
        found: list[str] = []
        for sentence_index in range(index, max(-1, index - 4), -1):
            sentence = self.ctx.sentences[sentence_index]
            ceiling = position if sentence_index == index else sentence.end
            for mention in reversed(self._mentions(sentence.start, ceiling, ("State",))):
                if mention.reference in partially and mention.key not in found:
                    found.append(mention.key)
            if found and (not plural or len(found) >= 2):
                break
        if not found and self.ctx.polity:
            found = [self.ctx.polity]
        return found[:2] if plural else found[:1]

    def _stance_date(self, start: int, end: int, verb: int | None = None) -> str | None:
        """A date in the verb's clause, so 'withdrew ... in 2014' dates the withdrawal only."""
        if verb is not None:
            before = max(
                self.flat.rfind(",", start, verb),
                self.flat.rfind(";", start, verb),
                self.flat.rfind(" while ", start, verb),
            )
            after = re.search(r"[,;]|\bwhile\b|\bbut\b", self.flat[verb:end])
            start, end = max(start, before + 1), verb + after.start() if after else end
        date = find_date(self.text[start:end])
        return date[0] if date else None

    # --- turnout ------------------------------------------------------------------------------------

    def _turnout(self, index: int) -> None:
        start, end = self._sentence(index)
        word = re.search(r"(?<![\w-])turnout\w*", self.flat[start:end])
        if word is None:
            return
        anchor = start + word.start()
        figures = [
            m
            for m in PERCENT.finditer(self.text, anchor, end)
            if not re.search(r"\b(threshold|minimum|quorum)\b", self.flat[max(start, m.start() - 30) : m.start()])
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
            if cue("over_words").search(between):
                qualifier = "over"
            elif cue("under_words").search(between):
                qualifier = "under"
            elif cue("about_words").search(between):
                qualifier = "about"
        self.emit(
            "turnout",
            {
                "election": election,
                "round": self.ctx.round_at(anchor),
                "value": float(decimal_text(value)),
                "qualifier": qualifier,
            },
            anchor,
            "turnout.figure",
            0.8,
        )


# --- module helpers -------------------------------------------------------------------------------

_CLAUSE_WORDS = re.compile(
    r"\b(?:had|has|have|was|were|is|are|be|been|being|served|said|says|who|which|that|under|after|before|while|since|when|because|whose)\b"
)


@cache
def _titles() -> tuple[str, ...]:
    titles = set(lexicon()["office_titles"]) | set(lexicon()["member_roles"])
    titles -= {"member", "representative", "candidate", "nominee"}
    return tuple(sorted(titles, key=len, reverse=True))


@cache
def _former_words() -> frozenset[str]:
    return frozenset(lexicon()["status_former"])


@cache
def _title_pattern(of_phrase: bool = False, optional_of: bool = False) -> str:
    status = alternation(lexicon()["status_former"] + lexicon()["status_current"])
    modifiers = alternation([m for m in lexicon()["office_modifiers"] if m != "the"])
    demonyms = (
        r"(?P<demonym>"
        + "|".join(re.escape(d) for d in sorted(default_dictionary().demonyms, key=len, reverse=True))
        + r")"
    )
    # "emergency situation minister", "security service chief": a portfolio before a head title
    portfolio = (
        r"(?:\b(?!(?:and|or|the|of|a|an|his|her|its|their|party|opposition|prime|deputy|first|former|ex|vice|state|foreign|"
        + demonyms[len("(?P<demonym>") : -1]
        + r")\b)[a-z]+\s+){1,2}(?:minister|chief|head|director|commander)"
    )
    title = r"(?P<title_start>)(?P<title>" + alternation(_titles()) + "|" + portfolio + ")"
    pattern = (
        r"(?P<status>" + status + r"|ex-)?\s*"
        r"(?:(?P<owner>[a-z][\w.-]*(?:\s+[a-z][\w-]*)?)'s\s+)?"
        r"(?:(?P=status)\s+)?"
        r"(?:" + demonyms + r"\s+)?"
        r"(?:(?:" + status + r"|" + modifiers + r")\s+)*" + title
    )
    if of_phrase:
        of = r"\s+(?:of|at)\s+(?P<of>(?:[^,.;()\"]|\.(?=\w))+?)(?=\s*(?:[,.;()\"]|\band\b|\bsince\b|\bin\s+\d|\bfrom\s+\d|$))"
        pattern += f"(?:{of})" + ("?" if optional_of else "")
    return pattern


def _portfolio_minister(title: str) -> str | None:
    """'emergency situation minister' -> 'Minister of Emergency Situation'; 'security service chief'
    -> 'Chief of Security Service'."""
    words = title.split()
    if len(words) >= 2 and words[-1] in ("minister", "chief", "head", "director", "commander"):
        portfolio = " ".join(words[:-1])
        if portfolio in ("prime", "deputy", "foreign", "state", "first"):
            return None
        return f"{words[-1].capitalize()} of {_title_case(portfolio)}"
    return None


def _strip_owner(text: str) -> str:
    """'of South Ossetia's presidential administration' -> 'of the presidential administration'."""
    text = re.sub(r"(?:^|(?<=\s))(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*['’]s\s+", "the ", text)
    text = re.sub(r"\b(?:de facto|de-facto|so-called|self-proclaimed|breakaway)\s+", "", text)
    return " ".join(text.split())


def _title_case(text: str) -> str:
    small = {"of", "the", "and", "for", "in", "at", "on", "a", "an", "to"}
    words = text.split()
    return (
        " ".join(w if (i > 0 and w.lower() in small) else (w[:1].upper() + w[1:]) for i, w in enumerate(words)).replace(
            "The ", "the ", 1
        )
        if words
        else ""
    )


def _identity(draft: _Draft) -> tuple[object, ...]:
    """What makes two readings in one document the same fact."""
    roles = draft.roles
    if draft.kind == "candidacy":
        return ("candidacy", roles["person"], roles["election"], roles["round"])
    if draft.kind == "office":
        return ("office", roles["person"], str(roles["office"]).lower())
    if draft.kind == "membership":
        return ("membership", roles["person"], roles["organization"])
    if draft.kind == "endorsement":
        return ("endorsement", roles["endorser"], roles["endorsed"], roles.get("election"))
    if draft.kind == "recognition":
        return ("recognition", roles["state"], roles["recognized"], roles["stance"])
    return ("turnout", roles["election"], roles["round"])


_OUTCOME_RANK: dict[object, int] = {None: 0, "advanced": 1, "eliminated": 2, "lost": 3, "won": 3}


def _merge(kept: _Draft, other: _Draft) -> _Draft:
    """Two readings of the same fact in one document: keep every figure either gives."""
    roles = dict(kept.roles)
    for key, value in other.roles.items():
        if value is None:
            continue
        if roles.get(key) is None or (
            key == "outcome" and _OUTCOME_RANK.get(value, 0) > _OUTCOME_RANK.get(roles[key], 0)
        ):
            roles[key] = value
        elif key == "partial":
            roles[key] = bool(roles[key]) or bool(value)
        elif key == "status" and value == "former":
            roles[key] = value
    merged = replace(kept, roles=roles, evidence=kept.evidence + [s for s in other.evidence if s not in kept.evidence])
    merged.confidence = min(0.95, max(kept.confidence, other.confidence) + 0.05)
    return merged
