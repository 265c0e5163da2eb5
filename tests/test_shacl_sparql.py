"""The compiled validator (shapes as SPARQL run by Oxigraph) against pySHACL, the reference:
the same top-level results on every shape case and on the published dataset."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from actorgraph import shacl_sparql
from actorgraph.ontology import Model
from actorgraph.validate import Report, top_level_results, validate_graph, validate_ntriples
from actorgraph.validate_batch import conforming

from .conftest import ROOT
from .test_validate import CASES, SHAPES_DATA, _case_graph, _short

DATASET = ROOT / "graph" / "dataset.ttl"
# Where the engines differ, written down. SHACL says a value that cannot be compared with
# sh:maxInclusive (an ill-typed "abc"^^xsd:decimal) is a violation; the compiled engine and
# Apache Jena report it, pySHACL does not (tests/test_validate.py: JENA_ONLY).
COMPILED_ONLY = [("candidacy-share-not-a-number", "ag:voteShare", "sh:MaxInclusiveConstraintComponent")]
NON_NEGATIVE = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
Row = tuple[str, str, str, str, str, str, tuple[str, ...]]


def _rows(report: Report, shapes: Graph) -> list[Row]:
    """Focus, path, component, severity, source shape, value and (when the shape words it
    itself) messages of each top-level result."""
    graph, rows = report.graph, []
    for node in top_level_results(graph):
        shape = graph.value(node, SH.sourceShape)
        own = any(True for _ in shapes.objects(shape, SH.message)) or graph.value(node, SH.sourceConstraint)
        rows.append(
            (
                str(graph.value(node, SH.focusNode)),
                _short(graph.value(node, SH.resultPath)),
                _short(graph.value(node, SH.sourceConstraintComponent)),
                str(graph.value(node, SH.resultSeverity)),
                str(shape),
                str(graph.value(node, SH.value)),
                tuple(sorted(str(m) for m in graph.objects(node, SH.resultMessage))) if own else (),
            )
        )
    return sorted(rows)


@functools.cache
def _graph(case: Path) -> Graph:
    return Graph().parse(case) if case == DATASET else _case_graph(case)


@pytest.mark.parametrize("case", [SHAPES_DATA / "valid.ttl", *CASES, DATASET], ids=lambda c: c.stem)
def test_compiled_validation_gives_pyshacls_results(model: Model, case: Path) -> None:
    compiled = _rows(validate_graph(_graph(case), model, engine="compiled"), model.shapes)
    reference = _rows(validate_graph(_graph(case), model, engine="pyshacl"), model.shapes)
    only_compiled = sorted((case.stem, r[1], r[2]) for r in set(compiled) - set(reference))
    assert only_compiled == [c for c in COMPILED_ONLY if c[0] == case.stem]
    assert sorted(set(reference) - set(compiled)) == []
    assert len(compiled) == len(set(compiled))


def test_every_shape_of_the_project_is_compiled(model: Model) -> None:
    compiled = shacl_sparql.compiled(model.shapes)
    assert compiled.fallback == {}
    assert len(compiled.checks) == 197  # one per constraint, as tests/test_validate.py counts them


def test_literals_are_judged_as_written_not_as_the_store_keeps_them(model: Model) -> None:
    """Oxigraph keeps "7"^^xsd:nonNegativeInteger as an xsd:integer; SHACL must still see the
    datatype the data gives (a valid offset is no violation, a negative one is)."""
    graph = _graph(SHAPES_DATA / "valid.ttl")
    span = next(s for s in graph.subjects(URIRef("http://www.w3.org/ns/oa#start"), None))
    assert validate_graph(graph, model, engine="compiled").conforms
    broken = Graph() + graph
    broken.set((span, URIRef("http://www.w3.org/ns/oa#start"), Literal("-3", datatype=NON_NEGATIVE)))
    results = validate_graph(broken, model, engine="compiled").results
    assert [(r.focus, r.value) for r in results if "start offset" in r.message] == [(str(span), "-3")]


def test_ntriples_path_gives_the_same_report(model: Model) -> None:
    graph = _case_graph(SHAPES_DATA / "invalid" / "candidacy-bad-outcome.ttl")
    text = graph.serialize(format="nt")
    assert validate_ntriples(text, model).results == validate_graph(graph, model).results
    assert validate_ntriples(_graph(SHAPES_DATA / "valid.ttl").serialize(format="nt"), model).results == ()


def test_a_shape_the_compiler_cannot_translate_is_validated_by_pyshacl(model: Model) -> None:
    """A qualified value shape is not compiled: that shape alone goes to pySHACL, and its
    result is in the same report as the compiled shapes' results."""
    shapes = Graph() + model.shapes
    shapes.parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ag: <https://w3id.org/actorgraph/ns#> .
        <urn:test:QualifiedShape> a sh:NodeShape ; sh:targetClass ag:Candidacy ;
            sh:message "Needs a qualified candidate." ;
            sh:property [ sh:path ag:candidate ; sh:qualifiedValueShape [ sh:class ag:State ] ;
                          sh:qualifiedMinCount 1 ; sh:message "Needs a qualified candidate." ] .
        """,
        format="turtle",
    )
    custom = Model(model.directory, model.ontology, shapes, model.context, model.actors, model.terms)
    compiled = shacl_sparql.compiled(shapes)
    assert list(compiled.fallback) == [URIRef("urn:test:QualifiedShape")]
    assert "qualified" in compiled.fallback[URIRef("urn:test:QualifiedShape")]
    graph = _case_graph(SHAPES_DATA / "invalid" / "candidacy-bad-outcome.ttl")
    messages = [r.message for r in validate_graph(graph, custom, engine="compiled").results]
    assert "Needs a qualified candidate." in messages
    assert any("outcome" in m for m in messages)  # the compiled shapes' result is still there
    report = validate_graph(graph, custom, engine="compiled")
    assert "Checked by pySHACL, not compiled: urn:test:QualifiedShape (" in report.text()


def test_cli_validates_with_either_engine_and_both_say_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    from actorgraph.cli import main

    case = SHAPES_DATA / "invalid" / "candidacy-bad-outcome.ttl"
    outputs = []
    for engine in ("compiled", "pyshacl"):
        assert main(["validate", "--engine", engine, str(case)]) == 1
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert "Does not conform" in outputs[0] and "value: withdrew" in outputs[0]


@pytest.mark.parametrize("engine", ["compiled", "pyshacl"])
def test_a_sparql_constraint_result_words_its_own_message_not_its_shapes(model: Model, engine: str) -> None:
    """ags:FactShape has a message of its own (no evidence) and a SPARQL constraint with
    another (evidence from another document): both engines attach both to the result."""
    graph = _case_graph(SHAPES_DATA / "invalid" / "fact-span-from-other-document.ttl")
    [result] = validate_graph(graph, model, engine=engine).results  # type: ignore[arg-type]
    assert "cites evidence from document" in result.message


def test_the_constraints_message_is_chosen_whatever_the_order() -> None:
    from rdflib import BNode

    from actorgraph.validate import _message

    shapes, report = Graph(), Graph()
    shape, constraint, result = URIRef("urn:test:Shape"), BNode(), BNode()
    shapes.add((shape, SH.message, Literal("A shape message about {$this}.")))
    shapes.add((shape, SH.sparql, constraint))
    shapes.add((constraint, SH.message, Literal("Z constraint message: {?name} and {$this}.")))
    report.add((result, SH.sourceConstraint, constraint))
    report.add((result, SH.resultMessage, Literal("A shape message about urn:x.")))
    report.add((result, SH.resultMessage, Literal("Z constraint message: Bibilov and urn:x.")))
    assert _message(report, result, shapes) == "Z constraint message: Bibilov and urn:x."


def test_compiled_shapes_are_kept_with_the_model_they_are_of(tmp_path, monkeypatch):
    """A later process takes the shapes an earlier one compiled from the same loaded model (its
    token), equal to them; a model read again (another token, other blank nodes) compiles anew."""
    from actorgraph import ontology

    monkeypatch.setenv("ACTORGRAPH_CACHE", str(tmp_path / "cache"))
    model = ontology._read_model(ROOT / "ontology")
    made = shacl_sparql.compiled(model.shapes, model.token)
    del shacl_sparql._COMPILED[id(model.shapes)]  # as a new process

    def no_compiling(shapes: Graph) -> shacl_sparql.CompiledShapes:
        raise AssertionError("compiled again")

    monkeypatch.setattr(shacl_sparql, "compile_shapes", no_compiling)
    kept = shacl_sparql.compiled(model.shapes, model.token)
    assert kept is not made and kept == made and len(kept.checks) > 100
    # each way of validating with the model takes them so, whichever asks first in a process
    graph = _case_graph(SHAPES_DATA / "invalid" / "candidacy-bad-outcome.ttl")
    for validate in (
        lambda: validate_graph(graph, model, engine="compiled"),
        lambda: validate_ntriples(graph.serialize(format="nt"), model),
        lambda: conforming([(graph.serialize(format="nt"), "")], model),
    ):
        del shacl_sparql._COMPILED[id(model.shapes)]
        validate()
    other = ontology._read_model(ROOT / "ontology")
    assert other.token != model.token
    with pytest.raises(AssertionError, match="compiled again"):
        shacl_sparql.compiled(other.shapes, other.token)
    del shacl_sparql._COMPILED[id(model.shapes)]
