"""What the fact rules need to know about a document beyond single sentences.

Sentences with their mentions; quotations and who speaks them; the discourse subject
that "he" and "she" refer to; who a sentence attributes its claim to ("according to
Kommersant"); which election and which round a sentence is about; whether figures
come from an incomplete count.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from actorgraph.extract.attribution import Attribution, read_attributions
from actorgraph.extract.dictionary import Dictionary
from actorgraph.extract.election import ElectionContext
from actorgraph.extract.lexicon_patterns import cue, cue_heads, words
from actorgraph.extract.mention_index import MentionIndex
from actorgraph.extract.mentions import MentionFinder
from actorgraph.lexicon import lexicon
from actorgraph.normalize import is_female_surname, name_parts
from actorgraph.records import Document, Election, Mention
from actorgraph.sentences import Sentence, split

_FLAT = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"})


def flat(text: str) -> str:
    """Lower case with plain quotes and dashes, the same length as `text` so offsets carry over."""
    lowered = text.translate(_FLAT)
    if lowered.isascii():  # each character lowers to one: the same as character by character
        return lowered.lower()
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in lowered)


_PREPOSITIONS = {
    "to",
    "by",
    "with",
    "against",
    "than",
    "for",
    "of",
    "from",
    "about",
    "on",
    "at",
    "in",
    "into",
    "over",
    "under",
    "between",
    "among",
}
_PRONOUNS = re.compile(r"(?<![\w-])(he|she|his|her|him|himself|herself)(?![\w-])")
_FIRST_PERSON = re.compile(r"(?<![\w-])(i|me|my|myself)(?![\w-])")
_QUOTE_MARKS = re.compile('[“”"]')


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    speaker: str | None  # mention key


class DocumentContext:
    def __init__(self, document: Document, finder: MentionFinder) -> None:
        self.document = document
        self.text = document.text
        self.flat = flat(document.text)
        self._words: dict[tuple[int, int], frozenset[str]] = {}  # may_hold: each sentence's words, read once
        self.dictionary: Dictionary = finder.dictionary
        self.sentences: list[Sentence] = split(document.text)
        self._starts = [s.start for s in self.sentences]
        self.mentions: list[Mention] = [self._metonymy(m) for m in finder.find(document)]
        self.polity: str | None = finder.main_polity(document, self.mentions)
        self.names: dict[str, Mention] = {}
        for mention in self.mentions:
            current = self.names.get(mention.key)
            if current is None or len(mention.name) > len(current.name):
                self.names[mention.key] = mention
        self._index = MentionIndex(self.mentions)
        self.in_sentence: list[list[Mention]] = [self._index.within(s.start, s.end) for s in self.sentences]
        self.quote_spans = self._find_quotes()
        self._quote_starts = [s for s, _ in self.quote_spans]
        self.subjects = self._subjects()
        self._fitting_subjects = self._last_fitting_subjects()
        self.attributions = read_attributions(self)
        self.quotes = [Quote(start, end, self._speaker_of(start, end)) for start, end in self.quote_spans]
        self.elections = ElectionContext(self)

    def _metonymy(self, mention: Mention) -> Mention:
        """A capital speaking or acting stands for its state: "Moscow recognised ...", "Moscow-backed",
        "Tbilisi's position". After a preposition of place ("talks in Moscow", "the mayor of
        Tbilisi") or as a dateline in capitals ("TBILISI, March 3"), it stays the city."""
        state = self.dictionary.capital_of.get(mention.reference or "")
        if mention.type != "Place" or state is None or mention.span.quote.isupper():
            return mention
        if self._names_a_place(mention.span.start):
            return mention
        entry = self.dictionary.entries[state]
        return replace(mention, type="State", key=state, name=entry.label, reference=state, rule="capital-for-state")

    def _names_a_place(self, position: int) -> bool:
        """Whether the words before `position` make a capital the city: a preposition of place,
        also across a coordination ("from Gagra and Sukhumi"), "the capital X", "a X clinic", or a
        longer name it ends ("Sheriff Tiraspol")."""
        words: list[str] = re.findall(r"[\w'-]+|[^\w\s]", self.text[max(0, position - 60) : position])
        if words and words[-1][:1].isupper() and words[-1].isalpha():
            return True
        markers = lexicon()["place_prepositions"]
        for word in reversed(words[-6:]):
            lowered = word.lower()
            if lowered in markers:
                return True
            if lowered not in ("and", "or", ",") and not word[:1].isupper():
                return False
        return False

    # --- lookups --------------------------------------------------------------------------------

    def may_hold(self, key: str, start: int, end: int) -> bool:
        """Whether flat[start:end] may hold a phrase of lexicon list `key`: False only when none of
        the words its phrases open with is there, so `cue(key)` cannot match. For a sentence's bounds
        (its words are kept): the rules ask it of many lists in each sentence."""
        heads = cue_heads(key)
        if heads is None:
            return True
        found = self._words.get((start, end))
        if found is None:
            found = self._words[(start, end)] = words(self.flat, start, end)
        return not heads.isdisjoint(found)

    def cue_in(self, key: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """`cue(key)`'s matches in flat[start:end] (a sentence's bounds): not searched when the
        sentence lacks every word the list's phrases open with (`may_hold`)."""
        if not self.may_hold(key, start, end):
            return iter(())
        return cue(key).finditer(self.flat, start, end)

    def says(self, key: str, start: int, end: int) -> bool:
        """Whether flat[start:end] (a sentence's bounds) holds a phrase of list `key` (as `cue_in`)."""
        return self.may_hold(key, start, end) and cue(key).search(self.flat, start, end) is not None

    def may_hold_any(self, keys: tuple[str, ...], start: int, end: int) -> bool:
        """`may_hold` of any of the lists `keys`: a pattern that needs a phrase of one of them."""
        return any(self.may_hold(key, start, end) for key in keys)

    def type_of(self, key: str) -> str:
        """The type of an actor the document names, or of a dictionary entry standing in for one
        (a capital read as its state gives the state's IRI, which the text may never name)."""
        if key in self.names:
            return self.names[key].type
        entry = self.dictionary.entries.get(key)
        return entry.type if entry is not None else "Unknown"

    def place_name(self, key: str) -> str:
        """The name the document gives an actor, else the dictionary's label, else the key."""
        if key in self.names:
            return self.names[key].name
        entry = self.dictionary.entries.get(key)
        return entry.label if entry is not None else key

    def sentence_of(self, position: int) -> int:
        """The sentence holding `position` (or the last one starting before it)."""
        return max(0, bisect.bisect_right(self._starts, position) - 1)

    def _quote_index(self, position: int) -> int | None:
        """The quotation holding `position`: quotations never overlap, so a bisection finds it."""
        index = bisect.bisect_right(self._quote_starts, position) - 1
        if index >= 0 and position < self.quote_spans[index][1]:
            return index
        return None

    def quote_at(self, position: int) -> Quote | None:
        index = self._quote_index(position)
        return self.quotes[index] if index is not None else None

    def mentions_in(self, start: int, end: int, types: Iterable[str] | None = None) -> list[Mention]:
        """Mentions wholly inside [start, end), in document order; cost grows with the window, not the document."""
        found = self._index.within(start, end)
        if types is None:
            return found
        wanted = set(types)
        return [m for m in found if m.type in wanted]

    def mentions_starting(self, low: int, high: int) -> list[Mention]:
        """Mentions starting in [low, high] (both included), in document order."""
        return self._index.starting(low, high)

    def last_mention_of(self, key: str, position: int) -> Mention | None:
        """The last mention of `key` that ends by `position`."""
        return self._index.last_of(key, position)

    def state_key(self, mention: Mention) -> str | None:
        """The state a State or Place mention stands for (a capital stands for its state)."""
        if mention.type == "State":
            return mention.key
        if mention.reference:
            return self.dictionary.state_for(mention.reference)
        return None

    # --- quotations and speakers ----------------------------------------------------------------

    def _find_quotes(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        opened: int | None = None
        for mark in _QUOTE_MARKS.finditer(self.text):  # only the marks, not every character, in Python
            index, char = mark.start(), mark.group()
            if char == "“" or (char == '"' and opened is None):
                if opened is None:
                    opened = index
            elif char in '”"' and opened is not None:
                spans.append((opened, index + 1))
                opened = None
        return spans

    def _speaker_of(self, start: int, end: int) -> str | None:
        after = self.flat[end : end + 90]
        speech = cue("speech_verbs").pattern
        match = re.match(rf"[\s,.\-]*(?:(?P<pronoun>he|she)\s+{speech}|(?P<rest>.{{0,70}}?)\s+{speech})", after)
        if match:
            if match.group("pronoun"):
                return self.resolve_pronoun(start, match.group("pronoun"))
            people = [m for m in self.mentions_in(end, end + match.end(), ("Person",))]
            if people:
                return people[-1].key
        before = self.flat[max(0, start - 120) : start]
        if re.search(rf"(?:{speech}|saying|quoted? \w+ as saying|told \w+)\s*[:,]?\s*$", before):
            people = [
                m
                for m in self.mentions_in(max(0, start - 120), start, ("Person",))
                if not self._inside_other_quote(m, start)
            ]
            if people:
                return people[-1].key
            pronoun: list[str] = _PRONOUNS.findall(before)
            if pronoun:
                return self.resolve_pronoun(start, pronoun[-1])
        # 'Bibilov said ... that he was "very pleased ..."': the sentence's source speaks.
        attribution = self.attributions[self.sentence_of(start)]
        if (
            attribution is not None
            and attribution.source in self.names
            and self.type_of(attribution.source) == "Person"
        ):
            return attribution.source
        return None

    def _inside_other_quote(self, mention: Mention, start: int) -> bool:
        index = self._quote_index(mention.span.start)
        return index is not None and self.quote_spans[index][0] != start

    def in_quote(self, position: int) -> bool:
        return self._quote_index(position) is not None

    def speaker_at(self, position: int) -> str | None:
        quote = self.quote_at(position)
        return quote.speaker if quote else None

    # --- discourse subjects and pronouns --------------------------------------------------------

    def _subjects(self) -> list[str | None]:
        subjects: list[str | None] = []
        current: str | None = None
        for index, sentence in enumerate(self.sentences):
            candidates: list[tuple[int, str | None]] = []
            for mention in self.in_sentence[index]:
                if (
                    mention.type == "Person"
                    and not self.in_quote(mention.span.start)
                    and not self._after_preposition(mention.span.start, sentence.start)
                ):
                    candidates.append((mention.span.start, mention.key))
                    break
            for match in _PRONOUNS.finditer(self.flat, sentence.start, sentence.end):
                if match.group(1) in ("he", "she") and not self.in_quote(match.start()):
                    candidates.append((match.start(), current if self._gender_fits(current, match.group(1)) else None))
                    break
            candidates.sort(key=lambda c: c[0])
            if candidates and candidates[0][1] is not None:
                current = candidates[0][1]
            subjects.append(current)
        return subjects

    def _last_fitting_subjects(self) -> dict[bool, list[str | None]]:
        """For each sentence, the latest discourse subject up to it that fits 'she' (True) or 'he' (False)."""
        fitting: dict[bool, list[str | None]] = {True: [], False: []}
        for female, pronoun in ((True, "she"), (False, "he")):
            last: str | None = None
            for subject in self.subjects:
                if subject is not None and self._gender_fits(subject, pronoun):
                    last = subject
                fitting[female].append(last)
        return fitting

    def _after_preposition(self, position: int, floor: int) -> bool:
        words: list[str] = re.findall(r"[a-z']+", self.flat[max(floor, position - 40) : position])
        skippable = {"the", "de", "facto", "de-facto", "current", "former", "candidate", "opposition"}
        while words and (words[-1] in skippable or words[-1] in _office_words()):
            words.pop()
        return bool(words) and words[-1] in _PREPOSITIONS

    def _gender_fits(self, key: str | None, pronoun: str) -> bool:
        if key is None or key not in self.names:
            return False
        female = self.is_female(key)
        return female if _female_pronoun(pronoun) else not female

    def is_female(self, key: str) -> bool:
        given, surname = name_parts(self.names[key].name)
        gender = _given_gender().get(given.lower())
        return gender == "female" if gender else is_female_surname(surname)

    def resolve_pronoun(self, position: int, pronoun: str) -> str | None:
        """The person 'he'/'she' at `position` refers to: the discourse subject, else the last fitting person."""
        index = self.sentence_of(position)
        sentence = self.sentences[index]
        own = [
            m
            for m in self.in_sentence[index]
            if m.type == "Person" and m.span.end <= position and not self.in_quote(m.span.start)
        ]
        for mention in own:
            if not self._after_preposition(mention.span.start, sentence.start) and self._gender_fits(
                mention.key, pronoun
            ):
                return mention.key
        if index > 0:
            subject = self._fitting_subjects[_female_pronoun(pronoun)][index - 1]
            if subject is not None:
                return subject
        for mention in reversed(own):
            if self._gender_fits(mention.key, pronoun):
                return mention.key
        return None

    def person_at(self, start: int, end: int) -> str | None:
        """The person a stretch of text names: a mention, a pronoun, or 'I' in a quotation."""
        people = self.mentions_in(start, end, ("Person",))
        if people:
            return people[0].key
        pronoun = _PRONOUNS.search(self.flat, start, end)
        if pronoun:
            return self.resolve_pronoun(pronoun.start(), pronoun.group(1))
        if _FIRST_PERSON.search(self.flat, start, end):
            return self.speaker_at(start)
        return None

    def attribution_for(self, position: int) -> Attribution | None:
        quote = self.quote_at(position)
        if quote is not None and quote.speaker is not None:
            return Attribution(quote.speaker, f"quoting {self.names[quote.speaker].name}")
        return self.attributions[self.sentence_of(position)]

    # --- elections (extract/election.py) --------------------------------------------------------

    @property
    def default_election(self) -> Election | None:
        return self.elections.default

    def election_at(self, position: int) -> Election | None:
        return self.elections.election_at(position)

    def round_at(self, position: int, election: Election | None = None) -> int:
        return self.elections.round_at(position, election)

    def partial_at(self, position: int) -> bool:
        return self.elections.partial_at(position)


def _female_pronoun(pronoun: str) -> bool:
    return pronoun in ("she", "her", "herself")


@cache
def _given_gender() -> dict[str, str]:
    genders: dict[str, str] = {}
    for gender, names in lexicon()["given_names"].items():
        for name in names:
            genders.setdefault(name.lower(), gender)
    return genders


@cache
def _office_words() -> frozenset[str]:
    words: set[str] = set()
    for title in lexicon()["office_titles"]:
        words.update(title.split())
    return frozenset(words)
