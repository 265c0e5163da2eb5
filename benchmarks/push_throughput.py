"""Push throughput into Virtuoso, against Virtuoso's own bulk loader on the same data.

    .venv/bin/python benchmarks/push_throughput.py [--triples 1000000] [--out benchmarks/results]

Builds the example corpus, replicates its document graphs under new document ids until the
dataset holds at least --triples triples (plus the one actors graph), publishes that as a
store, then on two fresh private Virtuoso instances started by scripts/triplestore:
  1. `actorgraph push` (Graph Store Protocol, Digest authentication), timed end to end
     including the count verification;
  2. Virtuoso's bulk loader (ld_dir + rdf_loader_run + checkpoint) on the same N-Quads.
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
from actorgraph.remote import Server, graphs_of, push
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
    try:
        started = time.monotonic()
        store, triples, graphs = synthetic_store(work, args.triples)
        prepared = time.monotonic() - started

        environment, variables = start_virtuoso(work / "virtuoso-push")
        try:
            server = Server(
                variables["ACTORGRAPH_ENDPOINT"],
                graph_store=variables["ACTORGRAPH_GRAPH_STORE"],
                user=variables["ACTORGRAPH_USER"],
                password=variables["ACTORGRAPH_PASSWORD"],
            )
            pushed = push(store, server)
        finally:
            stop_virtuoso(environment)

        environment, _variables = start_virtuoso(work / "virtuoso-bulk")
        try:
            load = Path(environment["VT_HOME"]) / "load"
            shutil.copy(next(store.glob("gen-*")) / "dataset.nq", load / "dataset.nq")
            begin = time.monotonic()
            isql(environment, f"ld_dir('{load}', '*.nq', 'urn:actorgraph:unused'); rdf_loader_run(); checkpoint;")
            bulk_seconds = time.monotonic() - begin
            output = isql(
                environment,
                "SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/actorgraph/')) };",
            )
            counted = next((line.strip() for line in output.splitlines() if line.strip().isdigit()), "?")
        finally:
            stop_virtuoso(environment)

        bulk_rate = triples / bulk_seconds
        lines = [
            "# Push throughput into Virtuoso",
            "",
            f"{machine()} "
            f"Dataset: {triples:,} triples in {graphs:,} named graphs (the example corpus's document graphs "
            f"replicated, plus the actors graph), prepared in {prepared:.1f} s.",
            "",
            "| method | seconds | triples/s | relative to the bulk loader |",
            "|---|---:|---:|---:|",
            f"| `actorgraph push` (Graph Store PUT per graph, Digest auth) | {pushed.seconds:.1f} | {pushed.rate:,.0f} | {pushed.rate / bulk_rate:.2f} |",
            f"| Virtuoso bulk loader (`ld_dir` + `rdf_loader_run` + `checkpoint`) | {bulk_seconds:.1f} | {bulk_rate:,.0f} | 1.00 |",
            "",
            f"Triples counted by Virtuoso after the bulk load: {counted}; after the push, every graph's count was checked by `actorgraph push`.",
            "The push time covers the loading requests; the count verification that follows is not included.",
            "",
        ]
        report(args.out, "push-throughput.md", lines)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
