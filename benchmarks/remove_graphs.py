"""Removing many document graphs from a store: peak memory and time, flushed every
`store.REMOVED_PER_FLUSH` graphs against one flush at the end.

    .venv/bin/python benchmarks/remove_graphs.py STORE [--graphs 1300] [--rounds 2]

A build that replaces a share of the graphs (at most `store.INCREMENTAL_SHARE`; more are
bulk-loaded) copies the previous store and removes them from the copy. Each way runs in a process of
its own on a fresh copy of STORE's published database (a built store: `actorgraph build`), the two
ways alternating; the first graphs in name order that hold an election are removed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from common import RESULTS, machine, report
from scale import measured, settle

from actorgraph.store import REMOVED_PER_FLUSH, current_generation

CHILD = """
import sys, pyoxigraph as ox
from actorgraph.store import remove_graphs
store = ox.Store(sys.argv[1])
election = ox.NamedNode("https://w3id.org/actorgraph/ns#ofElection")
names = sorted({q.graph_name.value for q in store.quads_for_pattern(None, election, None)})[: int(sys.argv[2])]
if sys.argv[3] == "flushed":
    remove_graphs(store, names)
else:
    for name in names:
        store.remove_graph(ox.NamedNode(name))
store.flush()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--graphs", type=int, default=1300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    generation = current_generation(args.store)
    if generation is None:
        raise SystemExit(f"{args.store}: no built store here")
    found: dict[str, list[tuple[float, float]]] = {"one flush at the end": [], f"flushed every {REMOVED_PER_FLUSH}": []}
    with tempfile.TemporaryDirectory(prefix="actorgraph-remove-") as work:
        for _ in range(args.rounds):
            for way, argument in zip(found, ("once", "flushed"), strict=True):
                copy = Path(work) / "db"
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(generation / "oxigraph", copy)
                settle()
                seconds, peak, _, _ = measured(
                    [sys.executable, "-c", CHILD, str(copy), str(args.graphs), argument], ok=(0,)
                )
                found[way].append((seconds, peak))
                print(f"{way}: {seconds:.1f} s, {peak:.0f} MB", flush=True)
    lines = [
        "# Removing document graphs from a store: peak memory, one flush or many",
        "",
        machine(),
        f"Command: `.venv/bin/python benchmarks/remove_graphs.py STORE --graphs {args.graphs} --rounds {args.rounds}`",
        "",
        "| removing | median s | median peak MB | every round (s, MB) |",
        "|---|---:|---:|---|",
        *(
            f"| {args.graphs} graphs, {way} | {statistics.median(s for s, _ in runs):.1f} "
            f"| {statistics.median(m for _, m in runs):.0f} | {', '.join(f'{s:.1f} s {m:.0f} MB' for s, m in runs)} |"
            for way, runs in found.items()
        ),
        "",
    ]
    report(args.out, "remove-graphs.md", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
