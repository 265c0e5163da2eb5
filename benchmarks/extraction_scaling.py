"""Extraction time per document against its length: linear, or not.

    .venv/bin/python benchmarks/extraction_scaling.py [--sizes 1000 2000 4000 8000] [--out benchmarks/results]

Makes one document of N sentences from the example articles' sentences (repeated in
order), extracts it with the rule engine, and reports seconds, microseconds per sentence
and the ratio to the smallest size. Linear extraction keeps microseconds per sentence
flat; quadratic extraction doubles it with each doubling. The yardstick, measured in the
same run, is the sentence splitter alone over the same text (linear by construction), so
a busy machine slows both columns alike.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from common import RESULTS, ROOT, machine, report

from actorgraph.documents import read
from actorgraph.extract import get_extractor
from actorgraph.records import Document
from actorgraph.sentences import split


def sentences() -> list[str]:
    found: list[str] = []
    for document in read([ROOT / "corpus"]):
        if isinstance(document, Document):
            found.extend(document.text[s.start : s.end].strip() for s in split(document.text))
    return [s for s in found if s]


def document_of(count: int, pool: list[str]) -> Document:
    chosen = [pool[i % len(pool)] for i in range(count)]
    paragraphs = ["\n".join(chosen[i : i + 5]) for i in range(0, count, 5)]
    return Document(
        id=f"scale-{count}", text="\n\n".join(paragraphs) + "\n", source=f"scale-{count}", published="2022-04-11"
    )


def timed(function: object, *args: object) -> float:
    started = time.perf_counter()
    function(*args)  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    pool = sentences()
    extractor = get_extractor()
    extractor(document_of(50, pool))  # warm caches: lexicon, compiled cues, dictionary
    rows = []
    for size in args.sizes:
        document = document_of(size, pool)
        seconds = timed(extractor, document)
        yardstick = timed(split, document.text)
        rows.append((size, len(document.text), seconds, yardstick))
    base = rows[0]
    lines = [
        "# Extraction time against document length",
        "",
        machine() + f" Sentences drawn in order from the {len(pool)} sentences of the example articles.",
        "",
        "| sentences | characters | extraction s | µs per sentence | × smallest | splitter s (yardstick) | extraction / yardstick |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, characters, seconds, yardstick in rows:
        lines.append(
            f"| {size} | {characters} | {seconds:.2f} | {seconds / size * 1e6:.0f} | {seconds / base[2]:.1f} "
            f"| {yardstick:.3f} | {seconds / yardstick:.0f} |"
        )
    lines += [
        "",
        "Linear extraction: '× smallest' follows the size ratio (1, 2, 4, 8) and µs per sentence stays flat.",
        "",
    ]
    report(args.out, "extraction-scaling.md", lines)


if __name__ == "__main__":
    main()
