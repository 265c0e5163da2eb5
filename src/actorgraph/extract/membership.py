"""Membership rules: "Nykhas leader Alan Gagloev", "X of the Y party", "X, a member of the Y
party", "X heads the Y party", "she founded Y"."""

from __future__ import annotations

import re
from functools import cache

from actorgraph.extract.base import Family, Roles
from actorgraph.extract.lexicon_patterns import alternation, cue, cued
from actorgraph.extract.pattern_cache import compiled
from actorgraph.lexicon import lexicon

# asked at every name or sentence: compiled once
_OF_PARTY = re.compile(
    r"\s+(?:\([^()]{0,40}\)\s*)?of\s+(?:the\s+)?|,\s*(?:an?\s+|the\s+)?(?:[a-z-]+\s+){1,3}from\s+(?:the\s+)?"
)
_BRACKET = re.compile(r"\s*\(\s*")
_RESPECTIVELY = re.compile(r",?\s+respectively\b")
# the test for a word before "h" follows the "h" (as in lexicon_patterns.alternation): the engine skips to an "h"
_HIS_HER = re.compile(r"(h(?<![\w-]h)(?:is|er))\s+")
_OWN = re.compile(r"['’]s\s+(?:(?:own|ruling|new|opposition)\s+)?")
_PARTY_OF = re.compile(r"\bthe\s+party\s+of\s+")


@cache
def _title_before() -> re.Pattern[str]:
    """A member role just before a name; "the PAS candidate X" is a nomination (endorsement rules), not a membership."""
    roles = lexicon()["member_roles"]
    return compiled(r"\s+(" + alternation(r for r, role in roles.items() if role != "candidate") + r")\s+$")


class MembershipRules(Family):
    name = "membership"

    def sentence(self, index: int) -> None:
        start, end = self.bounds(index)
        roles = lexicon()["member_roles"]
        title_before = _title_before()
        for person in self.mentions(start, end, ("Person",)):
            # "Nykhas leader Alan Gagloev"
            before = self.flat[max(start, person.span.start - 40) : person.span.start]
            match = title_before.search(" " + before)
            if match:
                parties = self.mentions(max(start, person.span.start - 40), person.span.start, ("PoliticalParty",))
                # "Our Party leader X": the party's own name may end with a word of the role ("party leader")
                title = self.flat[parties[-1].span.end : person.span.start].strip() if parties else ""
                if title and match.group(1).endswith(title) and title in roles:
                    self.emit(
                        "membership",
                        {"person": person.key, "organization": parties[-1].key, "role": roles[title]},
                        person.span.start,
                        "membership.party-title",
                        0.75,
                    )
            # "United National Movement's Davit Bakradze", "Labor Party's former leader X"
            owners = [
                m
                for m in self.mentions(max(start, person.span.start - 60), person.span.start, ("PoliticalParty",))
                if re.fullmatch(
                    r"(?:\s+party)?['’]s\s+(?:[a-z-]+,?\s+){0,2}", self.flat[m.span.end : person.span.start]
                )
            ]
            between = self.flat[owners[-1].span.end : person.span.start] if owners else ""
            if owners and not cue("candidate_nouns").search(between):
                # "The Amtsakhara party's chairman, X": the role between them, if one is named
                named = [roles[w] for w in re.findall(r"[a-z-]+", between) if w in roles]
                roles_owned: Roles = {
                    "person": person.key,
                    "organization": owners[-1].key,
                    "role": named[-1] if named else None,
                }
                self.emit("membership", roles_owned, person.span.start, "membership.party-possessive", 0.7)
            # "Alan Gagloev of the Nykhas movement", "X, an MP from the ruling Y party"
            of_party = _OF_PARTY.match(self.flat[person.span.end : end])
            bodies = ("PoliticalParty", "Organization")
            party_of = self.actor_after(person.span.end + of_party.end(), 30, bodies) if of_party else None
            if party_of:
                roles_of: Roles = {"person": person.key, "organization": party_of, "role": None}
                self.emit("membership", roles_of, person.span.start, "membership.of-party", 0.65)
            # "X, a member of the Y party"
            after = cued(r",\s*(?:a|an|the)?\s*(?:[a-z-]+\s+){0,2}?({membership_nouns})\s+of\s+(?:the\s+)?").match(
                self.flat[person.span.end : end]
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
        self.led_by(start, end)
        self.bracketed_party(start, end)
        self.respectively(start, end)
        self.party_of_person(start, end)
        self.the_party(start, end)

    def role_of_party_before(self, start: int, end: int) -> None:
        """'leader of the Peoples' Party Iakub Lakoba': a party role with its party, then the name."""
        roles, pattern = lexicon()["member_roles"], _role_of_party_before_pattern()
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
        pattern = _founders_pattern()
        for match in self.scan(pattern, start, end, "founding_verbs"):
            bodies = self.mentions(start, match.start(), ("PoliticalParty", "Organization", "MediaOutlet"))
            # the body is the verb's subject: "Sheriff was set up", "a company owned by", not a body
            # named clauses before ("the X party, rival of Y, ... the government, which is controlled by")
            if not bodies or not _subject_gap().fullmatch(self.flat, bodies[-1].span.end, match.start()):
                continue
            role = "owner" if match.group("verb").startswith("own") else "founder"
            for person in self.actor_list(match.end(), end, ("Person",)):
                roles_found: Roles = {"person": person, "organization": bodies[-1].key, "role": role}
                self.emit("membership", roles_found, match.start(), "membership.founded-by", 0.7)

    def predicates(self, start: int, end: int) -> None:
        """'X heads the Y party', 'he is a member of the Y party', 'she founded Y'."""
        roles = lexicon()["member_roles"]
        verbs = cued(
            r"(?:(?P<lead>{lead_verbs})|(?P<found>{found_verbs})|(?P<member>{member_verbs})"
            r"|(?:is|was|became|has been)\s+(?:a|an|the)\s+(?P<role>{membership_nouns})\s+of)\s+(?:the\s+)?"
        )
        sentence = self.flat[start:end]
        if not self.ctx.may_hold_any(("lead_verbs", "found_verbs", "member_verbs", "membership_nouns"), start, end):
            return  # no verb or noun of membership: no match
        for match in verbs.finditer(sentence):
            position = start + match.start()
            party = self.actor_after(start + match.end(), 4, ("PoliticalParty",))
            member = self.subject_before(position, max(start, position - 60), ("Person",))
            if party and member:
                role = (
                    "leader"
                    if match.group("lead")
                    else "founder"
                    if match.group("found")
                    else roles.get(match.group("role") or "member", "member")
                )
                self.emit(
                    "membership",
                    {"person": member, "organization": party, "role": role},
                    position,
                    "membership.predicate",
                    0.7,
                )

    def led_by(self, start: int, end: int) -> None:
        """'The Nykhas party, led by Alan Gagloev, ...': the party's leader (or founder)."""
        pattern = _led_by_pattern()
        if not self.ctx.may_hold_any(("lead_verbs", "found_verbs"), start, end):
            return  # the pattern needs one of these verbs
        for match in pattern.finditer(self.flat, start, end):
            parties = [
                m
                for m in self.mentions(start, match.start() + 1, ("PoliticalParty",))
                if m.span.end >= match.start() - 7
            ]
            person = self.actor_after(match.end(), 3, ("Person",))
            if (
                not parties
                or person is None
                or not re.fullmatch(r"\s*(?:party|movement)?", self.flat[parties[-1].span.end : match.start()])
            ):
                continue
            role = "leader" if match.group("lead") else "founder"
            found: Roles = {"person": person, "organization": parties[-1].key, "role": role}
            self.emit("membership", found, match.start(), "membership.led-by", 0.7)

    def bracketed_party(self, start: int, end: int) -> None:
        """'Ruslan Ajba (Amtsakhara) won the district': a candidate's party in brackets after the name."""
        for person in self.mentions(start, end, ("Person",)):
            bracket = _BRACKET.match(self.flat[person.span.end : end])
            if bracket is None:
                continue
            party = self.actor_after(person.span.end + bracket.end(), 1, ("PoliticalParty",))
            inner = self.mentions(person.span.end + bracket.end(), end, ("PoliticalParty",))
            if party and inner and re.match(r"\s*\)", self.flat[inner[0].span.end : end]):
                found: Roles = {"person": person.key, "organization": party, "role": None}
                self.emit("membership", found, person.span.start, "membership.bracketed-party", 0.7)

    def respectively(self, start: int, end: int) -> None:
        """'A and B, who chair the X and Y parties, respectively': persons and parties paired in order."""
        roles = lexicon()["member_roles"]
        for match in _RESPECTIVELY.finditer(self.flat[start:end]):
            position = start + match.start()
            plurals = {_plural(role): role for role in roles}
            head = re.search(r"\b(" + alternation(plurals) + r")\s+of\s+(?:the\s+)?", self.flat[start:position])
            if head is None:
                continue
            bodies = self.mentions(start + head.end(), position, ("PoliticalParty", "Organization"))
            persons = self.mentions(start, start + head.start(), ("Person",))
            persons = list({m.key: m for m in persons}.values())[-len(bodies) :] if bodies else []
            if len(bodies) < 2 or len(persons) != len(bodies):
                continue
            role = roles.get(plurals[head.group(1)])
            for person, body in zip(persons, bodies, strict=True):
                paired: Roles = {"person": person.key, "organization": body.key, "role": role}
                self.emit("membership", paired, start + head.start(), "membership.respectively", 0.7)

    def party_of_person(self, start: int, end: int) -> None:
        """'his Free Homeland Party won', 'X's Y party', 'the party of former premier X, the Forward Movement'."""
        for match in _HIS_HER.finditer(self.flat[start:end]):
            party = self.actor_after(start + match.end(), 3, ("PoliticalParty",))
            person = self.ctx.resolve_pronoun(start + match.start(), match.group(1)) if party else None
            if party and person:
                owned: Roles = {"person": person, "organization": party, "role": None}
                self.emit("membership", owned, start + match.start(), "membership.his-party", 0.65)
        for owner in self.mentions(start, end, ("Person",)):  # "Alkhas Kvitsinia's Amtsakhara party"
            own = _OWN.match(self.flat[owner.span.end : end])
            body = self.actor_after(owner.span.end + own.end(), 1, ("PoliticalParty",)) if own else None
            if body:
                kept: Roles = {"person": owner.key, "organization": body, "role": None}
                self.emit("membership", kept, owner.span.start, "membership.persons-party", 0.65)
        for match in _PARTY_OF.finditer(self.flat[start:end]):
            people = self.mentions(start + match.end(), min(end, start + match.end() + 60), ("Person",))
            if not people:
                continue
            named = people[0]
            gap = re.match(r"[\s,\"“”«»]*(?:the\s+)?", self.flat[named.span.end : end])
            party = self.actor_after(named.span.end + (gap.end() if gap else 0), 3, ("PoliticalParty",))
            if party:
                found: Roles = {"person": named.key, "organization": party, "role": None}
                self.emit("membership", found, start + match.start(), "membership.party-of", 0.65)

    def the_party(self, start: int, end: int) -> None:
        """'... the leader of the party, Mara Liss': the party the sentence before named."""
        roles = lexicon()["member_roles"]
        sentence = self.flat[start:end]
        if not self.ctx.may_hold("member_roles", start, end):
            return  # the pattern needs a role
        for match in _role_of_the_party().finditer(sentence):
            person = self.actor_after(start + match.end(), 3, ("Person",))
            previous = self.ctx.sentence_of(start) - 1
            if person is None or previous < 0:
                continue
            parties = self.mentions(*self.bounds(previous), ("PoliticalParty",))
            if len({m.key for m in parties}) != 1:
                continue  # none, or more than one: "the party" is not clear
            found: Roles = {"person": person, "organization": parties[0].key, "role": roles.get(match.group(1))}
            self.emit("membership", found, start + match.start(), "membership.the-party", 0.6)


@cache
def _subject_gap() -> re.Pattern[str]:
    """Between a body and its founding verb: 'Sheriff (a holding) was originally set up'."""
    return compiled(
        r"\s*(?:\([^)]{0,40}\)\s*)?,?\s*(?:which\s+|that\s+)?(?:(?:" + cue("copula_verbs").pattern + r")\s*)?"
        r"(?:(?:" + cue("founding_adverbs").pattern + r")\s+)?"
    )


def _plural(noun: str) -> str:
    """'chairman' -> 'chairmen', 'leader' -> 'leaders': the plural a list of holders takes."""
    return noun[:-3] + "men" if noun.endswith("man") else noun + "s"


@cache
def _founders_pattern() -> re.Pattern[str]:
    return compiled(r"(?P<verb>" + cue("founding_verbs").pattern + r")\s+(?:[\w,]+\s+){0,8}?by\s+")


@cache
def _led_by_pattern() -> re.Pattern[str]:
    return compiled(
        r",?\s*(?:(?P<lead>" + cue("lead_verbs").pattern + r")|(?P<found>" + cue("found_verbs").pattern + r"))"
        r"\s+by\s+(?:[a-z-]+\s+){0,3}?"
    )


@cache
def _role_of_party_before_pattern() -> re.Pattern[str]:
    return compiled(r"(" + alternation(lexicon()["member_roles"]) + r")\s+of\s+(?:the\s+)?$")


@cache
def _role_of_the_party() -> re.Pattern[str]:
    return compiled(r"\b(" + alternation(lexicon()["member_roles"]) + r")\s+of\s+the\s+(?:party|movement),?\s+")
