"""graph_writer.py: validation in worker processes gives the results of validation in this one."""

from __future__ import annotations

import pytest

from actorgraph import extracting, workers
from actorgraph.errors import ValidationFailed
from actorgraph.graph_writer import validate_triples
from actorgraph.store import read_manifest

from .build_helpers import build, copy_corpus


def test_validation_in_two_processes_gives_the_same_report(tmp_path, monkeypatch):
    """A graph with violations (shares ten times too large) validated in workers: the same results
    in the same manifest entries, the same report lines and counts, as validated here."""
    import actorgraph.build as build_module

    monkeypatch.setattr(extracting, "BATCH_PER_JOB", 1)  # three documents: two processes
    monkeypatch.setattr(workers, "INLINE", 0)  # not one of them extracted or built here
    monkeypatch.setattr(
        build_module,
        "decimal",
        lambda value: build_module.Literal(str(float(value) * 10), datatype=build_module.XSD.decimal),
    )
    corpus = copy_corpus(tmp_path)
    one = build(corpus, tmp_path / "one", jobs=1)
    two = build(corpus, tmp_path / "two", jobs=2)
    assert one.violations > 0 and (two.violations, two.warnings) == (one.violations, one.warnings)
    assert two.report_lines == one.report_lines and two.validated == one.validated
    first, second = read_manifest(tmp_path / "one" / "store"), read_manifest(tmp_path / "two" / "store")
    assert first is not None and second is not None
    assert {g: e["results"] for g, e in first.graphs.items()} == {g: e["results"] for g, e in second.graphs.items()}
    assert (tmp_path / "one" / "out" / "validation-report.ttl").read_bytes() == (
        tmp_path / "two" / "out" / "validation-report.ttl"
    ).read_bytes()
    with pytest.raises(ValidationFailed):
        build(corpus, tmp_path / "strict", jobs=2, strict=True)


def test_validate_triples_reads_n_triples_and_finds_a_violation():
    triples = "<https://example.org/f> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/actorgraph/ns#Candidacy> .\n"
    results = validate_triples(triples)
    assert results and all(r["severity"] in ("Violation", "Warning") for r in results)
    assert any(r["focus"] == "https://example.org/f" for r in results)
