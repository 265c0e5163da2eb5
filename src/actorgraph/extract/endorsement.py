"""Endorsement rules: calls to vote, direct and passive backing, nomination, "Kremlin-backed X",
"Moscow's favourite"; a backed candidate left unnamed is the one the document says won."""

from __future__ import annotations

import re
from functools import cache

from actorgraph.extract.base import ACTOR_TYPES, BACKABLE, Draft, Family, Roles
from actorgraph.extract.lexicon_patterns import cue, cued
from actorgraph.extract.pattern_cache import compiled
from actorgraph.lexicon import lexicon


class EndorsementRules(Family):
    name = "endorsement"

    def sentence(self, index: int) -> None:
        start, end = self.bounds(index)
        self.calls_to_vote(start, end)
        self.direct(start, end)
        self.passive(start, end)
        self.backed_compounds(index, start, end)
        self.favourites(start, end)
        self.party_candidates(start, end)
        self.support_of(start, end)
        self.nominations(start, end)

    def finish(self) -> None:
        self.resolve_backed_candidates()

    def endorse(
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

    def calls_to_vote(self, start: int, end: int) -> None:
        flat = self.flat
        vote = cue("endorse_vote_verbs").pattern
        for call in self.cue_in("endorse_call_verbs", start, end):
            target = re.match(r"\s+(?:[\w']+\s+){0,4}?(?:to\s+)?" + vote + r"\s+", flat[call.end() : end])
            if target:
                endorsed = self.actor_after(call.end() + target.end(), 5, BACKABLE)
                endorser = self.subject_before(call.start(), max(start, call.start() - 100))
                self.endorse(endorser, endorsed, call.start(), "support", "endorsement.call-to-vote", 0.8)

    def direct(self, start: int, end: int) -> None:
        flat = self.flat
        for verb in self.cue_in("endorse_direct_verbs", start, end):
            if re.search(r"\b(?:about|of|for|in)\s*$", flat[max(start, verb.start() - 8) : verb.start()]):
                continue  # "an agreement about supporting X": no one is named as doing it
            lead = re.match(r"\s*(?:the\s+)?(?:candidacy\s+of\s+|candidate\s+)?", flat[verb.end() : end])
            object_start = verb.end() + (lead.end() if lead else 0)
            endorsed = self.actor_after(object_start, 4, BACKABLE)
            if self.unnamed_or_negated(verb.start(), start):
                continue
            endorser = self.clause_subject(verb.start(), start, ACTOR_TYPES) or self.it_subject(verb.start(), start)
            self.endorse(endorser, endorsed, verb.start(), "support", "endorsement.direct", 0.7)

    def unnamed_or_negated(self, position: int, floor: int) -> bool:
        """'45% of voters abroad supported X', 'most backed Y': the electorate, not an endorser;
        'he ruled out that he would back X', 'did not support': no backing."""
        before = self.flat[max(floor, position - 40) : position]
        collective = "(?:" + cue("electorate_words").pattern + "|" + cue("quantifier_subjects").pattern + ")"
        if re.search(collective + r"[\s)]+(?:[a-z]+\s+){0,2}$", before):
            return True
        if re.search(r"(?:%|\bper\s*cent|\bpercent)\s*(?:\([^()]*\)\s*)?$", before):
            return True  # "44.78% (26,196 people) supported X": a share of the voters
        return bool(re.search(cue("negation_words").pattern + r"\s+(?:[\w']+\s+){0,4}$", before))

    def it_subject(self, position: int, floor: int) -> str | None:
        """'The X party said it would back Y': "it" is the body that opens the sentence (or the one before)."""
        if not re.search(r"(?<![\w-])it\s+(?:\w+\s+){0,2}$", self.flat[floor:position]):
            return None
        bodies = ("PoliticalParty", "Organization", "GovernmentBody", "State")
        own = self.mentions(floor, position, bodies)
        if own:
            return own[0].key
        index = self.ctx.sentence_of(floor)
        earlier = self.mentions(*self.bounds(index - 1), bodies) if index > 0 else []
        return earlier[0].key if earlier else None

    def nominations(self, start: int, end: int) -> None:
        """'Amtsakhara nominated X for president', 'the party fielded X': a party names its candidate."""
        for verb in self.cue_in("nominate_active_verbs", start, end):
            nominee = self.actor_after(verb.end() + 1, 4, ("Person",))
            party = self.clause_subject(verb.start(), start, ("PoliticalParty", "Organization")) or self.it_subject(
                verb.start(), start
            )
            if nominee and party and self.ctx.type_of(party) in ("PoliticalParty", "Organization"):
                self.endorse(party, nominee, verb.start(), "nomination", "endorsement.nominated", 0.7)

    def passive(self, start: int, end: int) -> None:
        for passive, mode, rule in (
            ("endorse_passive_verbs", "support", "endorsement.supported-by"),
            ("nominate_passive_verbs", "nomination", "endorsement.nominated-by"),
        ):
            for verb in self.cue_in(passive, start, end):
                endorsed = self.clause_subject(verb.start(), start, BACKABLE)
                for endorser in self.actor_list(verb.end(), end):
                    self.endorse(endorser, endorsed, verb.start(), mode, rule, 0.75)

    def backed_compounds(self, index: int, start: int, end: int) -> None:
        """'the Kremlin-backed candidate X', 'Moscow-supported X'."""
        flat = self.flat
        lead_words = cued(r"\s+(?:{candidate_modifiers}\s+)?(?:{candidate_heads}\s+)?")
        for compound in _backed_compound().finditer(flat[start:end]):
            position = start + compound.start()
            sponsors = [
                m for m in self.mentions(max(start, position - 40), position, ACTOR_TYPES) if m.span.end == position
            ]
            if not sponsors:
                continue
            object_start = position + compound.end() - compound.start()
            lead = lead_words.match(flat[object_start:end])
            endorsed = self.actor_after(object_start + (lead.end() if lead else 0), 3, BACKABLE)
            if endorsed is None and lead and "candidate" in lead.group(0):
                roles: Roles = {
                    "endorser": sponsors[-1].key,
                    "endorsed": None,
                    "election": self.ctx.election_at(position),
                    "mode": "support",
                }
                self.drafts.append(
                    Draft(
                        "endorsement",
                        roles,
                        position,
                        "endorsement.backed-candidate",
                        0.6,
                        [self.ctx.sentences[index].span],
                    )
                )
                continue
            self.endorse(sponsors[-1].key, endorsed, position, "support", "endorsement.backed-compound", 0.75)

    def favourites(self, start: int, end: int) -> None:
        """The owner's "favourite": "Moscow's favourite X", "X, seen as the Kremlin's favourite"."""
        flat = self.flat
        for favourite in self.cue_in("favourite_words", start, end):
            owners = [
                m
                for m in self.mentions(max(start, favourite.start() - 30), favourite.start(), ACTOR_TYPES)
                if re.fullmatch(r"(?:'s)?\s*", flat[m.span.end : favourite.start()])
            ]
            if not owners:
                continue
            endorsed = self.actor_after(favourite.end() + 1, 4, BACKABLE)
            if endorsed is None:
                # "X was seen as the Kremlin's favourite", "X, Moscow's preferred candidate,"
                predicate = re.search(
                    r"(?:(?:"
                    + cue("copula_verbs").pattern
                    + r")\s+(?:"
                    + cue("regard_verbs").pattern
                    + r")?\s*(?:a|the)\s*"
                    r"|,\s*(?:(?:" + cue("regard_verbs").pattern + r")\s+)?(?:(?:a|the)\s+)?)$",
                    flat[max(start, owners[-1].span.start - 40) : owners[-1].span.start],
                )
                if predicate:
                    endorsed = self.subject_before(owners[-1].span.start - len(predicate.group(0)), start, BACKABLE)
            self.endorse(owners[-1].key, endorsed, favourite.start(), "support", "endorsement.favourite", 0.7)

    def party_candidates(self, start: int, end: int) -> None:
        """'the PAS candidate Maia Sandu', 'the Shor Party's candidate X', 'X, the Nykhas party
        candidate': a party's candidate is its nominee; 'the Kremlin's candidate X' is backing."""
        for word in self.cue_in("candidate_nouns", start, end):
            owners = [
                m
                for m in self.mentions(max(start, word.start() - 60), word.start(), ACTOR_TYPES)
                if re.fullmatch(r"(?:\s+party)?(?:'s)?\s*", self.flat[m.span.end : word.start()])
            ]
            if not owners:
                continue
            owner = owners[-1]
            endorsed = self.actor_after(word.end(), 3, ("Person",)) or self.apposition_owner(owner.span.start, start)
            if endorsed is None:
                continue
            mode = "nomination" if owner.type == "PoliticalParty" else "support"
            self.endorse(owner.key, endorsed, word.start(), mode, "endorsement.party-candidate", 0.75)

    def apposition_owner(self, position: int, floor: int) -> str | None:
        """'Alan Gagloev, the Nykhas party candidate, ...': the person the apposition at `position` describes."""
        people = self.mentions(max(floor, position - 60), position, ("Person",))
        if people and re.fullmatch(r",\s*(?:the|a|an)\s+", self.flat[people[-1].span.end : position]):
            return people[-1].key
        return None

    def support_of(self, start: int, end: int) -> None:
        """'X enjoys the support of A and B', 'X had the backing of Russia': the supporters back X."""
        pattern = _support_of_pattern()
        for match in pattern.finditer(self.flat, start, end):
            endorsed = self.clause_subject(match.start(), start, BACKABLE)
            for endorser in self.actor_list(match.end(), end):
                self.endorse(endorser, endorsed, match.start(), "support", "endorsement.support-of", 0.75)

    def resolve_backed_candidates(self) -> None:
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


@cache
def _backed_compound() -> re.Pattern[str]:
    """'-backed', '-supported': asked of every sentence, compiled once."""
    backed = "|".join(re.escape(word) for word in lexicon()["backed_compounds"])
    return compiled(r"-(?:" + backed + r")(?![\w-])")


@cache
def _support_of_pattern() -> re.Pattern[str]:
    return compiled(
        r"(?<![\w-])" + cue("support_having_verbs").pattern + r"\s+(?:the\s+)?(?:\w+\s+)?(?:support|backing)\s+of\s+"
    )
