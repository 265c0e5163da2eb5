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

from collections import Counter

from actorgraph.extract.dictionary import Entry
from actorgraph.extract.mention_building import Scan
from actorgraph.extract.name_runs import NameRuns
from actorgraph.extract.name_shapes import (
    Token,
    case_agrees,
    given_names,
    lexicon_phrases,
    lexicon_words,
    person_cues,
    surname_endings,
    title_words,
    tokenize,
)
from actorgraph.extract.party_names import (
    party_around_state,
    state_party_start,
)
from actorgraph.normalize import (
    fold,
)
from actorgraph.records import Document, Mention

_TYPE_PRIORITY: dict[str, int] = {
    "State": 0,
    "Person": 1,
    "PoliticalParty": 2,
    "GovernmentBody": 3,
    "MediaOutlet": 4,
    "Organization": 5,
    "Place": 6,
}


class MentionFinder(NameRuns):
    def find(self, document: Document) -> list[Mention]:
        tokens = tokenize(document.text)
        context = Scan(document, tokens, [False] * len(tokens))
        self._dictionary_pass(context)
        self._unanchor_homonym_parties(context)
        context.polity = self.main_polity(document, context.mentions)
        self._generic_body_pass(context)
        self._capitalised_pass(context)
        return sorted(context.mentions, key=lambda m: (m.span.start, m.span.end, m.key))

    # --- 1. dictionary ------------------------------------------------------------------------

    def _dictionary_pass(self, context: Scan) -> None:
        tokens = context.tokens
        longest_from = self.dictionary.longest_from
        i = 0
        while i < len(tokens):
            if tokens[i].folded not in longest_from:  # most words start no dictionary name: pass them at once
                i += 1
                continue
            found = self._longest_entry(tokens, i)
            if found is None:
                i += 1
                continue
            length, entry = found
            if length == 1 and entry.type in ("Place", "State") and self._given_name_before_surname(tokens, i):
                i += 1  # "Victoria Tamarenko": a given name that is also a place, left to the name pass
                continue
            if length == 1 and entry.type in ("State", "Place") and self._given_name_after_title(tokens, i):
                i += 1  # "Foreign Minister Israel Katz", "prosecutor Victoria Furtuna": a given name, left to the name pass
                continue
            if entry.type == "PoliticalParty" and length > 1 and self._inside_longer_name(tokens, i):
                i += 1  # "Democratic Party of Socialists" is not the "Party of Socialists" of another state
                continue
            around = party_around_state(tokens, i, length, context.claimed) if entry.type == "State" else None
            if around is not None and not any(context.claimed[around[0] : i]):
                self._add_organization(context, around[0], around[1], "PoliticalParty", "party.state-name")
                i = around[1]
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
                context.add(mention)
            context.claim(i, i + length)
            self._register_acronym(context, i + length, mention)
            i += length

    def _unanchor_homonym_parties(self, context: Scan) -> None:
        """A reference party of a state the text never names, nor any known person of it ('the
        Socialist Party' in a report on Serbia is not Moldova's), is a party of that name, not the
        reference one."""
        # the states the text names, and those its known persons take part in ("Igor Dodon of the
        # Party of Socialists" needs no "Moldova"); not the parties' own, which are in question
        named = {m.reference for m in context.mentions if m.type == "State"} | {
            self.dictionary.active_in.get(m.reference or "") for m in context.mentions if m.type == "Person"
        }
        for index, mention in enumerate(context.mentions):
            reference = mention.reference or ""
            home = self.dictionary.state_for(reference) or self.dictionary.active_in.get(reference)
            if mention.type != "PoliticalParty" or home is None or home in named:
                continue
            name = " ".join(mention.span.quote.split())
            local = Mention(
                mention.span, "PoliticalParty", f"party:{fold(name)}", name, None, "party.homonym-elsewhere"
            )
            context.mentions[index] = local
            for index_ in (context.by_start, context.by_end):
                position = mention.span.start if index_ is context.by_start else mention.span.end
                if index_.get(position) is mention:
                    index_[position] = local

    def _inside_longer_name(self, tokens: list[Token], i: int) -> bool:
        """A capitalised word glued before a party's name, that is no demonym, title or article,
        makes a longer name of another party."""
        if i == 0 or self._sentence_initial(tokens, i - 1):
            return False
        word = tokens[i - 1]
        if i > 1 and tokens[i - 2].text == "-" and tokens[i - 2].end == word.start:
            return False  # "the pro-European Party of Action and Solidarity": an adjective
        return (
            word.is_capitalised
            and word.text.isalpha()
            and word.folded not in self.dictionary.demonyms
            and not any(e.type in ("State", "Place") for e in self.dictionary.by_tokens.get((word.folded,), ()))
            and word.folded not in title_words()
            and word.folded not in ("the", "a", "an")
        )

    @staticmethod
    def _given_name_before_surname(tokens: list[Token], i: int) -> bool:
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        return (
            tokens[i].folded in given_names()
            and following is not None
            and following.is_capitalised
            and following.folded.endswith(surname_endings())
        )

    def _given_name_after_title(self, tokens: list[Token], i: int) -> bool:
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        return (
            i > 0
            and tokens[i - 1].folded in person_cues()
            and following is not None
            and following.is_capitalised
            and following.folded not in self.dictionary.longest_from
            and following.folded not in lexicon_words("not_names")
        )

    def _longest_entry(self, tokens: list[Token], i: int) -> tuple[int, Entry] | None:
        longest = min(self.dictionary.longest_from.get(tokens[i].folded, 0), len(tokens) - i)
        # the longest window's words, folded once: each shorter window's are a prefix of them
        folded = tuple([t.folded for t in tokens[i : i + longest]])
        for length in range(longest, 0, -1):
            entries = self.dictionary.by_tokens.get(folded[:length])
            if not entries:  # the lookup first: it rules out most windows
                continue
            window = tokens[i : i + length]
            if any(t.is_possessive for t in window):
                continue
            surface = " ".join(t.text for t in window)
            matching = [e for e in entries if case_agrees(surface, e)]
            if matching:
                return length, min(matching, key=lambda e: _TYPE_PRIORITY[e.type])
        return None

    # --- 2. generic bodies --------------------------------------------------------------------

    def _generic_body_pass(self, context: Scan) -> None:
        bodies = lexicon_phrases("generic_bodies")
        longest = max(len(k) for k in bodies)
        firsts = {k[0] for k in bodies}  # a body's first word: most tokens are none, and are passed at once
        tokens = context.tokens
        i = 0
        while i < len(tokens):
            hit = None
            for length in range(min(longest, len(tokens) - i) if tokens[i].folded in firsts else 0, 0, -1):
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
            context.add(mention)
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

    def _body_jurisdiction(self, context: Scan, first: int, last: int) -> tuple[str | None, int]:
        tokens = context.tokens
        j = first - 1
        modifiers = lexicon_words("office_modifiers") | {"de", "facto", "de-facto", "so-called", "local"}
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
                elif title_tokens[index].folded in self.dictionary.demonyms:  # "Armenian PM's party wins"
                    counts[self.dictionary.demonyms[title_tokens[index].folded].iri] += 3
        if not counts:
            return None
        # a contested polity is what the text is about unless it is named only in passing
        # ("after the Nagorno-Karabakh war" in a report on Armenia's election)
        contested = {s: c for s, c in counts.items() if s in self.dictionary.partially_recognized}
        pool = contested if contested and 3 * max(contested.values()) >= max(counts.values()) else counts
        return max(sorted(pool), key=lambda s: pool[s])
