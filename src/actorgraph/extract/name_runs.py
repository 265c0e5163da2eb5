"""Names never seen before, from capitalised runs of words: persons by given names, surname
endings, patronymics and role cues; bodies by their head words and cues; a bare surname referring
back to a full name; names coordinated with other persons' names."""

from __future__ import annotations

import re
from functools import cache

from actorgraph.extract.lexicon_patterns import cue
from actorgraph.extract.mention_building import MentionBuilder, Scan
from actorgraph.extract.name_shapes import (
    Token,
    body_heads,
    candidate_words,
    given_names,
    lexicon_words,
    one_edit_apart,
    person_cues,
    surname_endings,
    title_words,
)
from actorgraph.extract.party_names import (
    after_party_cue,
    body_by_cue,
    capitalised_heads,
    determiner_party,
    joins_plural_possessive,
)
from actorgraph.extract.pattern_cache import compiled
from actorgraph.normalize import (
    fold,
    is_patronymic,
    name_parts,
    translit_key,
)
from actorgraph.records import EntityType, Mention

_WORD_CHARACTER = re.compile(r"\w")  # asked of every capitalised token


class NameRuns(MentionBuilder):
    # --- 3. capitalised sequences -------------------------------------------------------------

    def _capitalised_pass(self, context: Scan) -> None:
        pending: list[tuple[int, int]] = []
        for first, last in self._runs(context):
            if not self._classify_run(context, first, last):
                pending.append((first, last))
        # A surname used before the full name ("Kochiev's candidacy ... Zaur Kochiev").
        still: list[tuple[int, int]] = []
        for first, last in pending:
            if (
                last - first == 1
                and not self._sentence_initial_word(context.tokens, first)
                and self._bare_surname(context, first, cued=False)
            ):
                context.claim(first, last)
            else:
                still.append((first, last))
        pending = still
        # Coordination: "Sergei Shoigu, Constantine Kosachov and Franc Klincebish".
        for first, last in pending:
            if self._owns_a_person(context, first, last):  # "New Way's Petru Lupu": a party before its candidate
                self._add_organization(context, first, last, "PoliticalParty", "party.possessive-owner")
            elif 2 <= last - first <= 3 and self._coordinated_with_person(context, first, last):
                self._add_person(context, first, last, rule="name.coordination")

    def _owns_a_person(self, context: Scan, first: int, last: int) -> bool:
        tokens = context.tokens
        if last + 1 >= len(tokens) or not tokens[last].is_possessive or last - first > 4:
            return False
        owned = self._mention_starting_at(context, tokens[last + 1].start)
        return owned is not None and owned.type == "Person"

    @staticmethod
    def _syllable_tail(tokens: list[Token], first: int, dash: int) -> bool:
        """A glued '-te' after the second capitalised word of a run: one syllable of a given name."""
        if dash - first < 2 or tokens[dash].text != "-" or dash + 1 >= len(tokens):
            return False
        if not (tokens[dash - 1].is_capitalised and tokens[dash - 2].is_capitalised):
            return False
        tail = tokens[dash + 1]
        glued = tokens[dash - 1].end == tokens[dash].start and tokens[dash].end == tail.start
        return (
            glued
            and tail.text.isalpha()
            and tail.text.islower()
            # a syllable ('-te', '-wen', '-kwang'), not a word glued to a name ('-backed', '-led')
            and (len(tail.text) <= 4 or (len(tail.text) <= 6 and re.search(r"(?:[aeiou]|ng?)$", tail.text) is not None))
            and (dash + 2 >= len(tokens) or not tokens[dash + 2].text.isalpha() or tokens[dash + 2].start > tail.end)
        )

    @staticmethod
    def _party_name_link(tokens: list[Token], j: int, claimed: list[bool]) -> int:
        """How many small words at `j` join a party's name after its head: 'of' (and 'of the')
        after 'Party', 'Movement', 'Union'...; then 'and' before the name's last word. 0 if none."""
        heads = lexicon_words("party_heads_folded")
        link = tokens[j].folded
        if link in ("of", "for") and tokens[j - 1].folded in heads:
            width = 2 if j + 1 < len(tokens) and tokens[j + 1].folded == "the" else 1
        elif link == "and" and any(t.folded in ("of", "for") for t in tokens[max(0, j - 3) : j - 1]):
            # one last word, no given name: "Action and Solidarity", not "Regions and Yulia Tymoshenko"
            longer = j + 2 < len(tokens) and tokens[j + 2].is_capitalised
            named = j + 1 < len(tokens) and tokens[j + 1].folded in given_names()
            width = 0 if longer or named else 1
        else:
            return 0
        nxt = j + width
        if nxt >= len(tokens) or claimed[nxt] or not tokens[nxt].is_capitalised:
            return 0
        return width

    def _runs(self, context: Scan) -> list[tuple[int, int]]:
        tokens = context.tokens
        particles = lexicon_words("name_particles")
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            if context.claimed[i] or not tokens[i].is_capitalised:
                i += 1
                continue
            j = i + 1
            while j < len(tokens) and not context.claimed[j]:
                token = tokens[j]
                if "\n" in context.document.text[tokens[j - 1].end : token.start]:
                    break  # a line break ends a name: captions, credits and headings stand on lines of their own
                followed = j + 1 < len(tokens) and tokens[j + 1].is_capitalised
                if (token.is_capitalised and _WORD_CHARACTER.match(token.text)) or (
                    token.folded in particles and followed
                ):
                    j += 1
                elif token.is_possessive and followed and tokens[j - 1].folded in lexicon_words("collective_nouns"):
                    j += 1  # "the Abkhaz People's Movement"
                elif joins_plural_possessive(tokens, j):
                    j += 1  # "the Farmers' Party"
                elif token.text == "-" and followed and tokens[j - 1].end == token.start == tokens[j + 1].start - 1:
                    j += 1  # a hyphenated name, "Ter-Grigoryan", is one word
                elif width := self._party_name_link(tokens, j, context.claimed):
                    j += width  # "the Party of Action and Solidarity", "the Party of Regions"
                elif self._syllable_tail(tokens, i, j):
                    j += 2  # "Lai Ching-te", "Tsai Ing-wen": a given name's second syllable
                    break
                else:
                    break
            runs.append((i, j))
            i = j
        return runs

    def _classify_run(self, context: Scan, first: int, last: int) -> bool:
        tokens = context.tokens
        if self._party_after_cue(context, first, last):
            return True
        if self._after_portfolio(context, first):
            return self._name_after_portfolio(context, first, last)
        # "Presidential Candidate X", "PAS Candidate X": a candidate word is never part of a name
        for k in range(last - 2, first, -1):
            if tokens[k].folded in candidate_words():
                self._classify_run(context, first, k)
                return self._classify_person(context, k + 1, last, tokens[k].folded)
        not_names = lexicon_words("not_names")
        cue = None
        following = [t.folded for t in tokens[last : last + 2]]
        lead = first + (tokens[first].folded in ("the", "a", "an"))
        if last - lead == 1 and last < len(tokens) and context.claimed[last] and following[:1] == ["party"]:
            return True  # "the Moldovan Party of Socialists": an adjective before a party already named
        if following[:1] in (["party"], ["parties"]) or following in (["opposition", "party"], ["ruling", "party"]):
            # "the Justice party": a party's name may be an ordinary word, so read it before the name filter
            while first < last and tokens[first].folded in ("the", "a", "an"):
                first += 1
            if first < last:
                return self._add_organization(context, first, last, "PoliticalParty", "party.cue")
        party_heads = lexicon_words("party_heads_folded")
        if any(
            tokens[k].folded in party_heads and tokens[k + 1].folded in ("of", "for") for k in range(lead, last - 1)
        ):  # "the Party of Regions", "the Democratic Party of Socialists"
            return self._add_organization(context, lead, last, "PoliticalParty", "party.head")
        named = determiner_party(tokens, first, last, title_words())
        if named is not None:
            return self._add_organization(context, named, last, "PoliticalParty", "party.head")
        body = body_by_cue(tokens, first, last, following, self.dictionary.demonyms, self._person_of(context, first))
        if body is not None:
            return self._add_organization(context, body[0], last, body[1], body[2])
        # Leading words that are not names ("The", "Lawmaker", "According", a sentence-initial
        # "Later") may be role cues; so may titles and demonyms ("Norwegian Prime Minister X").
        names_a_body = tokens[last - 1].folded in body_heads()  # "Abkhaz People's Movement" keeps "Abkhaz"
        # a body's name may hold words no person's name does ("Central Bank", "State Security Service")
        body_first = first
        while body_first < last and (
            tokens[body_first].folded in ("the", "a", "an")
            or (self._sentence_initial(tokens, body_first) and tokens[body_first].folded in not_names)
        ):
            body_first += 1
        while first < last and (
            tokens[first].folded in not_names
            or tokens[first].folded in person_cues()
            or (not names_a_body and tokens[first].folded in title_words())
            or (not names_a_body and tokens[first].folded in self.dictionary.demonyms)
            or tokens[first].folded in candidate_words()
            or (self._sentence_initial(tokens, first) and tokens[first].folded.endswith("ly") and last - first > 1)
        ):
            if tokens[first].folded in person_cues() or tokens[first].folded in title_words():
                cue = tokens[first].folded
            first += 1
        if names_a_body and last - body_first >= 2:
            first = min(first, body_first)
        if first >= last:
            return True
        # "the Christian Democratic Movement Giorgi Targamadze": a body's name, then a person's.
        heads = body_heads()
        for split in range(last - 2, min(first, body_first), -1):
            if (
                tokens[split].folded in heads
                and tokens[split + 1].folded not in heads
                and tokens[split + 1].is_capitalised
            ):
                self._classify_run(context, body_first if split >= body_first else first, split + 1)
                self._classify_run(context, split + 1, last)
                return True
        words = [t.text for t in tokens[first:last]]
        head = fold(words[-1])
        if head in _capitalised_party_heads() and len(words) >= 2:
            return self._add_organization(context, first, last, "PoliticalParty", "party.head")
        if head in lexicon_words("place_heads") and len(words) >= 2:
            return self._add_organization(context, first, last, "Place", "place.head")
        if head in lexicon_words("organization_heads") and len(words) >= 2:
            kind: EntityType = "GovernmentBody" if head in lexicon_words("government_heads") else "Organization"
            return self._add_organization(context, first, last, kind, "organization.head")
        if self._after_media_cue(tokens, first) or (following[:2] in (["news", "agency"],) and len(words) <= 3):
            return self._add_organization(context, first, last, "MediaOutlet", "media.cue")
        if head in lexicon_words("media_heads") and len(words) >= 2:
            return self._add_organization(context, first, last, "MediaOutlet", "media.head")
        return (
            self._classify_person(context, first, last, cue)
            or self._after_title_words(context, first, last)
            or self._name_at_the_end(context, first, last)
        )

    @staticmethod
    def _after_portfolio(context: Scan, first: int) -> bool:
        tokens = context.tokens
        return (
            first >= 2
            and tokens[first - 1].folded in ("for", "to")
            and tokens[first - 2].folded in lexicon_words("titles_with_portfolio")
        )

    def _name_after_portfolio(self, context: Scan, first: int, last: int) -> bool:
        """'Minister for Nordic Cooperation Petra Holm': the portfolio's words, then perhaps the name;
        the portfolio's words are never a name of their own."""
        for length in (2, 3):
            if last - first > length and self._classify_person(context, last - length, last, "minister"):
                context.claim(first, last - length)
                return True
        context.claim(first, last)
        return True

    def _party_after_cue(self, context: Scan, first: int, last: int) -> bool:
        """'the opposition party Nartaa': a name after a party cue, unless it is shaped like a person's."""
        tokens = context.tokens
        words = [t.folded for t in tokens[first:last]]
        person_like = words[0] in given_names() or (len(words) >= 2 and words[-1].endswith(surname_endings()))
        if person_like or len(words) > 4 or not after_party_cue(tokens, first):
            return False
        return self._add_organization(context, first, last, "PoliticalParty", "party.cue")

    def _after_title_words(self, context: Scan, first: int, last: int) -> bool:
        """'Danish Prime Minister Halvard Fennick': demonyms and title words before a name are its role cue."""
        tokens = context.tokens
        i = first
        while i < last - 1 and (tokens[i].folded in self.dictionary.demonyms or tokens[i].folded in title_words()):
            i += 1
        if i == first or tokens[i - 1].folded not in person_cues():
            return False
        return self._classify_person(context, i, last, tokens[i - 1].folded)

    def _name_at_the_end(self, context: Scan, first: int, last: int) -> bool:
        """'Central Elections Commission Otar Bagrua': a body's name run together with the known given name after it."""
        tokens = context.tokens
        for length in (3, 2):
            start = last - length
            if start > first and tokens[start].folded in given_names():
                if not self._classify_person(context, start, last, None):
                    continue
                if not self._classify_run(context, first, start):
                    context.claim(first, start)
                return True
        return False

    def _classify_person(self, context: Scan, first: int, last: int, cue: str | None) -> bool:
        tokens = context.tokens
        words = context.span(first, last).quote.split()  # "Ter-Grigoryan" is one word of three tokens
        if len(words) == 1 and last - first > 1:
            return False
        not_names = lexicon_words("not_names")
        if any(fold(w) in not_names for w in words) or any(fold(w) in self.dictionary.demonyms for w in words):
            return False
        if any("/" in w for w in words):
            return False  # "Photo/Alexander": a credit line, not a name
        cued = cue in lexicon_words("person_cues") or cue in candidate_words() or self._after_person_cue(tokens, first)
        if len(words) == 1:
            return self._bare_surname(context, first, cued)
        cued = cued or self._before_person_apposition(tokens, last)
        core = [w for w in words if not is_patronymic(w)]
        if not 2 <= len(core) <= 3 or len(words) > 4:
            return False
        given, surname = name_parts(" ".join(words))
        if fold(given) in given_names():
            return self._add_person(context, first, last, rule="name.given-name")
        if len(words) == 3 and is_patronymic(words[-1]):
            return self._add_person(context, first, last, rule="name.russian-order")
        if fold(surname).endswith(surname_endings()) and (cued or len(core) == 2):
            return self._add_person(context, first, last, rule="name.surname-ending" if not cued else "name.role-cue")
        if cued:
            return self._add_person(context, first, last, rule="name.role-cue")
        return False

    @staticmethod
    def _before_person_apposition(tokens: list[Token], last: int) -> bool:
        """'Andrian Candu, a former speaker of parliament': an apposition naming a person's role."""
        if last >= len(tokens) or tokens[last].text != ",":
            return False
        after = tokens[last + 1 : last + 6]
        if len(after) > 2 and after[0].is_capitalised and after[1].is_possessive:
            after = after[2:]  # "X Y, Nauru's ambassador to Taiwan"
        following = [t.folded for t in after[:3]]
        while following and (following[0] in ("a", "an", "the") or following[0] in lexicon_words("status_former")):
            following.pop(0)
        return bool(following) and following[0] in person_cues()

    def _bare_surname(self, context: Scan, index: int, cued: bool) -> bool:
        token = context.tokens[index]
        key = translit_key(token.text)
        if len(key) < 3:
            return False
        span = context.span(index, index + 1)
        # "Abdirahman Mohamed Abdullahi, better known as Irro": the comma ends the name the alias is for
        floor = max(0, token.start - 60)
        intro = _bare_surname_intro()
        known = intro.search(context.document.text[floor : token.start])
        owner = context.by_end.get(floor + known.start()) if known else None
        if owner is not None and owner.type == "Person":
            context.aliases[key] = context.persons.get(owner.key, owner)  # "X Y Z, better known as Irro"
        alias = context.aliases.get(key)
        if alias is not None:
            self._append(context, Mention(span, "Person", alias.key, alias.name, alias.reference, "name.alias"))
            return True
        namesakes = [
            context.persons[k]
            for k in context.by_surname.get(key, {})
            if translit_key(name_parts(context.persons[k].name)[1]) == key
        ]
        if namesakes:
            # Two people of one surname ("Serzh and Tigran S."): the one named more often, else nobody.
            counts = context.person_counts
            ranked = sorted(namesakes, key=lambda m: counts[m.key], reverse=True)
            if len(ranked) > 1 and counts[ranked[0].key] == counts[ranked[1].key]:
                return True
            mention = ranked[0]
            self._append(
                context,
                Mention(span, "Person", mention.key, mention.name, mention.reference, "name.surname-coreference"),
            )
            return True
        entries = self.dictionary.by_surname_key.get(key, ())
        if len(entries) == 1:
            self._person_mention(context, span, entries[0].label, entries[0], rule="dictionary.surname")
            return True
        for mention in reversed(list(context.persons.values())):
            surname = name_parts(mention.name)[1]
            if one_edit_apart(surname, token.text):
                self._append(
                    context,
                    Mention(span, "Person", mention.key, mention.name, mention.reference, "name.surname-coreference"),
                )
                return True
        if cued and fold(token.text).endswith(surname_endings()):
            self._person_mention(context, span, token.text, None, rule="name.role-cue")
            return True
        return False


@cache
def _capitalised_party_heads() -> frozenset[str]:
    """`capitalised_heads`, folded: a run of names they end is a party."""
    return frozenset(map(fold, capitalised_heads()))


@cache
def _bare_surname_intro() -> re.Pattern[str]:
    return compiled(r",\s*" + cue("alias_intros").pattern + r"\s+$", re.IGNORECASE)
