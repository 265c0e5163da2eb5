"""The shapes are a contract: each constraint fires on its own, with a readable message, and
Apache Jena, an independent SHACL processor, gives the same top-level results as pySHACL."""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from actorgraph import shacl_sparql
from actorgraph.cli import main
from actorgraph.errors import ValidatorError
from actorgraph.ontology import Model, declared_terms
from actorgraph.validate import Report, top_level_results, validate_graph
from actorgraph.vocab import AG

from .conftest import DATA, ROOT
from .jena_runner import require_jena, run_jena

SHAPES_DATA = DATA / "shapes"
# Hand-written cases (invalid/), and one per constraint that none of those breaks alone
# (constraints/, written by make_cases.py).
CASES = sorted((SHAPES_DATA / "invalid").glob("*.ttl")) + sorted((SHAPES_DATA / "constraints").glob("*.ttl"))
# Raise this when adding a case; a shrinking suite must be a visible decision.
EXPECTED_CASES = 87 + 116
AGS = "https://w3id.org/actorgraph/shapes#"
# Constraint parameters of SHACL Core -> the component a result names.
_COMPONENTS = {
    SH.minCount: "MinCount",
    SH.maxCount: "MaxCount",
    SH.datatype: "Datatype",
    SH["class"]: "Class",
    SH["or"]: "Or",
    SH.xone: "Xone",
    SH["not"]: "Not",
    SH["in"]: "In",
    SH.pattern: "Pattern",
    SH.minLength: "MinLength",
    SH.lessThan: "LessThan",
    SH.minInclusive: "MinInclusive",
    SH.maxInclusive: "MaxInclusive",
    SH.nodeKind: "NodeKind",
    SH.node: "Node",
    SH.hasValue: "HasValue",
    SH.closed: "Closed",
    SH.sparql: "SPARQL",
}
# (node shape, path or "-", component): a result's identity; "*" for the path of a closed
# shape or a SPARQL constraint, whose results name the property at fault.
Constraint = tuple[str, str, str]
_PREFIXES = (
    ("ag:", str(AG)),
    ("ags:", AGS),
    ("sh:", str(SH)),
    ("rdf:", str(RDF)),
    ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos:", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms:", "http://purl.org/dc/terms/"),
    ("schema:", "https://schema.org/"),
    ("org:", "http://www.w3.org/ns/org#"),
    ("prov:", "http://www.w3.org/ns/prov#"),
    ("oa:", "http://www.w3.org/ns/oa#"),
)


def _header(case: Path, key: str) -> list[str]:
    return re.findall(rf"^# {key}: (.+)$", case.read_text(encoding="utf-8"), re.M)


def _case_graph(case: Path) -> Graph:
    graph = Graph().parse(SHAPES_DATA / "valid.ttl")
    graph.parse(case)
    return graph


@functools.cache
def _case_report(model: Model, case: Path) -> Report:
    return validate_graph(_case_graph(case), model, engine="pyshacl")  # the reference engine


def _short(node: object) -> str:
    text = str(node)
    for prefix, namespace in _PREFIXES:
        if text.startswith(namespace):
            return prefix + text[len(namespace) :]
    return text


def _shacl_results(report: Graph, shapes: Graph) -> list[tuple[str, str, str, str, str]]:
    """(focus, path, component, severity, node shape) of each top-level result, as pySHACL says."""
    rows = []
    for node in top_level_results(report):
        shape = report.value(node, SH.sourceShape)
        parent = shapes.value(None, SH.property, shape) or shape
        path = report.value(node, SH.resultPath)
        rows.append(
            (
                str(report.value(node, SH.focusNode)),
                str(path) if path is not None else "-",
                str(report.value(node, SH.sourceConstraintComponent)),
                str(report.value(node, SH.resultSeverity)),
                str(parent),
            )
        )
    return sorted(rows)


def _results(model: Model, case: Path) -> list[str]:
    """'component path' of each top-level result, the way a case's expect-result lines say it."""
    rows = _shacl_results(_case_report(model, case).graph, model.shapes)
    return sorted(f"{_short(c).removesuffix('ConstraintComponent')} {_short(p)}" for _f, p, c, _s, _n in rows)


def test_valid_example_conforms_without_warnings(model):
    report = validate_graph(Graph().parse(SHAPES_DATA / "valid.ttl"), model)
    assert report.conforms, report.text()
    assert report.results == ()


def test_every_case_ran():
    assert len(CASES) == EXPECTED_CASES


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case_is_reported_with_its_message(model, case):
    [severity] = _header(case, "expect-severity")
    report = _case_report(model, case)
    assert report.results, f"{case.name}: nothing reported"
    assert all(r.severity == severity for r in report.results), report.text()
    for expected in _header(case, "expect-message"):  # generated cases name only their result
        assert any(expected in r.message for r in report.results), report.text()
    assert report.conforms == (severity != "Violation")
    for result in report.results:
        assert "{$" not in result.message and "{?" not in result.message, result.message


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case_gives_exactly_its_results(model, case):
    """Component and path of every top-level result, no more, no fewer (sh:detail not counted)."""
    expected = sorted(_header(case, "expect-result"))
    assert expected, f"{case.name} lacks its expect-result lines"
    assert _results(model, case) == expected, _case_report(model, case).text()


def constraints(shapes: Graph) -> list[Constraint]:
    """Every constraint of the targeted shapes, named by node shape, path and component."""
    found: list[Constraint] = []
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape))):
        if not any(shapes.value(shape, target) is not None for target in targets):
            continue  # reached only through sh:node; its results are details
        for parameter, component in _COMPONENTS.items():
            if shapes.value(shape, parameter) not in (None, Literal(False)):
                found.append((_short(shape), "*" if component in ("Closed", "SPARQL") else "-", component))
        for property_shape in shapes.objects(shape, SH.property):
            path = _short(shapes.value(property_shape, SH.path))
            for parameter, component in _COMPONENTS.items():
                if shapes.value(property_shape, parameter) is not None:
                    found.append((_short(shape), path, component))
    return sorted(found)


def _fired_alone(model: Model, case: Path) -> Constraint | None:
    rows = _shacl_results(_case_report(model, case).graph, model.shapes)
    if len(rows) != 1:
        return None
    [(_focus, path, component, _severity, shape)] = rows
    return (_short(shape), _short(path), _short(component).removeprefix("sh:").removesuffix("ConstraintComponent"))


# Raise when the shapes gain a constraint (and its case); a shrinking set must be visible.
EXPECTED_CONSTRAINTS = 197


def test_every_constraint_fires_on_its_own(model):
    """For each constraint, a case whose one and only result is that constraint's."""
    wanted = constraints(model.shapes)
    assert len(wanted) == EXPECTED_CONSTRAINTS
    assert len(set(wanted)) == len(wanted), [c for c, n in Counter(wanted).items() if n > 1]
    alone = {fired for case in CASES if (fired := _fired_alone(model, case)) is not None}
    covered = {
        wanted_one
        for wanted_one in wanted
        for fired in alone
        if fired[0] == wanted_one[0] and fired[2] == wanted_one[2] and wanted_one[1] in ("*", fired[1])
    }
    assert [c for c in wanted if c not in covered] == []


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


def test_nested_details_are_not_counted(model):
    """A date of the wrong type fails sh:node, whose detail explains it: one result, not two."""
    report = _case_report(model, SHAPES_DATA / "invalid" / "office-start-text.ttl")
    assert len(report.results) == 1, report.text()
    assert len(set(report.graph.subjects(RDF.type, SH.ValidationResult))) > 1, "the case no longer has a detail"


def test_valid_example_covers_every_concrete_class(model):
    graph = Graph().parse(SHAPES_DATA / "valid.ttl")
    classes = {c for c in model.ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(AG))}
    abstract = {c for c in classes if c.endswith(("#Actor", "#Fact"))}
    used = set(graph.objects(None, RDF.type))
    assert classes - abstract - used == set()


def test_known_terms_list_is_the_ontologys(model):
    """The shapes' list of ag: terms (KnownTermsShape) is exactly what the ontology declares."""
    [query] = [
        str(select)
        for constraint in model.shapes.objects(URIRef(AGS + "KnownTermsShape"), SH.sparql)
        for select in model.shapes.objects(constraint, SH.select)
    ]
    listing = query.split("CONTAINS('''", 1)[1].split("'''", 1)[0]
    declared = {str(t)[len(str(AG)) :] for t in declared_terms(model.ontology) if str(t).startswith(str(AG))}
    assert set(listing.split()) == declared
    # the query looks for " term ": every term has a space on either side (not a line's end)
    assert all(f" {term} " in listing for term in declared)


# What each engine calls to validate: broken, it must give a ValidatorError, not a verdict.
_ENGINE_CALLS = {"pyshacl": (pyshacl, "validate"), "compiled": (shacl_sparql, "validate_triples")}


@pytest.mark.parametrize("engine", sorted(_ENGINE_CALLS))
def test_validator_failure_is_an_error_not_a_verdict(model, monkeypatch, engine):
    def broken(*args, **kwargs):
        raise TypeError("boom")

    monkeypatch.setattr(*_ENGINE_CALLS[engine], broken)
    with pytest.raises(ValidatorError, match="SHACL validator failed: boom"):
        validate_graph(Graph().parse(SHAPES_DATA / "valid.ttl"), model, engine=engine)


@pytest.mark.parametrize("engine", sorted(_ENGINE_CALLS))
def test_cli_validator_failure_exits_2_with_one_line(monkeypatch, capsys, engine):
    monkeypatch.setattr(*_ENGINE_CALLS[engine], lambda *a, **k: (_ for _ in ()).throw(TypeError("boom")))
    assert main(["validate", "--engine", engine, str(SHAPES_DATA / "valid.ttl")]) == 2
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1, captured.err
    assert "boom" in captured.err


def test_cli_ill_typed_share_is_a_violation_not_a_crash(tmp_path, capsys):
    data = tmp_path / "data.ttl"
    data.write_text(
        (SHAPES_DATA / "valid.ttl").read_text(encoding="utf-8")
        + (SHAPES_DATA / "invalid" / "candidacy-share-not-a-number.ttl").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert main(["validate", str(data)]) == 1
    assert "A vote share is one decimal percentage between 0 and 100; abc" in capsys.readouterr().out


def test_jena_gives_the_same_results_as_pyshacl(model, tmp_path):
    """Every case and the published dataset: same focus, path, component and severity."""
    require_jena()
    dataset = ROOT / "graph" / "dataset.ttl"
    reports = {dataset: validate_graph(Graph().parse(dataset), model)}
    for case in CASES:
        target = tmp_path / f"{case.stem}.nt"  # N-Triples keeps an ill-typed literal as it is
        # with the ontology, as the published dataset carries it (pySHACL gets it as ont_graph)
        target.write_text((_case_graph(case) + model.ontology).serialize(format="nt"), encoding="utf-8")
        reports[target] = _case_report(model, case)
    jena = Counter(run_jena(ROOT / "ontology" / "shapes.ttl", list(reports), tmp_path))
    ours: Counter[tuple[str, str, str, str, str]] = Counter()
    for path, report in reports.items():
        for focus, result_path, component, severity, _shape in _shacl_results(report.graph, model.shapes):
            ours[(str(path), focus, result_path, component, severity)] += 1
    assert not [row for row in jena if row[0] == str(dataset)], "the published dataset must conform"
    only_jena = sorted((Path(f).stem, _short(p), _short(c)) for f, _focus, p, c, _s in jena - ours)
    assert only_jena == JENA_ONLY, "pySHACL and Jena disagree (only Jena)"
    assert sorted(ours - jena) == [], "pySHACL and Jena disagree (only pySHACL)"


# Where the processors differ, written down: SHACL says a value that cannot be compared
# with sh:maxInclusive (an ill-typed "abc"^^xsd:decimal) is a violation; Jena reports it,
# pySHACL 0.30 reports sh:minInclusive but not sh:maxInclusive. Empty this when pySHACL agrees.
JENA_ONLY = [("candidacy-share-not-a-number", "ag:voteShare", "sh:MaxInclusiveConstraintComponent")]
