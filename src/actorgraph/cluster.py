"""The document stage of a build on a Dask cluster (`actorgraph build --cluster ADDRESS`).

1. Map: each partition of the corpus's files is read and extracted on a worker
   (`extract_partition`). The extractions stay on the workers; the client receives each
   document's heading (metadata, extraction key), never its mentions, facts or text.
2. Reduce: one task on the cluster resolves the actors from the partitions' mention summaries
   (`resolve.resolve_summaries`, the same function as a build on one machine).
3. Map: each partition's document graphs are built with the resolved actor IRIs, validated, and
   written as an N-Quads shard (one block of sorted lines per graph); the client receives each
   graph's manifest entry and where its block is, and writes the generation from the shards.

The output is the same dataset, quad for quad, as a build on one machine: the same functions
build it, and the client puts the graphs in the same order. Tasks are functions of their inputs
and write their files under a temporary name and rename them, so a task run again after its
worker died (Dask reruns it, and recomputes results lost with the worker) writes the same files.

Workers read the corpus and write shards and texts at the paths the client gives them: the corpus
and the store must be in a folder every worker sees at the same path (one machine, or a shared
file system).
"""

from __future__ import annotations

import logging
import shutil
import uuid
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from rdflib import URIRef

from actorgraph import documents
from actorgraph.build import GraphBuilder
from actorgraph.document_graphs import BATCH, Context, GraphTask, actor_lines, graphs_of
from actorgraph.durable import write_atomically
from actorgraph.errors import InputError
from actorgraph.extract import get_extractor
from actorgraph.extracting import Extracted, ExtractionCache, extract_corpus, fingerprint
from actorgraph.graph_writer import (
    GraphWriter,
    shapes_digest,
)
from actorgraph.ids import Minter
from actorgraph.keep import file_identity
from actorgraph.records import Document, Issue
from actorgraph.resolve import LocalActor, Overrides, Resolution, resolve_summaries, summarize
from actorgraph.reuse import GraphInputs, builder_fingerprint
from actorgraph.store import Generation

if TYPE_CHECKING:
    from distributed import Client, Future

log = logging.getLogger(__name__)

PARTITIONS_PER_WORKER = 8  # enough tasks to balance the load and to lose little when a worker dies
MAX_PARTITION = 250  # documents per task at most
CONNECT_SECONDS = 10  # a scheduler that does not answer in this time is reported


@dataclass(frozen=True)
class Head:
    """What the client learns of one document a worker extracted."""

    document: Document  # without its text
    key: str  # the extraction's cache key
    reused: bool


@dataclass(frozen=True)
class Placed:
    """A document graph a worker built: its manifest entry and its block in a shard."""

    entry: dict[str, Any]
    shard: str
    offset: int
    length: int


@dataclass(frozen=True)
class Settings:
    """What every task of one build shares."""

    work: str  # the build's folder for shards and texts, under the new generation
    cwd: str  # the client's working folder: relative paths are relative to it
    extractor: str
    extractor_version: str
    base: str
    budget: float | None
    cache: str | None  # the extraction cache's folder
    roots: tuple[str, ...]  # corpus roots, for the source file of each document
    rejected: tuple[str, ...]  # facts the curation rejects


def connect(address: str, workers: int) -> Client:
    """A client of the scheduler at `address`, or of a new cluster of `workers` processes on this
    machine ("local"), which closes with its client."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--cluster", "needs Dask distributed: pip install 'actorgraph[cluster]'") from None
    try:
        if address == "local":
            # the cluster's scheduler and nannies live in this process: their start and stop notices are not ours
            logging.getLogger("distributed").setLevel(logging.ERROR)
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,  # not the workers' start and stop notices
            )
            client = Client(cluster)
            client._actorgraph_cluster = cluster  # type: ignore[attr-defined]
            return client
        return Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError("--cluster", f"cannot reach the Dask scheduler at {address}: {error}") from None


def disconnect(client: Client) -> None:
    client.close()
    cluster = getattr(client, "_actorgraph_cluster", None)
    if cluster is not None:
        cluster.close()


def code_fingerprint(extractor: str) -> str:
    """What shapes a build's output besides its input: the extraction's and the graph builder's code and data."""
    return f"{fingerprint(get_extractor(extractor))}:{builder_fingerprint()}:{shapes_digest()}"


def partitions(files: Sequence[str], workers: int) -> list[list[str]]:
    """The files in consecutive partitions, in order."""
    size = max(1, min(MAX_PARTITION, -(-len(files) // max(1, workers * PARTITIONS_PER_WORKER))))
    return [list(files[i : i + size]) for i in range(0, len(files), size)]


# --- tasks (run on the workers) ----------------------------------------------------------------------


def extract_partition(index: int, paths: list[str], settings: Settings) -> list[Extracted | Issue]:
    """Read and extract one partition's files; each document's text goes to `texts/<position>`."""
    texts = Path(settings.work) / f"part-{index:05d}" / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    read = [item for path in paths for item in documents.read_file(Path(settings.cwd) / path, shown=Path(path))]
    for position, item in enumerate(read):
        if isinstance(item, Document):
            write_atomically(texts / f"{position:05d}.txt", item.text.encode("utf-8"))
    cache = ExtractionCache(Path(settings.cache) if settings.cache else None)
    extracted = extract_corpus(read, settings.extractor, settings.base, settings.budget, cache)
    return [item for item in extracted if isinstance(item, Extracted | Issue)]  # (read gives no Known)


def partition_heads(items: list[Extracted | Issue]) -> list[Head | Issue]:
    return [
        item if isinstance(item, Issue) else Head(item.extraction.document, item.key, item.reused) for item in items
    ]


def partition_summaries(items: list[Extracted | Issue], excluded: frozenset[int]) -> list[list[LocalActor]]:
    return [
        summarize(item.extraction)
        for position, item in enumerate(items)
        if isinstance(item, Extracted) and position not in excluded
    ]


def resolve_partitions(overrides: Overrides | None, *summaries: list[list[LocalActor]]) -> Resolution:
    """The reduce step: one resolution from every partition's summaries."""
    return resolve_summaries((summary for partition in summaries for summary in partition), overrides)


def build_partition(
    index: int, items: list[Extracted | Issue], excluded: frozenset[int], resolution: Resolution, settings: Settings
) -> list[Placed]:
    """Build, validate and write one partition's document graphs as a shard."""
    documents.forget_paths()  # a worker outlives builds: folders are resolved afresh for each task
    context = _context(resolution, settings)
    roots = [Path(root) for root in settings.roots]
    shard = Path(settings.work) / f"part-{index:05d}" / "graphs.nq"
    graph_inputs = GraphInputs(resolution, settings.rejected, settings.base)
    work = []
    for position, item in enumerate(items):
        if not isinstance(item, Extracted) or position in excluded:
            continue
        document = item.extraction.document
        source_file = documents.source_file(str(Path(settings.cwd) / document.source), roots)
        actor_of = context.builder.by_document[document.id]
        inputs = graph_inputs(item.key, document.id, actor_of, source_file)
        work.append(
            (item.extraction, GraphTask(document.id, document.source, item.key, source_file, inputs, item.misquoted))
        )
    blocks: list[bytes] = []
    placed: list[Placed] = []
    offset = 0
    for start in range(0, len(work), BATCH):
        for built in graphs_of(context, work[start : start + BATCH]):
            block = ("\n".join(built.lines) + "\n").encode("utf-8") if built.lines else b""
            placed.append(Placed(built.entry, str(shard), offset, len(block)))
            blocks.append(block)
            offset += len(block)
    write_atomically(shard, b"".join(blocks))
    return placed


_CONTEXTS: dict[int, Context] = {}


def _context(resolution: Resolution, settings: Settings) -> Context:
    """One graph context per resolution a worker holds (indexing its actors costs a pass over every mention)."""
    found = _CONTEXTS.get(id(resolution))
    if found is None or found.builder.resolution is not resolution:
        _CONTEXTS.clear()
        builder = GraphBuilder(resolution, Minter(settings.base), settings.extractor, settings.extractor_version)
        rejected = frozenset(URIRef(r) for r in settings.rejected)
        found = _CONTEXTS[id(resolution)] = Context(builder, None, rejected, actor_lines(builder.actor_triples()))
    return found


# --- the client's side -------------------------------------------------------------------------------


class ClusterStage:
    """A build's extraction, resolution and document graphs, on the cluster `client` reaches."""

    def __init__(self, client: Client, settings: Settings) -> None:
        self.client, self.settings = client, settings
        self.token = uuid.uuid4().hex[:12]  # task keys of this build: a client's next build computes afresh
        self.parts: list[Future[Any]] = []
        self.excluded: list[frozenset[int]] = []
        self.resolution_future: Future[Any] | None = None

    @staticmethod
    def start(address: str, workers: int, settings: Settings) -> ClusterStage:
        """A stage on the cluster at `address` (see `connect`), its workers checked."""
        stage = ClusterStage(connect(address, workers), settings)
        try:
            stage.check_workers()
        except InputError:
            stage.close()
            raise
        return stage

    def check_workers(self) -> None:
        """Refuse workers that run other code or data than this process: their output would differ."""
        here = code_fingerprint(self.settings.extractor)
        for worker, theirs in sorted(self.client.run(code_fingerprint, self.settings.extractor).items()):
            if theirs != here:
                raise InputError(
                    "--cluster", f"worker {worker} runs another actorgraph (its code, lexicon or ontology differ)"
                )

    def extract(
        self, files: list[str], generation: Generation, minter: Minter, report: Callable[[Issue], None]
    ) -> list[Head]:
        """Extract every file; the heads of the documents, in corpus order. Each issue is reported
        in that order, a document with an id seen before is one, and each document's text goes
        into the new generation."""
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        chunks = partitions(files, workers)
        self.parts = [
            self.client.submit(extract_partition, index, chunk, self.settings, key=f"extract-{index}-{self.token}")
            for index, chunk in enumerate(chunks)
        ]
        heads = self.client.map(
            partition_heads, self.parts, key=[f"heads-{i}-{self.token}" for i in range(len(self.parts))]
        )
        ids = documents.Ids()
        accepted: list[Head] = []
        for index, future in enumerate(heads):
            refused: set[int] = set()
            for position, item in enumerate(future.result()):
                issue = item if isinstance(item, Issue) else ids.refuse(item.document)
                if issue is not None:
                    report(issue)
                    refused.add(position)
                    continue
                assert isinstance(item, Head)
                text = Path(self.settings.work) / f"part-{index:05d}" / "texts" / f"{position:05d}.txt"
                generation.texts.adopt(minter.document_name(item.document.id), text)
                accepted.append(item)
            self.excluded.append(frozenset(refused))
            future.release()
        return accepted

    def resolve(self, overrides: Overrides | None) -> Resolution:
        summaries = [
            self.client.submit(partition_summaries, part, excluded, key=f"summaries-{i}-{self.token}")
            for i, (part, excluded) in enumerate(zip(self.parts, self.excluded, strict=True))
        ]
        self.resolution_future = self.client.submit(
            resolve_partitions, overrides, *summaries, key=f"resolve-{self.token}"
        )
        resolution: Resolution = self.resolution_future.result()
        return resolution

    def write_graphs(self, write: GraphWriter) -> None:
        """Build the document graphs on the workers and write them, in graph order, from the shards."""
        assert self.resolution_future is not None, "resolve() first"
        built = [
            self.client.submit(
                build_partition, i, part, excluded, self.resolution_future, self.settings, key=f"build-{i}-{self.token}"
            )
            for i, (part, excluded) in enumerate(zip(self.parts, self.excluded, strict=True))
        ]
        placed = [item for future in built for item in future.result()]
        for future in [*self.parts, *built]:
            future.release()
        with ExitStack() as stack:
            shards: dict[str, BinaryIO] = {}
            for item in sorted(placed, key=lambda p: f"<{p.entry['graph']}>"):
                if item.shard not in shards:
                    shards[item.shard] = stack.enter_context(open(item.shard, "rb"))
                shards[item.shard].seek(item.offset)
                data = shards[item.shard].read(item.length).decode("utf-8")
                # the file a graph came from, as this process names it (a worker's working folder may differ)
                entry = {**item.entry, "file": file_identity(item.entry["source"])}
                write.place(entry, data.rstrip("\n").split("\n") if data else [], validated=True)

    def close(self) -> None:
        """Let the cluster go, and the shards and texts this build left in the work folder."""
        disconnect(self.client)
        shutil.rmtree(self.settings.work, ignore_errors=True)
