"""Recognition rules: "recognized by A, B and C", "A recognized X", negation, withdrawal,
"occupied territory", "part of its territory"; each stance with the date of its own clause."""

from __future__ import annotations

import re

from actorgraph.extract.base import Family, Roles
from actorgraph.extract.lexicon_patterns import cue
from actorgraph.normalize import find_date


class RecognitionRules(Family):
    name = "recognition"

    def sentence(self, index: int) -> None:
        start, end = self.bounds(index)
        self.verbs(start, end)
        self.withdrawals(start, end)
        self.occupation(start, end)

    def verbs(self, start: int, end: int) -> None:
        flat = self.flat
        negation = cue("negation_words").pattern
        nobody = cue("recognition_none")
        independent = r"(?:as\s+(?:an?\s+)?(?:independent|sovereign)(?:\s+(?:state|nation|country|republic))?\s+)?"
        by_agent = re.compile(r"\s+(?:" + cue("recognition_adverbs").pattern + r"\s+)?" + independent + r"by\s+")
        for verb in cue("recognize_verbs").finditer(flat, start, end):
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
                polities = self.polities_before(verb.start(), start, plural=False)
                for state in self.state_list(list_start, end):
                    for polity in polities:
                        self.recognition(
                            state, polity, stance, verb.start(), None if negated else date, "recognition.recognized-by"
                        )
                continue
            include = re.match(r"\s+(?P<object>.{1,80}?)\s+(?:include|includes|included|are|were)\s+", after)
            countries = r"\b(?:countries|states|nations|governments)\s+(?:that|which|who)\s+(?:have\s+|has\s+)?$"
            if include and re.search(countries, flat[max(start, verb.start() - 40) : verb.start()]):
                polities = self.polity_object(verb.end(), verb.end() + include.end("object"), start)
                for state in self.state_list(verb.end() + include.end(), end):
                    for polity in polities:
                        self.recognition(
                            state, polity, "recognizes", verb.start(), date, "recognition.countries-include"
                        )
                continue
            polities = self.polity_object(verb.end(), min(end, verb.end() + 60), start)
            rule = "recognition.negated" if negated else "recognition.active"
            for subject in self.state_subjects(verb.start(), start):
                for polity in polities:
                    self.recognition(subject, polity, stance, verb.start(), None if negated else date, rule)

    def withdrawals(self, start: int, end: int) -> None:
        for withdraw in cue("withdraw_phrases").finditer(self.flat, start, end):
            # "withdrew its recognition" with no "of X": the polity the text is about
            polities = self.polity_object(withdraw.end(), min(end, withdraw.end() + 60), start)
            polities = polities or self.polities_before(withdraw.start(), start, plural=False)
            for subject in self.state_subjects(withdraw.start(), start):
                for polity in polities:
                    self.recognition(
                        subject,
                        polity,
                        "withdrew",
                        withdraw.start(),
                        self.stance_date(start, end, withdraw.start()),
                        "recognition.withdrew",
                    )

    def occupation(self, start: int, end: int) -> None:
        """'Georgia calls Abkhazia occupied territory', 'considers it part of its territory'."""
        verbs = r"(?<![\w-])(?:" + cue("regard_verbs").pattern + r")\s+"
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
            if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", self.flat[previous.span.end : current.span.start]):
                break
            subjects.append(previous.key)
            current = previous
        return list(dict.fromkeys(subjects))

    def state_list(self, position: int, end: int) -> list[str]:
        return [key for key in self.actor_list(position, end, ("State",)) if self.ctx.type_of(key) == "State"]

    def polity_object(self, start: int, end: int, floor: int) -> list[str]:
        """What a recognition verb is about: named polities, or 'it'/'them' read back to earlier ones."""
        named = self.mentions(start, end, ("State",))
        text = self.flat[start:end]
        plural = cue("polity_anaphora").search(text)
        singular = cue("polity_anaphora_singular").search(text)
        first_named = named[0].span.start - start if named else len(text) + 1
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
            after = re.search(r"[,;]|\bwhile\b|\bbut\b", self.flat[verb:end])
            start, end = max(start, before + 1), verb + after.start() if after else end
        date = find_date(self.text[start:end])
        return date[0] if date else None
