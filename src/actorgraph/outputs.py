"""The browsable output files of a build: the published dataset as TriG, Turtle and JSON-LD,
the validation report and the resolution log, written as one sealed set."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from actorgraph.durable import write_atomically
from actorgraph.export import quads_of, render
from actorgraph.layout import DATASET_FILES, RESOLUTION_LOG, SEAL, VALIDATION_GRAPH, VALIDATION_REPORT
from actorgraph.records import ValidationResult
from actorgraph.resolve import Resolution
from actorgraph.settings import output_directory
from actorgraph.store import Manifest, published_nquads


def sealed(out: Path) -> bool:
    """Whether `out` holds a whole set of output files: each one listed in its seal, with its hash."""
    seal = out / SEAL
    if not seal.is_file():
        return False
    for line in seal.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        path = out / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            return False
    return True


def write_outputs(store: Path, out: Path, manifest: Manifest, base: str, resolution: Resolution | None = None) -> None:
    """The published dataset as browsable files, plus the validation report and the resolution log.

    Written as one set: every file is rendered first, the old SHA256SUMS is removed, each file
    is replaced atomically, and a new SHA256SUMS (the set's seal) is written last. A build killed
    midway leaves no seal, so `sha256sum -c SHA256SUMS` in `out` tells a whole set from a mix.
    """
    output_directory(out)
    lines = published_nquads(store)
    quads = quads_of(lines)
    files: dict[str, bytes] = {filename: render(lines, fmt, base, quads) for filename, fmt in DATASET_FILES.items()}
    report = report_graph(manifest, base)
    files[VALIDATION_GRAPH] = render(
        sorted(f"{line[:-2]} ." for line in report.serialize(format="nt").split("\n") if line.strip()), "ttl", base
    )
    files[VALIDATION_REPORT] = report_text(manifest).encode("utf-8")
    if resolution is not None:
        decisions = sorted(d.line() for d in resolution.decisions)
        files[RESOLUTION_LOG] = ("\n".join(decisions) + "\n").encode("utf-8")
    (out / SEAL).unlink(missing_ok=True)
    for filename, data in files.items():
        write_atomically(out / filename, data)
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))
    write_atomically(out / SEAL, sums.encode("utf-8"))


def report_text(manifest: Manifest) -> str:
    results = [r for entry in sorted(manifest.graphs.values(), key=lambda e: e["graph"]) for r in entry["results"]]
    violations = sum(1 for r in results if r["severity"] == "Violation")
    head = "Conforms." if not violations else f"Does not conform: {violations} violation(s)."
    warnings = len(results) - violations
    if warnings:
        head += f" {warnings} warning(s)."
    return "\n".join([head, *(ValidationResult(**r).line() for r in results)]) + "\n"


def report_graph(manifest: Manifest, base: str) -> Graph:
    """A SHACL validation report with IRIs for results, so the file is the same for the same results."""
    graph = Graph()
    report = URIRef(base + "validation/report")
    results = [r for entry in manifest.graphs.values() for r in entry["results"]]
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(not any(r["severity"] == "Violation" for r in results))))
    for result in results:
        digest = hashlib.sha256(repr(sorted(result.items())).encode("utf-8")).hexdigest()[:16]
        node = URIRef(f"{base}validation/result/{digest}")
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, URIRef(result["focus"])))
        graph.add((node, SH.resultSeverity, SH[result["severity"]]))
        graph.add((node, SH.resultMessage, Literal(result["message"])))
        graph.add(
            (
                node,
                SH.sourceShape,
                URIRef(result["shape"]) if result["shape"].startswith("http") else Literal(result["shape"]),
            )
        )
        if result["value"] is not None:
            graph.add((node, SH.value, Literal(result["value"])))
    return graph
