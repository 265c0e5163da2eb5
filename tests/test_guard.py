"""Guarded extraction: a failing rule or a runaway document is one named issue, and the build goes on."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from actorgraph.extract import get_extractor
from actorgraph.guard import OverBudget, extract_guarded
from actorgraph.records import Document, Extraction, Issue

from .build_helpers import build, copy_corpus


def document(text: str = "Anatoly Bibilov won the election.") -> Document:
    return Document(id="d", text=text, source="corpus/d.md")


def test_an_extractor_exception_becomes_an_issue_naming_file_rule_and_message(monkeypatch):
    from actorgraph.extract import rules

    def broken(self):  # a rule family that trips over a missing key
        raise KeyError("Tskhinvali")

    monkeypatch.setattr(rules.RuleEngine, "run", broken)
    issue = extract_guarded(get_extractor(), document(), budget=None)
    assert isinstance(issue, Issue)
    assert issue.source == "corpus/d.md"
    assert "test_guard.broken" in issue.problem and "KeyError" in issue.problem and "Tskhinvali" in issue.problem
    assert "\n" not in issue.line()


def test_a_document_over_its_time_budget_becomes_an_issue():
    class Slow:
        name, version = "slow", "0"

        def __call__(self, document: Document) -> Extraction:
            time.sleep(5)
            return Extraction(document, (), ())

    started = time.monotonic()
    issue = extract_guarded(Slow(), document(), budget=0.2)
    assert time.monotonic() - started < 2
    assert isinstance(issue, Issue) and "longer than the budget of 0.2 s" in issue.problem


class Busy:
    """An extractor that computes (Python steps, not one call into C) for `seconds`."""

    name, version = "busy", "0"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __call__(self, document: Document) -> Extraction:
        until = time.monotonic() + self.seconds
        while time.monotonic() < until:
            pass
        return Extraction(document, (), ())


def in_a_thread(work):  # as a Dask worker runs a task: not in the main thread, where no timer signal goes
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # the test looks at what escaped
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return outcome[0]


def test_the_budget_holds_in_a_thread_other_than_the_main_one():
    started = time.monotonic()
    issue = in_a_thread(lambda: extract_guarded(Busy(10), document(), budget=0.2))
    assert time.monotonic() - started < 3
    assert isinstance(issue, Issue) and "longer than the budget of 0.2 s" in issue.problem


def test_a_thread_that_met_its_budget_is_not_stopped_later():
    def extract_then_go_on() -> str:
        result = extract_guarded(Busy(0.05), document(), budget=0.3)
        assert isinstance(result, Extraction)
        Busy(0.6)(document())  # past the budget, outside the guarded block
        return "done"

    assert in_a_thread(extract_then_go_on) == "done"


class DropsTheFirstStop(Busy):
    """Busy, but the first stop is lost, as one raised inside a finaliser (`__del__`) is."""

    def __call__(self, document: Document) -> Extraction:
        try:
            until = time.monotonic() + self.seconds
            while time.monotonic() < until:
                pass
        except OverBudget:
            pass
        return super().__call__(document)


def test_a_stop_lost_in_a_finaliser_is_raised_again():
    started = time.monotonic()
    issue = extract_guarded(DropsTheFirstStop(5), document(), budget=0.2)
    assert time.monotonic() - started < 2
    assert isinstance(issue, Issue) and "longer than the budget of 0.2 s" in issue.problem


def test_a_stop_lost_in_a_finaliser_is_raised_again_in_a_thread():
    started = time.monotonic()
    issue = in_a_thread(lambda: extract_guarded(DropsTheFirstStop(5), document(), budget=0.2))
    assert time.monotonic() - started < 2
    assert isinstance(issue, Issue) and "longer than the budget of 0.2 s" in issue.problem


class StoppedInAFinaliser(Busy):
    """Busy, with a finaliser running when the budget is spent (Python drops what `__del__` raises)."""

    class Finalised:
        def __del__(self) -> None:
            Busy(0.4)(document())

    def __call__(self, document: Document) -> Extraction:
        Busy(0.1)(document)
        StoppedInAFinaliser.Finalised()  # dropped at once: its __del__ runs now, across the budget
        return super().__call__(document)


@pytest.mark.parametrize("where", ["main thread", "other thread"])
def test_a_stop_that_falls_in_a_finaliser_is_not_lost(where):
    def guarded() -> object:
        return extract_guarded(StoppedInAFinaliser(5), document(), budget=0.2)

    started = time.monotonic()
    issue = guarded() if where == "main thread" else in_a_thread(guarded)
    assert time.monotonic() - started < 2
    assert isinstance(issue, Issue) and "longer than the budget of 0.2 s" in issue.problem


def test_a_failing_document_does_not_abort_the_build(tmp_path, monkeypatch):
    from actorgraph.extract import rules

    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    original = rules.RuleEngine.run

    def fails_on_one(self):
        if self.drafting.ctx.document.id.startswith("2022-"):
            raise KeyError("capital")
        return original(self)

    monkeypatch.setattr(rules.RuleEngine, "run", fails_on_one)
    summary = build(corpus, tmp_path, cache=False)  # the code changed in memory, not on disk
    assert summary.published and summary.documents == 2
    [issue] = summary.issues
    assert Path(issue.source).name.startswith("2022-") and "KeyError" in issue.problem
    from .test_pipeline import graph_lines

    assert any("2022-04-11" in g for g in graph_lines(tmp_path / "store")), "the failed document keeps its graph"


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_a_missing_or_empty_corpus_publishes_nothing(tmp_path, make):
    from actorgraph.errors import InputError

    corpus = copy_corpus(tmp_path)
    first = build(corpus, tmp_path)
    target = tmp_path / "corpu"
    if make == "empty":
        target.mkdir()
    with pytest.raises(InputError):
        build(target, tmp_path)
    from actorgraph.store import read_manifest

    manifest = read_manifest(tmp_path / "store")
    assert manifest is not None and sum(1 for g in manifest.graphs if "/document/" in g) == first.documents
    if make == "empty":
        assert build(target, tmp_path, allow_empty=True).documents == 0


@pytest.mark.parametrize("share", ["-5 percent", "150 percent"])
def test_out_of_range_shares_are_dropped_with_a_warning(caplog, share):
    text = f"In South Ossetia's presidential election in 2011, Anatoly Bibilov won {share} of the vote."
    with caplog.at_level("WARNING"):
        extraction = extract_guarded(get_extractor(), document(text), budget=None)
    assert isinstance(extraction, Extraction)
    shares = [dict(c.roles).get("vote_share") for c in extraction.claims]
    assert all(s is None or 0 <= float(s) <= 100 for s in shares), shares  # type: ignore[arg-type]
    assert not any(dict(c.roles).get("outcome") == "won" for c in extraction.claims), "no winner from a misreading"
    assert any("corpus/d.md" in r.getMessage() and "dropped" in r.getMessage() for r in caplog.records)
