"""Fuzz the reader and the extractor for a bounded time; keep every crashing input as a regression case.

    .venv/bin/python scripts/fuzz.py [--seconds 60] [--seed 0] [--finds tests/data/fuzz-finds]

Starts from small seed documents of every format, mutates them (bytes flipped, inserted,
deleted, duplicated; spans spliced between seeds; hostile fragments inserted), and feeds
each mutant to `documents.read_file` and the rule extractor. Any exception is a find: the
input is written to the finds folder under its hash (tests/test_fuzz.py replays them all
on every test run) and the script exits 1. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from actorgraph.documents import read_file  # noqa: E402
from actorgraph.extract import get_extractor  # noqa: E402
from actorgraph.records import Document  # noqa: E402

TEXT = (
    "In South Ossetia's presidential election in 2011, Anatoly Bibilov won 25.4 percent of the vote. "
    '"We will win," he said, according to Kommersant. Russia recognised Abkhazia; Georgia did not.\n'
)
SEEDS: dict[str, bytes] = {
    ".md": f"---\nid: seed\npublished: 2011-11-28\ntitle: Seed\nurl: https://example.org/a\n---\n{TEXT}".encode(),
    ".txt": TEXT.encode(),
    ".html": f"<html><head><title>T</title></head><body><article><p>{TEXT}</p></article></body></html>".encode(),
    ".jsonl": ('{"id": "s1", "text": ' + repr(TEXT.strip()).replace("'", '"') + "}\n").encode(),
}
FRAGMENTS = [
    b"---\n",
    b"\x00",
    b"\xff",
    b"\\ud800",
    b"[[[[",
    b'"',
    b"\xe2\x80\x9c",
    b"<article>",
    b"</main>",
    b"%",
    b"-",
    b"\r",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        position = rng.randint(0, len(buffer))
        if choice < 0.25 and buffer:
            buffer[min(position, len(buffer) - 1)] = rng.randrange(256)
        elif choice < 0.45:
            buffer[position:position] = rng.choice(FRAGMENTS)
        elif choice < 0.65 and buffer:
            del buffer[position : position + rng.randint(1, 20)]
        elif choice < 0.85:
            piece = buffer[position : position + rng.randint(1, 60)]
            buffer[position:position] = piece * rng.randint(1, 4)
        else:
            other = rng.choice(list(SEEDS.values()))
            start = rng.randint(0, len(other))
            buffer[position:position] = other[start : start + rng.randint(1, 80)]
    return bytes(buffer)


def exercise(path: Path) -> None:
    """Read the file and extract every document it yields; any exception escapes."""
    extractor = get_extractor()
    for item in read_file(path):
        if isinstance(item, Document):
            extractor(item)
        elif "\n" in item.line():
            raise AssertionError(f"issue runs over several lines: {item.line()!r}")
        else:
            item.line().encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--finds", type=Path, default=ROOT / "tests" / "data" / "fuzz-finds")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # dropped-share warnings on mutants are expected, not finds
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.seconds
    runs = finds = 0
    with tempfile.TemporaryDirectory() as scratch:
        while time.monotonic() < deadline:
            suffix = rng.choice(list(SEEDS))
            data = mutate(SEEDS[suffix], rng)
            path = Path(scratch) / f"input{suffix}"
            path.write_bytes(data)
            runs += 1
            try:
                exercise(path)
            except Exception:
                finds += 1
                name = hashlib.sha256(data).hexdigest()[:16] + suffix
                args.finds.mkdir(parents=True, exist_ok=True)
                (args.finds / name).write_bytes(data)
                last = traceback.format_exc().strip().splitlines()[-1]
                print(f"fuzz: find {args.finds / name}: {last}", file=sys.stderr)
    print(f"fuzz: {runs} inputs in {args.seconds:g} s, {finds} finds", file=sys.stderr)
    return 1 if finds else 0


if __name__ == "__main__":
    raise SystemExit(main())
