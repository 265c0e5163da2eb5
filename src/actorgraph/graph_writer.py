"""One named graph into the new generation: its quads written and hashed, its manifest entry, and
its validation, in this process or, with a pool, in others while the build goes on.

Document graphs are built and validated elsewhere (document_graphs, in worker processes with
`--jobs N`) and placed here with their entries (`place`); this module validates the graphs a build
makes once (actors, curation). The results are the same, and land in the same manifest entries,
as when validated one by one; at most PENDING_LIMIT graphs wait at a time.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter, deque
from concurrent.futures import Future
from typing import Any, Protocol

from rdflib import Graph, URIRef

from actorgraph import settings
from actorgraph.actors_graph import ActorsGraph
from actorgraph.build import referenced_actor_descriptions
from actorgraph.graph_terms import graph_lines
from actorgraph.keep import file_identity
from actorgraph.nquads_file import Block, GraphBlocks
from actorgraph.ontology import load_model
from actorgraph.records import ValidationResult
from actorgraph.store import Manifest
from actorgraph.validate import VALIDATOR, validate_graph, validate_ntriples
from actorgraph.workers import Workers

PENDING_LIMIT = 64


class Tally(Protocol):
    """What a build counts as graphs are written (the build's summary)."""

    validated: int
    violations: int
    warnings: int
    triples: int
    reused_graphs: int
    facts: Counter[str]


class GraphWriter:
    """Writes one named graph's quads, hashes them, and validates it if it changed."""

    def __init__(
        self,
        sink: GraphBlocks,
        manifest: Manifest,
        previous: Manifest | None,
        model: Any,
        summary: Tally,
        pool: Workers | None = None,
    ) -> None:
        self.sink, self.manifest, self.previous, self.model, self.summary = sink, manifest, previous, model, summary
        self.pool = pool  # validation in other processes; results are put in place in order by finish()
        self.pending: deque[tuple[str, Future[list[dict[str, Any]]]]] = deque()

    def reuse(self, entry: dict[str, Any], block: Block) -> None:
        """A graph kept from the previous generation (where its file has it), with its manifest
        entry and results."""
        self.sink.link(block)
        self._entry(entry, block.lines)
        self.summary.reused_graphs += 1

    def place(self, entry: dict[str, Any], lines: list[str], validated: bool = False) -> None:
        """A graph built elsewhere (`graph_entry`), written with its manifest entry; `validated`:
        its results are new (validated by whoever built it), not a previous build's."""
        self.summary.validated += validated
        self.sink.graph(entry["graph"], lines)
        self._entry(entry, len(lines))

    def _entry(self, entry: dict[str, Any], triples: int) -> None:
        self.manifest.graphs[entry["graph"]] = entry
        facts = self.summary.facts
        for kind, count in (entry.get("facts") or {}).items():  # 2.4 us, Counter.update 3.3 us, per graph
            facts[kind] += count
        self._count(entry["results"], triples)

    def _count(self, results: list[dict[str, Any]], triples: int) -> None:
        if results:  # most graphs have none
            self.summary.violations += sum(1 for r in results if r["severity"] == "Violation")
            self.summary.warnings += sum(1 for r in results if r["severity"] != "Violation")
        self.summary.triples += triples

    def __call__(
        self,
        name: URIRef,
        graph: Graph | ActorsGraph,
        actors: ActorsGraph,
        document: str | None,
        source: str | None,
        inputs: str | None = None,
        facts: dict[str, int] | None = None,
        check: bool = True,
    ) -> None:
        lines, digest = graph_lines(name, graph)
        self.sink.graph(str(name), lines)
        old = (self.previous.graphs.get(str(name)) if self.previous else None) or {}
        if old.get("sha256") == digest and old.get("shapes") == shapes_digest() and "results" in old:
            results = old["results"]
        elif not check:
            results = []
        else:
            # the actors graph is validated alone, any other with the descriptions of the actors it names
            if isinstance(graph, ActorsGraph):
                data = graph.graph()
            else:
                data = graph + referenced_actor_descriptions(graph, actors.graph())
            self.summary.validated += 1
            if self.pool is not None and not self.pool.here(1):  # results come when the validation does (finish)
                results = []
                triples = data.serialize(format="nt", encoding="utf-8").decode("utf-8")
                self.pending.append((str(name), self.pool.submit(validate_triples, triples)))
                while len(self.pending) > PENDING_LIMIT:
                    self._settle(self.pending.popleft())
            else:
                report = validate_graph(data, self.model)
                results = [result_dict(r) for r in report.results]
        self._count(results, len(lines))
        self.summary.facts.update(facts or {})
        self.manifest.graphs[str(name)] = graph_entry(str(name), digest, document, source, results, inputs, facts)

    def finish(self) -> None:
        """Wait for the validations still running and put their results in the manifest."""
        while self.pending:
            self._settle(self.pending.popleft())

    def _settle(self, pending: tuple[str, Future[list[dict[str, Any]]]]) -> None:
        name, future = pending
        results = future.result()
        entry = self.manifest.graphs[name]
        entry["results"], entry["report_lines"] = results, [ValidationResult(**r).line() for r in results]
        self._count(results, 0)


def graph_entry(
    name: str,
    digest: str,
    document: str | None,
    source: str | None,
    results: list[dict[str, Any]],
    inputs: str | None,
    facts: dict[str, int] | None,
) -> dict[str, Any]:
    """A graph's manifest entry."""
    return {
        "graph": name,
        "sha256": digest,
        "document": document,
        "source": source,
        "file": file_identity(source) if source else None,
        "results": results,
        "report_lines": [ValidationResult(**r).line() for r in results],
        "shapes": shapes_digest(),  # results hold for these shapes only: edited shapes revalidate
        "inputs": inputs,  # what a document graph is built from (reuse.graph_inputs)
        "facts": facts,
    }


def validate_triples(triples: str) -> list[dict[str, Any]]:
    """Validate a graph given as N-Triples (in a worker process); its results as manifest dicts."""
    return [result_dict(r) for r in validate_ntriples(triples, load_model()).results]


@functools.cache
def shapes_digest() -> str:
    """The shapes, and the engine that checks them: stored results hold for these only."""
    return hashlib.sha256((settings.ontology_dir() / "shapes.ttl").read_bytes() + VALIDATOR.encode()).hexdigest()


def result_dict(result: ValidationResult) -> dict[str, Any]:
    return {
        "severity": result.severity,
        "message": result.message,
        "focus": result.focus,
        "focus_label": result.focus_label,
        "value": result.value,
        "document": result.document,
        "shape": result.shape,
    }
