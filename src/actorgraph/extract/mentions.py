"""Find mentions of actors and places in a document's text.

Three sources of evidence, in order:
1. the reference dictionary (ontology/actors.ttl), longest match first;
2. generic bodies ("the election commission", "Russia's Defence Ministry"), named with
   the state a possessive, demonym or "of X" gives, else the document's main polity;
3. for names never seen before, the shape of capitalised sequences: given-name lists,
   surname endings, patronymics, role cues ("lawmaker X"), party and media cues, and
   coordination with other person names ("Sergei Shoigu, ... and Franc Klincebish").
A bare surname refers back to the full name earlier in the document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from actorgraph.extract.dictionary import Dictionary, Entry, default_dictionary
from actorgraph.extract.name_shapes import (
    Token,
    tokenize,
)
from actorgraph.extract.name_shapes import (
    body_heads as _body_heads,
)
from actorgraph.extract.name_shapes import (
    candidate_words as _candidate_words,
)
from actorgraph.extract.name_shapes import (
    case_agrees as _case_agrees,
)
from actorgraph.extract.name_shapes import (
    given_names as _given_names,
)
from actorgraph.extract.name_shapes import (
    lexicon_phrases as _phrases,
)
from actorgraph.extract.name_shapes import (
    lexicon_words as _words,
)
from actorgraph.extract.name_shapes import (
    one_edit_apart as _one_edit_apart,
)
from actorgraph.extract.name_shapes import (
    person_cues as _person_cues,
)
from actorgraph.extract.name_shapes import (
    surname_endings as _surname_endings,
)
from actorgraph.extract.name_shapes import (
    title_words as _title_words,
)
from actorgraph.extract.party_names import (
    after_party_cue,
    body_by_cue,
    determiner_party,
    joins_plural_possessive,
    state_party_start,
)
from actorgraph.lexicon import lexicon
from actorgraph.normalize import (
    display_name,
    fold,
    given_name_key,
    is_patronymic,
    name_parts,
    person_key,
    translit_key,
)
from actorgraph.records import Document, EntityType, Mention, Span

_TYPE_PRIORITY: dict[str, int] = {
    "State": 0,
    "Person": 1,
    "PoliticalParty": 2,
    "GovernmentBody": 3,
    "MediaOutlet": 4,
    "Organization": 5,
    "Place": 6,
}


@dataclass
class _Context:
    document: Document
    tokens: list[Token]
    claimed: list[bool]
    mentions: list[Mention] = field(default_factory=list)
    persons: dict[str, Mention] = field(default_factory=dict)  # key -> fullest mention
    acronyms: dict[str, Mention] = field(default_factory=dict)
    polity: str | None = None

    def claim(self, first: int, last: int) -> None:
        for i in range(first, last):
            self.claimed[i] = True

    def free(self, first: int, last: int) -> bool:
        return not any(self.claimed[first:last])

    def span(self, first: int, last: int) -> Span:
        return Span.of(self.document.text, self.tokens[first].start, self.tokens[last - 1].end)


class MentionFinder:
    def __init__(self, dictionary: Dictionary | None = None) -> None:
        self.dictionary = dictionary or default_dictionary()

    def find(self, document: Document) -> list[Mention]:
        tokens = tokenize(document.text)
        context = _Context(document, tokens, [False] * len(tokens))
        self._dictionary_pass(context)
        context.polity = self.main_polity(document, context.mentions)
        self._generic_body_pass(context)
        self._capitalised_pass(context)
        return sorted(context.mentions, key=lambda m: (m.span.start, m.span.end, m.key))

    # --- 1. dictionary ------------------------------------------------------------------------

    def _dictionary_pass(self, context: _Context) -> None:
        tokens = context.tokens
        i = 0
        while i < len(tokens):
            found = self._longest_entry(tokens, i)
            if found is None:
                i += 1
                continue
            length, entry = found
            if length == 1 and entry.type in ("Place", "State") and self._given_name_before_surname(tokens, i):
                i += 1  # "Victoria Tamarenko": a given name that is also a place, left to the name pass
                continue
            if length == 1 and entry.type == "State" and self._given_name_after_title(tokens, i):
                i += 1  # "Foreign Minister Israel Katz": a state's name as a given name, left to the name pass
                continue
            party_start = state_party_start(tokens, i, context.claimed) if entry.type == "State" else None
            if party_start is not None:  # "Free Georgia", "Democratic Movement - United Georgia"
                self._add_organization(context, party_start, i + length, "PoliticalParty", "party.state-name")
                i += length
                continue
            span = context.span(i, i + length)
            if entry.type == "Person":
                mention = self._person_mention(context, span, entry.label, entry, rule="dictionary")
            else:
                mention = Mention(span, entry.type, entry.iri, entry.label, entry.iri, "dictionary")
                context.mentions.append(mention)
            context.claim(i, i + length)
            self._register_acronym(context, i + length, mention)
            i += length

    @staticmethod
    def _given_name_before_surname(tokens: list[Token], i: int) -> bool:
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        return (
            tokens[i].folded in _given_names()
            and following is not None
            and following.is_capitalised
            and following.folded.endswith(_surname_endings())
        )

    def _given_name_after_title(self, tokens: list[Token], i: int) -> bool:
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        return (
            i > 0
            and tokens[i - 1].is_capitalised
            and tokens[i - 1].folded in _person_cues()
            and following is not None
            and following.is_capitalised
            and following.folded not in self.dictionary.longest_from
            and following.folded not in _words("not_names")
        )

    def _longest_entry(self, tokens: list[Token], i: int) -> tuple[int, Entry] | None:
        longest = self.dictionary.longest_from.get(tokens[i].folded, 0)
        for length in range(min(longest, len(tokens) - i), 0, -1):
            window = tokens[i : i + length]
            if any(t.is_possessive for t in window):
                continue
            entries = self.dictionary.by_tokens.get(tuple(t.folded for t in window))
            if not entries:
                continue
            surface = " ".join(t.text for t in window)
            matching = [e for e in entries if _case_agrees(surface, e)]
            if matching:
                return length, min(matching, key=lambda e: _TYPE_PRIORITY[e.type])
        return None

    # --- 2. generic bodies --------------------------------------------------------------------

    def _generic_body_pass(self, context: _Context) -> None:
        bodies = _phrases("generic_bodies")
        longest = max(len(k) for k in bodies)
        tokens = context.tokens
        i = 0
        while i < len(tokens):
            hit = None
            for length in range(min(longest, len(tokens) - i), 0, -1):
                key = tuple(t.folded for t in tokens[i : i + length])
                if key in bodies and context.free(i, i + length):
                    hit = (length, bodies[key])
                    break
            if hit is None:
                i += 1
                continue
            length, canonical = hit
            if self._inside_title(tokens, i, length):
                i += length
                continue
            last = i + length
            state, extended = self._body_jurisdiction(context, i, last)
            name = f"{canonical} of {self.dictionary.entries[state].label}" if state else canonical
            mention = Mention(
                context.span(i, extended), "GovernmentBody", "body:" + fold(name), name, None, "generic-body"
            )
            context.mentions.append(mention)
            context.claim(i, last)
            self._register_acronym(context, last, mention)
            i = last

    @staticmethod
    def _inside_title(tokens: list[Token], i: int, length: int) -> bool:
        """'deputy parliament speaker' is a title, not a mention of parliament."""
        before = tokens[i - 1].folded if i > 0 else ""
        after = tokens[i + length].folded if i + length < len(tokens) else ""
        return tokens[i].folded == "parliament" and (
            before in ("deputy", "vice") or after in ("speaker", "member", "members", "deputy")
        )

    def _body_jurisdiction(self, context: _Context, first: int, last: int) -> tuple[str | None, int]:
        tokens = context.tokens
        j = first - 1
        modifiers = _words("office_modifiers") | {"de", "facto", "de-facto", "so-called", "local"}
        while j >= 0 and tokens[j].folded in modifiers:
            j -= 1
        if j >= 0 and tokens[j].is_possessive:
            owner = self._mention_ending_at(context, tokens[j - 1].end) if j > 0 else None
            if owner is not None and owner.reference:
                state = self.dictionary.state_for(owner.reference)
                if state:
                    return state, last
        if j >= 0 and tokens[j].folded in self.dictionary.demonyms:
            return self.dictionary.demonyms[tokens[j].folded].iri, last
        if last + 1 < len(tokens) and tokens[last].folded == "of":
            owner = self._mention_starting_at(context, tokens[last + 1].start)
            if owner is not None and owner.reference and self.dictionary.state_for(owner.reference):
                end_index = next(k for k in range(last + 1, len(tokens)) if tokens[k].end >= owner.span.end)
                if end_index + 1 < len(tokens) and tokens[end_index + 1].is_possessive:
                    # "the Supreme Council of Moldova's separatist Transnistria region": Transnistria's
                    inner = [
                        m
                        for m in context.mentions
                        if owner.span.end < m.span.start <= owner.span.end + 40 and m.type == "State"
                    ]
                    if inner and inner[0].reference:
                        return self.dictionary.state_for(inner[0].reference), last
                    return context.polity, last
                return self.dictionary.state_for(owner.reference), end_index + 1
        # "the Russian regional ministry and the law enforcement agencies": the state carries over.
        if j >= 0 and tokens[j].folded == "and":
            previous = self._mention_ending_at(context, tokens[j - 1].end) if j > 0 else None
            if previous is not None and previous.type == "GovernmentBody" and " of " in previous.name:
                for entry in self.dictionary.entries.values():
                    if entry.type == "State" and previous.name.endswith(" of " + entry.label):
                        return entry.iri, last
        return context.polity, last

    # --- 3. capitalised sequences -------------------------------------------------------------

    def _capitalised_pass(self, context: _Context) -> None:
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
            if 2 <= last - first <= 3 and self._coordinated_with_person(context, first, last):
                self._add_person(context, first, last, rule="name.coordination")

    def _runs(self, context: _Context) -> list[tuple[int, int]]:
        tokens = context.tokens
        particles = _words("name_particles")
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
                if (token.is_capitalised and re.match(r"\w", token.text)) or (token.folded in particles and followed):
                    j += 1
                elif token.is_possessive and followed and tokens[j - 1].folded in _words("collective_nouns"):
                    j += 1  # "the Abkhaz People's Movement"
                elif joins_plural_possessive(tokens, j):
                    j += 1  # "the Farmers' Party"
                elif token.text == "-" and followed and tokens[j - 1].end == token.start == tokens[j + 1].start - 1:
                    j += 1  # a hyphenated name, "Ter-Grigoryan", is one word
                else:
                    break
            runs.append((i, j))
            i = j
        return runs

    def _classify_run(self, context: _Context, first: int, last: int) -> bool:
        tokens = context.tokens
        if self._party_after_cue(context, first, last):
            return True
        not_names = _words("not_names")
        cue = None
        following = [t.folded for t in tokens[last : last + 2]]
        if following[:1] in (["party"], ["parties"]) or following in (["opposition", "party"], ["ruling", "party"]):
            # "the Justice party": a party's name may be an ordinary word, so read it before the name filter
            while first < last and tokens[first].folded in ("the", "a", "an"):
                first += 1
            if first < last:
                return self._add_organization(context, first, last, "PoliticalParty", "party.cue")
        named = determiner_party(tokens, first, last, _title_words())
        if named is not None:
            return self._add_organization(context, named, last, "PoliticalParty", "party.head")
        body = body_by_cue(tokens, first, last, following, self.dictionary.demonyms, self._person_of(context, first))
        if body is not None:
            return self._add_organization(context, body[0], last, body[1], body[2])
        # Leading words that are not names ("The", "Lawmaker", "According", a sentence-initial
        # "Later") may be role cues; so may titles and demonyms ("Norwegian Prime Minister X").
        names_a_body = tokens[last - 1].folded in _body_heads()  # "Abkhaz People's Movement" keeps "Abkhaz"
        # a body's name may hold words no person's name does ("Central Bank", "State Security Service")
        body_first = first
        while body_first < last and (
            tokens[body_first].folded in ("the", "a", "an")
            or (self._sentence_initial(tokens, body_first) and tokens[body_first].folded in not_names)
        ):
            body_first += 1
        while first < last and (
            tokens[first].folded in not_names
            or tokens[first].folded in _person_cues()
            or (not names_a_body and tokens[first].folded in _title_words())
            or (not names_a_body and tokens[first].folded in self.dictionary.demonyms)
            or tokens[first].folded in _candidate_words()
            or (self._sentence_initial(tokens, first) and tokens[first].folded.endswith("ly") and last - first > 1)
        ):
            if tokens[first].folded in _person_cues() or tokens[first].folded in _title_words():
                cue = tokens[first].folded
            first += 1
        if names_a_body and last - body_first >= 2:
            first = min(first, body_first)
        if first >= last:
            return True
        # "the Christian Democratic Movement Giorgi Targamadze": a body's name, then a person's.
        heads = _body_heads()
        for split in range(last - 2, min(first, body_first), -1):
            if tokens[split].folded in heads and tokens[split + 1].folded not in heads:
                self._classify_run(context, body_first if split >= body_first else first, split + 1)
                self._classify_run(context, split + 1, last)
                return True
        words = [t.text for t in tokens[first:last]]
        head = fold(words[-1])
        if head in {fold(h) for h in lexicon()["party_heads"] if h[0].isupper()} and len(words) >= 2:
            return self._add_organization(context, first, last, "PoliticalParty", "party.head")
        if head in {fold(h) for h in lexicon()["place_heads"]} and len(words) >= 2:
            return self._add_organization(context, first, last, "Place", "place.head")
        if head in {fold(h) for h in lexicon()["organization_heads"]} and len(words) >= 2:
            kind: EntityType = "GovernmentBody" if head in _words("government_heads") else "Organization"
            return self._add_organization(context, first, last, kind, "organization.head")
        if self._after_media_cue(tokens, first) or (following[:2] in (["news", "agency"],) and len(words) <= 3):
            return self._add_organization(context, first, last, "MediaOutlet", "media.cue")
        if head in {fold(h) for h in lexicon()["media_heads"]} and len(words) >= 2:
            return self._add_organization(context, first, last, "MediaOutlet", "media.head")
        return (
            self._classify_person(context, first, last, cue)
            or self._after_title_words(context, first, last)
            or self._name_at_the_end(context, first, last)
            or self._name_after_portfolio(context, first, last)
        )

    def _name_after_portfolio(self, context: _Context, first: int, last: int) -> bool:
        """'Minister for Nordic Cooperation Petra Holm': the portfolio's words, then the name."""
        tokens = context.tokens
        cued = (
            first >= 2
            and last - first >= 3
            and tokens[first - 1].folded in ("for", "to")
            and tokens[first - 2].folded in _words("titles_with_portfolio")
        )
        if not cued or not self._classify_person(context, last - 2, last, tokens[first - 2].folded):
            return False
        context.claim(first, last - 2)
        return True

    def _party_after_cue(self, context: _Context, first: int, last: int) -> bool:
        """'the opposition party Nartaa': a name after a party cue, unless it is shaped like a person's."""
        tokens = context.tokens
        words = [t.folded for t in tokens[first:last]]
        person_like = words[0] in _given_names() or (len(words) >= 2 and words[-1].endswith(_surname_endings()))
        if person_like or len(words) > 4 or not after_party_cue(tokens, first):
            return False
        return self._add_organization(context, first, last, "PoliticalParty", "party.cue")

    def _after_title_words(self, context: _Context, first: int, last: int) -> bool:
        """'Danish Prime Minister Halvard Fennick': demonyms and title words before a name are its role cue."""
        tokens = context.tokens
        i = first
        while i < last - 1 and (tokens[i].folded in self.dictionary.demonyms or tokens[i].folded in _title_words()):
            i += 1
        if i == first or tokens[i - 1].folded not in _person_cues():
            return False
        return self._classify_person(context, i, last, tokens[i - 1].folded)

    def _name_at_the_end(self, context: _Context, first: int, last: int) -> bool:
        """'Central Elections Commission Otar Bagrua': a body's name run together with the known given name after it."""
        tokens = context.tokens
        for length in (3, 2):
            start = last - length
            if start > first and tokens[start].folded in _given_names():
                if not self._classify_person(context, start, last, None):
                    continue
                if not self._classify_run(context, first, start):
                    context.claim(first, start)
                return True
        return False

    def _classify_person(self, context: _Context, first: int, last: int, cue: str | None) -> bool:
        tokens = context.tokens
        words = context.span(first, last).quote.split()  # "Ter-Grigoryan" is one word of three tokens
        if len(words) == 1 and last - first > 1:
            return False
        not_names = _words("not_names")
        if any(fold(w) in not_names for w in words) or any(fold(w) in self.dictionary.demonyms for w in words):
            return False
        if any("/" in w for w in words):
            return False  # "Photo/Alexander": a credit line, not a name
        cued = cue in _words("person_cues") or cue in _candidate_words() or self._after_person_cue(tokens, first)
        if len(words) == 1:
            return self._bare_surname(context, first, cued)
        core = [w for w in words if not is_patronymic(w)]
        if not 2 <= len(core) <= 3 or len(words) > 4:
            return False
        given, surname = name_parts(" ".join(words))
        if fold(given) in _given_names():
            return self._add_person(context, first, last, rule="name.given-name")
        if len(words) == 3 and is_patronymic(words[-1]):
            return self._add_person(context, first, last, rule="name.russian-order")
        if fold(surname).endswith(_surname_endings()) and (cued or len(core) == 2):
            return self._add_person(context, first, last, rule="name.surname-ending" if not cued else "name.role-cue")
        if cued:
            return self._add_person(context, first, last, rule="name.role-cue")
        return False

    def _bare_surname(self, context: _Context, index: int, cued: bool) -> bool:
        token = context.tokens[index]
        key = translit_key(token.text)
        if len(key) < 3:
            return False
        span = context.span(index, index + 1)
        namesakes = [m for m in context.persons.values() if translit_key(name_parts(m.name)[1]) == key]
        if namesakes:
            # Two people of one surname ("Serzh and Tigran S."): the one named more often, else nobody.
            counts = Counter(m.key for m in context.mentions if m.type == "Person")
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
            if _one_edit_apart(surname, token.text):
                self._append(
                    context,
                    Mention(span, "Person", mention.key, mention.name, mention.reference, "name.surname-coreference"),
                )
                return True
        if cued and fold(token.text).endswith(_surname_endings()):
            self._person_mention(context, span, token.text, None, rule="name.role-cue")
            return True
        return False

    # --- building mentions --------------------------------------------------------------------

    def _add_person(self, context: _Context, first: int, last: int, rule: str) -> bool:
        span = context.span(first, last)
        name = display_name(span.quote)
        entry = self.dictionary.by_person_key.get(person_key(name)) or self._near_dictionary_person(name)
        self._person_mention(
            context, span, entry.label if entry else name, entry, rule=rule if entry is None else "dictionary.variant"
        )
        context.claim(first, last)
        return True

    def _person_mention(self, context: _Context, span: Span, name: str, entry: Entry | None, rule: str) -> Mention:
        key = f"person:{person_key(name)}" if entry is None else entry.iri
        if entry is None:
            # A spelling one edit from a person already named, with the same given name, is that person.
            given, surname = name_parts(name)
            for other in context.persons.values():
                other_given, other_surname = name_parts(other.name)
                if (
                    given
                    and given_name_key(given) == given_name_key(other_given)
                    and _one_edit_apart(surname, other_surname)
                ):
                    key, name, entry = other.key, other.name, None
                    reference = other.reference
                    mention = Mention(span, "Person", key, name, reference, "name.variant")
                    self._append(context, mention)
                    return mention
        mention = Mention(span, "Person", key, name, entry.iri if entry else None, rule)
        self._append(context, mention)
        return mention

    def _near_dictionary_person(self, name: str) -> Entry | None:
        given, surname = name_parts(name)
        if not given:
            return None
        for entry in self.dictionary.by_surname_key.get(translit_key(surname), ()):
            if given_name_key(name_parts(entry.label)[0]) == given_name_key(given):
                return entry
        return None

    def _append(self, context: _Context, mention: Mention) -> None:
        context.mentions.append(mention)
        if mention.type == "Person":
            current = context.persons.get(mention.key)
            if current is None or len(mention.name) > len(current.name):
                context.persons[mention.key] = mention

    def _add_organization(self, context: _Context, first: int, last: int, kind: EntityType, rule: str) -> bool:
        span = context.span(first, last)
        name = " ".join(span.quote.split())
        prefix = {"PoliticalParty": "party", "MediaOutlet": "media", "Place": "place"}.get(kind, "org")
        mention = Mention(span, kind, f"{prefix}:{fold(name)}", name, None, rule)
        context.mentions.append(mention)
        context.claim(first, last)
        self._register_acronym(context, last, mention)
        return True

    def _register_acronym(self, context: _Context, after: int, mention: Mention) -> None:
        """'Central Election Commission (CEC)': later uses of CEC refer to the same actor."""
        tokens = context.tokens
        if after + 2 < len(tokens) and tokens[after].text == "(" and tokens[after + 2].text == ")":
            acronym = tokens[after + 1].text
            if acronym.isupper() and 2 <= len(acronym) <= 6:
                context.acronyms[acronym] = mention

    # --- context helpers ------------------------------------------------------------------------

    @staticmethod
    def _after_person_cue(tokens: list[Token], first: int) -> bool:
        cues = _person_cues()
        # "her Latvian counterpart, Ruvel Ostrom": one comma may stand between the cue and the name
        previous = [t.folded for t in tokens[max(0, first - 4) : first]]
        if previous[-1:] == [","]:
            previous.pop()
        return bool(previous) and (previous[-1] in cues or " ".join(previous[-2:]) in cues)

    @staticmethod
    def _sentence_initial(tokens: list[Token], index: int) -> bool:
        return index == 0 or tokens[index - 1].text in (".", "!", "?", "\n", "“", '"', ":")

    def _sentence_initial_word(self, tokens: list[Token], index: int) -> bool:
        """A capitalised word opening a sentence that is also an ordinary word is not a surname."""
        return self._sentence_initial(tokens, index) and not fold(tokens[index].text).endswith(_surname_endings())

    @staticmethod
    def _after_media_cue(tokens: list[Token], first: int) -> bool:
        cues = {tuple(fold(w) for w in cue.split()) for cue in lexicon()["media_cues"]}
        previous = tuple(t.folded for t in tokens[max(0, first - 3) : first] if t.text != ",")
        return any(previous[-len(cue) :] == cue for cue in cues if len(previous) >= len(cue))

    def _coordinated_with_person(self, context: _Context, first: int, last: int) -> bool:
        tokens = context.tokens
        before = tokens[first - 1].folded if first > 0 else ""
        if before in (",", "and"):
            neighbour = self._mention_ending_at(context, tokens[first - 2].end) if first > 1 else None
            if neighbour is not None and neighbour.type == "Person":
                return True
        after = tokens[last].folded if last < len(tokens) else ""
        if after in (",", "and") and last + 1 < len(tokens):
            neighbour = self._mention_starting_at(context, tokens[last + 1].start)
            if neighbour is not None and neighbour.type == "Person":
                return True
        return False

    def _person_of(self, context: _Context, first: int) -> bool:
        """'Levon Sargsyan of (the) X': a person's name, then "of", just before the run."""
        tokens = context.tokens
        k = first - 1
        while k >= 0 and tokens[k].folded in ("the", "a", "an"):
            k -= 1
        if k < 1 or tokens[k].folded != "of":
            return False
        before = self._mention_ending_at(context, tokens[k - 1].end)
        return before is not None and before.type == "Person"

    @staticmethod
    def _mention_ending_at(context: _Context, end: int) -> Mention | None:
        for mention in reversed(context.mentions):
            if mention.span.end == end:
                return mention
        return None

    @staticmethod
    def _mention_starting_at(context: _Context, start: int) -> Mention | None:
        for mention in context.mentions:
            if mention.span.start == start:
                return mention
        return None

    def main_polity(self, document: Document, mentions: list[Mention]) -> str | None:
        """The state a document is mostly about: contested polities first, title mentions count triple."""
        counts: Counter[str] = Counter()
        for mention in mentions:
            if mention.reference:
                state = self.dictionary.state_for(mention.reference) or self.dictionary.active_in.get(mention.reference)
                if state:
                    counts[state] += 1
        if document.title:
            title_tokens = tokenize(document.title)
            for index in range(len(title_tokens)):
                found = self._longest_entry(title_tokens, index)
                if found and found[1].type == "State":
                    counts[found[1].iri] += 3
        if not counts:
            return None
        contested = {s: c for s, c in counts.items() if s in self.dictionary.partially_recognized}
        pool = contested or counts
        return max(sorted(pool), key=lambda s: pool[s])
