"""Latency of `actorgraph serve`: SPARQL over HTTP against the same query on the embedded store.

    .venv/bin/python benchmarks/serve_latency.py [--repeat 50] [--out benchmarks/results]

Builds the example corpus, starts `actorgraph serve` as a child process, and times, in the
same run: the query on the embedded store in this process (the yardstick), the query through
/sparql (HTTP + a worker process + serialisation), and two explorer pages. Reports medians.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from common import RESULTS, ROOT, machine, report

from actorgraph.pipeline import BuildOptions, build_corpus
from actorgraph.store import open_read_only

QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?actor ?name WHERE { GRAPH ?g { ?actor skos:prefLabel ?name } } ORDER BY ?name"""


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return bytes(response.read())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="actorgraph-serve-bench-"))
    process = None
    try:
        store = work / "store"
        build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=store, out=None, quiet=True))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-m", "actorgraph.cli", "serve", "--store", str(store), "--port", str(port)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                fetch(base + "/")
                break
            except OSError:
                time.sleep(0.2)
        embedded = open_read_only(store)

        def local() -> object:
            solutions = embedded.query(QUERY)
            assert isinstance(solutions, ox.QuerySolutions)
            return solutions.serialize(format=ox.QueryResultsFormat.JSON)

        sparql_url = base + "/sparql?" + urllib.parse.urlencode({"query": QUERY})
        rows = [
            ("embedded store, in process (yardstick)", median_ms(local, args.repeat)),
            ("GET /sparql (HTTP, worker process, JSON)", median_ms(lambda: fetch(sparql_url), args.repeat)),
            ("GET /actor/anatoly-bibilov", median_ms(lambda: fetch(base + "/actor/anatoly-bibilov"), args.repeat)),
            (
                "GET /election/south-ossetia/president/2011",
                median_ms(lambda: fetch(base + "/election/south-ossetia/president/2011"), args.repeat),
            ),
        ]
        lines = [
            "# Serve latency",
            "",
            f"{machine()} Store: the example corpus. Median of {args.repeat} requests after one warm-up.",
            "",
            "| request | median ms |",
            "|---|---:|",
            *(f"| {name} | {value:.1f} |" for name, value in rows),
            "",
        ]
        report(args.out, "serve-latency.md", lines)
        return 0
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
