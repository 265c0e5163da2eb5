"""Why the rules said what they said: per sentence, the rules that fired and the families that
almost did (their trigger words are in the sentence, but no fact came of them), with the reason.

The engine runs as usual; what fired is read from its drafts (before readings of the same fact
merge), what almost fired from each family's triggers, so explaining never changes the facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actorgraph.extract.base import Draft, Drafting
from actorgraph.extract.context import DocumentContext
from actorgraph.extract.lexicon_patterns import alternation, cue
from actorgraph.extract.mentions import MentionFinder
from actorgraph.extract.rules import FAMILIES
from actorgraph.extract.titles import titles
from actorgraph.lexicon import lexicon
from actorgraph.normalize import PERCENT
from actorgraph.records import Document, Election

# Each family's trigger lists (lexicon keys); a trigger with no fact of the family is a near miss.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "candidacy": ("won_verbs", "lost_verbs", "candidate_cues", "advanced_phrases"),
    "endorsement": (
        "endorse_direct_verbs",
        "endorse_passive_verbs",
        "nominate_passive_verbs",
        "endorse_call_verbs",
        "favourite_words",
    ),
    "recognition": ("recognize_verbs", "withdraw_phrases", "withdraw_verbs", "sever_verbs"),
}


@dataclass(frozen=True)
class Explanation:
    sentence: int  # index in the document
    text: str
    fired: tuple[tuple[str, str], ...]  # (rule, what it read)
    almost: tuple[tuple[str, str], ...]  # (family, why it stayed silent)


def explain(document: Document, finder: MentionFinder) -> list[Explanation]:
    """Every sentence of `document` with its fired and almost-fired rules, in text order."""
    context = DocumentContext(document, finder)
    drafting = Drafting(context)
    families = [family(drafting) for family in FAMILIES]
    for index in range(len(context.sentences)):
        for family in families:
            family.sentence(index)
    for family in families:
        family.finish()
    fired: dict[int, list[tuple[str, str]]] = {}
    for draft in sorted(drafting.drafts, key=lambda d: (d.position, d.rule)):
        fired.setdefault(context.sentence_of(draft.position), []).append((draft.rule, _reading(draft, context)))
    found = []
    for index, sentence in enumerate(context.sentences):
        kinds = {rule.split(".")[0] for rule, _ in fired.get(index, [])}
        almost = tuple(_near_misses(context, index, kinds))
        found.append(Explanation(index, " ".join(sentence.span.quote.split()), tuple(fired.get(index, [])), almost))
    return found


def _near_misses(context: DocumentContext, index: int, kinds: set[str]) -> list[tuple[str, str]]:
    sentence = context.sentences[index]
    flat, start, end = context.flat, sentence.start, sentence.end
    misses: list[tuple[str, str]] = []
    shares = list(PERCENT.finditer(context.text, start, end))
    if shares and "candidacy" not in kinds:
        if context.election_at(start) is None:
            reason = "no election: the document names no polity or year for one"
        elif not context.mentions_in(start, end, ("Person",)):
            reason = "no person named in the sentence"
        else:
            reason = "no candidate bound: none named just before the share with a share verb between"
        misses.append(("candidacy", f"share {shares[0].group(0)!r}: {reason}"))
    for family, keys in TRIGGERS.items():
        if family in kinds:
            continue
        for key in keys:
            trigger = cue(key).search(flat, start, end)
            if trigger is not None:
                misses.append((family, f"trigger {trigger.group(0)!r}: {_slot_reason(context, family, start, end)}"))
                break
    if "office" not in kinds and "membership" not in kinds:
        title = re.search(alternation(titles()), flat[start:end])
        if title is not None and context.mentions_in(start, end, ("Person",)):
            misses.append(("office", f"title {title.group(0)!r}: not next to a name, or not an office we can name"))
    if "turnout" not in kinds and re.search(r"(?<![\w-])turnout", flat[start:end]):
        misses.append(("turnout", "'turnout' with no figure after it, or no election"))
    return misses


def _slot_reason(context: DocumentContext, family: str, start: int, end: int) -> str:
    types = {"recognition": ("State",), "endorsement": ("Person", "PoliticalParty")}.get(family, ("Person",))
    present = context.mentions_in(start, end, types)
    if not present:
        return f"no {' or '.join(types)} in the sentence"
    if family == "recognition" and all(m.reference in context.dictionary.partially_recognized for m in present):
        return "only contested polities named: no state to take the stance"
    return "a slot was left unfilled (no actor of the right kind where the rule looks)"


def _reading(draft: Draft, context: DocumentContext) -> str:
    roles = ", ".join(f"{k}={_show(v, context)}" for k, v in sorted(draft.roles.items()) if v is not None)
    return f"{draft.kind} {roles}"


def _show(value: object, context: DocumentContext) -> str:
    if isinstance(value, Election):
        return f"{context.place_name(value.jurisdiction)} {value.office} {value.year}"
    if isinstance(value, str) and (value in context.names or value in context.dictionary.entries):
        return context.place_name(value)
    return str(value)


def explanation_text(document_id: str, explained: list[Explanation]) -> str:
    """The explanations for reading: a sentence, then one line a rule that fired or almost did."""
    lines = [f"== {document_id}"]
    for found in explained:
        lines.append(f"[{found.sentence + 1}] {found.text}")
        lines += [f"  fired   {rule:<34} {reading}" for rule, reading in found.fired]
        lines += [f"  almost  {family:<34} {reason}" for family, reason in found.almost]
        if not found.fired and not found.almost:
            lines.append("  (no rule found its trigger)")
    return "\n".join(lines) + "\n"


def explanation_dict(document_id: str, explained: list[Explanation]) -> dict[str, object]:
    return {
        "document": document_id,
        "sentences": [
            {
                "sentence": found.sentence + 1,
                "text": found.text,
                "fired": [{"rule": rule, "reading": reading} for rule, reading in found.fired],
                "almost": [{"family": family, "reason": reason} for family, reason in found.almost],
            }
            for found in explained
        ],
    }


def lexicon_keys() -> list[str]:
    """The lexicon lists the near-miss triggers read (all must exist: checked by the tests)."""
    return sorted({key for keys in TRIGGERS.values() for key in keys if key in lexicon()})
