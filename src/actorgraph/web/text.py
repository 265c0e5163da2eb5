"""A document's whole text as HTML: each evidence span a <mark> with its anchor, each actor mention a link.

Spans may nest or cross (a fact's sentence inside another's two sentences, a mention running over a
sentence's end). Elements are opened at their start and closed at their end; one that must close
while others opened inside it are still open closes them first and reopens them after, so the HTML
always nests. A reopened evidence span carries its span's class but not its anchor (ids are unique).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    """One element over text[start:end]: an evidence span (anchor, the kinds of its facts) or a mention (link)."""

    start: int
    end: int
    anchor: str = ""
    title: str = ""
    href: str = ""

    @property
    def is_mention(self) -> bool:
        return bool(self.href)

    def open(self, first: bool) -> str:
        if self.is_mention:
            return f'<a class="mention" href="{escape(self.href)}">'
        anchor = f' id="{escape(self.anchor)}"' if first else ""
        title = f' title="{escape(self.title)}"' if self.title else ""
        cls = "evidence" if first else "evidence cont"
        return f'<mark class="{cls} {escape(self.anchor)}"{anchor}{title}>'

    def close(self) -> str:
        return "</a>" if self.is_mention else "</mark>"


def _usable(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Marks inside the text, once each; mentions that overlap an earlier mention are dropped (links never nest)."""
    kept: list[Mark] = []
    seen: set[tuple[int, int, bool]] = set()
    mention_end = -1
    for mark in sorted(marks, key=lambda m: (m.start, -m.end, m.is_mention)):
        if not 0 <= mark.start < mark.end <= length or (mark.start, mark.end, mark.is_mention) in seen:
            continue
        if mark.is_mention:
            if mark.start < mention_end:
                continue
            mention_end = mark.end
        seen.add((mark.start, mark.end, mark.is_mention))
        kept.append(mark)
    return kept


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """The text, escaped, with the marks as properly nested elements."""
    usable = _usable(marks, len(text))
    starting: dict[int, list[Mark]] = {}
    for mark in usable:
        starting.setdefault(mark.start, []).append(mark)
    boundaries = sorted({0, len(text)} | {m.start for m in usable} | {m.end for m in usable})
    parts: list[str] = []
    stack: list[Mark] = []
    for index, position in enumerate(boundaries):
        reopen: list[Mark] = []
        if any(m.end == position for m in stack):
            while any(m.end == position for m in stack):
                top = stack.pop()
                parts.append(top.close())
                if top.end != position:
                    reopen.append(top)
        # Longer elements outside shorter ones; a span outside a mention of the same extent.
        opening = [(m, False) for m in reopen] + [(m, True) for m in starting.get(position, [])]
        for mark, first in sorted(opening, key=lambda item: (-item[0].end, item[0].is_mention)):
            parts.append(mark.open(first))
            stack.append(mark)
        if index + 1 < len(boundaries):
            parts.append(str(escape(text[position : boundaries[index + 1]])))
    while stack:
        parts.append(stack.pop().close())
    return Markup("".join(parts))
