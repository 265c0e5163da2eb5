"""Split a document's text into paragraphs and sentences, keeping character offsets.

Abbreviations ("U.S.", "Gen.", "No.") and initials ("J. Smith") do not end a
sentence; the abbreviation list is data (ontology/lexicon/abbreviations.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from actorgraph.lexicon import lexicon
from actorgraph.records import Span


@dataclass(frozen=True)
class Sentence:
    span: Span
    paragraph: int
    index: int

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def text(self) -> str:
        return self.span.quote


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# A candidate end: terminal punctuation, closing quotes/brackets, then space and a sentence opener.
_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
_LINE_END = re.compile(r"[.!?:\"'”’»)]\s*$")
_HEADING_MAX = 80


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(word.lower() for word in lexicon()["abbreviations"])


def split(text: str) -> list[Sentence]:
    """Sentences of `text`; each sentence's quote equals text[start:end]."""
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(_paragraphs(text)):
        for start, end in _lines(text, p_start, p_end):
            for s_start, s_end in _sentences_in(text, start, end):
                sentences.append(Sentence(Span.of(text, s_start, s_end), paragraph, len(sentences)))
    return sentences


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((position, match.start()))
        position = match.end()
    bounds.append((position, len(text)))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in bounds) if e > s]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Single line breaks end a sentence after terminal punctuation or a heading-like line."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for match in re.finditer(r"\n", text[start:end]):
        position = start + match.start()
        line = text[piece_start:position]
        if _LINE_END.search(line) or (len(line.strip()) <= _HEADING_MAX and not line.rstrip().endswith(",")):
            pieces.append((piece_start, position))
            piece_start = position + 1
    pieces.append((piece_start, end))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in pieces) if e > s]


def _sentences_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    sentence_start = start
    chunk = text[start:end]
    for match in _END.finditer(chunk):
        stop = start + match.end()
        if _is_abbreviation(text, sentence_start, start + match.start(), match.group()):
            continue
        bounds.append((sentence_start, stop))
        sentence_start = stop
    bounds.append((sentence_start, end))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in bounds) if e > s]


def _is_abbreviation(text: str, sentence_start: int, dot: int, punctuation: str) -> bool:
    if not punctuation.startswith("."):
        return False
    word_start = dot
    while word_start > sentence_start and not text[word_start - 1].isspace() and text[word_start - 1] not in "(\"'“‘":
        word_start -= 1
    word = text[word_start:dot]
    if not word:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # "U.S", "e.g"
        return True
    return word.lower() in _abbreviations()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
