"""What a snapshot keeps of its generation: once for good, or the latest few of a kind."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from actorgraph.web.source import Snapshot


def snapshot() -> Snapshot:
    return Snapshot(Path("nowhere"), ox.Store(), "https://example.org/")


def test_a_value_is_computed_once_for_a_snapshot():
    shot, made = snapshot(), []
    assert shot.remember("x", lambda: made.append(1) or "value") == "value"
    assert shot.remember("x", lambda: made.append(2) or "other") == "value"
    assert made == [1]


def test_the_latest_few_of_a_kind_are_kept_and_the_least_recent_goes_first():
    shot, made = snapshot(), []

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    for key in ("a", "b", "c"):
        assert shot.remember_recent("kind", key, lambda k=key: make(k), keep=2) == key.upper()
    assert made == ["a", "b", "c"]  # "a" is gone: three asked, two kept
    assert shot.remember_recent("kind", "b", lambda: make("b"), keep=2) == "B"  # kept: not made again
    assert shot.remember_recent("kind", "d", lambda: make("d"), keep=2) == "D"  # "c" goes: "b" was asked later
    assert shot.remember_recent("kind", "b", lambda: make("b"), keep=2) == "B"
    assert shot.remember_recent("kind", "c", lambda: make("c"), keep=2) == "C"
    assert made == ["a", "b", "c", "d", "c"]
    assert shot.remember_recent("other kind", "b", lambda: "another", keep=2) == "another"  # kinds apart


def test_a_failure_is_not_kept():
    shot, calls = snapshot(), []

    def failing() -> str:
        calls.append(1)
        raise ValueError("no")

    for _ in range(2):
        with pytest.raises(ValueError):
            shot.remember_recent("kind", "key", failing)
    assert len(calls) == 2
    assert shot.remember_recent("kind", "key", lambda: "now") == "now"
