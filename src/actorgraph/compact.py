"""Slotted dataclasses that pickle as a call of their class with their field values: for the
records a build keeps for every document or every actor of every document (the corpus index's
records, resolution's decisions; the summaries' actors are tuples made in C, resolve.LocalActor).

A frozen slotted dataclass pickles through Python-level `__getstate__`/`__setstate__`: the corpus
index of 10,000 documents loaded in 0.42 s and saved in 1.05 s, against 0.21 s and 0.33 s pickled
by fields. In a microbenchmark of 116,000 actors: load 0.13 s by fields, 0.29 s slotted by
default, 0.19 s unslotted.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Class decorator (over @dataclass): instances pickle as `cls(*field values)`."""
    names = [field.name for field in fields(cls)]  # type: ignore[arg-type]
    values = attrgetter(*names) if len(names) > 1 else (lambda self: (getattr(self, names[0]),))

    def __reduce__(self: T) -> tuple[type[T], Any]:
        return (cls, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls
