"""What a snapshot keeps of its generation: once for good, or the latest few of a kind."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from actorgraph.web.source import Recent, Snapshot, StoreSource

from .serve_helpers import corpus_store


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


def test_a_value_asked_by_many_threads_at_once_is_computed_once():
    shot, made, started = snapshot(), [], threading.Event()

    def slow() -> str:
        made.append(threading.current_thread().name)
        started.set()
        time.sleep(0.2)  # the other threads ask meanwhile
        return "value"

    found: list[str] = []
    threads = [threading.Thread(target=lambda: found.append(shot.remember("x", slow))) for _ in range(4)]
    threads[0].start()
    assert started.wait(5)
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert found == ["value"] * 4 and len(made) == 1
    assert shot.remember("y", lambda: "other") == "other"  # another key is not held up


def test_each_generation_opened_is_warmed_once_in_a_thread_of_its_own():
    warmed: list[tuple[Snapshot, str]] = []
    done = threading.Event()

    def warm(shot: Snapshot) -> None:
        warmed.append((shot, threading.current_thread().name))
        done.set()

    source = StoreSource(corpus_store(), warm)
    first = source.snapshot()
    assert source.snapshot() is first
    assert done.wait(5)
    time.sleep(0.05)
    assert [shot for shot, _ in warmed] == [first]
    assert warmed[0][1] != threading.current_thread().name


def test_a_failed_warming_is_logged_and_the_snapshot_served(caplog):
    done = threading.Event()

    def warm(shot: Snapshot) -> None:
        done.set()
        raise RuntimeError("no")

    with caplog.at_level(logging.ERROR, logger="actorgraph.web.source"):
        shot = StoreSource(corpus_store(), warm).snapshot()
        assert done.wait(5)
        for _ in range(100):  # the log line comes after the event
            if caplog.records:
                break
            time.sleep(0.01)
    assert shot.store is not None and "warming store generation" in caplog.text and "RuntimeError" in caplog.text


def test_a_new_generation_is_warmed_when_a_request_first_opens_it(tmp_path):
    from actorgraph.store import published_nquads

    from .serve_helpers import publish_generation

    root = tmp_path / "store"
    publish_generation(root, published_nquads(corpus_store()))
    warmed: list[Snapshot] = []
    ready = threading.Semaphore(0)

    def warm(shot: Snapshot) -> None:
        warmed.append(shot)
        ready.release()

    source = StoreSource(root, warm)
    first = source.snapshot()
    assert ready.acquire(timeout=5)
    publish_generation(root, published_nquads(corpus_store()))  # a build swaps in generation 2
    assert ready.acquire(timeout=0.2) is False  # not before a request opens it
    second = source.snapshot()
    assert ready.acquire(timeout=5)
    assert second is not first and second.generation != first.generation and warmed == [first, second]


def test_recent_keeps_the_latest_asked_for_or_added():
    recent: Recent[str, int] = Recent(3)
    recent.update({"a": 1, "b": 2, "c": 3})
    assert recent.pick(["a", "z"]) == {"a": 1}  # "a" is now the most recent
    recent.update({"d": 4})  # "b", the least recent, goes
    assert recent.pick("abcd") == {"a": 1, "c": 3, "d": 4} and len(recent) == 3
    recent.update({"e": 5, "f": 6, "g": 7, "h": 8})  # more at once than it keeps: the last three
    assert recent.pick("abcdefgh") == {"f": 6, "g": 7, "h": 8}
    recent.update({"f": 60})
    assert recent.pick(["f"]) == {"f": 60} and len(recent) == 3


def test_recent_stays_bounded_across_threads():
    recent: Recent[int, int] = Recent(50)

    def browse(offset: int) -> None:
        for number in range(2000):
            recent.update({offset + number: number})
            recent.pick([offset + number - 1, offset + number - 60])

    threads = [threading.Thread(target=browse, args=(offset * 10_000,)) for offset in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(recent) == 50
