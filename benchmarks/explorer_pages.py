"""The explorer's first pages on a large store, as the first visitor after a build meets them.

    .venv/bin/python benchmarks/explorer_pages.py --store STORE [--rounds 3] [--out benchmarks/results]

STORE is a built store: one of `benchmarks/scale.py`'s, or `actorgraph build` of a corpus made by
`benchmarks/synthetic_corpus.py --documents 10000`. Each page is fetched from a fresh app, which
has read nothing yet. The pages are those of the actor named by the most facts, of the actor at the
median, of one document, of the election with the most candidacies, of the polity with the most
recognition stances, and the pages over the whole store (recognitions, the endorsement network, the
home page). Each is also fetched from a fresh app warmed as `actorgraph serve` warms one (every
actor's names, the counts, the elections, the documents' dates, the recognitions overview and the
network's edges), once warming is done. The yardstick, timed in the same run, is counting the rows
of the facts the page is about (all of them, where the page shows a hundred of each kind) on the
embedded store in this process. Reports medians.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from common import RESULTS, machine, report
from starlette.testclient import TestClient
from starlette.types import ASGIApp

from actorgraph.store import open_read_only
from actorgraph.web import kept
from actorgraph.web.app import ServeOptions, create_app
from actorgraph.web.source import Snapshot

AG = "https://w3id.org/actorgraph/ns#"
# The rows of the facts a page is about: `where` picks them.
ROWS_OF = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {where} ?fact <" + AG + "rule> ?rule ; ?p ?o . }} }}"


def top(database: ox.Store, query: str) -> str:
    """The first IRI a query (of one variable, best first) gives."""
    answer = database.query(query)
    assert isinstance(answer, ox.QuerySolutions)
    return str(next(iter(answer))[0].value)


def chosen(database: ox.Store) -> list[tuple[str, str, str]]:
    """(what, page path, the yardstick's pattern or '') for each page timed."""
    answer = database.query(
        """SELECT ?actor (COUNT(DISTINCT ?fact) AS ?n) WHERE {
          GRAPH ?g { ?fact ?role ?actor . ?fact <https://w3id.org/actorgraph/ns#rule> ?rule }
          GRAPH ?a { ?actor <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }
          FILTER (CONTAINS(STR(?actor), "/actor/"))  # an actor's page, not a role's
        } GROUP BY ?actor ORDER BY DESC(?n) ?actor"""
    )
    assert isinstance(answer, ox.QuerySolutions)
    ranked = [(str(row[0].value), int(str(row[1].value))) for row in answer]
    document = database.query(
        "SELECT ?d WHERE { GRAPH ?d { ?d a <https://w3id.org/actorgraph/ns#NewsArticle> } } ORDER BY ?d LIMIT 1"
    )
    assert isinstance(document, ox.QuerySolutions)
    [doc] = [str(row[0].value) for row in document]
    most, middle = ranked[0], ranked[len(ranked) // 2]
    election = top(
        database,
        f"""SELECT ?e WHERE {{ GRAPH ?g {{ ?f a <{AG}Candidacy> ; <{AG}round> ?r }} GRAPH ?h {{ ?r <{AG}ofElection> ?e }} }}
        GROUP BY ?e ORDER BY DESC(COUNT(DISTINCT ?f)) ?e LIMIT 1""",
    )
    polity = top(
        database,
        f"""SELECT ?p WHERE {{ GRAPH ?g {{ ?f a <{AG}RecognitionStance> ; <{AG}recognizedPolity> ?p }} }}
        GROUP BY ?p ORDER BY DESC(COUNT(DISTINCT ?f)) ?p LIMIT 1""",
    )
    answer = database.query(
        f"""SELECT ?kind (COUNT(DISTINCT ?fact) AS ?n) WHERE {{ GRAPH ?g {{ ?fact ?role <{most[0]}> ; a ?kind ;
        <{AG}rule> ?rule }} }} GROUP BY ?kind ORDER BY DESC(?n) ?kind LIMIT 1"""
    )
    assert isinstance(answer, ox.QuerySolutions)
    [(kind, count)] = [(str(row[0].value), int(str(row[1].value))) for row in answer]
    middle_page = -(-count // 100) // 2 + 1  # the explorer's PAGE_FACTS
    every = f"?fact a <{AG}RecognitionStance> ."
    return [
        (f"actor named by the most facts ({most[1]:,})", "/actor/" + local(most[0]), f"?fact ?role <{most[0]}> ."),
        (
            f"that actor's {local(kind.replace('#', '/'))} facts ({count:,}), page {middle_page}",
            f"/actor/{local(most[0])}?kind={local(kind.replace('#', '/'))}&page={middle_page}",
            f"?fact ?role <{most[0]}> ; a <{kind}> .",
        ),
        (f"actor at the median ({middle[1]:,} facts)", "/actor/" + local(middle[0]), f"?fact ?role <{middle[0]}> ."),
        ("a document", "/document/" + local(doc), f"?fact <http://www.w3.org/ns/prov#wasDerivedFrom> <{doc}> ."),
        (
            "the election with the most candidacies",
            "/election/" + election.split("/election/", 1)[1],
            f"?round <{AG}ofElection> <{election}> . ?fact <{AG}round> ?round .",
        ),
        (
            "the polity with the most stances",
            "/recognitions/" + local(polity),
            f"?fact <{AG}recognizedPolity> <{polity}> .",
        ),
        ("every polity's stances counted", "/recognitions", every),
        ("the endorsement network", "/network", f"?fact a <{AG}Endorsement> ."),
        ("the home page", "/", ""),
    ]


def rows_of(database: ox.Store, where: str) -> int:
    """The yardstick: the count of the rows of the facts `where` picks."""
    answer = database.query(ROWS_OF.format(where=where))
    assert isinstance(answer, ox.QuerySolutions)
    return int(str(next(iter(answer))[0].value))


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def warmed_app(store: Path) -> tuple[ASGIApp, threading.Event, list[float]]:
    """An app as `actorgraph serve` makes it (warm=True), with an event set when warming is done and
    the seconds it took."""
    done, took, warm = threading.Event(), [], kept.warm

    def timed(snapshot: Snapshot, href: Callable[[str], str]) -> None:
        took.append(seconds(lambda: warm(snapshot, href)))
        done.set()

    kept.warm = timed  # create_app takes it from the module
    try:
        return create_app(ServeOptions(store, warm=True)), done, took
    finally:
        kept.warm = warm


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    database = open_read_only(args.store)
    pages = chosen(database)
    cold: dict[str, list[float]] = {path: [] for _, path, _ in pages}
    warmed: dict[str, list[float]] = {path: [] for _, path, _ in pages}
    warming: list[float] = []
    yardstick: dict[str, list[float]] = {path: [] for _, path, _ in pages}
    for _ in range(args.rounds):
        for _, path, where in pages:
            with TestClient(create_app(ServeOptions(args.store))) as client:  # nothing read yet
                cold[path].append(seconds(lambda: client.get(path).raise_for_status()))  # noqa: B023
            app, done, took = warmed_app(args.store)
            with TestClient(app) as client:  # warmed as the server starts, then the page asked for
                if not done.wait(600):
                    raise SystemExit("warming did not finish in 600 s")
                warmed[path].append(seconds(lambda: client.get(path).raise_for_status()))  # noqa: B023
                warming += took
            if where:
                yardstick[path].append(seconds(lambda: rows_of(database, where)))  # noqa: B023
    lines = [
        "# The explorer's first pages on a large store",
        "",
        f"{machine()} Store: `{args.store}`. Each page from a fresh app (nothing read yet), and from a "
        f"fresh app warmed as `actorgraph serve` warms it (timed once warming is done: median "
        f"{statistics.median(warming):.2f} s), median of {args.rounds} rounds.",
        f"Command: `.venv/bin/python benchmarks/explorer_pages.py --store {args.store} --rounds {args.rounds}`",
        "",
        "| page | first request, s | after warming, s | yardstick: counting the rows of the facts the page is about, in process, s |",
        "|---|---:|---:|---:|",
    ]
    for what, path, where in pages:
        still = f"{statistics.median(yardstick[path]):.2f}" if where else ""
        first, after = statistics.median(cold[path]), statistics.median(warmed[path])
        lines.append(f"| {what}: `{path}` | {first:.2f} | {after:.2f} | {still} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    lines += ["", f"Peak resident memory of the process: {peak} MB.", ""]
    report(args.out, "explorer-pages.md", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
