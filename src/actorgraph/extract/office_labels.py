"""How an office is worded and where it belongs: its label as the text words it ("Interior
Minister", "Head of the Security Service"), and its state when the title names none (a state
right before it, the state given earlier, the polity the text is about)."""

from __future__ import annotations

import re

from actorgraph.extract.base import Family
from actorgraph.extract.lexicon_patterns import cue
from actorgraph.extract.titles import strip_owner, title_case
from actorgraph.lexicon import lexicon
from actorgraph.records import Mention


class OfficeWording(Family):
    """Label and jurisdiction helpers shared by the office rules (office.py, office_phrases.py)."""

    def state_before(self, position: int, floor: int) -> str | None:
        """'US President X', 'South Ossetia leader X': a state named right before a title is its state."""
        before = [m for m in self.mentions(max(floor, position - 40), position, ("State",))]
        if before and not self.flat[before[-1].span.end : position].strip():
            return self.ctx.state_key(before[-1])
        return None

    def named_before(self, person: str, label: str) -> str | None:
        """The state of an office the text gave this person before with its state ('Morocco's King
        Mohammed VI ... King Mohammed VI agreed'): not the polity the text is about."""
        for draft in reversed(self.drafts):
            roles = draft.roles
            office = str(roles.get("office") or "")
            if draft.kind == "office" and roles.get("person") == person and office.startswith(label):
                return str(roles["jurisdiction"]) if roles.get("jurisdiction") else None
        return None

    def region_polity(self, of_part: tuple[str, int, int] | None) -> str | None:
        """'leader of the separatist region' / 'of the breakaway republic': the polity the text is about."""
        if of_part is None or not cue("polity_nouns").search(self.flat, of_part[1], of_part[2]):
            return None
        return self.ctx.polity

    def polity_leader(self, position: int, title_end: int | None, status: str | None) -> str | None:
        """'acting leader X', 'the region's leader X': the leader of the polity the text is about."""
        wording = self.flat[position : title_end or position]
        acting = status is not None and cue("status_qualifiers").fullmatch(status) is not None
        if acting or status in ("acting", "interim") or re.search(r"(?:region|republic|territory)['’]s\b", wording):
            return self.ctx.polity
        return None

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
        written: str,
        of_part: tuple[str, int, int] | None,
        organization: Mention | None,
        jurisdiction: str | None,
    ) -> str | None:
        """The office as the text words it ("Interior Minister", "MP", "Leader"), with the body or
        place its "of" phrase names; `canonical` ("Minister of Internal Affairs") decides the shape."""
        if " of " in canonical and of_part is None:
            # "Education Minister" is complete as written; a one-word synonym takes the full name
            # ("lawmaker" -> "Member of Parliament"), an abbreviation stays ("MP")
            one_word = len(written.split()) == 1 and written not in lexicon()["title_abbreviations"].values()
            return canonical if one_word else written
        if of_part is None:
            if organization is not None:
                return f"{written} of the {self.base_name(organization)}"
            if canonical in lexicon()["titles_needing_object"]:
                return None  # "head" of nothing named is no office we can name
            return written
        canonical = written
        _of_text, of_start, of_end = of_part
        if organization is not None:
            prefix = strip_owner(self.text[of_start : organization.span.start])
            prefix = re.sub(r"(?:^|\s+)(?:at|of|in|for)?(?:\s*\bthe)?\s*$", "", prefix)
            prefix = re.sub(r"^the\s+", "", prefix).strip()
            base = f"{canonical} of {title_case(prefix)}" if prefix else canonical
            return f"{base} of the {self.base_name(organization)}"
        states = [m for m in self.ctx.mentions_in(of_start, of_end) if m.type in ("State", "Place")]
        lead = strip_owner(self.text[of_start : states[0].span.start]) if states else ""
        if (
            states
            and states[0].type == "Place"
            and re.fullmatch(r"(?:the\b)?\s*(?:" + cue("place_nouns").pattern + r")?,?\s*", lead)
        ):
            unit = re.match(r"\s+(" + cue("local_units").pattern + r")\b", self.flat[states[0].span.end : of_end + 1])
            if unit:  # "head of the Gali district"
                return f"{canonical} of the {states[0].name} {unit.group(1).capitalize()}"
            return f"{canonical} of {states[0].name}"  # "mayor of Gagra", "vice mayor of the capital, Sukhumi"
        if states:
            owned = re.fullmatch(r"['’]s\s+([a-z][a-z -]*?)\s*", self.text[states[0].span.end : of_end])
            if owned:  # "head of Abkhazia's security service": of the state's body, not of the state
                return f"{canonical} of the {title_case(owned.group(1))}"
            if canonical.lower() in ("head", "president", "head of state"):
                return "President"
            if canonical.lower() == "leader":
                return "Leader"
            prefix = strip_owner(self.text[of_start : states[0].span.start])
            polity_phrase = (
                r"\b(?:the\s+)?(?:" + cue("status_qualifiers").pattern + r"\s+)*" + cue("polity_nouns").pattern
            )
            prefix = re.sub(polity_phrase + r"\s+of\s*$", "", prefix.strip(), flags=re.IGNORECASE).strip()
            return f"{canonical} of {title_case(prefix)}" if prefix else canonical
        if canonical in ("Officer",):
            return None
        return f"{canonical} of {title_case(strip_owner(self.text[of_start:of_end]))}"
