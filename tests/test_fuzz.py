"""Replay every fuzzing find (tests/data/fuzz-finds/) through the reader and the extractor: none may raise."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT

FINDS = sorted(p for p in (ROOT / "tests" / "data" / "fuzz-finds").iterdir() if p.name != "README.md")


def harness():
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "scripts" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("find", FINDS, ids=[p.name for p in FINDS])
def test_fuzzing_find_reads_without_an_exception(find, tmp_path):
    path = tmp_path / find.name
    shutil.copy(find, path)
    harness().exercise(path)


def test_mutations_are_deterministic_for_a_seed():
    import random

    fuzz = harness()
    first = [fuzz.mutate(fuzz.SEEDS[".md"], random.Random(3)) for _ in range(3)]
    again = [fuzz.mutate(fuzz.SEEDS[".md"], random.Random(3)) for _ in range(3)]
    assert first == again and Path(fuzz.__file__).name == "fuzz.py"
