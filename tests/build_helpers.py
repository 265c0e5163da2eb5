"""Build a corpus into a temporary store, as the CLI would."""

from __future__ import annotations

import shutil
from pathlib import Path

from actorgraph.pipeline import BuildOptions, BuildSummary, build_corpus

from .conftest import ROOT


def copy_corpus(target: Path) -> Path:
    corpus = target / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    return corpus


def build(corpus: Path, root: Path, **options: object) -> BuildSummary:
    return build_corpus(BuildOptions(paths=(corpus,), store=root / "store", out=root / "out", quiet=True, **options))  # type: ignore[arg-type]
