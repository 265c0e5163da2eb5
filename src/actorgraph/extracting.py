"""Extraction of a corpus: documents in, each one's extraction out, in the order they came.

Incremental by content: each document's result is kept in a cache beside the store, keyed by
a hash of the document (its text and metadata) and of everything that shapes extraction (the
extractor's name, version and code, the lexicon, the reference actors, the ontology). An
unchanged document is not extracted again; a changed lexicon or rule changes every key.

Parallel across processes (`jobs`): documents go to the workers in batches and come back in
input order, so a build is the same, byte for byte, whatever the number of processes; the
workers are given the next batch before this one's results are taken. Memory stays bounded by
two batches, not the corpus. Results leave without the document's text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path

from actorgraph import settings
from actorgraph.corpus_index import Known
from actorgraph.durable import write_atomically
from actorgraph.extract import Extractor, get_extractor
from actorgraph.extract.pattern_cache import PATTERNS
from actorgraph.guard import extract_guarded
from actorgraph.ids import Minter
from actorgraph.ontology import SHAPES_FILE
from actorgraph.quotes import misquoted_spans
from actorgraph.records import Document, Extraction, Issue, ValidationResult
from actorgraph.workers import Workers, process_pool

log = logging.getLogger(__name__)

CACHE_FORMAT = "1"  # bump when what a cache entry holds changes shape
BATCH_PER_JOB = 16
AHEAD = 1  # batches handed to the workers beyond the one whose results are awaited


@dataclass(frozen=True)
class Extracted:
    """One document's extraction (without its text) and the spans that do not quote it."""

    extraction: Extraction
    misquoted: tuple[ValidationResult, ...]
    key: str
    reused: bool = False


def fingerprint(extractor: Extractor) -> str:
    """A hash of everything besides the document that shapes what extraction returns."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{extractor.name}\0{extractor.version}\0".encode())
    ontology = settings.ontology_dir()
    code = Path(__file__).resolve().parent
    files = [
        *sorted((ontology / "lexicon").glob("*.json")),
        # not the shapes: they check graphs, which a build validates again when they change
        *sorted(p for p in ontology.glob("*.ttl") if p.name != SHAPES_FILE),
        *sorted((code / "extract").glob("*.py")),
        *[code / name for name in ("guard.py", "ids.py", "normalize.py", "quotes.py", "records.py", "sentences.py")],
    ]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def document_key(fingerprint_: str, base: str, document: Document) -> str:
    fields = json.dumps(asdict(document), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{fingerprint_}\0{base}\0{fields}".encode()).hexdigest()


class ExtractionCache:
    """Extractions kept on disk by key; writes are atomic, so a killed build leaves no half entry."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self._listed: frozenset[str] | None = None  # the keys kept when `has` was first asked

    def get(self, key: str) -> Extracted | None:
        self.used.add(key)
        path = self._path(key)
        if path is None or not path.exists():
            return None
        try:
            found = pickle.loads(path.read_bytes())
        except Exception:  # a damaged entry is extracted again, never trusted
            log.warning("extraction cache entry %s unreadable: extracting again", path.name)
            return None
        return replace(found, reused=True) if isinstance(found, Extracted) else None

    def has(self, key: str) -> bool:
        """Whether an entry was kept for `key` when the build began (it is then counted as used).
        The folders are listed once: a build asks this of every document it knows unchanged.
        An entry written since is not seen (its document is read again, and its extraction found)."""
        if self.folder is None:
            return False
        if self._listed is None:
            self._listed = frozenset(_entry_keys(self.folder))
        if key not in self._listed:
            return False
        self.used.add(key)
        return True

    def put(self, entry: Extracted) -> None:
        path = self._path(entry.key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> int:
        """Drop entries this build did not ask for: the cache holds one corpus, not every past one.
        The entries are those `has` listed when the build began (an entry written since was asked
        for: `get` counts it), else the folders are listed now."""
        if self.folder is None or not self.folder.exists():
            return 0
        kept = self._listed if self._listed is not None else frozenset(_entry_keys(self.folder))
        unused = kept - self.used
        for key in unused:
            (self.folder / key[:2] / f"{key}.pickle").unlink(missing_ok=True)
        return len(unused)

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}.pickle"


def _entry_keys(folder: Path) -> Iterator[str]:
    """The keys of the entries in a cache folder (`<key[:2]>/<key>.pickle`), from its listings."""
    try:
        shards = [entry.path for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False)]
    except FileNotFoundError:
        return
    for shard in shards:
        yield from (name[: -len(".pickle")] for name in os.listdir(shard) if name.endswith(".pickle"))


def extract_corpus(
    items: Iterable[Document | Issue | Known],
    extractor_name: str,
    base: str,
    budget: float | None,
    cache: ExtractionCache,
    jobs: int = 1,
) -> Iterator[Extracted | Issue | Known]:
    """Each item's extraction (or its Issue), in input order; documents known unchanged
    (`corpus_index.Known`) pass as they are. With workers, the next batch is read and handed to
    them before this one's results are taken (AHEAD): they extract while this process reads files,
    keeps texts and extractions, and the caller summarises what came back."""
    extractor = get_extractor(extractor_name)
    print_ = fingerprint(extractor)
    pool = process_pool(jobs)
    try:
        batch: list[Document | Issue | Known] = []
        started: deque[_Started] = deque()
        for item in items:
            batch.append(item)
            if len(batch) >= max(1, jobs) * BATCH_PER_JOB:
                started.append(_start(batch, extractor_name, base, budget, cache, print_, pool))
                batch = []
                while len(started) > AHEAD:
                    yield from _finish(started.popleft(), cache)
        started.append(_start(batch, extractor_name, base, budget, cache, print_, pool))
        while started:
            yield from _finish(started.popleft(), cache)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


@dataclass(frozen=True)
class _Started:
    """A batch handed to the extraction: its results so far (None where one is awaited), the
    positions awaited, and their outcomes in that order (computed as they are taken, or by workers)."""

    results: list[Extracted | Issue | Known | None]
    awaited: list[int]
    outcomes: Iterator[Extracted | Issue]


def _start(
    batch: list[Document | Issue | Known],
    extractor_name: str,
    base: str,
    budget: float | None,
    cache: ExtractionCache,
    print_: str,
    pool: Workers | None,
) -> _Started:
    results: list[Extracted | Issue | Known | None] = []
    missing: list[tuple[int, str, Document]] = []
    for item in batch:
        if isinstance(item, Issue | Known):  # passed on as they are
            results.append(item)
            continue
        key = document_key(print_, base, item)
        found = cache.get(key)
        results.append(found)
        if found is None:
            missing.append((len(results) - 1, key, item))
    work = [(extractor_name, base, budget, key, document) for _, key, document in missing]
    # a few documents are extracted here: no workers are started for them
    done = pool.map(_extract_one, work) if pool is not None and not pool.here(len(work)) else map(_extract_one, work)
    return _Started(results, [index for index, _, _ in missing], done)


def _finish(started: _Started, cache: ExtractionCache) -> Iterator[Extracted | Issue | Known]:
    results = started.results
    for index, outcome in zip(started.awaited, started.outcomes, strict=True):
        if isinstance(outcome, Extracted):
            cache.put(outcome)
        results[index] = outcome
    for result in results:
        assert result is not None
        yield result


def _extract_one(work: tuple[str, str, float | None, str, Document]) -> Extracted | Issue:
    extractor_name, base, budget, key, document = work
    result = extract_guarded(_extractor(extractor_name), document, budget)
    PATTERNS.save()  # the patterns it compiled, for the next process (a worker's too: a cold build extracts there)
    if isinstance(result, Issue):
        return result
    lean = replace(result, document=result.document.without_text())
    return Extracted(lean, misquoted_spans(result, _minter(base)), key)


@cache
def _extractor(name: str) -> Extractor:
    return get_extractor(name)


@cache
def _minter(base: str) -> Minter:
    return Minter(base)
