"""heap.py: long-lived data is made with the collector paused and frozen; a build releases it."""

from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import AbstractContextManager

from actorgraph.heap import collector_paused, long_lived, release_long_lived

from .build_helpers import build, copy_corpus


def test_what_a_block_makes_is_frozen_and_the_collector_runs_again():
    assert gc.get_freeze_count() == 0
    try:
        with long_lived():
            assert not gc.isenabled()
            made = [[index] for index in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= len(made)
    finally:
        release_long_lived()
    assert gc.get_freeze_count() == 0


def passes_after(block: Callable[[], AbstractContextManager[None]]) -> int:
    """How many collector passes start at the allocations right after `block` made 100,000 lists."""
    passes: list[dict[str, int]] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info)

    gc.collect()
    try:
        with block():
            made = [[index] for index in range(100_000)]  # kept: freed, they would not count
            gc.callbacks.append(record)
        after = [[index] for index in range(100)]  # allocations that would start a pass
        return len(passes) if len(made) > len(after) else -1
    finally:
        gc.callbacks.remove(record)


def test_what_a_block_makes_is_not_scanned_when_the_collector_runs_again():
    try:
        assert passes_after(long_lived) == 0
    finally:
        release_long_lived()


def test_a_paused_collector_stays_paused():
    gc.disable()
    try:
        with long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        release_long_lived()


def test_a_paused_block_freezes_nothing_and_restores_the_collector():
    with collector_paused():
        assert not gc.isenabled()
        [[index] for index in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # paused before: stays paused
    finally:
        gc.enable()


def test_what_a_paused_block_makes_is_not_scanned_after_it_and_nothing_stays_frozen():
    assert passes_after(collector_paused) == 0 and gc.get_freeze_count() == 0


def test_a_paused_block_leaves_what_a_build_froze_frozen():
    try:
        with long_lived():
            kept = [[index] for index in range(1000)]
        frozen = gc.get_freeze_count()
        with collector_paused():
            [[index] for index in range(1000)]
        assert gc.get_freeze_count() == frozen >= len(kept)
    finally:
        release_long_lived()


def test_a_build_leaves_nothing_frozen_and_the_collector_on(tmp_path):
    """A process may run many builds (tests, a service): each releases what it froze."""
    summary = build(copy_corpus(tmp_path), tmp_path / "one")
    assert summary.documents == 3
    assert gc.get_freeze_count() == 0 and gc.isenabled()
