"""Where a build's time goes: the seconds of each of its phases (`actorgraph build --timings`)."""

from __future__ import annotations

import time
from collections.abc import Mapping


class Phases:
    """Seconds spent in each phase, in the order the phases first ended: a phase runs from the end
    of the one before (or the clock's start) to its `done`; one named twice adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.monotonic()

    def done(self, name: str) -> None:
        now = time.monotonic()
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self._last
        self._last = now


def in_words(seconds: Mapping[str, float]) -> str:
    """Phases' seconds for a person: 'start 0.30 s, file index 0.16 s, ...'."""
    return ", ".join(f"{name} {spent:.2f} s" for name, spent in seconds.items())
