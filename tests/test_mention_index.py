"""The mention index finds exactly what a scan of every mention finds, in the same order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from actorgraph.extract.mention_index import MentionIndex
from actorgraph.records import Mention, Span


def scan(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.span.start and m.span.end <= end]


spans = st.tuples(st.integers(0, 60), st.integers(0, 15)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(spans, max_size=30), st.integers(0, 80), st.integers(0, 80))
def test_index_equals_a_full_scan(positions, start, end):
    mentions = [Mention(Span(s, e, "x"), "Person", f"k{i}", "X") for i, (s, e) in enumerate(positions)]
    assert MentionIndex(mentions).within(start, end) == scan(mentions, start, end)


@given(st.lists(spans, max_size=30), st.integers(0, 80), st.integers(0, 80))
def test_starting_equals_a_full_scan(positions, low, high):
    mentions = [Mention(Span(s, e, "x"), "Person", f"k{i}", "X") for i, (s, e) in enumerate(positions)]
    assert MentionIndex(mentions).starting(low, high) == [m for m in mentions if low <= m.span.start <= high]


@given(st.lists(st.tuples(spans, st.sampled_from("ab")), max_size=30), st.integers(0, 80))
def test_last_of_equals_a_full_scan(items, position):
    mentions = [Mention(Span(s, e, "x"), "Person", key, "X") for (s, e), key in items]
    index = MentionIndex(mentions)
    for key in "abc":
        found = [m for m in mentions if m.key == key and m.span.end <= position]
        assert index.last_of(key, position) == (found[-1] if found else None)
