"""Mentions indexed by offset: a window's mentions cost what the window holds, not the document.

A document's context asks for the mentions of every sentence and of many short windows;
scanning every mention each time made extraction quadratic in document length.
"""

from __future__ import annotations

import bisect

from actorgraph.records import Mention


class MentionIndex:
    """Mentions ordered by start offset, so a window's mentions are found by bisection."""

    def __init__(self, mentions: list[Mention]) -> None:
        self._mentions = mentions
        self._order = sorted(range(len(mentions)), key=lambda i: (mentions[i].span.start, i))
        self._starts = [mentions[i].span.start for i in self._order]
        # the finder gives mentions by start already: then a window is a plain slice, with no sort
        self._in_order = self._order == list(range(len(mentions)))

        grouped: dict[str, list[int]] = {}
        for i, mention in enumerate(mentions):
            grouped.setdefault(mention.key, []).append(i)
        # per key: ends ascending, and the latest finder position among mentions ending by each
        self._by_key: dict[str, tuple[list[int], list[int]]] = {}
        for key, members in grouped.items():
            indexes = sorted(members, key=lambda i: mentions[i].span.end)
            ends = [mentions[i].span.end for i in indexes]
            latest, running = [], -1
            for i in indexes:
                running = max(running, i)
                latest.append(running)
            self._by_key[key] = (ends, latest)

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions wholly inside [start, end), in the order the finder gave them."""
        return [m for m in self.starting(start, end) if m.span.end <= end]

    def starting(self, low: int, high: int) -> list[Mention]:
        """Mentions starting in [low, high] (both included), in the order the finder gave them."""
        first = bisect.bisect_left(self._starts, low)
        last = bisect.bisect_right(self._starts, high)
        if self._in_order:
            return self._mentions[first:last]
        return [self._mentions[i] for i in sorted(self._order[first:last])]

    def last_of(self, key: str, position: int) -> Mention | None:
        """Of the mentions of `key` ending by `position`, the one the finder gave last."""
        ends, latest = self._by_key.get(key, ([], []))
        count = bisect.bisect_right(ends, position)
        return self._mentions[latest[count - 1]] if count else None
