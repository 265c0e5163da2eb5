"""Extraction compiled with mypyc against the same rules interpreted: how much quicker, and the same output.

    .venv/bin/python benchmarks/compiled_extraction.py [--documents 1000] [--rounds 3] [--out benchmarks/results]

A third of a cold build's CPU is extraction: rules in pure Python whose profile is flat (README,
Scale), so no one function is worth rewriting. mypyc (part of mypy, which the test extra
installs) compiles type-annotated modules to C extensions. This copies the package to a
temporary folder and compiles its `actorgraph/extract` modules there, never in `src/`, where a
compiled module would go on running after its rule was edited. Then it extracts the same
generated documents (benchmarks/synthetic_corpus.py) in two processes, the interpreted package
and the compiled copy, alternating rounds: each round's documents/s, and a digest of every
extraction, which must be the same both ways. The interpreted process is the yardstick: a busy
machine slows both alike.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from common import RESULTS, ROOT, machine, report
from synthetic_corpus import generate

WARM = 20  # documents extracted before the clock starts: lexicon, compiled cues, dictionary


def compile_copy(target: Path) -> tuple[float, list[str]]:
    """The package copied under `target`, its extract modules compiled there: seconds, modules."""
    package = target / "actorgraph"
    shutil.copytree(ROOT / "src" / "actorgraph", package, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    modules = sorted(str(p.relative_to(target)) for p in (package / "extract").glob("*.py") if p.name != "__init__.py")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mypyc", *modules], cwd=target, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-3:]
        raise SystemExit("mypyc failed: " + " | ".join(tail))
    return time.perf_counter() - started, modules


def extract_all(source: Path, corpus: Path) -> dict[str, object]:
    """In a worker process: every document of `corpus` extracted with the package in `source`,
    timed after a warm-up. (common.py put the checkout's src/ first on the path.)"""
    assert "actorgraph" not in sys.modules
    sys.path.insert(0, str(source))
    from actorgraph.documents import read
    from actorgraph.extract import context, get_extractor
    from actorgraph.records import Document

    documents = [d for d in read([corpus]) if isinstance(d, Document)]
    extractor = get_extractor("rules")
    for document in documents[:WARM]:
        extractor(document)
    started = time.perf_counter()
    extractions = [extractor(document) for document in documents]
    seconds = time.perf_counter() - started
    digest = hashlib.sha256()
    for extraction in extractions:
        digest.update(json.dumps(asdict(extraction), sort_keys=True, default=str).encode() + b"\n")
    return {
        "documents": len(documents),
        "per_second": len(documents) / seconds,
        "digest": digest.hexdigest(),
        "compiled": not str(context.__file__).endswith(".py"),
    }


def run_worker(source: Path, corpus: Path) -> dict[str, object]:
    environment = dict(os.environ, ACTORGRAPH_HOME=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [sys.executable, __file__, "--worker", str(corpus), "--source", str(source)],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(extract_all(args.source, args.worker)))
        return
    with tempfile.TemporaryDirectory(prefix="compiled-extraction-") as folder:
        temporary = Path(folder)
        generate(temporary / "corpus", args.documents)
        compile_seconds, modules = compile_copy(temporary / "src")
        runs: dict[str, list[dict[str, object]]] = {"interpreted": [], "compiled": []}
        for _ in range(args.rounds):
            runs["interpreted"].append(run_worker(ROOT / "src", temporary / "corpus"))
            runs["compiled"].append(run_worker(temporary / "src", temporary / "corpus"))
    if [r["compiled"] for r in runs["compiled"]] != [True] * args.rounds or any(
        r["compiled"] for r in runs["interpreted"]
    ):
        raise SystemExit("the compiled copy was not the one imported (or the interpreted one was compiled)")
    digests = {str(r["digest"]) for rs in runs.values() for r in rs}
    rates = {way: [float(str(r["per_second"])) for r in rs] for way, rs in runs.items()}
    medians = {way: statistics.median(values) for way, values in rates.items()}
    documents = runs["interpreted"][0]["documents"]
    lines = [
        "# Extraction compiled with mypyc, against the same rules interpreted",
        "",
        machine(),
        f"Command: `.venv/bin/python benchmarks/compiled_extraction.py --documents {args.documents} --rounds {args.rounds}`",
        f"Corpus: benchmarks/synthetic_corpus.py, seed 1, {documents} articles (bad files left out).",
        f"mypyc compiled {len(modules)} modules of actorgraph/extract in {compile_seconds:.0f} s.",
        "",
        "| extraction alone, one process | documents/s (median) | rounds | x interpreted |",
        "|---|---:|---|---:|",
    ]
    for way in ("interpreted", "compiled"):
        rounds = ", ".join(f"{value:.1f}" for value in rates[way])
        lines.append(f"| {way} | {medians[way]:.1f} | {rounds} | {medians[way] / medians['interpreted']:.2f} |")
    same = "the same" if len(digests) == 1 else f"NOT the same ({len(digests)} digests)"
    lines += ["", f"Extractions of every document, both ways and in every round: {same}.", ""]
    report(args.out, "compiled-extraction.md", lines)
    if len(digests) != 1:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
