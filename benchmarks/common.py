"""What the benchmarks share: where the package is, a line about the machine, the report."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout, installed or not
RESULTS = ROOT / "benchmarks" / "results"


def machine() -> str:
    return f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}."


def report(out: Path, name: str, lines: list[str]) -> None:
    """Write the Markdown report to out/NAME and print it."""
    text = "\n".join(lines)
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_text(text, encoding="utf-8")
    print(text)
