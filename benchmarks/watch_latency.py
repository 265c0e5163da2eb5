"""Adding one document: to a running `actorgraph build --watch`, against `actorgraph build` run anew.

    .venv/bin/python benchmarks/watch_latency.py [--documents 10000] [--rounds 3] [--jobs 2]
    .venv/bin/python benchmarks/watch_latency.py --corpus DIR --store DIR   # a corpus built already

On a generated corpus (benchmarks/synthetic_corpus.py, seed 1, cold-built first) or one given
with its built store, in rounds that alternate the two ways (this machine's speed drifts over
minutes): the yardstick, a new document written into the corpus and `actorgraph build` run on it
(the command's wall time, as scale.py measures "adding one"); then a watch started on the corpus
(its first build finds nothing changed), and two documents written one after the other, each
timed from the moment its file appears (renamed into place whole) to the watch's summary line of
the build that published it. The first is the first extraction of the watch's process, the second
one of a watch that has run for a while. Each addition waits for the disk to settle first
(scale.settle). The documents added stay in the corpus, and in the store.
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import RESULTS, ROOT, machine, report
from scale import CLI, RESOLUTION, TIMINGS, compile_bytecode, measured, settle, settled
from synthetic_corpus import Cast, article, cast, generate

BUILT = "built "
WAIT_SECONDS = 600  # the longest wait for a build of the watch (its first, at 10,000 documents, takes seconds)


class Watch:
    """`actorgraph build --watch` running on a corpus, its stderr lines read as they come."""

    def __init__(self, corpus: Path, store: Path, jobs: int) -> None:
        command = [*CLI, "build", str(corpus), "--store", str(store), "--no-out", "--quiet", "--jobs", str(jobs)]
        self.child = subprocess.Popen(
            [*command, "--timings", "--watch"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.child.stderr is not None
        for line in self.child.stderr:
            self.lines.put((time.monotonic(), line.rstrip("\n")))

    def built(self) -> tuple[float, str, str]:
        """When the next build's summary line came, the line, and how the build resolved."""
        deadline = time.monotonic() + WAIT_SECONDS
        found: tuple[float, str] | None = None
        resolution = ""
        while True:
            try:
                at, line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise SystemExit(f"no build of the watch in {WAIT_SECONDS} s") from None
            if line.startswith(BUILT):
                found = at, line
            elif line.startswith(RESOLUTION):
                resolution = line[len(RESOLUTION) :]
            elif line.startswith(TIMINGS) and found is not None:  # the build's last line
                return *found, resolution
            elif "error" in line:
                raise SystemExit(f"the watch failed: {line}")

    def stop(self) -> None:
        self.child.send_signal(signal.SIGINT)
        try:
            self.child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.child.kill()
            raise SystemExit("the watch did not stop on SIGINT") from None


def add(corpus: Path, rng: random.Random, people: Cast, number: int) -> float:
    """Write a new document into the corpus whole (renamed into place); returns when it appeared."""
    name, text = article(rng, people, number)
    partial = corpus / f".{name}.partial"  # no document's suffix: the watch does not look at it
    partial.write_text(text, encoding="utf-8")
    appeared = time.monotonic()
    os.replace(partial, corpus / name)
    return appeared


def rounds(
    corpus: Path, store: Path, jobs: int, count: int, documents: int, first_number: int
) -> dict[str, list[tuple[float, str]]]:
    # the new documents' actors drawn as scale.py draws an added one's: from a cast of the corpus's size
    rng = random.Random(documents)
    people = cast(rng, documents)
    build = [*CLI, "build", str(corpus), "--store", str(store), "--no-out", "--quiet", "--jobs", str(jobs), "--timings"]
    found: dict[str, list[tuple[float, str]]] = {"anew": [], "watch, first": [], "watch, later": []}
    number = first_number
    for _ in range(count):
        add(corpus, rng, people, number)
        number += 1
        seconds, _, _, timings = settled(build)
        found["anew"].append((seconds, timings.partition("(resolution: ")[2].rstrip(")")))
        watch = Watch(corpus, store, jobs)
        try:
            watch.built()  # its first build: nothing changed
            for kind in ("watch, first", "watch, later"):
                settle()
                appeared = add(corpus, rng, people, number)
                number += 1
                at, line, resolution = watch.built()
                if "; 1 documents extracted" not in line:
                    raise SystemExit(f"the watch's build did not add the document: {line}")
                found[kind].append((at - appeared, resolution))
        finally:
            watch.stop()
        print(", ".join(f"{kind} {runs[-1][0]:.2f} s ({runs[-1][1]})" for kind, runs in found.items()), flush=True)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10000, help="size of the generated corpus")
    parser.add_argument("--corpus", type=Path, help="a corpus built already (with --store), not generated")
    parser.add_argument("--store", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if (args.corpus is None) != (args.store is None):
        parser.error("--corpus and --store go together")
    compiled = compile_bytecode()
    work = Path(tempfile.mkdtemp(prefix="actorgraph-watch-"))
    try:
        if args.corpus is None:
            corpus, store = work / "corpus", work / "store"
            generate(corpus, args.documents)
            measured(
                [*CLI, "build", str(corpus), "--store", str(store), "--no-out", "--quiet", "--jobs", str(args.jobs)]
            )
            described = f"benchmarks/synthetic_corpus.py, seed 1, {args.documents} documents, cold-built first"
        else:
            corpus, store = args.corpus, args.store
            described = f"{sum(1 for _ in corpus.iterdir())} files, built already"
        files = sum(1 for _ in corpus.iterdir())
        found = rounds(corpus, store, args.jobs, args.rounds, files, 1_000_000 + files)  # numbers no generated one has
    finally:
        shutil.rmtree(work, ignore_errors=True)
    median = {kind: statistics.median(seconds for seconds, _ in runs) for kind, runs in found.items()}
    lines = [
        "# Adding one document: a running `build --watch` against `build` run anew",
        "",
        f"{machine()} Corpus: {described}.",
        "Command: `.venv/bin/python benchmarks/watch_latency.py " + " ".join(sys.argv[1:]) + "`",
        "",
        compiled,
        "",
        "| adding one document | median s | x `build` anew | every round, s | resolved incrementally |",
        "|---|---:|---:|---|---:|",
        *(
            f"| {kind} | {median[kind]:.2f} | {median[kind] / median['anew']:.2f} "
            f"| {', '.join(f'{seconds:.2f}' for seconds, _ in runs)} "
            f"| {sum(how == 'incremental' for _, how in runs)} of {len(runs)} |"
            for kind, runs in found.items()
        ),
        "",
        "`anew`: the command's wall time, from its start to its exit. `watch`: from the file's appearance "
        "(renamed into place) to the watch's summary line, the store published. `first`: the first document "
        "the watch's process extracts; `later`: the next one.",
        "",
    ]
    report(args.out, "watch-latency.md", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
