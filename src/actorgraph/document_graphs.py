"""Document graphs built, hashed and validated: in this process, or in worker processes while the
build writes the ones before them.

Turning an extraction into a document graph (rdflib), serialising it and validating it costs more
than extracting the document, and a build on one machine did it all in its main process. With
`--jobs N` the graphs are built in N worker processes; the build writes each graph's lines and
manifest entry in the order it asked for them (at most PENDING_LIMIT wait), so the output is the
same, byte for byte, for any N. A worker receives the build's resolution once, when it starts
(inherited when processes are forked, pickled where they are spawned), and loads each extraction
from the cache on disk; a task carries a document's key, its inputs and what the published graph
of it was validated as.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef

from actorgraph.build import DocumentGraph, GraphBuilder
from actorgraph.errors import InputError
from actorgraph.extracting import ExtractionCache
from actorgraph.graph_terms import Triple, graph_lines, triple_lines
from actorgraph.graph_writer import GraphWriter, graph_entry, result_dict, validate_triples
from actorgraph.nquads_file import Block
from actorgraph.records import Extraction, ValidationResult
from actorgraph.validate_batch import conforming
from actorgraph.workers import Workers

BATCH = 32  # document graphs built, and validated together, in one task
PENDING_LIMIT = 8  # batches in the pool, and copied graphs behind them, waiting for the writer


@dataclass(frozen=True)
class Context:
    """What every document graph of a build is built with."""

    builder: GraphBuilder
    cache: Path | None  # the folder of the extraction cache the build filled
    rejected: frozenset[URIRef]  # the curation's rejected facts
    actor_lines: dict[str, tuple[str, ...]]  # actor IRI -> its N-Triples lines in the actors graph


@dataclass(frozen=True)
class GraphTask:
    """One document graph to build."""

    document: str  # the document's id
    source: str  # the document's source, as the manifest names it
    key: str  # its extraction's key in the cache
    source_file: str | None
    inputs: str  # the digest of what the graph is built from (reuse.graph_inputs)
    misquoted: tuple[ValidationResult, ...]  # results the extraction found (spans that do not quote the text)
    # the published graph's hash and results, when its results still hold (same shapes): the same
    # lines are not validated again
    previous: tuple[str, list[dict[str, Any]]] | None = None


@dataclass(frozen=True)
class Reused:
    """A graph kept from the published generation, with its manifest entry and results."""

    entry: dict[str, Any]
    block: Block  # where the published generation has its lines


@dataclass(frozen=True)
class Built:
    entry: dict[str, Any]  # the graph's manifest entry (graph_writer.graph_entry)
    lines: list[str]
    validated: bool  # its results are new, not the published graph's


def actor_lines(actors: Iterable[Triple]) -> dict[str, tuple[str, ...]]:
    """The actors graph's N-Triples lines by subject IRI, sorted: a document graph is validated with
    the descriptions of the actors it names."""
    found: dict[str, list[str]] = {}
    for line in sorted(triple_lines(actors)):
        if line.startswith("<"):
            found.setdefault(line[1 : line.index(">")], []).append(line)
    return {subject: tuple(lines) for subject, lines in found.items()}


def build_graphs(context: Context, tasks: Sequence[GraphTask]) -> list[Built]:
    """Documents' graphs: their lines, hashes, manifest entries and validation results."""
    extractions = []
    for task in tasks:
        found = ExtractionCache(context.cache).get(task.key)
        if found is None:
            raise InputError(context.cache or "extraction cache", f"entry {task.key} went missing during the build")
        extractions.append(found.extraction)
    return graphs_of(context, list(zip(extractions, tasks, strict=True)))


def graphs_of(context: Context, items: Sequence[tuple[Extraction, GraphTask]]) -> list[Built]:
    """The graphs of extractions at hand (see `build_graphs`). The graphs whose lines differ from
    the published ones are validated together (validate_batch); those with results, alone."""
    made = []
    for extraction, task in items:
        built = context.builder.document_graph(extraction, task.source_file, context.rejected)
        lines, digest = graph_lines(built.name, built.triples)
        kept = task.previous is not None and task.previous[0] == digest
        made.append((task, built, lines, digest, None if kept else _validation_data(context, built, lines)))
    checked = [data for *_, data in made if data is not None]
    conform = iter(conforming(checked))
    graphs = []
    for task, built, lines, digest, data in made:
        if data is None:
            assert task.previous is not None
            results = task.previous[1]
        else:
            results = [] if next(conform) else validate_triples(data[0] + data[1])
            results += [result_dict(r) for r in task.misquoted]
        facts = dict(built.facts)
        entry = graph_entry(str(built.name), digest, task.document, task.source, results, task.inputs, facts)
        graphs.append(Built(entry, lines, validated=data is not None))
    return graphs


def build_graph(context: Context, task: GraphTask) -> Built:
    """One document's graph (see `build_graphs`)."""
    return build_graphs(context, [task])[0]


def _validation_data(context: Context, built: DocumentGraph, lines: list[str]) -> tuple[str, str]:
    """The graph as N-Triples, and the descriptions of the actors it refers to."""
    suffix = f" <{built.name}> ."
    own = "".join(line[: -len(suffix)] + " .\n" for line in lines)
    nodes = {str(node) for triple in built.triples for node in (triple[0], triple[2]) if isinstance(node, URIRef)}
    described = "".join(
        line + "\n" for node in sorted(nodes & context.actor_lines.keys()) for line in context.actor_lines[node]
    )
    return own, described


_CONTEXT: Context | None = None


def install(context: Context) -> None:
    """A worker process's context (the pool's initializer)."""
    global _CONTEXT
    _CONTEXT = context


def _build_in_worker(tasks: list[GraphTask]) -> list[Built]:
    if _CONTEXT is None:
        raise RuntimeError("a document graph worker started without its context")
    return build_graphs(_CONTEXT, tasks)


class OrderedGraphs:
    """Document graphs handed to the writer in the order they were asked for: built here, or in
    the pool (whose workers were started with `install(context)`), BATCH at a time; or copied
    unchanged."""

    def __init__(self, write: GraphWriter, context: Context, pool: Workers | None) -> None:
        self.write, self.context, self.pool = write, context, pool
        self.pending: deque[Future[list[Built]] | Reused] = deque()
        self.batch: list[GraphTask] = []

    def build(self, task: GraphTask) -> None:
        self.batch.append(task)
        if len(self.batch) >= BATCH:
            self._submit()

    def reuse(self, entry: dict[str, Any], block: Block) -> None:
        """A graph kept from the published generation (with its entry and results)."""
        self._submit()  # the graphs asked for before it go first
        if self.pending:
            self.pending.append(Reused(entry, block))
            self._bound()
        else:
            self.write.reuse(entry, block)

    def finish(self) -> None:
        self._submit()
        while self.pending:
            self._settle()

    def _submit(self) -> None:
        if not self.batch:
            return
        tasks, self.batch = self.batch, []
        if self.pool is None or self.pool.here(len(tasks)):  # a few graphs: built here, no workers started
            self._place(build_graphs(self.context, tasks))
            return
        self.pending.append(self.pool.submit(_build_in_worker, tasks))
        self._bound()

    def _bound(self) -> None:
        """At most PENDING_LIMIT items wait."""
        while len(self.pending) > PENDING_LIMIT:
            self._settle()

    def _settle(self) -> None:
        item = self.pending.popleft()
        if isinstance(item, Reused):
            self.write.reuse(item.entry, item.block)
        else:
            self._place(item.result())

    def _place(self, graphs: list[Built]) -> None:
        for built in graphs:
            self.write.place(built.entry, built.lines, validated=built.validated)
