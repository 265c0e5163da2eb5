"""Office readings that lean on the plain title rules (extract/office.py): a counterpart takes the
office of the titled person before them, for another state ("Estonian Foreign Minister X and his
Chilean counterpart Y"), and a title takes a capitalised portfolio or host after "for" or "to"
("Minister for Reintegration X", "Ambassador to the Russian Federation X")."""

from __future__ import annotations

import re
from functools import cache

from actorgraph.extract.base import Roles
from actorgraph.extract.lexicon_patterns import alternation, cue, cued
from actorgraph.extract.office import OfficeTitles
from actorgraph.extract.pattern_cache import compiled
from actorgraph.extract.titles import office_dates, title_case, title_pattern
from actorgraph.lexicon import lexicon
from actorgraph.normalize import find_date
from actorgraph.records import Mention


class OfficeRules(OfficeTitles):
    def sentence(self, index: int) -> None:
        super().sentence(index)
        start, end = self.bounds(index)
        for person in self.mentions(start, end, ("Person",)):
            self.portfolio_title(person, start)
        self.counterparts(start, end)
        self.elected_as(start, end)
        self.resignations(start, end)
        self.leads_a_state(start, end)

    def leads_a_state(self, start: int, end: int) -> None:
        """'X, who has led Transnistria since 2011', 'has led the region since 2014': the leader of
        that polity (or of the one the text is about), from then."""
        pattern = _leads_a_state_pattern()
        if not self.says("lead_verbs", start, end):
            return  # the pattern needs one of these verbs
        for match in pattern.finditer(self.flat, start, end):
            named = self.ctx.mentions_starting(match.end(), match.end() + 1)
            # "has led the region since 2014": the polity the text is about
            anaphora = re.match(
                r"the\s+(?:breakaway\s+|separatist\s+)?(?:region|republic|territory)\b", self.flat[match.end() : end]
            )
            if named and named[0].type == "State":
                polity, polity_end = named[0].key, named[0].span.end
            elif anaphora and self.ctx.polity is not None:
                polity, polity_end = self.ctx.polity, match.end() + anaphora.end()
            else:
                continue
            person = self.clause_subject(match.start(), start, ("Person",))
            if person is None:
                continue
            dates = office_dates(self.text, polity_end, end)
            current = bool(match.group("now")) or "since" in dates or match.group(0).strip() in ("leads", "rules")
            roles: Roles = {
                "person": person,
                "office": f"Leader of {self.ctx.place_name(polity)}",
                "jurisdiction": polity,
                "start": dates.get("start"),
                "end": None if current else dates.get("end"),
                "status": "current" if current else "former",
            }
            self.emit("office", roles, match.start(), "office.leads-state", 0.6)

    def elected_as(self, start: int, end: int) -> None:
        """'Parliament elected Samvel Shahramanyan as president': the one elected holds the office from then."""
        pattern = _elected_as_pattern()
        for match in self.scan(pattern, start, end, "choose_verbs"):
            people = self.ctx.mentions_starting(match.end(), match.end() + 1)
            if not people or people[0].type != "Person":
                continue
            person = people[0]
            title = re.match(
                r"\s+(?:as|to\s+be|the\s+new)\s+(?:the\s+|its\s+|their\s+)?"
                + title_pattern(of_phrase=True, optional_of=True),
                self.flat[person.span.end : end],
            )
            if title:
                self.office_from(
                    person.key, title, person.span.end, rule="office.elected-as", ceiling=end, moment="start"
                )

    def resignations(self, start: int, end: int) -> None:
        """'The de facto president, X, resigned on 19 November 2024': X's office ends then."""
        for verb in self.cue_in("resign_verbs", start, end):
            person = self.clause_subject(verb.start(), start, ("Person",))
            if person is None or self.hedged(max(start, verb.start() - 40), verb.start()):
                continue
            date = find_date(self.text[verb.end() : min(end, verb.end() + 40)])
            for draft in self.drafts:
                if draft.kind == "office" and draft.roles["person"] == person and start <= draft.position < end:
                    draft.roles["status"] = "former"
                    if date and draft.roles.get("end") is None:
                        draft.roles["end"] = date[0]

    def counterparts(self, start: int, end: int) -> None:
        pattern = cued(r"(?<![\w-])(?:his|her|their)\s+(?P<owner>(?:[\w-]+\s+){1,3}?)(?:{counterpart_nouns}),?\s+")
        if not self.ctx.may_hold("counterpart_nouns", start, end):
            return  # the pattern needs one (the sentence's words are the slice's)
        for match in pattern.finditer(self.flat[start:end]):
            position = start + match.start()
            person = self.actor_after(start + match.end(), 3, ("Person",))
            state = self.owner_state(start + match.start("owner"), start + match.end("owner"))
            titled = [
                d
                for d in self.drafts
                if d.kind == "office" and start <= d.position < position and d.roles["person"] != person
            ]
            if person is None or state is None or not titled:
                continue
            office = str(titled[-1].roles["office"])
            other = titled[-1].roles.get("jurisdiction")
            if isinstance(other, str) and office.endswith(" of " + self.ctx.place_name(other)):
                office = office[: -len(" of " + self.ctx.place_name(other))]
            if office in lexicon()["head_of_state_titles"]:
                office = f"{office} of {self.ctx.place_name(state)}"
            roles: Roles = {"person": person, "office": office, "jurisdiction": state, "status": "current"}
            self.emit("office", roles, position, "office.counterpart", 0.65)

    def owner_state(self, start: int, end: int) -> str | None:
        """The state a counterpart serves: a demonym ('Chilean') or a state's name ('Nauru')."""
        demonyms = self.ctx.dictionary.demonyms
        words = " ".join(self.flat[start:end].split())
        if words in demonyms:
            return demonyms[words].iri
        states = [m for m in self.ctx.mentions_in(start, end) if m.type == "State"]
        return self.ctx.state_key(states[0]) if states else None

    def portfolio_title(self, person: Mention, floor: int) -> None:
        """'Danish Minister for Nordic Cooperation Petra Holm': the portfolio is written capitalised."""
        before = self.text[max(floor, person.span.start - 120) : person.span.start]
        match = _portfolio_title_pattern().search(before)
        if match is None or self.ctx.in_quote(person.span.start):
            return
        base = max(floor, person.span.start - 120)
        if self.mentions(base + match.start("portfolio"), base + match.end("portfolio"), ("Person",)):
            return  # "adviser to President X": a person, not a portfolio
        lead = self.flat[max(floor, base + match.start() - 40) : base + match.start()]
        demonyms = self.ctx.dictionary.demonyms
        owner = re.search(r"(" + alternation(demonyms) + r")\s+(?:[a-z-]+\s+){0,2}$", lead)
        jurisdiction = demonyms[" ".join(owner.group(1).split())].iri if owner else None
        former = re.search(alternation(lexicon()["status_former"]) + r"\s+(?:[a-z-]+\s+){0,3}$", lead) is not None
        label = f"{title_case(match.group('title').lower())} {match.group('link')} {match.group('portfolio')}"
        roles: Roles = {
            "person": person.key,
            "office": label,
            "jurisdiction": jurisdiction or self.ctx.polity,
            "status": "former" if former else "current",
        }
        self.emit("office", roles, base + match.start(), "office.portfolio-title", 0.65)


@cache
def _portfolio_title_pattern() -> re.Pattern[str]:
    heads = alternation(lexicon()["titles_with_portfolio"])
    return compiled(
        r"(?i:(?P<title>" + heads + r"))\s+(?P<link>for|to)\s+"
        r"(?P<portfolio>(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and|of|the|for)?\s*[A-Z][\w-]*){0,5}),?\s+$"
    )


@cache
def _leads_a_state_pattern() -> re.Pattern[str]:
    return compiled(r"(?P<now>has\s+|have\s+)?(?:" + cue("lead_verbs").pattern + r")\s+")


@cache
def _elected_as_pattern() -> re.Pattern[str]:
    return compiled(r"(?:" + cue("choose_verbs").pattern + r")\s+")
