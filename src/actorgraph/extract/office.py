"""Office rules: titles before a name, in apposition after it, "The X of Y, Name", "he was X in
1994-96", "incumbent X"; each office with its jurisdiction or body, dates and status."""

from __future__ import annotations

import re
from functools import cache

from actorgraph.extract.base import ORGANISATIONS, Roles
from actorgraph.extract.lexicon_patterns import alternation, cue
from actorgraph.extract.office_labels import OfficeWording
from actorgraph.extract.pattern_cache import compiled
from actorgraph.extract.titles import (
    office_dates,
    plural_titles,
    portfolio_title,
    title_pattern,
    title_regex,
    titles,
    written_title,
)
from actorgraph.lexicon import lexicon
from actorgraph.records import Mention

_INCUMBENT = re.compile(r"(?<![\w-])incumbent\s+(?:president\s+|leader\s+)?")
_LIST_LINK_AT_END = re.compile(r"(?:\s*\([^)]{0,30}\))?\s*(?:,\s*(?:and\s+)?|and\s+)$")  # "A, B and"


class OfficeTitles(OfficeWording):
    """Titles next to names; `office_phrases.OfficeRules` adds the readings that lean on these."""

    name = "office"

    def sentence(self, index: int) -> None:
        start, end = self.bounds(index)
        for person in self.mentions(start, end, ("Person",)):
            self.title_before(person, start)
            self.title_after(person, end)
        self.title_predicate(start, end)
        self.incumbent(start, end)

    def incumbent(self, start: int, end: int) -> None:
        """'incumbent X' in an election report: X holds the office being contested."""
        election = self.ctx.default_election
        if election is None:
            return
        sentence = self.flat[start:end]
        if "incumbent" not in sentence:
            return  # the pattern needs the word
        for match in _INCUMBENT.finditer(sentence):
            person = self.actor_after(start + match.end(), 2, ("Person",))
            if person is None:
                continue
            place = self.ctx.names[election.jurisdiction].name if election.jurisdiction in self.ctx.names else None
            label = f"{election.office} of {place}" if place else election.office
            roles: Roles = {
                "person": person,
                "office": label,
                "jurisdiction": election.jurisdiction,
                "status": "current",
            }
            self.emit("office", roles, start + match.start(), "office.incumbent", 0.65)

    def title_before(self, person: Mention, floor: int) -> None:
        if self.body_title_before(person, floor):
            return
        prefix = self.flat[max(floor, person.span.start - 110) : person.span.start]
        offset = max(floor, person.span.start - 110)
        match = title_regex("", r"\s*,?\s*$").search(prefix)
        if match and self.staff_of_person(offset + match.start(), offset + match.start("title")):
            return  # "Harutyunyan's spokesperson X": a person's own staff, no public office
        if match and not self.ctx.in_quote(person.span.start):
            first = self.coordinated_title(person.key, offset + match.start(), floor)
            state = first or self.state_before(offset + match.start(), floor)
            self.office_from(person.key, match, offset, rule="office.title-before-name", jurisdiction=state)
            return
        # "The head of the republic of South Ossetia, Anatoly Bibilov," / "Chair of the Supreme Council X"
        match = title_regex("", r"(?:,\s*|\s+)$", of_phrase=True).search(prefix)
        if match:
            self.office_from(person.key, match, offset, rule="office.title-of-apposition")
            return
        self.plural_title_before(person, floor)

    def body_title_before(self, person: Mention, floor: int) -> bool:
        """'CEC Secretary Giorgi Javakhishvili', 'Supreme Council Chairman Anatoly Kaminsky': a body,
        a title, then the name."""
        title = _title_at_end().search(self.flat[floor : person.span.start])
        if title is None:
            return False
        title_start = floor + title.start(1)
        bodies = [
            m
            for m in self.mentions(max(floor, title_start - 80), title_start, ORGANISATIONS)
            if not self.flat[m.span.end : title_start].strip()
        ]
        if not bodies or self.ctx.in_quote(person.span.start):
            return False
        rule = "office.body-title-before-name"
        self.record_title(person.key, title.group(1), bodies[-1].span.start, None, [bodies[-1]], None, rule)
        self.coordinated_title(person.key, bodies[-1].span.start, floor)
        return True

    def coordinated_title(self, person: str, boundary: int, floor: int) -> str | None:
        """'Latvian First Deputy Prime Minister and Foreign Minister X': the title before "and" is
        X's too; its state (returned) is the second title's when that names none."""
        before = title_regex("", r"\s+and\s+$").search(self.flat[max(floor, boundary - 90) : boundary])
        if before is None:
            return None
        base = max(floor, boundary - 90)
        self.office_from(person, before, base, rule="office.coordinated-title")
        demonym = before.group("demonym")
        entry = self.ctx.dictionary.demonyms.get(demonym) if demonym else None
        return entry.iri if entry else None

    def staff_of_person(self, start: int, title_start: int) -> bool:
        """A person's possessive before the title: their spokesperson, adviser or driver."""
        owners = self.mentions(start, title_start, ("Person",))
        return bool(owners) and re.match(r"['’]s\b", self.flat[owners[-1].span.end : title_start]) is not None

    def plural_title_before(self, person: Mention, floor: int) -> None:
        """'former prime ministers X and Y': a plural title before coordinated names gives each one."""
        before = self.flat[floor : person.span.start]
        names = [m for m in self.mentions(floor, person.span.start, ("Person",))]
        link = _LIST_LINK_AT_END.search(before)
        if names and link is not None and names[-1].span.end == floor + link.start():
            first = names[-1]
        else:
            first = person  # the first name of the list stands right after the title
            names = [*names, person]
        for earlier in reversed(names[:-1]):  # walk back over "A, B and"
            gap = self.flat[earlier.span.end : first.span.start]
            if not re.fullmatch(r"(?:\s*\([^)]{0,30}\))?\s*(?:,\s*(?:and\s+)?|and\s+)", gap):
                break
            first = earlier
        plural = _plural_title_at_end().search(self.flat[floor : first.span.start])
        if plural:
            singular = plural_titles()[" ".join(plural.group("title").split())]
            status = plural.group("status")
            self.record_title(person.key, singular, floor + plural.start(), None, [], status, "office.plural-title")

    def title_after(self, person: Mention, ceiling: int) -> None:
        tail_start = person.span.end
        tail = self.flat[tail_start : min(ceiling, tail_start + 160)]
        match = title_regex(r",\s*(?:the\s+|a\s+|an\s+)?", "", of_phrase=True, optional_of=True).match(tail)
        named_next = match is not None and any(
            m.span.start <= tail_start + match.end() + 2
            for m in self.mentions(tail_start + match.end(), ceiling, ("Person",))
        )
        if match and not named_next:  # "X, former interior minister Y": the title is Y's
            self.office_from(person.key, match, tail_start, rule="office.apposition")
            # "X, chair of the Y party and the former vice mayor of Z (2005-2014)": a second title
            more = title_regex(r"\s+and\s+(?:the\s+|a\s+|an\s+)?", "", of_phrase=True, optional_of=True).match(
                tail[match.end() :]
            )
            if more:
                self.office_from(person.key, more, tail_start + match.end(), rule="office.apposition")
            return
        # "Bela Plieva, CEC chairman" / "Bela Plieva, de-facto CEC chairman"
        org_title = re.match(r",\s*(?:the\s+)?(?:(?:de facto|de-facto|local)\s+)?", tail)
        if org_title:
            bodies = self.mentions(tail_start + org_title.end(), tail_start + org_title.end() + 60, ORGANISATIONS)
            if bodies and bodies[0].span.start == tail_start + org_title.end():
                after_body = self.flat[bodies[0].span.end : bodies[0].span.end + 40]
                title = _title_after_space().match(after_body)
                if title:
                    self.record_title(
                        person.key,
                        title.group(1),
                        bodies[0].span.start,
                        None,
                        [bodies[0]],
                        status=None,
                        rule="office.organization-title",
                    )

    def title_predicate(self, start: int, end: int) -> None:
        pattern = _title_predicate_pattern()
        past_verbs = cue("title_past_verbs")
        for match in pattern.finditer(self.flat, start, end):
            person = self.subject_before(match.start(), max(start, match.start() - 80), ("Person",))
            if person is None or self.ctx.mentions_starting(match.end(), match.end() + 2):
                continue  # "X's running mate is MP Y": the title is Y's, named right after it
            owner = self.ctx.last_mention_of(person, match.start())
            if owner is not None and re.match(r"['’]s\b", self.flat[owner.span.end :]):
                continue  # "X's deputy is ...": the subject is X's deputy, not X
            verb = " ".join(match.group("verb").split())
            moment = "start" if cue("title_start_verbs").fullmatch(verb) else None
            moment = "end" if cue("title_end_verbs").fullmatch(verb) else moment
            past = past_verbs.fullmatch(verb) is not None or moment == "end"
            self.office_from(
                person,
                match,
                0,
                rule="office.predicate",
                past=past,
                ceiling=end,
                start_group="title_start",
                moment=moment,
            )

    def office_from(
        self,
        person: str,
        match: re.Match[str],
        base: int,
        rule: str,
        past: bool = False,
        ceiling: int | None = None,
        start_group: int | str = 0,
        jurisdiction: str | None = None,
        moment: str | None = None,
    ) -> None:
        """An office from a title match; `base` is where the matched string starts in the document;
        `jurisdiction` stands when the match names no state of its own."""
        start, end = base + match.start(start_group), base + match.end()
        title = match.group("title")
        of_text = match.groupdict().get("of")
        status_word = match.group("status")
        owner = match.group("owner")
        of_start = base + match.start("of") if of_text else end
        of_end = base + match.end("of") if of_text else end
        split = self.title_into_name(base + match.start("title"), base + match.end("title"), title)
        if split is not None:  # "head of State Security Service": "head" of the body, not "head of state"
            title, of_start, of_end = split
            of_text = self.flat[of_start:of_end]
        dates_from = base + match.end("title")
        if of_text and re.fullmatch(r"(?:the\s+)?" + cue("place_nouns").pattern, of_text.strip()):
            named = re.match(r",\s*", self.flat[of_end:])  # "vice mayor of the capital, Gagra"
            place = self.ctx.mentions_starting(of_end + named.end(), of_end + named.end() + 1) if named else []
            if place and place[0].type == "Place":
                of_end = dates_from = place[0].span.end
        mentions = self.ctx.mentions_in(start, of_end)
        for mention in mentions:
            if mention.type in ("State", "Place") and (
                owner or mention.span.start >= of_start or self.flat[mention.span.end : mention.span.end + 2] == "'s"
            ):
                jurisdiction = self.ctx.state_key(mention) or jurisdiction
        demonym = match.group("demonym")
        if demonym and demonym in self.ctx.dictionary.demonyms:
            jurisdiction = self.ctx.dictionary.demonyms[demonym].iri
        organizations = [m for m in mentions if m.type in ORGANISATIONS and m.span.start >= of_start]
        title_start, title_end = base + match.start("title"), base + match.end("title")
        bodies = [m for m in self.ctx.mentions_in(title_start, title_end) if m.type in ORGANISATIONS]
        if not organizations and bodies and bodies[0].span.start == title_start and of_text is None:
            # "the CEC head, X": the portfolio is a body's name; the office is the head of that body
            rest = self.flat[bodies[0].span.end : title_end].strip()
            if rest in titles():
                title, organizations = rest, bodies[:1]
        self.record_title(
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
            title_end=dates_from,
            moment=moment,
        )

    def title_into_name(self, title_start: int, title_end: int, title: str) -> tuple[str, int, int] | None:
        """A title whose last words begin a body's name ('head of State Security Service'): the
        title before "of", and the body as its "of" phrase."""
        if " of " not in title:
            return None
        inside = [m for m in self.ctx.mentions_starting(title_start, title_end) if m.span.end > title_end]
        if not inside or inside[0].type not in ORGANISATIONS:
            return None
        head = title[: title.index(" of ")]
        return head, inside[0].span.start, inside[0].span.end

    def record_title(
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
        moment: str | None = None,
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
        canonical = (
            lexicon()["office_titles"].get(title)
            or lexicon()["office_titles"].get(title.replace("-", " ", 1))
            or portfolio_title(title)
        )
        if canonical is None:
            return
        if of_part is not None and cue("not_office_objects").search(self.flat, of_part[1], of_part[2]):
            return  # "the head of his campaign", "the leader of the party": no public office
        if of_part is not None and canonical != "Leader" and self.ctx.polity is not None:
            # "a former prime minister of the unrecognised republic": of the polity the text is about
            described = r"(?:the\s+)?(?:[\w-]+\s+){0,2}?" + cue("polity_nouns").pattern
            if re.fullmatch(described, self.flat[of_part[1] : of_part[2]].strip()):
                jurisdiction, of_part = jurisdiction or self.ctx.polity, None
        if canonical == "Leader":
            jurisdiction = (
                jurisdiction or self.region_polity(of_part) or self.polity_leader(position, title_end, status)
            )
            if jurisdiction is None:
                return  # "United Ossetia leader": a party role, read by the membership rules
            of_part = None
        organization = next((m for m in organizations if m.type != "PoliticalParty"), None)
        if organization is not None and jurisdiction is None:
            jurisdiction = self.organization_state(organization)
        label = self.office_label(canonical, written_title(title, canonical), of_part, organization, jurisdiction)
        if label is None:
            return
        jurisdiction = jurisdiction or self.named_before(person, label) or self.ctx.polity
        heads = lexicon()["head_of_state_titles"]
        if (canonical in heads or label in heads) and jurisdiction and " of " not in label:
            label = f"{label} of {self.ctx.place_name(jurisdiction)}"
        dates = office_dates(
            self.text,
            title_end or position,
            dates_until or self.ctx.sentences[self.ctx.sentence_of(position)].end,
            moment,
        )
        ended = dates.get("end")
        published = self.ctx.document.published or ""
        former = (
            status in lexicon()["status_former"]
            or (past and (ended is not None or (dates.get("start") is None and "since" not in dates)))
            # "head of the service until 2016", read in 2019: an office that had ended
            or (ended is not None and published[:4].isdigit() and str(ended)[:4] < published[:4])
        )
        roles_out: Roles = {
            "person": person,
            "office": label,
            "organization": organization.key if organization else None,
            "jurisdiction": jurisdiction,
            "start": dates.get("start"),
            "end": dates.get("end"),
            "status": "former" if former else "current",
        }
        self.emit("office", roles_out, position, rule, 0.7)


@cache
def _title_predicate_pattern() -> re.Pattern[str]:
    return compiled(
        r"(?P<verb>"
        + cue("title_predicate_verbs").pattern
        + r")\s+(?:"
        + cue("title_predicate_links").pattern
        + r"\s+)?(?:the\s+|an?\s+)?"
        + title_pattern(of_phrase=True, optional_of=True)
    )


# Patterns of every title, asked for around each name: compiled once.
@cache
def _title_at_end() -> re.Pattern[str]:
    return compiled(r"(?<![\w-])(" + alternation(titles()) + r")\s+$")


@cache
def _plural_title_at_end() -> re.Pattern[str]:
    return compiled(
        r"(?P<status>" + alternation(lexicon()["status_former"] + lexicon()["status_current"]) + r")?\s*"
        r"(?P<title>" + alternation(plural_titles()) + r")\s+$"
    )


@cache
def _title_after_space() -> re.Pattern[str]:
    return compiled(r"\s+(" + alternation(titles()) + r")")
