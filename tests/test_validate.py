"""The shapes accept a valid graph and report each broken rule with a readable message."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH

from actorgraph.ontology import Model
from actorgraph.validate import Report, validate_graph

from .conftest import DATA

SHAPES_DATA = DATA / "shapes"
CASES = sorted((SHAPES_DATA / "invalid").glob("*.ttl"))
# Raise this when adding a case; a shrinking suite must be a visible decision.
EXPECTED_CASES = 77


def _expectation(case: Path) -> tuple[str, str]:
    text = case.read_text(encoding="utf-8")
    severity = re.search(r"^# expect-severity: (\w+)$", text, re.M)
    message = re.search(r"^# expect-message: (.+)$", text, re.M)
    assert severity and message, f"{case.name} lacks its expect- header"
    return severity.group(1), message.group(1)


def _case_graph(case: Path) -> Graph:
    graph = Graph().parse(SHAPES_DATA / "valid.ttl")
    graph.parse(case)
    return graph


@functools.cache
def _case_report(model: Model, case: Path) -> Report:
    return validate_graph(_case_graph(case), model)


def test_valid_example_conforms_without_warnings(model):
    report = validate_graph(Graph().parse(SHAPES_DATA / "valid.ttl"), model)
    assert report.conforms, report.text()
    assert report.results == ()


def test_every_case_ran():
    assert len(CASES) == EXPECTED_CASES


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case_is_reported_with_its_message(model, case):
    severity, expected = _expectation(case)
    report = _case_report(model, case)
    assert report.results, f"{case.name}: nothing reported"
    assert all(r.severity == severity for r in report.results), report.text()
    assert any(expected in r.message for r in report.results), report.text()
    assert report.conforms == (severity != "Violation")
    for result in report.results:
        assert "{$" not in result.message and "{?" not in result.message, result.message


def test_every_shape_message_is_exercised_by_a_case(model):
    """Each rule of the shapes has at least one failing example."""
    messages = {str(m) for m in model.shapes.objects(None, SH.message)}
    exercised: set[str] = set()
    for case in CASES:
        for result in _case_report(model, case).results:
            exercised.update(template for template in messages if _matches(template, result.message))
    assert sorted(messages - exercised) == []


def _matches(template: str, message: str) -> bool:
    pattern = re.escape(template)
    pattern = re.sub(r"\\\{[\\$?]+\w+\\\}", ".*", pattern)
    return re.fullmatch(pattern, message, re.S) is not None


def test_messages_name_labels_not_iris(model):
    case = SHAPES_DATA / "invalid" / "candidacy-share-over-100.ttl"
    [result] = [r for r in _case_report(model, case).results if r.message.startswith("A vote share")]
    assert result.message == (
        "A vote share is one decimal percentage between 0 and 100; 120.5 reported for "
        "the candidacy of Dzambulat Tedeev is not."
    )
    assert result.document == "2011-11-28-example"
    assert "Violation:" in result.line() and "document: 2011-11-28-example" in result.line()


def test_report_text_counts_violations_and_warnings(model):
    graph = _case_graph(SHAPES_DATA / "invalid" / "candidacy-runoff-without-first-round.ttl")
    graph.parse(SHAPES_DATA / "invalid" / "span-quote-length.ttl")
    report = validate_graph(graph, model)
    assert report.text().splitlines()[0] == "Does not conform: 1 violation(s). 1 warning(s)."
    assert not report.conforms
    assert Literal(False) in set(report.graph.objects(None, SH.conforms))


def test_valid_example_covers_every_concrete_class(model):
    from rdflib import OWL, RDF

    graph = Graph().parse(SHAPES_DATA / "valid.ttl")
    classes = {
        c for c in model.ontology.subjects(RDF.type, OWL.Class) if str(c).startswith("https://w3id.org/actorgraph/ns#")
    }
    abstract = {c for c in classes if c.endswith(("#Actor", "#Fact"))}
    used = set(graph.objects(None, RDF.type))
    assert classes - abstract - used == set()
