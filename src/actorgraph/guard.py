"""One document's extraction, guarded: an exception or an overrun becomes an Issue naming it.

A build must never stop because one document trips a rule or takes pathologically long:
the document is reported in one line (file, rule, problem), keeps its previously published
graph, and the others are built.
"""

from __future__ import annotations

import ctypes
import logging
import signal
import sys
import sysconfig
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType

from actorgraph.extract import Extractor
from actorgraph.records import Document, Extraction, Issue

log = logging.getLogger(__name__)

DEFAULT_BUDGET_SECONDS = 60.0  # a long news article takes well under a second; a minute means something is wrong
AGAIN = 0.5  # seconds between raises once the budget is spent, until the guarded block has ended
SOON = 0.01  # seconds to wait for a finaliser to return before raising


class OverBudget(BaseException):
    """Extraction of one document ran past its time budget (a BaseException, so that no rule's
    own error handling can swallow it)."""


def extract_guarded(extractor: Extractor, document: Document, budget: float | None) -> Extraction | Issue:
    """The document's extraction, or an Issue naming the document, the rule and the problem."""
    try:
        with _time_budget(budget):
            return drop_impossible_shares(extractor(document))
    except OverBudget:
        log.warning("%s: extraction stopped after %s s", document.source, budget)
        return Issue(document.source, f"extraction took longer than the budget of {budget:g} s (document skipped)")
    except RecursionError as error:
        return Issue(document.source, f"extraction failed in {_rule_of(error)}: recursion too deep")
    except Exception as error:  # any rule's bug must not stop the build: it is reported by name
        log.debug("extraction of %s failed", document.source, exc_info=True)
        message = " ".join(str(error).split()) or "no message"
        return Issue(document.source, f"extraction failed in {_rule_of(error)}: {type(error).__name__}: {message}")


def drop_impossible_shares(extraction: Extraction) -> Extraction:
    """Vote shares outside 0-100 percent are misreadings, not facts: dropped with a warning naming the document."""
    kept = []
    for claim in extraction.claims:
        share = dict(claim.roles).get("vote_share")
        if isinstance(share, int | float) and not 0 <= share <= 100:
            log.warning("%s: vote share %s outside 0-100 dropped (%s)", extraction.document.source, share, claim.rule)
            continue
        kept.append(claim)
    return extraction if len(kept) == len(extraction.claims) else replace(extraction, claims=tuple(kept))


def _rule_of(error: BaseException) -> str:
    """The innermost function of ours (or of a plugged-in extractor) the error passed through: module.function."""
    stdlib = sysconfig.get_paths()["stdlib"]
    found = "the extractor"
    for frame in traceback.extract_tb(error.__traceback__):
        path = Path(frame.filename)
        library = frame.filename.startswith(stdlib) or "site-packages" in path.parts
        if path.name != "guard.py" and (not library or "actorgraph" in path.parts):
            found = f"{path.stem}.{frame.name}"
    return found


@contextmanager
def _time_budget(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget inside the block after `seconds`: by a timer signal in the main thread on
    POSIX; in another thread (a Dask worker's task) by an exception a timer thread sets in it.
    Both stop Python code between two steps, not inside one call into C. The exception is raised
    again every `AGAIN` seconds until the block ends: Python drops an exception raised inside a
    finaliser (a `__del__` the collector runs in the middle of a rule), and a runaway document
    must not outlive one lost raise. A stop that falls inside a `__del__` waits until it returns."""
    if seconds is None or seconds <= 0:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_budget(seconds):
            yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        if _in_finaliser(frame):  # raised there, it would be dropped: raised when the finaliser is done
            signal.setitimer(signal.ITIMER_REAL, SOON, AGAIN)
            return
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, AGAIN)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_budget(seconds: float) -> Iterator[None]:
    thread = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"inside": True, "fired": False}

    def expire() -> None:
        with lock:
            if not state["inside"]:
                return
            if _in_finaliser(sys._current_frames().get(thread.value)):
                start(SOON)
                return
            state["fired"] = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(OverBudget))
            start(AGAIN)

    def start(delay: float) -> None:
        timers.append(threading.Timer(delay, expire))
        timers[-1].daemon = True
        timers[-1].start()

    timers: list[threading.Timer] = []
    start(seconds)
    try:
        yield
    finally:
        with lock:
            state["inside"] = False
            timers[-1].cancel()
            if state["fired"]:  # set, but perhaps not raised yet: it must not surface after the block
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)


def _in_finaliser(frame: FrameType | None) -> bool:
    """Whether Python code runs inside an object's `__del__` (which drops what it raises)."""
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False
