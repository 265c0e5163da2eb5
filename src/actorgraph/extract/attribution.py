"""Attribution: whom a sentence attributes its claim to ("according to Kommersant", "X said"), kept
as provenance of every fact read from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from actorgraph.extract.lexicon_patterns import cue
from actorgraph.records import Mention
from actorgraph.sentences import Sentence

_ACCORDING_TO = re.compile(r"(?<![\w-])according to\b([^,.;]*)")  # asked of every sentence: compiled once

if TYPE_CHECKING:
    from actorgraph.extract.context import DocumentContext


@dataclass(frozen=True)
class Attribution:
    source: str | None  # mention key of the source, when it is an actor
    wording: str


def read_attributions(ctx: DocumentContext) -> list[Attribution | None]:
    """Whom each sentence attributes its claim to: "according to X", "X said", "he told"."""
    results: list[Attribution | None] = []
    previous: Attribution | None = None
    generic = cue("attribution_generic_sources")
    for sentence in ctx.sentences:
        found = _attribution_in(ctx, sentence, generic, previous)
        if found is not None and found.source is not None:
            previous = found
        results.append(found)
    return results


def _attribution_in(
    ctx: DocumentContext, sentence: Sentence, generic: re.Pattern[str], previous: Attribution | None
) -> Attribution | None:
    text = ctx.flat
    stretch = text[sentence.start : sentence.end]
    according = _ACCORDING_TO.search(stretch) if "according to" in stretch else None  # the pattern's words
    if according:
        start = sentence.start + according.start()
        end = sentence.start + according.end()
        wording = ctx.text[start:end].strip()
        sources = [m for m in ctx.mentions_in(start, end) if m.type != "Place"]
        if re.search(r"\bsame (paper|source|newspaper|agency)\b", text[start:end]) and previous is not None:
            return Attribution(previous.source, wording)
        # "according to supporters of Dzhioyeva" is the supporters' claim, not Dzhioyeva's.
        group = generic.match(text, start + len("according to "), end)
        if group and (not sources or re.match(r"\s+of\b", text[group.end() : end])):
            return Attribution(None, wording)
        return Attribution(sources[-1].key if sources else None, wording)
    for verb in cue("speech_verbs").finditer(stretch):
        verb_start = sentence.start + verb.start()
        if ctx.in_quote(verb_start):
            continue
        window_start = max(sentence.start, verb_start - 60)
        sources = [
            m for m in ctx.mentions_in(window_start, verb_start) if m.type != "Place" and not ctx.in_quote(m.span.start)
        ]
        generic_hits = list(generic.finditer(text, window_start, verb_start))
        if sources and text[sources[-1].span.end : verb_start].strip(" ,'s") == "":
            source = _apposition_head(ctx, sentence.start, verb_start) or sources[-1]
            return Attribution(source.key, ctx.text[source.span.start : sentence.start + verb.end()])
        if generic_hits and text[generic_hits[-1].end() : verb_start].strip() == "":
            hit = generic_hits[-1]
            return Attribution(None, ctx.text[hit.start() : sentence.start + verb.end()])
        pronoun = re.search(r"(?<![\w-])(he|she)\s*$", text[window_start:verb_start])
        if pronoun:
            key = ctx.resolve_pronoun(window_start + pronoun.start(), pronoun.group(1))
            return Attribution(key, ctx.text[window_start + pronoun.start() : sentence.start + verb.end()])
    return None


def _apposition_head(ctx: DocumentContext, floor: int, verb_start: int) -> Mention | None:
    """The speaker before an apposition closed right before the verb: 'Anatoly Bibilov, the leader
    of South Ossetia, said' is Bibilov's word, not South Ossetia's; unless the apposition is a name."""
    closed = re.search(r"(?<![\w-])(?P<head>[^,;]*),(?P<apposition>[^,;]{1,120}),\s*$", ctx.flat[floor:verb_start])
    if closed is None:
        return None
    inside = ctx.mentions_in(floor + closed.start("apposition"), floor + closed.end("apposition"))
    if any(ctx.flat[m.span.start : m.span.end] == closed.group("apposition").strip() for m in inside):
        return None  # 'The head of the administration, Yuri Vazagov, told': the name is the apposition
    heads = [
        m
        for m in ctx.mentions_in(floor + closed.start("head"), floor + closed.end("head"))
        if m.type != "Place" and not ctx.in_quote(m.span.start)
    ]
    if not heads or ctx.flat[heads[-1].span.end : floor + closed.end("head")].strip():
        return None
    return heads[-1]
