"""Recognition rules: "recognized by A, B and C", "A recognized X", negation, withdrawal,
"occupied territory", "part of its territory"; each stance with the date of its own clause."""

from __future__ import annotations

import re
from functools import cache

from actorgraph.extract.base import Family, Roles
from actorgraph.extract.lexicon_patterns import (
    counted_state_group,
    cue,
    occupation_and_part_of,
    rejected_elections_pattern,
    reversed_decision,
    severed_ties_pattern,
    state_group_clause,
    switched_ties,
    withdrawal,
)
from actorgraph.extract.pattern_cache import compiled
from actorgraph.normalize import find_date

_FOLLOWED_BY = re.compile(r",?\s*(?:followed|joined)\s+(?:soon\s+|shortly\s+|later\s+)?by\s+")  # every sentence


class RecognitionRules(Family):
    name = "recognition"

    def sentence(self, index: int) -> None:
        start, end = self.bounds(index)
        self.verbs(start, end)
        self.withdrawals(start, end)
        self.severed_ties(start, end)
        self.occupation(start, end)
        self.rejected_elections(start, end)
        self.followed_by(start, end)

    def verbs(self, start: int, end: int) -> None:
        flat = self.flat
        negation = cue("negation_words").pattern
        nobody = cue("recognition_none")
        by_agent = _by_agent()
        for verb in self.cue_in("recognize_verbs", start, end):
            after = flat[verb.end() : end]
            date = self.stance_date(start, end, verb.start())
            negated = bool(re.search(negation, flat[max(start, verb.start() - 25) : verb.start()]))
            negated = negated or bool(nobody.search(flat, start, min(end, verb.end() + 8)))
            stance = "does-not-recognize" if negated else "recognizes"
            by = by_agent.match(after)
            if by:  # "it is only recognized by Venezuela, Nicaragua and Nauru"
                list_start = verb.end() + by.end()
                if negated:  # "not recognised by any UN member state, including Russia"
                    including = re.search(r"\b(?:including|such as|not even|even)\s+", flat[list_start:end])
                    if including is None:
                        continue
                    list_start += including.end()
                subject = flat[start : verb.start()]
                plural = bool(re.search(r"(?<![\w-])(?:regions|republics|territories|entities)(?![\w])", subject))
                polities = self.polities_before(verb.start(), start, plural=plural)
                states = self.state_list(list_start, end)
                besides = re.search(r"(?<![\w-])(?:apart\s+(?:from|of)|besides|in addition to|other than)\s+", subject)
                if besides and not negated:  # "Apart from Russia, they are recognized by A and B"
                    clause = re.search(r"[,;]", subject[besides.end() :])
                    clause_end = start + besides.end() + (clause.start() if clause else len(subject) - besides.end())
                    states = self.state_list(start + besides.end(), clause_end) + states
                for state in states:
                    for polity in polities:
                        self.recognition(
                            state, polity, stance, verb.start(), None if negated else date, "recognition.recognized-by"
                        )
                continue
            if re.match(
                r"\s+(?:it|them|\w+)\s+as\s+(?:an?\s+)?(?:integral\s+|inalienable\s+|inseparable\s+)?part\s+of", after
            ):
                continue  # "recognizes it as an integral part of China": not a recognition of it
            include = re.match(r"\s+(?P<object>.{1,80}?)\s+(?:" + cue("inclusion_verbs").pattern + r")\s+", after)
            countries = r"(?:" + cue("state_group_nouns").pattern + r")\s+(?:that|which|who)\s+(?:have\s+|has\s+)?$"
            if include and re.search(countries, flat[max(start, verb.start() - 40) : verb.start()]):
                polities = self.polity_object(verb.end(), verb.end() + include.end("object"), start)
                for state in self.state_list(verb.end() + include.end(), end):
                    for polity in polities:
                        self.recognition(
                            state, polity, "recognizes", verb.start(), date, "recognition.countries-include"
                        )
                continue
            lead = flat[max(start, verb.start() - 40) : verb.start()]
            if state_group_clause().search(lead) or counted_state_group().search(lead):
                # "those states which recognize X": no state is named as doing it, unless the sentence
                # names members: "Paraguay is one of 12 countries that recognise X", "..., including A and B"
                self.members_of_group(start, end, verb.start(), verb.end(), stance, date)
                continue
            if _adjectival().match(flat, verb.end()) or re.search(
                r"(?:" + cue("recognised_adjective_leads").pattern + r")\s+$",
                flat[max(start, verb.start() - 20) : verb.start()],
            ):
                continue  # "its internationally recognized borders": an adjective, not a stance
            if re.match(r"\s+(?:the\s+)?(?:[\w\"'-]+\s+){0,3}?(?:results?|outcome)\b", after):
                continue  # "won't recognise the results of the election": the vote, not the polity
            # "will not recognise the unilateral act proclaimed yesterday by the assembly of Kosovo"
            polities = self.polity_object(verb.end(), min(end, verb.end() + 90), start)
            rule = "recognition.negated" if negated else "recognition.active"
            leads = [
                lead
                for lead in _JOINING.finditer(flat, start, verb.start())
                if lead.group(1) in ("after", "following")
                and verb.start() - lead.end() <= 80
                and _ORDINAL_NOUN.search(flat, start, lead.start())
            ]
            # "Nauru became the fourth country after Russia and Syria to recognize X": Nauru, before "after"
            subjects = self.state_subjects(leads[-1].start() if leads else verb.start(), start)
            for subject in subjects:
                for polity in polities:
                    self.recognition(subject, polity, stance, verb.start(), None if negated else date, rule)
            if (subjects or leads) and not negated:
                self.joined(start, end, verb.start(), subjects, polities)

    def members_of_group(self, start: int, end: int, verb: int, verb_end: int, stance: str, date: str | None) -> None:
        polities = self.polity_object(verb_end, min(end, verb_end + 60), start)
        members: list[str] = []
        one_of = re.search(
            r"(?:" + cue("copula_verbs").pattern + r")\s+(?:now\s+)?(?:one|among)\s+(?:of\s+)?", self.flat[start:verb]
        )
        if one_of:
            members = self.state_subjects(start + one_of.start(), start)
        including = re.search(r",?\s*(?:including|such\s+as|among\s+them)\s+", self.flat[verb_end:end])
        if including:
            members += self.state_list(verb_end + including.end(), end)
        for state in dict.fromkeys(members):
            for polity in polities:
                self.recognition(state, polity, stance, verb, date, "recognition.group-member")

    def joined(self, start: int, end: int, verb: int, subjects: list[str], polities: list[str]) -> None:
        """'the fourth country to recognize X, joining A, B and C' / 'the fourth country after A, B and
        C to recognize X': the states it joins recognize X too."""
        if not re.search(r"(?<![\w-])(?:country|state|nation)\s+", self.flat[start:verb]):
            return
        for lead in _JOINING.finditer(self.flat, start, end):
            ordinal = _ORDINAL_NOUN.search(self.flat, start, lead.start())
            if lead.group(1) in ("after", "following") and not (ordinal and 0 < verb - lead.end() <= 80):
                continue  # "the fourth country after A, B and C to recognize X", not "after a war"
            for state in self.state_list(lead.end(), verb if lead.end() < verb else end):
                if state not in subjects:
                    for polity in polities:
                        self.recognition(state, polity, "recognizes", verb, None, "recognition.joined")

    def followed_by(self, start: int, end: int) -> None:
        """'Russia recognised X on 26 August 2008, followed by Nicaragua in September and Venezuela in
        2009': each state that followed takes the same stance, with the date of its own item."""
        sentence = self.flat[start:end]
        if "followed" not in sentence and "joined" not in sentence:
            return  # the pattern needs one of the two words
        for match in _FOLLOWED_BY.finditer(sentence):
            position = start + match.start()
            earlier = [
                d
                for d in self.drafts
                if d.kind == "recognition"
                and start <= d.position < position
                and d.roles["stance"] in ("recognizes", "withdrew")
            ]
            if not earlier:
                continue
            stance = str(earlier[-1].roles["stance"])
            polities = dict.fromkeys(str(d.roles["recognized"]) for d in earlier if d.position == earlier[-1].position)
            rest = start + match.end()
            stop = re.search(r"[.;]", self.flat[rest:end])
            limit = rest + stop.start() if stop else end
            cuts = [(rest + m.start(), rest + m.end()) for m in _ITEM_SEPARATOR.finditer(self.flat[rest:limit])]
            bounds = [rest] + [c for cut in cuts for c in cut] + [limit]
            for item_start, item_end in zip(bounds[::2], bounds[1::2], strict=True):
                states = self.mentions(item_start, item_end, ("State",))
                if not states:
                    break
                date = find_date(self.text[item_start:item_end])
                for polity in polities:
                    when = date[0] if date else None
                    self.recognition(states[0].key, polity, stance, item_start, when, "recognition.followed-by")

    def withdrawals(self, start: int, end: int) -> None:
        """'withdrew its recognition', 'has retracted its 2011 recognition of X', 'to suspend recognition
        of X'; 'calling on Russia to reverse its recognition' says Russia recognizes."""
        pattern = withdrawal()
        found = [(m.start(), m.end()) for m in self.cue_in("withdraw_phrases", start, end)]
        if "recognition" in self.flat[start:end]:  # the pattern needs the word
            found += [(m.start(), m.end()) for m in pattern.finditer(self.flat, start, end)]
        if self.talks_of_recognition(start, end):  # "and Vanuatu reversed its decision"
            reversal = reversed_decision()
            found += [(m.start(), m.end()) for m in reversal.finditer(self.flat, start, end)]
        for withdraw_start, withdraw_end in sorted(set(found)):
            # "withdrew its recognition" with no "of X": the polity the text is about
            polities = self.polity_object(withdraw_end, min(end, withdraw_end + 60), start)
            # "Vanuatu and Tuvalu, which had recognised Abkhazia and South Ossetia, withdrew their
            # recognition": every polity the sentence named before, not only the nearest
            partially = self.ctx.dictionary.partially_recognized
            named = {m.key for m in self.mentions(start, withdraw_start, ("State",)) if m.reference in partially}
            polities = polities or self.polities_before(withdraw_start, start, plural=len(named) >= 2)
            listed = re.match(
                r"\s+(?:of\s+)?.{0,80}?\s+(?:" + cue("inclusion_verbs").pattern + r")\s+", self.flat[withdraw_end:end]
            )
            if listed and state_group_clause().search(self.flat, max(start, withdraw_start - 50), withdraw_start):
                for state in self.state_list(
                    withdraw_end + listed.end(), end
                ):  # "states that have revoked ... include"
                    for polity in polities:
                        self.recognition(
                            state, polity, "withdrew", withdraw_start, None, "recognition.withdrawals-include"
                        )
                continue
            requested = re.search(
                r"(?<![\w-])(?:call(?:s|ed|ing)?\s+on|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|demand(?:s|ed|ing)?)\s+[^,.;]{0,40}$",
                self.flat[start:withdraw_start],
            )
            stance = "recognizes" if requested else "withdrew"
            date = None if requested else self.stance_date(start, end, withdraw_start)
            for subject in self.state_subjects(withdraw_start, start):
                for polity in polities:
                    self.recognition(subject, polity, stance, withdraw_start, date, "recognition.withdrew")

    def severed_ties(self, start: int, end: int) -> None:
        """'Honduras cut diplomatic ties with Taiwan': a state that breaks with a contested polity
        withdraws its recognition of it."""
        pattern = severed_ties_pattern()
        # "Kiribati switched diplomatic ties from Taipei to Beijing": the polity it switched from
        switch = switched_ties()
        partially = self.ctx.dictionary.partially_recognized
        for match in [*self.scan(pattern, start, end, "sever_verbs"), *self.scan(switch, start, end, "switch_verbs")]:
            # "with Taipei": a capital stands for its state
            named = [
                m for m in self.ctx.mentions_starting(match.end(), match.end() + 5) if m.type in ("State", "Place")
            ]
            polity = self.ctx.state_key(named[0]) if named else None
            if polity is None or self.ctx.dictionary.entries.get(polity) is None or polity not in partially:
                continue
            for subject in self.state_subjects(match.start(), start):
                self.recognition(
                    subject,
                    polity,
                    "withdrew",
                    match.start(),
                    self.stance_date(start, end, match.start()),
                    "recognition.severed",
                )

    def rejected_elections(self, start: int, end: int) -> None:
        """'Azerbaijan condemned the elections as illegal': a state that rejects a polity's vote does not
        recognize the polity holding it."""
        pattern = rejected_elections_pattern()
        for match in self.scan(pattern, start, end, "reject_verbs", "election_words", "illegitimate_words"):
            election = self.ctx.election_at(match.start())
            if election is None:
                continue
            for subject in self.state_subjects(match.start(), start):
                self.recognition(
                    subject,
                    election.jurisdiction,
                    "does-not-recognize",
                    match.start(),
                    None,
                    "recognition.rejected-vote",
                )

    def occupation(self, start: int, end: int) -> None:
        """'Georgia calls Abkhazia occupied territory', 'considers it part of its territory'."""
        occupied, part_of = occupation_and_part_of()
        if not self.says("regard_verbs", start, end):
            return  # both patterns need one of these verbs
        for pattern, rule in ((occupied, "recognition.occupied"), (part_of, "recognition.part-of")):
            for match in pattern.finditer(self.flat, start, end):
                subjects = self.state_subjects(match.start(), start)
                if rule == "recognition.part-of":
                    owner = self.actor_after(match.end(), 2, ("State",))
                    if owner not in subjects and not re.match(r"its\s+(?:own\s+)?territory", self.flat[match.end() :]):
                        continue
                polities = self.polity_object(match.start("object"), match.end("object"), start)
                for subject in subjects:
                    for polity in polities:
                        self.recognition(subject, polity, "does-not-recognize", match.start(), None, rule)

    def recognition(
        self, state: str | None, polity: str | None, stance: str, position: int, date: str | None, rule: str
    ) -> None:
        if state is None or polity is None or state == polity:
            return
        if self.ctx.type_of(state) != "State" or self.ctx.type_of(polity) != "State":
            return
        if polity not in self.ctx.dictionary.partially_recognized:
            return  # "Kenya recognised Morocco's sovereignty over ...": no contested polity's recognition
        roles: Roles = {"state": state, "recognized": polity, "stance": stance, "date": date}
        self.emit("recognition", roles, position, rule, 0.85)

    def state_subjects(self, position: int, floor: int) -> list[str]:
        """The states taking a stance: the nearest state before the verb that is not a contested
        polity, with the states coordinated with it ("Vanuatu and Tuvalu withdrew ...")."""
        states = self.mentions(floor, position, ("State",))
        partially = self.ctx.dictionary.partially_recognized
        candidates = [m for m in states if m.reference not in partially]
        if not candidates:
            return []
        current = candidates[-1]
        subjects = [current.key]
        for previous in reversed(states[: states.index(current)]):
            link = self.flat[previous.span.end : current.span.start]
            # "A, B and C recognised": the link nearest the verb is "and"; "Russia and Georgia, Nauru" is no list
            pattern = r"\s*(?:and|,\s*and)\s*" if len(subjects) == 1 else r"\s*(?:,|and|,\s*and)\s*"
            pattern += r"(?:the\s+)?"  # "Latvia and the US"
            if not re.fullmatch(pattern, link):
                break
            subjects.append(previous.key)
            current = previous
        return list(dict.fromkeys(subjects))

    def state_list(self, position: int, end: int) -> list[str]:
        return [key for key in self.actor_list(position, end, ("State",)) if self.ctx.type_of(key) == "State"]

    def polity_object(self, start: int, end: int, floor: int) -> list[str]:
        """What a recognition verb is about: named polities, or 'it'/'them' read back to earlier ones."""
        named = [m for m in self.mentions(start, end, ("State",)) if not _OWNER_OF_REGIONS.match(self.flat, m.span.end)]
        text = self.flat[start:end]
        plural = cue("polity_anaphora").search(text)
        singular = cue("polity_anaphora_singular").search(text)
        first_named = named[0].span.start - start if named else len(text) + 1
        plural = plural or _REGIONS.search(text)  # "Georgia's occupied regions"
        anaphora = [m for m in (plural, singular) if m is not None and m.start() < first_named]
        if not anaphora:
            if not named:
                return []
            return [m.key for m in named if self.flat[named[0].span.end : m.span.start].strip(" ,") in ("", "and")]
        first = min(anaphora, key=lambda m: m.start())
        return self.polities_before(start, floor, plural=first is plural)

    def polities_before(self, position: int, floor: int, plural: bool) -> list[str]:
        """Contested polities named before `position`: the same sentence first, then earlier ones."""
        partially = self.ctx.dictionary.partially_recognized
        index = self.ctx.sentence_of(position)
        found: list[str] = []
        for sentence_index in range(index, max(-1, index - 4), -1):
            sentence = self.ctx.sentences[sentence_index]
            ceiling = position if sentence_index == index else sentence.end
            for mention in reversed(self.mentions(sentence.start, ceiling, ("State",))):
                if mention.reference in partially and mention.key not in found:
                    found.append(mention.key)
            if found and (not plural or len(found) >= 2):
                break
        if not found and self.ctx.polity:
            found = [self.ctx.polity]
        return found[:2] if plural else found[:1]

    def stance_date(self, start: int, end: int, verb: int | None = None) -> str | None:
        """A date in the verb's clause, so 'withdrew ... in 2014' dates the withdrawal only."""
        if verb is not None:
            before = max(
                self.flat.rfind(",", start, verb),
                self.flat.rfind(";", start, verb),
                self.flat.rfind(" while ", start, verb),
            )
            after = re.search(r",(?!\s*\d{4}\b)|;|\bwhile\b|\bbut\b|\bfollowed\s+by\b", self.flat[verb:end])
            start, end = max(start, before + 1), verb + after.start() if after else end
        date = find_date(self.text[start:end])
        return date[0] if date else None


_ITEM_SEPARATOR = re.compile(r",(?!\s*\d{4}\b)\s*(?:and\s+)?|\s+and\s+")


@cache
def _adjectival() -> re.Pattern[str]:
    """'its internationally recognised borders': the participle describes a noun, it is no stance."""
    return compiled(r"\s+(?:" + cue("recognised_adjective_objects").pattern + ")")


_ORDINAL_NOUN = re.compile(r"(?<![\w-])(?:country|state|nation)\s*$")
_JOINING = re.compile(r"(?<![\w-])(joining|after|following|alongside|along\s+with)\s+")
_OWNER_OF_REGIONS = re.compile(r"'s\s+(?:[\w-]+\s+){0,2}(?:regions?|territor(?:y|ies)|republics?|provinces?)\b")
_REGIONS = re.compile(r"(?<![\w-])(?:regions|republics|territories)(?![\w-])")


@cache
def _by_agent() -> re.Pattern[str]:
    """'(is recognised) as an independent state by': who recognises comes next."""
    independent = r"(?:as\s+(?:an?\s+)?(?:independent|sovereign)(?:\s+(?:state|nation|country|republic))?\s+)?"
    return compiled(r"\s+(?:" + cue("recognition_adverbs").pattern + r"\s+)?" + independent + r"by\s+")
