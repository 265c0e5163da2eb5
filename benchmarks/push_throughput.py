"""Push throughput into Virtuoso: Graph Store push, push --bulk and Virtuoso's loader run by hand.

    .venv/bin/python benchmarks/push_throughput.py [--triples 1000000] [--rounds 2] [--out benchmarks/results]

Builds the example corpus, replicates its document graphs under new document ids until the
dataset holds at least --triples triples (plus the one actors graph), publishes that as a
store, then, each on a fresh private Virtuoso instance started by scripts/triplestore:
  1. `actorgraph push` (Graph Store Protocol, Digest authentication);
  2. `actorgraph push --bulk` (shards written to the instance's load folder and loaded as they
     are written, ld_add + rdf_loader_run per shard and one checkpoint, through isql-vt), then
     the same push again onto the loaded server (replace: every graph cleared and loaded again);
  3. Virtuoso's bulk loader run by hand through isql-vt (ld_dir + rdf_loader_run + checkpoint)
     on the same shard files, written beforehand.
Times cover the loading: for the pushes, from the store's quads in memory to the last request or
checkpoint (push --bulk includes writing its shards); the count verification that follows is
timed apart. Rounds 2 and 3 run --rounds times, alternating, and the best time of each is kept.
Writes a Markdown report and prints it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from common import RESULTS, ROOT, machine, report

from actorgraph.pipeline import BuildOptions, build_corpus
from actorgraph.remote import PushReport, Server, graphs_of, push
from actorgraph.remote_bulk import Loader, push_bulk, write_shards
from actorgraph.store import Generation, Manifest, published_nquads

SCRIPT = ROOT / "scripts" / "triplestore"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def synthetic_store(work: Path, target: int) -> tuple[Path, int, int]:
    """A published store of at least `target` triples made of copies of the example's document graphs."""
    build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=work / "example", out=None, quiet=True))
    lines = published_nquads(work / "example")
    documents = sorted({line.rsplit(" ", 2)[-2][1:-1] for line in lines if "/document/" in line.rsplit(" ", 2)[-2]})
    shared = [line for line in lines if not any(f"<{d}> ." in line for d in documents)]
    per_copy = {d: [line for line in lines if line.endswith(f"<{d}> .")] for d in documents}
    size = sum(len(v) for v in per_copy.values())
    copies = -(-(target - len(shared)) // size)
    root = work / "store"
    root.mkdir()
    generation = Generation(root)
    with open(generation.quads_file, "w", encoding="utf-8") as sink:
        sink.write("\n".join(shared) + "\n")
        for number in range(copies):
            for document, graph_lines in per_copy.items():
                doc_id = document.rsplit("/", 1)[1]
                renamed = f"{doc_id}-copy-{number}"
                text = (
                    "\n".join(graph_lines)
                    .replace(f"/document/{doc_id}", f"/document/{renamed}")
                    .replace(f"/fact/{doc_id}/", f"/fact/{renamed}/")
                )
                sink.write(text + "\n")
    generation.load(generation.quads_file)
    generation.publish(Manifest())
    quads = published_nquads(root)
    return root, len(quads), len(graphs_of(quads))


def start_virtuoso(home: Path) -> tuple[dict[str, str], dict[str, str]]:
    environment = dict(
        os.environ, VT_HOME=str(home), VT_SQL_PORT=str(free_port()), VT_HTTP_PORT=str(free_port()), VT_BUFFERS="100000"
    )
    started = subprocess.run(
        [str(SCRIPT), "start"], env=environment, capture_output=True, text=True, check=True, timeout=600
    )
    variables = dict(
        line.removeprefix("export ").split("=", 1)
        for line in started.stdout.splitlines()
        if line.startswith("export ACTORGRAPH_")
    )
    return environment, variables


def stop_virtuoso(environment: dict[str, str]) -> None:
    subprocess.run([str(SCRIPT), "stop"], env=environment, capture_output=True, check=False, timeout=120)


def isql(environment: dict[str, str], sql: str) -> str:
    result = subprocess.run(
        ["isql-vt", f"127.0.0.1:{environment['VT_SQL_PORT']}", "dba", "dba", f"exec={sql}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    if "*** Error" in result.stdout:
        raise RuntimeError(result.stdout)
    return result.stdout


def server_of(variables: dict[str, str]) -> Server:
    return Server(
        variables["ACTORGRAPH_ENDPOINT"],
        graph_store=variables["ACTORGRAPH_GRAPH_STORE"],
        user=variables["ACTORGRAPH_USER"],
        password=variables["ACTORGRAPH_PASSWORD"],
    )


def graph_store_push(work: Path, store: Path) -> tuple[PushReport, float]:
    environment, variables = start_virtuoso(work / "virtuoso-push")
    try:
        begin = time.monotonic()
        pushed = push(store, server_of(variables))
        return pushed, time.monotonic() - begin - pushed.seconds
    finally:
        stop_virtuoso(environment)


def bulk_push(work: Path, store: Path, round_: int) -> tuple[PushReport, float, PushReport]:
    """push --bulk onto an empty server, its verification time, then push --bulk again onto the loaded one."""
    environment, variables = start_virtuoso(work / f"virtuoso-bulk-{round_}")
    try:
        loader = Loader(variables["ACTORGRAPH_ISQL"], Path(variables["ACTORGRAPH_LOAD_DIR"]))
        begin = time.monotonic()
        first = push_bulk(store, server_of(variables), loader)
        verifying = time.monotonic() - begin - first.seconds
        again = push_bulk(store, server_of(variables), loader)
        assert first.method == again.method == "bulk-loader", first.fallback
        return first, verifying, again
    finally:
        stop_virtuoso(environment)
        shutil.rmtree(work / f"virtuoso-bulk-{round_}", ignore_errors=True)


def loader_by_hand(work: Path, store: Path, round_: int) -> tuple[float, int, str]:
    """The shards push --bulk writes, loaded by ld_dir + rdf_loader_run + checkpoint typed into isql."""
    environment, _variables = start_virtuoso(work / f"virtuoso-hand-{round_}")
    try:
        folder = Path(environment["VT_HOME"]) / "load" / "shards"
        folder.mkdir()
        shards = write_shards(published_nquads(store), folder)
        begin = time.monotonic()
        isql(environment, f"ld_dir('{folder}', '*.nq', 'urn:actorgraph:unused'); rdf_loader_run(); checkpoint;")
        seconds = time.monotonic() - begin
        output = isql(
            environment,
            "SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/actorgraph/')) };",
        )
        counted = next((line.strip() for line in output.splitlines() if line.strip().isdigit()), "?")
        return seconds, len(shards.files), counted
    finally:
        stop_virtuoso(environment)
        shutil.rmtree(work / f"virtuoso-hand-{round_}", ignore_errors=True)


def versions() -> str:
    isql_version = subprocess.run(["isql-vt", "-?"], capture_output=True, text=True, check=False).stdout
    line = next((text for text in isql_version.splitlines() if text.startswith("Version")), "Version ?")
    return f"Virtuoso Open Source {line.split()[1]} (Debian virtuoso-opensource-7-bin)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
    try:
        started = time.monotonic()
        store, triples, graphs = synthetic_store(work, args.triples)
        prepared = time.monotonic() - started

        pushed, push_verifying = graph_store_push(work, store)
        bulks, hands = [], []
        for round_ in range(args.rounds):
            hands.append(loader_by_hand(work, store, round_))
            bulks.append(bulk_push(work, store, round_))
        hand_seconds, shard_count, counted = min(hands)
        bulk, bulk_verifying, _again = min(bulks, key=lambda result: result[0].seconds)
        best_again = min(result[2].seconds for result in bulks)

        hand_rate = triples / hand_seconds
        rounds = ", ".join(f"{result[0].seconds:.1f}" for result in bulks)
        hand_rounds = ", ".join(f"{result[0]:.1f}" for result in hands)
        lines = [
            "# Push throughput into Virtuoso",
            "",
            f"{machine()} {versions()}. "
            f"Dataset: {triples:,} triples in {graphs:,} named graphs (the example corpus's document graphs "
            f"replicated, plus the actors graph), prepared in {prepared:.1f} s; {shard_count} shards of about "
            "250,000 quads. A fresh Virtuoso (`scripts/triplestore`, 100,000 buffers) for each load.",
            "",
            "| method | seconds | triples/s | relative to the loader run by hand |",
            "|---|---:|---:|---:|",
            f"| `actorgraph push` (Graph Store PUT per graph, Digest auth) | {pushed.seconds:.1f} | {pushed.rate:,.0f} | {pushed.rate / hand_rate:.2f} |",
            f"| `actorgraph push --bulk` (writes the shards and loads them through isql) | {bulk.seconds:.1f} | {bulk.rate:,.0f} | {bulk.rate / hand_rate:.2f} |",
            f"| `actorgraph push --bulk` again onto the loaded server (clears {graphs:,} graphs first) | {best_again:.1f} | {triples / best_again:,.0f} | {triples / best_again / hand_rate:.2f} |",
            f"| Virtuoso bulk loader by hand (`ld_dir` + `rdf_loader_run` + `checkpoint` on the same shards) | {hand_seconds:.1f} | {hand_rate:,.0f} | 1.00 |",
            "",
            f"Best of {args.rounds} rounds for push --bulk ({rounds} s) and the loader by hand ({hand_rounds} s); "
            "one Graph Store push. The times cover the loading; the count verification that follows "
            f"(one COUNT query per graph) took {push_verifying:.1f} s after the Graph Store push and "
            f"{bulk_verifying:.1f} s after push --bulk. Triples counted by Virtuoso after the load by hand: "
            f"{counted}; the pushes checked every graph's count.",
            "",
        ]
        report(args.out, "push-throughput.md", lines)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
