"""The published store as the server sees it: reopened when a build swaps in a new generation."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

import pyoxigraph as ox

from actorgraph import settings
from actorgraph.errors import InputError
from actorgraph.store import current_generation, read_manifest

log = logging.getLogger(__name__)
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(eq=False)
class Snapshot:
    """One generation, opened read-only: every request works on one snapshot from start to end.
    `memo` keeps what the explorer derived from this generation (dropped with it)."""

    generation: Path
    store: ox.Store
    base: str
    memo: dict[str, Any] = field(default_factory=dict)
    _computing: dict[str, threading.Lock] = field(default_factory=dict, repr=False)

    def remember(self, key: str, compute: Callable[[], T]) -> T:
        """What `compute` gives, kept: computed once however many requests (threads) ask at once, the
        others waiting for it (two first visits to a page read the whole store once, not twice)."""
        if key not in self.memo:
            with _MEMO_LOCK:
                lock = self._computing.setdefault(key, threading.Lock())
            with lock:
                if key not in self.memo:
                    self.memo[key] = compute()
        return cast(T, self.memo[key])

    def remember_recent(self, kind: str, key: Hashable, compute: Callable[[], T], keep: int = 4) -> T:
        """What `compute` gives for this key, kept among the `keep` latest asked of this kind (such
        as a named query's result, for its pages and downloads); a failure is not kept."""
        recent: Recent[Hashable, T] = self.remember(kind, lambda: Recent(keep))
        if found := recent.pick([key]):
            return found[key]
        value = compute()
        recent.update({key: value})
        return value


class Recent(Generic[K, V]):
    """At most `limit` values, the least recently asked for or added going first when there are
    more: what a long-running server keeps of a generation stays bounded however much is browsed.
    Safe across threads (requests are served from several)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def pick(self, keys: Iterable[K]) -> dict[K, V]:
        """The values kept of these keys (each now the most recent)."""
        found: dict[K, V] = {}
        with self._lock:
            for key in keys:
                if key in self._items:
                    self._items.move_to_end(key)
                    found[key] = self._items[key]
        return found

    def update(self, values: Mapping[K, V]) -> None:
        with self._lock:
            for key, value in values.items():
                self._items[key] = value
                self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


_MEMO_LOCK = threading.Lock()


class StoreSource:
    """Hands out the current generation; a new `current` symlink target is opened on the next request.
    `warm`, if given (or set before the first request), is run on each generation opened, in a thread of
    its own: what most pages read of the whole store is then at hand before they ask (a failure is
    logged, and the pages read it)."""

    def __init__(self, root: Path, warm: Callable[[Snapshot], object] | None = None) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self.warm = warm

    def snapshot(self) -> Snapshot:
        generation = current_generation(self.root)
        if generation is None:
            raise InputError(self.root, "no built store here: run `actorgraph build` first")
        with self._lock:
            if self._snapshot is None or self._snapshot.generation != generation:
                manifest = read_manifest(self.root)
                base = manifest.base if manifest is not None and manifest.base else settings.DEFAULT_BASE_IRI
                store = ox.Store.read_only(str(generation / "oxigraph"))
                log.info("serving store generation %s", generation.name)
                self._snapshot = Snapshot(generation, store, base)
                if self.warm is not None:
                    threading.Thread(target=_warming, args=(self.warm, self._snapshot), daemon=True).start()
            return self._snapshot


def _warming(warm: Callable[[Snapshot], object], snapshot: Snapshot) -> None:
    try:
        warm(snapshot)
    except Exception:  # the pages read what it did not: they report their own errors
        log.exception("warming store generation %s failed", snapshot.generation.name)
    else:
        log.info("store generation %s warmed", snapshot.generation.name)
