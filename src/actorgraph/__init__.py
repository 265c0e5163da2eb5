"""actorgraph: news documents in, a knowledge graph of political actors out.

The public API (documented in the README, "Python API"):

    import actorgraph
    graph = actorgraph.build_texts(["..."])          # or actorgraph.build_paths("corpus/"), actorgraph.open_store(path)
    graph.query("candidacies").to_dataframe()        # named query or .rq path; typed columns
    graph.networks().endorsement                     # networkx graphs
    graph.evidence(fact_iri)                         # the sentence behind a fact
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from actorgraph.api import KnowledgeGraph, build_paths, build_texts, open_store

if TYPE_CHECKING:
    from actorgraph.analysis import Networks
    from actorgraph.results import QueryResult

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "__version__", "build_paths", "build_texts", "networks", "open_store", "query"]


def query(
    query: str | Path, params: dict[str, str] | None = None, store: str | Path = ".actorgraph/store"
) -> QueryResult:
    """Run a named query or a .rq file on a built store."""
    return open_store(store).query(query, params)


def networks(
    store: str | Path = ".actorgraph/store", election: str | None = None, until: str | None = None
) -> Networks:
    """The endorsement, membership, co-mention and recognition networks of a built store."""
    return open_store(store).networks(election=election, until=until)
