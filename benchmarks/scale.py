"""The build at scale, against the store's own bulk load of the same quads (issue 11's yardstick).

    .venv/bin/python benchmarks/scale.py [--documents 1000 10000] [--jobs 2] [--out benchmarks/results]

For each corpus size, on a generated corpus (benchmarks/synthetic_corpus.py: election and
recognition articles of 300-600 words, recurring actors with Zipf-like popularity, about 1%
bad files), measured in one run: a cold build (`actorgraph build --no-out`, every document
extracted, resolved, built, validated, stored), a rebuild with nothing changed and a rebuild
after adding one document (each three times, the disk let settle before each: the median and
every run are reported), validation alone per graph (each engine `validate_graph` offers),
extraction alone per core, peak resident memory of each build process, every named query's
p50/p95 on the built store, and pyoxigraph's `bulk_load` of the same N-Quads (the yardstick).
"""

from __future__ import annotations

import argparse
import inspect
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from common import RESULTS, ROOT, machine, report
from synthetic_corpus import article, cast, generate

import actorgraph
from actorgraph.documents import read
from actorgraph.export_stream import stream_export
from actorgraph.extract import extract_document, get_extractor
from actorgraph.ontology import load_model
from actorgraph.queries import discover, run
from actorgraph.records import Document
from actorgraph.store import graphs_nquads, open_read_only, read_manifest
from actorgraph.validate import validate_graph

CLI = [sys.executable, "-m", "actorgraph.cli"]
TIMINGS = "actorgraph: timings: "
RESOLUTION = "actorgraph: resolution: "


def measured(command: list[str], ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, str, str]:
    """Seconds, peak resident MB of the child, its last stderr line and, before a build's
    `--timings` line (returned last, with the resolution line before it), the line before; a child that exits with another status
    than `ok` stops the benchmark (a build exits 1 for the corpus's bad files)."""
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    lines = [line for line in err.splitlines() if line.strip()]
    if child.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}): {err[-2000:]}")
    timings = lines.pop()[len(TIMINGS) :] if lines and lines[-1].startswith(TIMINGS) else ""
    if lines and lines[-1].startswith(RESOLUTION):  # how the build resolved, printed before the timings
        timings += f" (resolution: {lines.pop()[len(RESOLUTION) :]})"
    return seconds, usage.ru_maxrss / 1024, lines[-1] if lines else "", timings


def compile_bytecode() -> str:
    """actorgraph's bytecode, written before anything is measured, as an installed package has it
    (pip compiles a package as it installs it; an editable install's Python writes the bytecode on
    the first import). Python does not write it when PYTHONDONTWRITEBYTECODE is set, as in this
    sandbox, and then every command compiles actorgraph's modules again: about 0.2 s of adding one
    document to 10,000 (benchmarks/results/add-one-10k.md). Returns the report's line on it."""
    package = Path(actorgraph.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    setting = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    return (
        f"actorgraph's bytecode compiled first (`python -m compileall {package.name}`), as an install "
        f"has it; PYTHONDONTWRITEBYTECODE is {setting} here."
    )


REPEATS = 3  # runs of each small build (nothing changed, adding one): their median is reported
SETTLE_SECONDS = 30  # the longest wait for the disk to take the dirty pages before a small build


def settled(command: list[str]) -> tuple[float, float, str, str]:
    """`measured`, once the disk has settled (`settle`)."""
    settle()
    return measured(command)


def settle() -> None:
    """Wait until the kernel has written what earlier steps left in memory (dirty and under
    writeback, from /proc/meminfo, under 16 MB), and a second more."""
    os.sync()
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline and _unwritten_kb() > 16 * 1024:
        time.sleep(0.5)
    time.sleep(1)


def _unwritten_kb() -> int:
    try:
        fields = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines() if ":" in line)
    except OSError:
        return 0
    return sum(int(fields.get(name, "0 kB").split()[0]) for name in ("Dirty", "Writeback"))


def median_run(runs: list[tuple[float, float, str, str]]) -> tuple[float, float, str, str]:
    """The run of median time, with the highest peak memory of them all."""
    ordered = sorted(runs, key=lambda run: run[0])
    seconds, _, line, phases = ordered[len(ordered) // 2]
    return seconds, max(run[1] for run in runs), line, phases


def spread(runs: list[tuple[float, float, str, str]]) -> str:
    """The runs' times, in the order they ran."""
    return "median of " + ", ".join(f"{run[0]:.2f}" for run in runs) + " s"


def bulk_load_seconds(nquads: Path, work: Path) -> float:
    """The yardstick, in a process of its own: pyoxigraph's bulk loader takes gigabytes, which this
    process would keep, and every later child (forked from it) would report as its own peak."""
    target = work / "yardstick"
    shutil.rmtree(target, ignore_errors=True)
    load = (
        "import sys, pyoxigraph as ox\n"
        "store = ox.Store(sys.argv[1])\n"
        "store.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS)\n"
        "store.flush()\n"
    )
    seconds, _, _, _ = measured([sys.executable, "-c", load, str(target), str(nquads)], ok=(0,))
    return seconds


def validation_ms(store: Path, sample: int) -> dict[str, float]:
    """Milliseconds per document graph for each validation engine, on the same sample of graphs,
    each with the descriptions of the actors it names (as a build validates it)."""
    from rdflib import Graph, URIRef

    manifest = read_manifest(store)
    assert manifest is not None
    names = set(manifest.graphs)  # not every published line: gigabytes at 100,000 documents
    graphs = sorted(name for name in names if "/document/" in name)
    actors_graph = next(name for name in names if name.endswith("/graph/actors"))
    chosen = random.Random(1).sample(graphs, min(sample, len(graphs)))
    by_graph = graphs_nquads(store, {*chosen, actors_graph})
    described: dict[str, list[str]] = {}
    for line in by_graph[actors_graph]:
        described.setdefault(line[1 : line.index(">")], []).append(line.rsplit(" ", 2)[0] + " .\n")
    model = load_model()
    pairs, datasets = [], []
    for name in chosen:
        own = "".join(line.rsplit(" ", 2)[0] + " .\n" for line in by_graph[name])
        graph = Graph().parse(data=own, format="nt")
        nodes = {str(n) for t in graph for n in (t[0], t[2]) if isinstance(n, URIRef)}
        shared = "".join(line for node in sorted(nodes & described.keys()) for line in described[node])
        pairs.append((own, shared))
        datasets.append(graph.parse(data=shared, format="nt") if shared else graph)
    engines = ["pyshacl"]
    if "engine" in inspect.signature(validate_graph).parameters:
        engines = ["compiled", "pyshacl"]
    timings = {}
    for engine in engines:
        options: dict[str, Any] = {"engine": engine} if engine != "pyshacl" or len(engines) > 1 else {}
        validate_graph(datasets[0], model, **options)  # warm: shapes parsed or compiled once
        started = time.perf_counter()
        for data in datasets:
            validate_graph(data, model, **options)
        timings[engine] = (time.perf_counter() - started) * 1000 / len(datasets)
    try:  # graphs validated together, as a build's workers do (32 at a time); those with results alone
        from actorgraph.validate import validate_ntriples
        from actorgraph.validate_batch import conforming
    except ImportError:
        return timings
    conforming(pairs[:1], model)
    started = time.perf_counter()
    for start in range(0, len(pairs), 32):
        batch = pairs[start : start + 32]
        for (own, shared), ok in zip(batch, conforming(batch, model), strict=True):
            if not ok:
                validate_ntriples(own + shared, model)
    timings["compiled, in batches of 32"] = (time.perf_counter() - started) * 1000 / len(pairs)
    return timings


def exported_quads(store: Path, target: Path) -> int:
    """Write the store's dataset to `target` as canonical N-Quads; its number of quads."""
    with target.open("wb") as sink:
        stream_export(store, "nq", sink)
    with target.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def extraction_per_core(corpus: Path, sample: int) -> float:
    """Documents per second extracting in this one process."""
    documents = [d for d in read(sorted(corpus.glob("synthetic-*.md"))[:sample]) if isinstance(d, Document)]
    extractor = get_extractor("rules")
    extract_document(extractor, documents[0])
    started = time.perf_counter()
    for document in documents:
        extract_document(extractor, document)
    return len(documents) / (time.perf_counter() - started)


def query_percentiles(store: Path, repeat: int) -> list[tuple[str, float, float]]:
    database = open_read_only(store)
    values = _parameter_values(database)
    rows = []
    for name, query in sorted(discover().items()):
        params = {p.name: values[p.name] for p in query.parameters}
        times: list[float] = []
        while len(times) < repeat and (len(times) < 3 or sum(times) < 10_000):  # a slow query: 3 runs or 10 s
            started = time.perf_counter()
            run(query, params, database)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        rows.append((name, statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]))
    return rows


def _parameter_values(database: ox.Store) -> dict[str, str]:
    def first(query: str) -> str:
        solutions = database.query("PREFIX ag: <https://w3id.org/actorgraph/ns#> " + query)
        assert isinstance(solutions, ox.QuerySolutions)
        for solution in solutions:
            return str(solution[0].value)
        raise SystemExit(f"no value for a query parameter: {query}")

    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    return {
        "election_name": first(
            "SELECT ?n { GRAPH ?g { ?e a ag:Election ; <https://schema.org/name> ?n } } ORDER BY ?n LIMIT 1"
        ),
        "actor_name": first(f"SELECT ?n {{ GRAPH ?g {{ ?c ag:candidate ?p }} GRAPH ?h {{ ?p {label} ?n }} }} LIMIT 1"),
        "polity_name": "Abkhazia",
        "date": "2015-06-01",
        "fact": first("SELECT ?f { GRAPH ?g { ?f a ag:Candidacy } } LIMIT 1"),
    }


def one_size(documents: int, jobs: int, work: Path) -> list[str]:
    corpus, store = work / "corpus", work / "store"
    good = generate(corpus, documents)
    build = [*CLI, "build", str(corpus), "--store", str(store), "--no-out", "--quiet", "--jobs", str(jobs), "--timings"]
    cold, cold_mb, cold_line, cold_phases = measured(build)
    # The yardstick twice, after the cold build and after the rebuilds (which remove this
    # generation: its quads are exported): this machine's speed drifts over minutes (one run found it
    # 1.4x slower than an hour before), and the ratios use the mean.
    nquads = work / "cold.nq"
    quads = exported_quads(store, nquads)
    loads = [bulk_load_seconds(nquads, work)]
    # The small builds, each after the disk has taken what came before (a build just after the bulk
    # load's or the exports' gigabytes ran its first steps at a third of their speed), three times:
    # nothing changed, then three documents added one at a time (10,001, 10,002, 10,003 documents).
    unchanged_runs = [settled(build) for _ in range(REPEATS)]
    rng = random.Random(documents)
    added_runs = []
    for number in range(documents + 1, documents + 1 + REPEATS):
        name, text = article(rng, cast(rng, documents), number)
        (corpus / name).write_text(text, encoding="utf-8")
        added_runs.append(settled(build))
    unchanged, unchanged_mb, _, unchanged_phases = median_run(unchanged_runs)
    added, added_mb, added_line, added_phases = median_run(added_runs)
    loads.append(bulk_load_seconds(nquads, work))
    yardstick = statistics.mean(loads)
    validation = validation_ms(store, 60)
    per_core = extraction_per_core(corpus, 100)
    queries = query_percentiles(store, 20)
    engines = ", ".join(f"{engine} {ms:.1f} ms" for engine, ms in validation.items())
    lines = [
        f"## {documents} documents ({good} articles, {documents - good} bad files), {quads:,} quads",
        "",
        "| step | seconds | x bulk_load | peak MB |",
        "|---|---:|---:|---:|",
        f"| pyoxigraph `bulk_load` of the same N-Quads (yardstick; mean of {loads[0]:.2f} and {loads[1]:.2f}) "
        f"| {yardstick:.2f} | 1.0 | |",
        f"| cold build, `--jobs {jobs}` | {cold:.1f} | {cold / yardstick:.1f} | {cold_mb:.0f} |",
        f"| rebuild, nothing changed ({spread(unchanged_runs)}) | {unchanged:.1f} | {unchanged / yardstick:.1f} "
        f"| {unchanged_mb:.0f} |",
        f"| rebuild after adding one document ({spread(added_runs)}) | {added:.1f} | {added / yardstick:.1f} "
        f"| {added_mb:.0f} |",
        "",
        f"Rebuild with nothing changed: {100 * unchanged / cold:.1f}% of the cold build. "
        f"Validation alone, per document graph with its actors (60 graphs): {engines}. "
        f"Extraction alone: {per_core:.1f} documents/s on one core.",
        "",
        f"Cold build's last line: `{cold_line}`",
        "",
        f"After adding one (the median run): `{added_line}`",
        "",
        "Phases on the build's own clock (`build --timings`; of the median run where there are three):",
        "",
        f"- cold: {cold_phases}",
        f"- nothing changed: {unchanged_phases}",
        f"- adding one document: {added_phases}",
        "",
        "| named query | p50 ms | p95 ms |",
        "|---|---:|---:|",
        *(f"| {name} | {p50:.1f} | {p95:.1f} |" for name, p50, p95 in queries),
        "",
        "(each query 20 times, or at least 3 times and until 10 s have passed)",
        "",
    ]
    print("\n".join(lines), flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    compiled = compile_bytecode()
    lines = [
        "# Scale: build, rebuild, add one, validation, extraction, queries",
        "",
        f"{machine()} pyoxigraph {ox.__version__}. Corpus: benchmarks/synthetic_corpus.py, seed 1.",
        "Command: `.venv/bin/python benchmarks/scale.py " + " ".join(sys.argv[1:]) + "`",
        "",
        compiled,
        "",
    ]
    for documents in args.documents:
        work = Path(tempfile.mkdtemp(prefix=f"actorgraph-scale-{documents}-"))
        try:
            lines += one_size(documents, args.jobs, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    report(args.out, "scale.md", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
