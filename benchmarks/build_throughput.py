"""Build throughput: documents per second, cold and incremental, and peak memory.

    .venv/bin/python benchmarks/build_throughput.py [--copies 100] [--out benchmarks/results]

Makes a corpus of the example articles copied under new ids (3 x --copies documents),
then measures: a cold build (extraction, resolution, graphs, validation of every graph,
store, exports), a rebuild with nothing changed, and a rebuild after one document changed
(only its graph and the actors graph are validated again). Peak memory is the process's
maximum resident set size.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from common import RESULTS, ROOT, machine, report

from actorgraph.pipeline import BuildOptions, build_corpus


def make_corpus(target: Path, copies: int) -> int:
    target.mkdir(parents=True)
    count = 0
    for source in sorted((ROOT / "corpus").glob("*.md")):
        text = source.read_text(encoding="utf-8")
        for number in range(copies):
            (target / f"{number:05d}-{source.name}").write_text(
                text.replace("id: ", f"id: c{number:05d}-", 1), encoding="utf-8"
            )
            count += 1
    return count


def timed(options: BuildOptions) -> tuple[float, int]:
    started = time.monotonic()
    summary = build_corpus(options)
    return time.monotonic() - started, summary.validated


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="actorgraph-build-bench-"))
    try:
        documents = make_corpus(work / "corpus", args.copies)
        options = BuildOptions(paths=(work / "corpus",), store=work / "store", out=work / "graph", quiet=True)
        cold, cold_validated = timed(options)
        unchanged, unchanged_validated = timed(options)
        one = next((work / "corpus").glob("*.md"))
        one.write_text(one.read_text(encoding="utf-8") + "\nSyria recognised Abkhazia in 2018.\n", encoding="utf-8")
        changed, changed_validated = timed(options)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines = [
            "# Build throughput",
            "",
            f"{machine()} Corpus: {documents} documents (the example articles copied under new ids).",
            "",
            "| build | seconds | documents/s | graphs validated |",
            "|---|---:|---:|---:|",
            f"| cold (everything extracted, built, validated, stored, exported) | {cold:.1f} | {documents / cold:.1f} | {cold_validated} |",
            f"| again, nothing changed | {unchanged:.1f} | {documents / unchanged:.1f} | {unchanged_validated} |",
            f"| again, one document changed | {changed:.1f} | {documents / changed:.1f} | {changed_validated} |",
            "",
            f"Peak resident memory of the process: {peak:.0f} MB.",
            "",
        ]
        report(args.out, "build-throughput.md", lines)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
