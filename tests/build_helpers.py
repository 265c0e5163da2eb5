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


def write_conflicting_documents(corpus: Path) -> None:
    """Two short reports that disagree on a vote share and on a recognition stance."""
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "z1.md").write_text(
        "---\npublished: 2019-08-26\n---\nIn Abkhazia's presidential election, Zaur Kochiev has 41.5 percent. Syria recognised Abkhazia.\n",
        encoding="utf-8",
    )
    (corpus / "z2.md").write_text(
        "---\npublished: 2019-08-27\n---\nIn Abkhazia's presidential election, Zaur Kochiev has 43 percent. Syria does not recognise Abkhazia.\n",
        encoding="utf-8",
    )


QUERY_PARAMETERS = {
    "endorsements-in-election": {"election_name": "2011 South Ossetia presidential election"},
    "actor-timeline": {"actor_name": "Anatoly Bibilov"},
    "election-results": {"election_name": "2022 South Ossetia presidential election"},
    "recognitions-of": {"polity_name": "South Ossetia"},
    "office-holders-at": {"date": "2011-12-01"},
}


def query_parameters(name: str, store: Path) -> dict[str, str]:
    """Parameters for a named query on the example corpus; `evidence` takes a fact of the store."""
    if name == "evidence":  # the fact behind "Kremlin-backed candidate": its IRI is a content hash
        from actorgraph.store import published_nquads

        line = next(line for line in published_nquads(store) if "/fact/2012-04-09" in line and "/endorsement-" in line)
        return {"fact": line.split(" ")[0].strip("<>")}
    return dict(QUERY_PARAMETERS.get(name, {}))
