"""A build's long-lived data kept out of the cyclic garbage collector's way.

The corpus index, the resolution and the graph builder's indexes are made once and live until
the build ends: millions of objects that the collector would scan at each of its passes while
they are made, and after, finding nothing (a quarter of the time of adding one document to a
10,000-document store, in a profile). They are made with the collector paused and then frozen
(`gc.freeze`), which also lets the worker processes forked after them share their pages
instead of copying them as the collector touches them. A build releases them when it ends.

A query's rows (tuples of terms, tens of thousands, with no cycles among them) are made with the
collector paused too (`collector_paused`): each pass it would make among them scans the whole
heap, which costs most in a long-running process (a server, a benchmark) that holds a lot.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """What is made in the block is not scanned as it is made, nor after (until released). It is
    frozen before the collector runs again: else the collector's first pass, at the next allocation,
    would scan all of it as its youngest generation (40 ms for a 10,000-file index)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # the youngest generation's count too: nothing is left to collect
        if enabled:
            gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector makes no pass while the block runs, nor at once after it: what the
    process holds goes to the oldest generation unscanned (frozen and at once released), else the
    first pass after the block scans all it made (45 ms of `candidacies`' rows at 10,000 documents)
    and they soon bring on a full pass over the whole heap. When something is frozen (a build's
    long-lived data) it is left so, and the collector runs again as it would."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def release_long_lived() -> None:
    """Frozen objects back in the collector's care (a process may run many builds)."""
    gc.unfreeze()
