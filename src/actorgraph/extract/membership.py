"""Membership rules: "Nykhas leader Alan Gagloev", "X of the Y party", "X, a member of the Y
party", "X heads the Y party", "she founded Y"."""

from __future__ import annotations

import re

from actorgraph.extract.base import Family, Roles
from actorgraph.extract.lexicon_patterns import alternation, cue
from actorgraph.lexicon import lexicon


class MembershipRules(Family):
    name = "membership"

    def sentence(self, index: int) -> None:
        start, end = self.bounds(index)
        roles = lexicon()["member_roles"]
        title_before = re.compile(r"\s+(" + alternation(roles) + r")\s+$")
        for person in self.mentions(start, end, ("Person",)):
            # "Nykhas leader Alan Gagloev"
            before = self.flat[max(start, person.span.start - 40) : person.span.start]
            match = title_before.search(" " + before)
            if match:
                parties = self.mentions(max(start, person.span.start - 40), person.span.start, ("PoliticalParty",))
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
            party_of = self.actor_after(person.span.end + of_party.end(), 30, ("PoliticalParty",)) if of_party else None
            if party_of:
                roles_of: Roles = {"person": person.key, "organization": party_of, "role": None}
                self.emit("membership", roles_of, person.span.start, "membership.of-party", 0.65)
            # "X, a member of the Y party"
            after = re.match(
                r",\s*(?:a|an|the)?\s*(" + cue("membership_nouns").pattern + r")\s+of\s+(?:the\s+)?",
                self.flat[person.span.end : end],
            )
            if after:
                party = self.actor_after(person.span.end + after.end(), 40, ("PoliticalParty",))
                if party:
                    self.emit(
                        "membership",
                        {"person": person.key, "organization": party, "role": roles.get(after.group(1))},
                        person.span.start,
                        "membership.apposition",
                        0.75,
                    )
        self.predicates(start, end)

    def predicates(self, start: int, end: int) -> None:
        """'X heads the Y party', 'he is a member of the Y party', 'she founded Y'."""
        roles = lexicon()["member_roles"]
        verbs = (
            r"(?:(?P<lead>" + cue("lead_verbs").pattern + r")|(?P<found>" + cue("found_verbs").pattern + r")"
            r"|(?:is|was|became|has been)\s+(?:a|an|the)\s+(?P<role>" + cue("membership_nouns").pattern + r")\s+of)"
            r"\s+(?:the\s+)?"
        )
        for match in re.finditer(verbs, self.flat[start:end]):
            position = start + match.start()
            party = self.actor_after(start + match.end(), 4, ("PoliticalParty",))
            member = self.subject_before(position, max(start, position - 60), ("Person",))
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
