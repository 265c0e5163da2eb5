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
        # "the PAS candidate X" is a nomination (endorsement rules), not a membership
        title_before = re.compile(
            r"\s+(" + alternation(r for r, role in roles.items() if role != "candidate") + r")\s+$"
        )
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
            # "United National Movement's Davit Bakradze", "Labor Party's former leader X"
            owners = [
                m
                for m in self.mentions(max(start, person.span.start - 60), person.span.start, ("PoliticalParty",))
                if re.fullmatch(r"'s\s+(?:[a-z-]+\s+){0,2}", self.flat[m.span.end : person.span.start])
            ]
            between = self.flat[owners[-1].span.end : person.span.start] if owners else ""
            if owners and not cue("candidate_nouns").search(between):
                roles_owned: Roles = {"person": person.key, "organization": owners[-1].key, "role": None}
                self.emit("membership", roles_owned, person.span.start, "membership.party-possessive", 0.7)
            # "Alan Gagloev of the Nykhas movement", "X, an MP from the ruling Y party"
            of_party = re.match(
                r"\s+of\s+(?:the\s+)?|,\s*(?:an?\s+|the\s+)?(?:[a-z-]+\s+){1,3}from\s+(?:the\s+)?",
                self.flat[person.span.end : end],
            )
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
        self.role_of_party_before(start, end)
        self.founders(start, end)

    def role_of_party_before(self, start: int, end: int) -> None:
        """'leader of the Peoples' Party Iakub Lakoba': a party role with its party, then the name."""
        roles = lexicon()["member_roles"]
        pattern = re.compile(r"(" + alternation(roles) + r")\s+of\s+(?:the\s+)?$")
        for person in self.mentions(start, end, ("Person",)):
            parties = [
                m
                for m in self.mentions(max(start, person.span.start - 80), person.span.start, ("PoliticalParty",))
                if re.fullmatch(r"\s*,?\s*", self.flat[m.span.end : person.span.start])
            ]
            if not parties:
                continue
            party = parties[-1]
            role = pattern.search(self.flat, max(start, party.span.start - 40), party.span.start)
            if role:
                found: Roles = {
                    "person": person.key,
                    "organization": party.key,
                    "role": roles[" ".join(role.group(1).split())],
                }
                self.emit("membership", found, role.start(), "membership.role-of-party", 0.75)

    def founders(self, start: int, end: int) -> None:
        """'Sheriff was founded by X and Y', 'it is owned by X': founders and owners of a body."""
        pattern = re.compile(r"(?P<verb>" + cue("founding_verbs").pattern + r")\s+(?:\w+\s+){0,8}?by\s+")
        for match in pattern.finditer(self.flat, start, end):
            bodies = self.mentions(start, match.start(), ("PoliticalParty", "Organization", "MediaOutlet"))
            if not bodies:
                continue
            role = "owner" if match.group("verb").startswith("own") else "founder"
            for person in self.actor_list(match.end(), end, ("Person",)):
                roles_found: Roles = {"person": person, "organization": bodies[-1].key, "role": role}
                self.emit("membership", roles_found, match.start(), "membership.founded-by", 0.7)

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
