"""Office rules: titles before a name, in apposition after it, "The X of Y, Name", "he was X in
1994-96", "incumbent X"; each office with its jurisdiction or body, dates and status."""

from __future__ import annotations

import re
from functools import cache

from actorgraph.extract.base import ORGANISATIONS, Family, Roles
from actorgraph.extract.dictionary import default_dictionary
from actorgraph.extract.lexicon_patterns import alternation, cue
from actorgraph.lexicon import lexicon
from actorgraph.normalize import find_date, find_year_range
from actorgraph.records import Mention


class OfficeRules(Family):
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
        for match in re.finditer(r"(?<![\w-])incumbent\s+(?:president\s+|leader\s+)?", self.flat[start:end]):
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
        prefix = self.flat[max(floor, person.span.start - 110) : person.span.start]
        offset = max(floor, person.span.start - 110)
        match = re.search(title_pattern() + r"\s*,?\s*$", prefix)
        if match and not self.ctx.in_quote(person.span.start):
            self.office_from(person.key, match, offset, rule="office.title-before-name")
            return
        # "The head of the republic of South Ossetia, Anatoly Bibilov,"
        match = re.search(title_pattern(of_phrase=True) + r",\s*$", prefix)
        if match:
            self.office_from(person.key, match, offset, rule="office.title-of-apposition")

    def title_after(self, person: Mention, ceiling: int) -> None:
        tail_start = person.span.end
        tail = self.flat[tail_start : min(ceiling, tail_start + 160)]
        match = re.match(r",\s*(?:the\s+|a\s+|an\s+)?" + title_pattern(of_phrase=True, optional_of=True), tail)
        if match:
            self.office_from(person.key, match, tail_start, rule="office.apposition")
            return
        # "Bela Plieva, CEC chairman" / "Bela Plieva, de-facto CEC chairman"
        org_title = re.match(r",\s*(?:the\s+)?(?:(?:de facto|de-facto|local)\s+)?", tail)
        if org_title:
            bodies = self.mentions(tail_start + org_title.end(), tail_start + org_title.end() + 60, ORGANISATIONS)
            if bodies and bodies[0].span.start == tail_start + org_title.end():
                after_body = self.flat[bodies[0].span.end : bodies[0].span.end + 40]
                title = re.match(r"\s+(" + alternation(titles()) + r")", after_body)
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
        pattern = re.compile(
            r"(?P<verb>"
            + cue("title_predicate_verbs").pattern
            + r")\s+(?:the\s+|an?\s+)?"
            + title_pattern(of_phrase=True, optional_of=True)
        )
        past_verbs = cue("title_past_verbs")
        for match in pattern.finditer(self.flat, start, end):
            person = self.subject_before(match.start(), max(start, match.start() - 80), ("Person",))
            if person is None:
                continue
            past = past_verbs.fullmatch(match.group("verb")) is not None
            self.office_from(
                person, match, 0, rule="office.predicate", past=past, ceiling=end, start_group="title_start"
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
            title_end=base + match.end("title"),
        )

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
        canonical = lexicon()["office_titles"].get(title) or portfolio_title(title)
        if canonical is None:
            return
        organization = next((m for m in organizations if m.type != "PoliticalParty"), None)
        if organization is not None and jurisdiction is None:
            jurisdiction = self.organization_state(organization)
        label = self.office_label(canonical, of_part, organization, jurisdiction)
        if label is None:
            return
        jurisdiction = jurisdiction or self.ctx.polity
        if label in lexicon()["head_of_state_titles"] and jurisdiction:
            label = f"{label} of {self.ctx.place_name(jurisdiction)}"
        dates = self.dates(title_end or position, dates_until or self.ctx.sentences[self.ctx.sentence_of(position)].end)
        former = status in lexicon()["status_former"] or (
            past and (dates.get("end") is not None or (dates.get("start") is None and "since" not in dates))
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

    def organization_state(self, organization: Mention) -> str | None:
        """The state in a generic body's name: 'Central Election Commission of South Ossetia'."""
        for entry in self.ctx.dictionary.entries.values():
            if entry.type == "State" and organization.name.endswith(" of " + entry.label):
                return entry.iri
        return None

    def base_name(self, organization: Mention) -> str:
        """An organisation's name without its state: 'Central Election Commission'."""
        state = self.organization_state(organization)
        if state is None:
            return organization.name
        return organization.name[: -len(" of " + self.ctx.dictionary.entries[state].label)]

    def office_label(
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
                return f"{canonical} of the {self.base_name(organization)}"
            if canonical in lexicon()["titles_needing_object"]:
                return None  # "head" of nothing named is no office we can name
            return canonical
        _of_text, of_start, of_end = of_part
        if organization is not None:
            prefix = strip_owner(self.text[of_start : organization.span.start])
            prefix = re.sub(r"(?:^|\s+)(?:at|of|in|for)?(?:\s*\bthe)?\s*$", "", prefix)
            prefix = re.sub(r"^the\s+", "", prefix).strip()
            base = f"{canonical} of {title_case(prefix)}" if prefix else canonical
            return f"{base} of the {self.base_name(organization)}"
        states = [m for m in self.ctx.mentions_in(of_start, of_end) if m.type in ("State", "Place")]
        if states and states[0].type == "Place" and not strip_owner(self.text[of_start : states[0].span.start]).strip():
            return f"{canonical} of {states[0].name}"  # "mayor of Gagra"
        if states:
            if canonical in ("Head", "President", "Leader"):
                return "President"
            prefix = strip_owner(self.text[of_start : states[0].span.start])
            polity_phrase = (
                r"\b(?:the\s+)?(?:" + cue("status_qualifiers").pattern + r"\s+)*" + cue("polity_nouns").pattern
            )
            prefix = re.sub(polity_phrase + r"\s+of\s*$", "", prefix.strip(), flags=re.IGNORECASE).strip()
            return f"{canonical} of {title_case(prefix)}" if prefix else canonical
        if canonical in ("Officer",):
            return None
        return f"{canonical} of {title_case(strip_owner(self.text[of_start:of_end]))}"

    def dates(self, position: int, ceiling: int) -> dict[str, str]:
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


# --- title patterns ---------------------------------------------------------------------------------


@cache
def titles() -> tuple[str, ...]:
    found = set(lexicon()["office_titles"]) | set(lexicon()["member_roles"])
    found -= set(lexicon()["titles_not_offices"])
    return tuple(sorted(found, key=len, reverse=True))


@cache
def title_pattern(of_phrase: bool = False, optional_of: bool = False) -> str:
    status = alternation(lexicon()["status_former"] + lexicon()["status_current"])
    modifiers = alternation([m for m in lexicon()["office_modifiers"] if m != "the"])
    demonym_words = "|".join(re.escape(d) for d in sorted(default_dictionary().demonyms, key=len, reverse=True))
    # "emergency situation minister", "security service chief": a portfolio before a head title
    portfolio = (
        r"(?:\b(?!(?:"
        + "|".join(re.escape(w) for w in lexicon()["not_portfolio_words"])
        + "|"
        + demonym_words
        + r")\b)[a-z]+\s+){1,2}"
        + cue("portfolio_heads").pattern
    )
    title = r"(?P<title_start>)(?P<title>" + alternation(titles()) + "|" + portfolio + ")"
    pattern = (
        r"(?P<status>" + status + r"|ex-)?\s*"
        r"(?:(?P<owner>[a-z][\w.-]*(?:\s+[a-z][\w-]*)?)'s\s+)?"
        r"(?:(?P=status)\s+)?"
        r"(?:(?P<demonym>" + demonym_words + r")\s+)?"
        r"(?:(?:" + status + r"|" + modifiers + r")\s+)*" + title
    )
    if of_phrase:
        of = r"\s+(?:of|at)\s+(?P<of>(?:[^,.;()\"]|\.(?=\w))+?)(?=\s*(?:[,.;()\"]|\band\b|\bsince\b|\bin\s+\d|\bfrom\s+\d|$))"
        pattern += f"(?:{of})" + ("?" if optional_of else "")
    return pattern


def portfolio_title(title: str) -> str | None:
    """'emergency situation minister' -> 'Minister of Emergency Situation'; 'security service chief'
    -> 'Chief of Security Service'."""
    words = title.split()
    if len(words) >= 2 and cue("portfolio_heads").fullmatch(words[-1]):
        portfolio = " ".join(words[:-1])
        if portfolio in lexicon()["not_portfolios"]:
            return None
        return f"{words[-1].capitalize()} of {title_case(portfolio)}"
    return None


def strip_owner(text: str) -> str:
    """'of South Ossetia's presidential administration' -> 'of the presidential administration'."""
    text = re.sub(r"(?:^|(?<=\s))(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*['’]s\s+", "the ", text)
    text = re.sub(cue("status_qualifiers").pattern + r"\s+", "", text)
    return " ".join(text.split())


def title_case(text: str) -> str:
    small = {"of", "the", "and", "for", "in", "at", "on", "a", "an", "to"}
    words = text.split()
    if not words:
        return ""
    cased = " ".join(w if (i > 0 and w.lower() in small) else (w[:1].upper() + w[1:]) for i, w in enumerate(words))
    return cased.replace("The ", "the ", 1)
