"""Mentions as they are built: the scan of one document (tokens, claimed tokens, mentions so
far) and the helpers every pass uses to add a person or a body and look at its neighbours."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from actorgraph.extract.dictionary import Dictionary, Entry, default_dictionary
from actorgraph.extract.name_shapes import (
    Token,
    one_edit_apart,
    person_cues,
    surname_endings,
)
from actorgraph.lexicon import lexicon
from actorgraph.normalize import (
    display_name,
    fold,
    given_name_key,
    name_parts,
    person_key,
    translit_key,
)
from actorgraph.records import Document, EntityType, Mention, Span


@dataclass
class Scan:
    """One document's scan: its tokens, which are claimed, and the mentions found so far."""

    document: Document
    tokens: list[Token]
    claimed: list[bool]
    mentions: list[Mention] = field(default_factory=list)
    persons: dict[str, Mention] = field(default_factory=dict)  # key -> fullest mention
    acronyms: dict[str, Mention] = field(default_factory=dict)
    polity: str | None = None
    # indexes kept as mentions are added, so no pass looks through all mentions for each token
    by_start: dict[int, Mention] = field(default_factory=dict)  # the first mention starting there
    by_end: dict[int, Mention] = field(default_factory=dict)  # the last mention ending there
    person_counts: Counter[str] = field(default_factory=Counter)
    by_surname: dict[str, dict[str, None]] = field(default_factory=dict)  # surname key -> person keys
    by_given: dict[str, dict[str, None]] = field(default_factory=dict)  # given-name key -> person keys
    aliases: dict[str, Mention] = field(default_factory=dict)  # "better known as Irro": alias key -> person

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.by_start.setdefault(mention.span.start, mention)
        self.by_end[mention.span.end] = mention
        if mention.type == "Person":
            self.person_counts[mention.key] += 1
            current = self.persons.get(mention.key)
            if current is None or len(mention.name) > len(current.name):
                self.persons[mention.key] = mention
                given, surname = name_parts(mention.name)
                self.by_surname.setdefault(translit_key(surname), {})[mention.key] = None
                if given:
                    self.by_given.setdefault(given_name_key(given), {})[mention.key] = None

    def claim(self, first: int, last: int) -> None:
        for i in range(first, last):
            self.claimed[i] = True

    def free(self, first: int, last: int) -> bool:
        return not any(self.claimed[first:last])

    def span(self, first: int, last: int) -> Span:
        return Span.of(self.document.text, self.tokens[first].start, self.tokens[last - 1].end)


class MentionBuilder:
    def __init__(self, dictionary: Dictionary | None = None) -> None:
        self.dictionary = dictionary or default_dictionary()

    # --- building mentions --------------------------------------------------------------------

    def _add_person(self, context: Scan, first: int, last: int, rule: str) -> bool:
        span = context.span(first, last)
        name = display_name(span.quote)
        entry = self.dictionary.by_person_key.get(person_key(name)) or self._near_dictionary_person(name)
        self._person_mention(
            context, span, entry.label if entry else name, entry, rule=rule if entry is None else "dictionary.variant"
        )
        context.claim(first, last)
        return True

    def _person_mention(self, context: Scan, span: Span, name: str, entry: Entry | None, rule: str) -> Mention:
        key = f"person:{person_key(name)}" if entry is None else entry.iri
        if entry is None:
            # A spelling one edit from a person already named, with the same given name, is that person.
            given, surname = name_parts(name)
            for other_key in context.by_given.get(given_name_key(given), {}) if given else ():
                other = context.persons[other_key]
                other_given, other_surname = name_parts(other.name)
                if given_name_key(given) == given_name_key(other_given) and one_edit_apart(surname, other_surname):
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

    def _append(self, context: Scan, mention: Mention) -> None:
        context.add(mention)

    def _add_organization(self, context: Scan, first: int, last: int, kind: EntityType, rule: str) -> bool:
        span = context.span(first, last)
        name = " ".join(span.quote.split())
        prefix = {"PoliticalParty": "party", "MediaOutlet": "media", "Place": "place"}.get(kind, "org")
        mention = Mention(span, kind, f"{prefix}:{fold(name)}", name, None, rule)
        context.add(mention)
        context.claim(first, last)
        self._register_acronym(context, last, mention)
        return True

    def _register_acronym(self, context: Scan, after: int, mention: Mention) -> None:
        """'Central Election Commission (CEC)': later uses of CEC refer to the same actor."""
        tokens = context.tokens
        if after + 2 < len(tokens) and tokens[after].text == "(" and tokens[after + 2].text == ")":
            acronym = tokens[after + 1].text
            if acronym.isupper() and 2 <= len(acronym) <= 6:
                context.acronyms[acronym] = mention

    # --- context helpers ------------------------------------------------------------------------

    @staticmethod
    def _after_person_cue(tokens: list[Token], first: int) -> bool:
        cues = person_cues()
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
        return self._sentence_initial(tokens, index) and not fold(tokens[index].text).endswith(surname_endings())

    @staticmethod
    def _after_media_cue(tokens: list[Token], first: int) -> bool:
        previous = tuple(t.folded for t in tokens[max(0, first - 3) : first] if t.text != ",")
        return any(previous[-len(cue) :] == cue for cue in _media_cues() if len(previous) >= len(cue))

    def _coordinated_with_person(self, context: Scan, first: int, last: int) -> bool:
        tokens = context.tokens
        before = tokens[first - 1].folded if first > 0 else ""
        if before in (",", "and"):
            neighbour = self._mention_ending_at(context, tokens[first - 2].end) if first > 1 else None
            if neighbour is not None and neighbour.type == "Person":
                return True
        after = tokens[last].folded if last < len(tokens) else ""
        # "the Center for Political Conjuncture, Aleksei X": a name inside a noun phrase, in apposition
        inside_phrase = first > 0 and tokens[first - 1].folded in ("for", "the", "at", "in", "on", "of")
        if after in (",", "and") and last + 1 < len(tokens) and not inside_phrase:
            neighbour = self._mention_starting_at(context, tokens[last + 1].start)
            if neighbour is not None and neighbour.type == "Person":
                return True
        return False

    def _person_of(self, context: Scan, first: int) -> bool:
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
    def _mention_ending_at(context: Scan, end: int) -> Mention | None:
        return context.by_end.get(end)

    @staticmethod
    def _mention_starting_at(context: Scan, start: int) -> Mention | None:
        return context.by_start.get(start)


@cache
def _media_cues() -> frozenset[tuple[str, ...]]:
    """'the news agency', 'told the newspaper': folded words, asked before every run of names."""
    return frozenset(tuple(fold(w) for w in cue.split()) for cue in lexicon()["media_cues"])
