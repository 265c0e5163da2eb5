"""The build: documents -> extraction -> resolution -> graphs -> validation -> store -> exports.

Incremental: a file unchanged since the last build is not read (corpus_index.py); a document
whose content and extractor are unchanged is not extracted again (extracting.py keeps each
extraction by a hash of both); a document graph whose inputs are unchanged is copied from the
published generation (reuse.py), and a graph is validated only when its hash changed; the others
are built, and validated in batches, in worker processes (document_graphs.py). Graphs
stream to an N-Quads file, one block per graph in canonical order, that becomes a new store
generation (bulk-loaded, or the previous store copied with the changed graphs replaced), swapped
in only when the build succeeds. A document that cannot be read is reported and keeps its
previously published graph. With `--cluster`, extraction and document graphs run on Dask
workers (cluster.py).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from actorgraph import cluster, document_graphs, extracting, graph_writer, reading
from actorgraph import documents as documents_module
from actorgraph.actors_graph import ActorsGraph
from actorgraph.build import GraphBuilder
from actorgraph.cluster import ClusterStage
from actorgraph.corpus_index import CorpusIndex, Known, PendingSave
from actorgraph.curation import Curation, curation_graph, find_curation
from actorgraph.document_graphs import GraphTask, actor_lines
from actorgraph.errors import InputError, ValidationFailed
from actorgraph.extract import Extractor, get_extractor
from actorgraph.extract.pattern_cache import PATTERNS
from actorgraph.extracting import ExtractionCache, fingerprint
from actorgraph.file_status import FileStatus
from actorgraph.graph_writer import GraphWriter
from actorgraph.guard import DEFAULT_BUDGET_SECONDS
from actorgraph.heap import long_lived, release_long_lived
from actorgraph.ids import Minter
from actorgraph.keep import kept_graphs
from actorgraph.nquads_file import Canonical, GraphBlocks
from actorgraph.ontology import load_model
from actorgraph.outputs import sealed, write_outputs
from actorgraph.phases import Phases
from actorgraph.progress import progress, progress_bytes
from actorgraph.records import Issue, ValidationResult
from actorgraph.resolve_delta import Resolved, resolve_corpus
from actorgraph.reuse import GraphInputs
from actorgraph.settings import DEFAULT_BASE_IRI, output_directory
from actorgraph.store import (
    QUADS,
    Generation,
    Manifest,
    build_lock,
    current_generation,
    read_manifest,
    refresh_manifest,
)
from actorgraph.texts import has_texts
from actorgraph.workers import process_pool


@dataclass(frozen=True)
class BuildOptions:
    paths: tuple[Path, ...] = (Path("corpus"),)
    store: Path = Path(".actorgraph/store")
    out: Path | None = Path("graph")
    # whole-dataset files are for browsing a small corpus: above this many documents they are
    # written only when asked (None: always written); the store and `actorgraph export` hold the rest
    out_max_documents: int | None = None
    base: str = DEFAULT_BASE_IRI
    strict: bool = False
    quiet: bool = False
    curation: Path | None = None
    extractor: str = "rules"
    allow_empty: bool = False
    budget: float | None = DEFAULT_BUDGET_SECONDS  # seconds of extraction per document
    jobs: int = 1  # extraction processes; the output is the same for any number
    cluster: str | None = None  # a Dask scheduler's address, or "local" (a cluster of `jobs` workers here)
    cache: bool = True  # reuse the extraction of documents whose content and extractor are unchanged

    def produced(self) -> tuple[Path, ...]:
        """The folders a build writes, the store and the outputs: a corpus folder may hold them, and they are not read."""
        return (self.store,) if self.out is None else (self.store, self.out)


@dataclass
class BuildSummary:
    documents: int = 0
    issues: list[Issue] = field(default_factory=list)
    facts: Counter[str] = field(default_factory=Counter)
    actors: int = 0
    triples: int = 0
    violations: int = 0
    warnings: int = 0
    validated: int = 0
    extracted: int = 0  # documents extracted in this build
    reused: int = 0  # documents whose unchanged extraction was reused
    reused_graphs: int = 0  # document graphs copied from the previous generation, not built
    unchanged: bool = False  # every graph as already published: the store and outputs were left as they were
    seconds: float = 0.0
    published: bool = False
    outputs_skipped: bool = False  # a corpus over `out_max_documents`: graph/ left as it was
    store_write: str = ""  # how the store was written: "bulk", "incremental" (changed graphs only), or "" (unchanged)
    resolution: str = ""  # "incremental" (added documents against the kept state), or "every document: <why>"
    phases: dict[str, float] = field(default_factory=dict)  # seconds of each phase, in order (phases.Phases)
    report_lines: list[str] = field(default_factory=list)

    def line(self) -> str:
        facts = ", ".join(f"{kind} {count}" for kind, count in sorted(self.facts.items())) or "none"
        failed = f" ({len(self.issues)} failed)" if self.issues else ""
        return (
            f"built {self.documents} documents{failed}: facts {sum(self.facts.values())} ({facts}); "
            f"{self.actors} actors; {self.triples} triples; {self.violations} violations, {self.warnings} warnings "
            f"({self.validated} graphs validated, {self.reused_graphs} reused; "
            f"{self.extracted} documents extracted, {self.reused} unchanged)"
            f"{'; store and outputs unchanged' if self.unchanged else ''}"
            f"{'; whole-dataset files not written (a large corpus: --out DIR asks for them)' if self.outputs_skipped else ''}"
            f"; {self.seconds:.1f} s"
        )


def build_corpus(options: BuildOptions) -> BuildSummary:
    started = time.monotonic()
    clock = Phases()
    summary = BuildSummary()
    model = load_model()
    try:
        minter = Minter(options.base)
    except ValueError as error:
        raise InputError("--base", str(error)) from None
    if options.out is not None:  # before the store changes: a bad --out is refused with nothing built
        output_directory(options.out)
    with build_lock(options.store):
        previous = read_manifest(options.store)
        if previous is not None and previous.base and previous.base != options.base:
            previous = None  # another base IRI names every graph differently: start afresh
        extractor = get_extractor(options.extractor)
        documents_module.forget_paths()
        statuses: list[FileStatus | None] = []  # each file's, for the file index
        files = documents_module.discover(options.paths, statuses, skip=options.produced())
        if not options.allow_empty:
            _refuse_empty(options.paths, files)
        # The new generation is written from the start: each document's text goes beside the store
        # as it is read (the only time it is at hand), and a failed build leaves no trace of it.
        generation = Generation(options.store)
        before = current_generation(options.store) if previous is not None else None
        curation = find_curation(options.curation, options.paths)
        stage = _cluster_stage(options, generation, extractor, curation) if options.cluster else None
        pending: PendingSave | None = None  # the file index, written aside until the build publishes
        resolved: Resolved | None = None  # and the state of the resolution, kept when it publishes
        clock.done("start")
        try:
            misquoted: dict[str, tuple[ValidationResult, ...]] = {}
            keys: dict[str, str] = {}  # document id -> extraction key
            # Extractions are kept on disk, not in memory, until their graphs are built: in the store's
            # cache, or (`--full`: nothing reused) in a folder of the new generation, removed after.
            cache = ExtractionCache(options.store / "extractions" if options.cache else generation.path / "spill")
            rules = fingerprint(extractor)  # read once: it hashes the rules' code, lexicon and ontology
            # the rules' patterns as an earlier build compiled them; each extraction keeps what it
            # compiles there (the first one too: the folder is made now)
            kept_folder = cache.folder if options.cache else None  # what later builds read: the store's cache
            if kept_folder is not None:
                kept_folder.mkdir(parents=True, exist_ok=True)
            PATTERNS.use(kept_folder, rules)
            overrides = curation.overrides if curation else None
            # processes for extraction and validation here (none when the cluster does them)
            jobs = 1 if stage is not None else max(1, min(options.jobs, -(-len(files) // extracting.BATCH_PER_JOB)))
            if stage is not None:
                heads = stage.extract(files, generation, minter, lambda issue: _report(issue, summary))
                clock.done("read and extract")
                documents = [head.document for head in heads]
                keys.update((head.document.id, head.key) for head in heads)
                summary.reused = sum(head.reused for head in heads)
                cache.used.update(keys.values())  # the workers used these entries of the cache
                resolution = stage.resolve(overrides)
                clock.done("resolution")
            else:
                # One pass: each document is read, its text kept in the generation for the explorer,
                # extracted (or found unchanged), and its text let go; resolution needs a summary of
                # its actors. Files unchanged since the last build are not read: the index knows them.
                with long_lived():
                    index = CorpusIndex.load(kept_folder, f"{rules} {minter.base}")
                clock.done("file index")
                origins: list[tuple[str, FileStatus | None]] = []
                read = reading.Reading(index, cache, generation, before, minter)
                stream = read(files, statuses, origins, options.extractor, options.budget, jobs)
                documents, summaries = [], []
                taken: dict[str, list[Known] | None] = {}  # file -> what this build took from it (None: an issue)
                for position, item in enumerate(progress(stream, options.quiet, "extracting", total=len(files))):
                    path = origins[position][0]
                    if isinstance(item, Issue):
                        _report(item, summary)
                        taken[path] = None
                        continue
                    known = item if isinstance(item, Known) else reading.known(item)
                    misquoted[known.document.id], keys[known.document.id] = known.misquoted, known.key
                    documents.append(known.document)
                    summaries.append(known.summary)  # what resolution needs of it
                    summary.reused += isinstance(item, Known) or item.reused
                    from_file = taken.setdefault(path, [])
                    if from_file is not None:
                        from_file.append(known)
                if options.cache:  # written now, before the graphs' memory; in place when published
                    index.update(origins, taken)
                    pending = index.prepare(options.store / "extractions")
                clock.done("read and extract")
                with long_lived():  # its decisions are for the resolution log, if the outputs are written
                    logged = options.out is not None and not _outputs_skipped(options, len(documents))
                    resolved = resolve_corpus(summaries, keys, overrides, logged, kept_folder, index.stamp)
                resolution, summary.resolution = resolved.resolution, resolved.how
                summaries.clear()
                clock.done("resolution")
            summary.extracted = len(documents) - summary.reused
            with long_lived():  # and the workers forked after share its pages
                builder = GraphBuilder(resolution, minter, extractor.name, extractor.version)
            summary.documents = len(documents)
            summary.actors = len(resolution.actors)

            manifest = Manifest(base=options.base)
            actors = ActorsGraph(builder.actor_triples())
            kept = kept_graphs(options.store, previous, summary.issues, documents, str(minter.actors_graph()))
            described = {f"<{subject}> " for subject in actors.subjects()}
            # actors only a kept graph names keep their old descriptions
            actors.add_ntriples(t for t in kept.actor_triples if t[: t.find(">") + 2] not in described)
            reusable = Canonical(before / QUADS) if before is not None and previous is not None else None
            rejected = {URIRef(r) for r in curation.rejects} if curation else set()
            context = document_graphs.Context(builder, cache.folder, frozenset(rejected), actor_lines(actors))
            # document graphs, and the validation of the others, in worker processes started now (they
            # inherit the resolution)
            pool = process_pool(jobs, document_graphs.install, (context,))
            # a graph reused stays in the previous generation's file, shared (GraphBlocks.link)
            with GraphBlocks(generation.quads_file, before) as sink, pool or nullcontext():
                # Graphs go in canonical order (<base>document/... before <base>graph/actors, curation,
                # ontology), so the file needs no reordering (GraphBlocks.canonical) unless graphs are kept.
                write = GraphWriter(sink, manifest, previous, model, summary, pool)
                if stage is not None:
                    stage.write_graphs(write)
                else:
                    graphs = document_graphs.OrderedGraphs(write, context, pool)
                    # in the order of the previous generation's file, so its graphs are read in one pass
                    ordered = sorted(documents, key=lambda d: f"<{minter.document_name(d.id)}>")
                    roots = [root.resolve() for root in _roots(options)]
                    shapes = graph_writer.shapes_digest()
                    graph_inputs = GraphInputs(resolution, (str(r) for r in rejected), options.base)
                    for document in progress(ordered, options.quiet, "building"):
                        source_file = documents_module.source_file(document.source, roots)
                        inputs = graph_inputs(
                            keys[document.id], document.id, builder.by_document[document.id], source_file
                        )
                        name = minter.document_name(document.id)  # the graph's name: the document's IRI
                        old = (previous.graphs.get(name) if previous is not None else None) or {}
                        block = reusable.block(name) if reusable and old.get("inputs") == inputs else None
                        same_shapes = old.get("shapes") == shapes and "results" in old
                        if block is not None and same_shapes:
                            graphs.reuse(old, block)  # nothing it is built from changed: kept, not built
                            continue
                        misquotes = misquoted.get(document.id, ())
                        held = (old["sha256"], old["results"]) if same_shapes else None
                        task = GraphTask(
                            document.id, document.source, keys[document.id], source_file, inputs, misquotes, held
                        )
                        graphs.build(task)
                    graphs.finish()
                for entry in kept.entries:  # a document that could not be read keeps the graph it had
                    sink.graph(entry["graph"], kept.lines[entry["graph"]])
                    manifest.graphs[entry["graph"]] = entry
                    generation.texts.keep(before, entry["graph"])
                write(minter.actors_graph(), actors, actors, document=None, source=None)
                if curation is not None:
                    graph = curation_graph(curation, builder, resolution)
                    write(minter.curation_graph(), graph, actors, document=None, source=str(curation.path))
                # The ontology travels with the data, so any SHACL processor validates the export
                # with the shapes alone (sh:class and sh:targetClass follow rdfs:subClassOf).
                # It is the model, checked when loaded: not validated as data.
                write(minter.ontology_graph(), model.ontology, actors, None, None, check=False)
                write.finish()
            clock.done("graphs and validation")
            if not options.cache:
                shutil.rmtree(generation.path / "spill", ignore_errors=True)
            # Texts of documents that failed with no graph to keep go: each text has its graph.
            generation.texts.prune({minter.document_name(d.id) for d in documents} | {e["graph"] for e in kept.entries})
            if options.strict and summary.violations:
                raise ValidationFailed(f"{summary.violations} violation(s); nothing published (--strict)")
            current = current_generation(options.store)
            summary.unchanged = (
                manifest.same_graphs(previous)
                and current is not None
                and has_texts(current, {minter.document_name(d.id) for d in documents})  # else add them
            )
            if not summary.unchanged:  # nothing changed: the published generation stays, no reload
                storing = progress_bytes(options.quiet, "storing")
                summary.store_write = generation.load_graphs(sink, before, *manifest.changes(previous), storing)
                clock.done("store")
                generation.publish(manifest)
            elif previous is not None and manifest != previous:
                refresh_manifest(options.store, manifest)  # same data, newer record of its inputs
            summary.published = True
            cache.prune()
            if pending is not None:
                pending.commit()
            if resolved is not None and kept_folder is not None:
                resolved.save(kept_folder)
            clock.done("publish")
        finally:
            if stage is not None:
                stage.close()
            if pending is not None:
                pending.discard()  # not committed: the last build's index stays
            generation.discard()
            release_long_lived()
            PATTERNS.use(None)  # a later extraction in this process (the API's) compiles as re does
        summary.report_lines = [
            line
            for entry in sorted(manifest.graphs.values(), key=lambda e: e["graph"])
            for line in entry["report_lines"]
        ]
        summary.outputs_skipped = _outputs_skipped(options, len(documents))
        if options.out is not None and not summary.outputs_skipped and not (summary.unchanged and sealed(options.out)):
            write_outputs(options.store, options.out, manifest, options.base, resolution)
    clock.done("outputs")
    summary.seconds, summary.phases = time.monotonic() - started, clock.seconds
    return summary


def _outputs_skipped(options: BuildOptions, documents: int) -> bool:
    limit = options.out_max_documents
    return options.out is not None and limit is not None and documents > limit


def _report(issue: Issue, summary: BuildSummary) -> None:
    summary.issues.append(issue)
    print(f"actorgraph: {issue.line()}", file=sys.stderr)


def _roots(options: BuildOptions) -> list[Path]:
    """The folders document paths are given relative to (a document's source file)."""
    return [p if p.is_dir() else p.parent for p in options.paths]


def _cluster_stage(
    options: BuildOptions, generation: Generation, extractor: Extractor, curation: Curation | None
) -> ClusterStage:
    settings = cluster.Settings(
        work=str(generation.path.resolve() / "cluster"),
        cwd=os.getcwd(),
        extractor=options.extractor,
        extractor_version=extractor.version,
        base=options.base,
        budget=options.budget,
        cache=str(options.store.resolve() / "extractions") if options.cache else None,
        roots=tuple(str(root.resolve()) for root in _roots(options)),
        rejected=tuple(sorted(curation.rejects)) if curation else (),
    )
    return ClusterStage.start(options.cluster or "local", options.jobs, settings)


def _refuse_empty(paths: tuple[Path, ...], files: list[str]) -> None:
    """A missing or empty corpus would publish an empty store over the previous one: refuse."""
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise InputError(path, "no such file or directory; nothing published (the previous store is kept)")
    if not files:
        where = ", ".join(str(p) for p in paths)
        raise InputError(where, "no documents found; nothing published (--allow-empty publishes an empty store)")
