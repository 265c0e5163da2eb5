"""What the explorer keeps of a generation for its pages over the whole store, read once however many
requests ask (`Snapshot.remember`), and read before any asks when a server warms the generation."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.web import data, network, views
from actorgraph.web.network import Edge
from actorgraph.web.source import Snapshot


def warm(snapshot: Snapshot, href: Callable[[str], str]) -> None:
    """The reads most pages make (`data.warm`), then the recognitions overview and the network's
    edges: what `actorgraph serve` reads of each generation it opens (`StoreSource`'s warm)."""
    data.warm(snapshot)
    recognition_tallies(snapshot)
    network_edges(snapshot, href)


def recognition_tallies(snapshot: Snapshot) -> list[views.Tally]:
    """The recognitions overview's counts. Not the timelines they are counted from (a polity's page
    reads its own): those are every stance of the store, 21,140 at 10,000 documents."""

    def compute() -> list[views.Tally]:  # counts only: no evidence
        return views.tallies(views.recognition_timelines(data.every_stance(snapshot), data.document_dates(snapshot)))

    return snapshot.remember("recognition tallies", compute)


def network_edges(snapshot: Snapshot, href: Callable[[str], str]) -> list[Edge]:
    """Every endorsement as the network's edge: a filter of the network page reads none again."""
    return snapshot.remember("network edges", lambda: network.edges(snapshot, href))
