"""The build on a Dask cluster with 1 and 2 workers: throughput and scaling (issue 13).

    .venv/bin/python benchmarks/cluster.py [--documents 10000] [--workers 1 2] [--reference-jobs 2]

On a generated corpus (benchmarks/synthetic_corpus.py), measured in one run: a cold
`actorgraph build --cluster local --jobs W` for each number of workers W (a LocalCluster of W
worker processes on this machine), a cold build on one machine with `--jobs N` for reference,
and pyoxigraph's `bulk_load` of the same N-Quads (the yardstick of issue 11). Each build gets
a store of its own, so every one extracts every document. Memory is sampled every 0.2 s over
the build's process tree (the client, the scheduler in it, and the worker processes). The
canonical N-Quads of every build must be the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from common import RESULTS, ROOT, machine, report
from scale import bulk_load_seconds, exported_quads
from synthetic_corpus import generate

from actorgraph.export_stream import stream_export

CLI = [sys.executable, "-m", "actorgraph.cli"]


def measured_tree(command: list[str]) -> tuple[float, float, float, str]:
    """Seconds, the peak resident MB of the largest process and of the whole tree, and the last
    line of stderr."""
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    peaks = {"one": 0.0, "all": 0.0}
    done = threading.Event()

    def sample() -> None:
        root = psutil.Process(child.pid)
        while not done.wait(0.2):
            sizes = []
            try:
                for process in [root, *root.children(recursive=True)]:
                    try:
                        sizes.append(process.memory_info().rss / 2**20)
                    except psutil.Error:
                        continue
            except psutil.Error:
                return
            if sizes:
                peaks["one"] = max(peaks["one"], max(sizes))
                peaks["all"] = max(peaks["all"], sum(sizes))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert child.stderr is not None
    err = child.stderr.read()
    child.wait()
    done.set()
    sampler.join()
    seconds = time.monotonic() - started
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}): {err[-2000:]}")
    lines = [line for line in err.splitlines() if line.strip()]
    return seconds, peaks["one"], peaks["all"], lines[-1] if lines else ""


def digest(store: Path) -> str:
    output = io.BytesIO()
    stream_export(store, "nq", output)
    return hashlib.sha256(output.getvalue()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--reference-jobs", type=int, default=2, help="--jobs of the build on one machine (0: none)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="actorgraph-cluster-") as folder:
        work = Path(folder)
        corpus = work / "corpus"
        good = generate(corpus, args.documents)
        runs: list[tuple[str, int, float, float, float, str]] = []
        digests = set()
        base = [*CLI, "build", str(corpus), "--no-out", "--quiet"]
        for workers in args.workers:
            store = work / f"store-cluster-{workers}"
            command = [*base, "--store", str(store), "--cluster", "local", "--jobs", str(workers)]
            seconds, one, everything, line = measured_tree(command)
            runs.append(
                (
                    f"`--cluster local --jobs {workers}` ({workers} worker{'s' * (workers > 1)})",
                    workers,
                    seconds,
                    one,
                    everything,
                    line,
                )
            )
            digests.add(digest(store))
        if args.reference_jobs:
            store = work / "store-here"
            command = [*base, "--store", str(store), "--jobs", str(args.reference_jobs)]
            seconds, one, everything, line = measured_tree(command)
            runs.append(
                (f"one machine, `--jobs {args.reference_jobs}` (no cluster)", 0, seconds, one, everything, line)
            )
            digests.add(digest(store))
        exported = work / "cluster.nq"
        quads = exported_quads(work / f"store-cluster-{args.workers[0]}", exported)
        yardstick = bulk_load_seconds(exported, work)
    first = next(seconds for _, workers, seconds, *_ in runs if workers == args.workers[0])
    lines = [
        "# Build on a Dask cluster: throughput and scaling",
        "",
        machine(),
        f"Corpus: {args.documents} generated documents ({good} articles, {args.documents - good} bad files), {quads:,} quads.",
        f"Every build gives the same canonical N-Quads: {'yes' if len(digests) == 1 else 'NO'} ({len(digests)} distinct).",
        "",
        "| build | seconds | documents/s | vs. the first | x bulk_load | largest process MB | all processes MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| pyoxigraph `bulk_load` of the same N-Quads (yardstick) | {yardstick:.1f} | | | 1.0 | | |",
        *(
            f"| {name} | {seconds:.1f} | {args.documents / seconds:.1f} | {first / seconds:.2f}x | "
            f"{seconds / yardstick:.1f} | {one:.0f} | {everything:.0f} |"
            for name, _, seconds, one, everything, _ in runs
        ),
        "",
        "Summary lines:",
        "",
        *(f"- {name}: {line}" for name, *_, line in runs),
        "",
        "Run: `.venv/bin/python benchmarks/cluster.py "
        f"--documents {args.documents} --workers {' '.join(map(str, args.workers))} --reference-jobs {args.reference_jobs}`",
    ]
    report(args.out, "cluster.md", lines)


if __name__ == "__main__":
    main()
