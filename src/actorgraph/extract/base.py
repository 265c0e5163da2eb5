"""The shared base of the rule families: drafts, emitting, and span helpers every family reads.

A family (candidacy.py, office.py, ...) is a `Family` subclass: `sentence(index)` reads one
sentence, `finish()` runs after every sentence was read. All families of one document share a
`Drafting`: the document context and the list of drafts they emit into. `claims()` merges the
drafts that say the same fact and turns them into `Claim` records.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache

from actorgraph.extract.context import DocumentContext
from actorgraph.extract.lexicon_patterns import cue, cued
from actorgraph.extract.pattern_cache import compiled
from actorgraph.records import Claim, ClaimKind, Election, Mention, RoleValue, Span

ACTOR_TYPES = ("Person", "PoliticalParty", "Organization", "GovernmentBody", "MediaOutlet", "State")
BACKABLE = ("Person", "PoliticalParty")
ORGANISATIONS = ("PoliticalParty", "Organization", "GovernmentBody", "MediaOutlet")

# the helpers every rule calls, compiled once
_PRONOUN = re.compile(r"(?<![\w-])(he|she|i|me|we)(?![\w-])")
_RELATIVE_CLAUSE = re.compile(r",[^,;]{0,200}?\b(?:who|which|that)\s+(?:\w+\s+){0,3}$")
_CLOSED_APPOSITION = re.compile(r",[^,;]{1,200},\s*(?:\w+\s+){0,2}$")
_BRACKETED = re.compile(r"\([^()]{0,80}\)")
_LEADING_APPOSITION = re.compile(r"^\s*,[^,]{1,120},")

Roles = dict[str, RoleValue | Election]


@dataclass
class Draft:
    """A fact as a rule read it, before readings of the same fact are merged."""

    kind: ClaimKind
    roles: Roles
    position: int
    rule: str
    confidence: float
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Drafting:
    """What the families of one document share: its context and the drafts emitted so far."""

    ctx: DocumentContext
    drafts: list[Draft] = field(default_factory=list)


class Family:
    """One fact family's rules over a document, with the span helpers they share."""

    name = "family"

    def __init__(self, drafting: Drafting) -> None:
        self.drafting = drafting
        self.ctx = drafting.ctx
        self.text = drafting.ctx.text
        self.flat = drafting.ctx.flat

    @property
    def drafts(self) -> list[Draft]:
        return self.drafting.drafts

    def sentence(self, index: int) -> None:
        """Read sentence `index`; emit what it says."""

    def finish(self) -> None:
        """Run once every sentence has been read (inferences across sentences)."""

    # --- emitting -------------------------------------------------------------------------------

    def emit(self, kind: ClaimKind, roles: Roles, position: int, rule: str, confidence: float) -> None:
        sentence = self.ctx.sentences[self.ctx.sentence_of(position)]
        self.drafts.append(Draft(kind, roles, position, rule, confidence, [sentence.span]))

    # --- span helpers ---------------------------------------------------------------------------

    def bounds(self, index: int) -> tuple[int, int]:
        sentence = self.ctx.sentences[index]
        return sentence.start, sentence.end

    def mentions(self, start: int, end: int, types: Iterable[str]) -> list[Mention]:
        return self.ctx.mentions_in(start, end, types)

    def subject_before(self, position: int, floor: int, types: Iterable[str] = ACTOR_TYPES) -> str | None:
        """The actor a clause ending at `position` is about: the nearest actor or pronoun before it."""
        wanted = tuple(types)
        candidates: list[tuple[int, str | None]] = []
        for mention in self.mentions(floor, position, wanted):
            if self.ctx.in_quote(mention.span.start) == self.ctx.in_quote(position):
                candidates.append((mention.span.end, mention.key))
        for match in _PRONOUN.finditer(self.flat[floor:position]):
            absolute = floor + match.start()
            word = match.group(1)
            key = (
                self.ctx.speaker_at(absolute) if word in ("i", "me", "we") else self.ctx.resolve_pronoun(absolute, word)
            )
            if word == "we" or (word in ("i", "me") and not self.ctx.in_quote(absolute)):
                continue
            candidates.append((floor + match.end(), key))
        if not candidates:
            return None
        return max(candidates, key=lambda c: c[0])[1]

    def clause_subject(self, position: int, floor: int, types: Iterable[str] = ACTOR_TYPES) -> str | None:
        """The subject of the verb at `position`, over an apposition or relative clause between them:
        'Davit Bakradze of the European Georgia, who finished third, already threw his weight behind X'
        and 'Oleg Arshba, the former minister who was backed by Y' are Bakradze's and Arshba's."""
        wanted = tuple(types)
        text = self.flat[floor:position]
        relative = _RELATIVE_CLAUSE.search(text)
        closed = _CLOSED_APPOSITION.search(text)
        for clause in (relative, closed):
            if clause is None:
                continue
            # the first actor of the stretch before the apposition: "Inal Gitsba of the Amtsakhara party, who ..."
            segment_start = floor + text.rfind(",", 0, clause.start()) + 1
            heads = self.mentions(segment_start, floor + clause.start(), wanted)
            if heads:
                return heads[0].key
        return self.subject_before(position, max(floor, position - 80), wanted)

    def actor_after(self, position: int, limit: int, types: Iterable[str]) -> str | None:
        """The actor named right after `position` (within `limit` characters), or 'me' in a quotation."""
        wanted = tuple(types)
        end = min(len(self.text), position + limit)
        for mention in self.ctx.mentions_starting(position, end):
            if mention.type in ACTOR_TYPES or mention.type == "Place":
                return mention.key if mention.type in wanted else None
        first_person = re.match(r"\s*(?:the\s+)?(me|him|her)\b", self.flat[position:end])
        if first_person and "Person" in wanted:
            word = first_person.group(1)
            return self.ctx.speaker_at(position) if word == "me" else self.ctx.resolve_pronoun(position, word)
        return None

    def qualifier(self, position: int, floor: int) -> str | None:
        """How a figure at `position` is qualified by the words just before it: "over", "under", "about"."""
        before = self.flat[max(floor, position - 25) : position]
        for words, value in (
            (r"{over_words}\s*$", "over"),
            (r"{under_words}\s*$", "under"),
            (r"{about_words}\s*$", "about"),
        ):
            if cued(words).search(before):
                return value
        return None

    def cue_in(self, key: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """`cue(key)`'s matches in a sentence (start, end: its bounds): DocumentContext.cue_in."""
        return self.ctx.cue_in(key, start, end)

    def scan(self, pattern: re.Pattern[str], start: int, end: int, *keys: str) -> Iterator[re.Match[str]]:
        """`pattern`'s matches in a sentence, which it needs a phrase of each list `keys` for: not
        searched when the sentence cannot hold one of them (as `cue_in`)."""
        if not all(self.ctx.may_hold(key, start, end) for key in keys):
            return iter(())
        return pattern.finditer(self.flat, start, end)

    def talks_of_recognition(self, start: int, end: int) -> bool:
        """Whether a sentence speaks of recognising ("recognised", "its recognition")."""
        return self.says("recognize_verbs", start, end) or self.says("recognition_nouns", start, end)

    def says(self, key: str, start: int, end: int) -> bool:
        """Whether a sentence holds a phrase of list `key`: DocumentContext.says."""
        return self.ctx.says(key, start, end)

    def hedged(self, start: int, end: int) -> bool:
        return cue("hedges").search(self.flat, start, end) is not None

    def gap(self, person: str, position: int) -> str:
        """Text between the last mention of `person` before `position` and it, minus an apposition."""
        last = self.ctx.last_mention_of(person, position)
        if last is None:
            return ""
        gap = self.flat[last.span.end : position]
        # "Lai Ching-te (...) of the Democratic Progressive Party has won": the aside and the party
        # the person is "of" are part of the subject, not words between it and its verb
        for party in reversed(self.mentions(last.span.end, position, ("PoliticalParty",))):
            owned = re.search(r"\bof\s+(?:the\s+)?$", self.flat[last.span.end : party.span.start])
            if owned:
                cut_from, cut_to = owned.start(), party.span.end - last.span.end
                gap = gap[:cut_from] + " " * (cut_to - cut_from) + gap[cut_to:]
        gap = _BRACKETED.sub(" ", gap)
        return _LEADING_APPOSITION.sub(" ", gap)

    def coordinated_with(self, head: Mention, before: list[Mention], words_between: int = 0) -> list[Mention]:
        """The mentions coordinated with `head` before it ("A, B and C"), in text order; up to
        `words_between` words may follow each link ("A and New Way's B": a party owner)."""
        owner = r"(?:[\w/'’.-]+\s+){0," + str(words_between) + "}" if words_between else ""
        link = r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?" + owner  # "Latvia and the US"
        found: list[Mention] = []
        current = head
        for previous in reversed([m for m in before if m.span.end <= head.span.start]):
            if not re.fullmatch(link, self.flat[previous.span.end : current.span.start]):
                break
            found.insert(0, previous)
            current = previous
        return found

    def actor_list(self, position: int, end: int, types: Iterable[str] = ACTOR_TYPES) -> list[str]:
        """Actors listed from `position`: "A, B and the Pacific nation of C", "X, the conglomerate ..., and by Y".

        Items are separated by commas, "and", "or", "as well as"; an item is the first actor
        named near its start, so descriptive items ("the conglomerate that ...") add nothing.
        """
        wanted = tuple(types)
        # an aside in brackets is part of its item: "the Renewal party (which took 75%, ...) and Sheriff"
        text = _PARENTHESES.sub(lambda m: " " * len(m.group()), self.flat[position:end])
        stop = re.search(r"[.;:!?]|\baccording\s+to\b|" + cue("clause_breaks").pattern, text)
        limit = position + stop.start() if stop else end
        found: list[str] = []
        separators = list(
            re.finditer(
                r",\s*(?:and\s+|or\s+)?(?:by\s+)?|\s+(?:and|or|as well as)\s+(?:by\s+)?", text[: limit - position]
            )
        )
        bounds = [position] + [position + m.end() for m in separators] + [limit]
        clause_words = cue("clause_words")
        for item_start, item_end in itertools.pairwise(bounds):
            # the item's actor may follow a few words of description: "the Pacific nation of Nauru"
            first = [m for m in self.ctx.mentions_starting(item_start, item_start + 45) if m.span.end <= item_end + 1]
            if first and (
                clause_words.search(self.flat, item_start, first[0].span.start)
                or cue("won_verbs").search(self.flat, item_start, first[0].span.start)
            ):
                break  # a clause ("had served as vice president under X", "won the vote in Y"), not a list item
            if first and _descriptive().match(self.flat, item_start):
                continue  # "and a former member of parliament": a description, not another actor
            if first and first[0].type in wanted:
                found.append(first[0].key)
            elif first and first[0].type != "Place" and found and wanted == ("State",):
                break
        return list(dict.fromkeys(found))


_PARENTHESES = re.compile(r"\([^()]{0,200}\)")


@cache
def _descriptive() -> re.Pattern[str]:
    """'and a former member of parliament': an item that describes, not another actor."""
    return compiled(r"(?:an?|the)\s+(?:former\s+|current\s+)?(?:" + cue("descriptive_role_nouns").pattern + r")\s+of\b")


# --- merging drafts into claims -------------------------------------------------------------------


def claims(drafting: Drafting) -> list[Claim]:
    """Drafts saying the same fact merged; each becomes a Claim with its attribution."""
    ctx = drafting.ctx
    merged: dict[tuple[object, ...], Draft] = {}
    for draft in drafting.drafts:
        key = identity(draft)
        merged[key] = merge(merged[key], draft) if key in merged else draft
    found = []
    for draft in merged.values():
        attribution = ctx.attribution_for(draft.position)
        roles = tuple(sorted((k, v) for k, v in draft.roles.items() if v is not None))
        found.append(
            Claim(
                kind=draft.kind,
                roles=roles,
                evidence=tuple(sorted(set(draft.evidence))),
                rule=draft.rule,
                confidence=draft.confidence,
                attributed_to=attribution.source if attribution else None,
                attribution=attribution.wording if attribution else None,
            )
        )
    return sorted(found, key=lambda c: (c.evidence[0].start, c.kind, repr(c.roles)))


def identity(draft: Draft) -> tuple[object, ...]:
    """What makes two readings in one document the same fact."""
    roles = draft.roles
    if draft.kind == "candidacy":
        return ("candidacy", roles["person"], roles["election"], roles["round"])
    if draft.kind == "office":
        return ("office", roles["person"], str(roles["office"]).lower())
    if draft.kind == "membership":
        return ("membership", roles["person"], roles["organization"])
    if draft.kind == "endorsement":
        return ("endorsement", roles["endorser"], roles["endorsed"], roles.get("election"))
    if draft.kind == "recognition":
        return ("recognition", roles["state"], roles["recognized"], roles["stance"])
    return ("turnout", roles["election"], roles["round"])


_OUTCOME_RANK: dict[object, int] = {None: 0, "advanced": 1, "eliminated": 2, "lost": 3, "won": 3}


def merge(kept: Draft, other: Draft) -> Draft:
    """Two readings of the same fact in one document: keep every figure either gives."""
    roles = dict(kept.roles)
    for key, value in other.roles.items():
        if value is None:
            continue
        if roles.get(key) is None or (
            key == "outcome" and _OUTCOME_RANK.get(value, 0) > _OUTCOME_RANK.get(roles[key], 0)
        ):
            roles[key] = value
        elif key == "partial":
            roles[key] = bool(roles[key]) or bool(value)
        elif key == "status" and value == "former":
            roles[key] = value
    merged = replace(kept, roles=roles, evidence=kept.evidence + [s for s in other.evidence if s not in kept.evidence])
    merged.confidence = min(0.95, max(kept.confidence, other.confidence) + 0.05)
    return merged
