"""Where a build's time goes (phases.py, `build --timings`)."""

from __future__ import annotations

from pathlib import Path

from actorgraph import phases
from actorgraph.cli import main
from actorgraph.phases import Phases, in_words

from .build_helpers import build, copy_corpus

BUILD = [
    "start",
    "file index",
    "read and extract",
    "resolution",
    "graphs and validation",
    "store",
    "publish",
    "outputs",
]


def test_each_phase_runs_from_the_end_of_the_one_before_and_a_repeated_one_adds_up(monkeypatch):
    now = iter([10.0, 10.5, 12.0, 12.25, 13.0])
    monkeypatch.setattr(phases.time, "monotonic", lambda: next(now))
    clock = Phases()
    clock.done("read")
    clock.done("resolve")
    clock.done("read")
    clock.done("write")
    assert clock.seconds == {"read": 0.75, "resolve": 1.5, "write": 0.75}
    assert in_words(clock.seconds) == "read 0.75 s, resolve 1.50 s, write 0.75 s"


def test_a_build_times_its_phases_in_order_and_they_add_up_to_its_time(tmp_path: Path):
    corpus = copy_corpus(tmp_path)
    cold = build(corpus, tmp_path)
    assert list(cold.phases) == BUILD
    assert all(seconds >= 0 for seconds in cold.phases.values())
    assert abs(sum(cold.phases.values()) - cold.seconds) < 0.01
    again = build(corpus, tmp_path)  # nothing changed: no store written
    assert again.unchanged and "store" not in again.phases and list(again.phases)[-2:] == ["publish", "outputs"]


def test_timings_are_a_last_line_when_asked(tmp_path: Path, capsys):
    corpus = copy_corpus(tmp_path)
    command = ["build", str(corpus), "--store", str(tmp_path / "store"), "--no-out", "--quiet"]
    assert main(command) == 0
    assert "timings" not in capsys.readouterr().err
    assert main([*command, "--timings"]) == 0
    *_, how, last = capsys.readouterr().err.strip().splitlines()
    assert last.startswith("actorgraph: timings: start ") and last.endswith(" s") and "resolution" in last
    assert how == "actorgraph: resolution: incremental"  # the first build kept its state: nothing is new
