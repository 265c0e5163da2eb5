"""validate.py's parts on tiny hand-made graphs: results in words, labels, shape names, the report.

Fast (no shapes run but one small graph): with a few tests of test_validate.py, these are what
mutation testing runs against validate.py (the whole SHACL suite takes about a minute).
"""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SH
from rdflib.plugins.sparql.processor import SPARQLProcessor

from actorgraph.records import ValidationResult
from actorgraph.validate import (
    SCHEMA_NAME,
    Report,
    _Labeller,
    _prepared_sparql,
    _result,
    _shape_name,
    top_level_results,
    validate_graph,
)
from actorgraph.vocab import AG

EX = "https://example.org/"
FACT, PERSON, DOC = URIRef(EX + "fact/1"), URIRef(EX + "person/1"), URIRef(EX + "doc/1")


def result(severity: str = "Violation", value: str | None = "v", document: str | None = "d", message: str = "m"):
    return ValidationResult(severity, message, "f", "F", value, document, "s")


# --- ValidationResult and Report -----------------------------------------------------------------------


def test_a_result_is_one_line_with_what_it_has():
    assert result().line() == "Violation: m (focus: F; value: v; document: d)"
    assert result("Warning", None, None).line() == "Warning: m (focus: F)"
    assert result(value=None).line() == "Violation: m (focus: F; document: d)"
    assert result(document=None).line() == "Violation: m (focus: F; value: v)"


def test_a_report_conforms_unless_it_has_violations():
    violation, warning, info = result(message="a"), result("Warning", message="b"), result("Info", message="c")
    report = Report((violation, warning, info), Graph())
    assert report.violations == (violation,) and report.warnings == (warning, info)
    assert not report.conforms
    assert report.text() == (
        "Does not conform: 1 violation(s). 2 warning(s).\n"
        "Violation: a (focus: F; value: v; document: d)\n"
        "Warning: b (focus: F; value: v; document: d)\n"
        "Info: c (focus: F; value: v; document: d)\n"
    )
    warned = Report((warning,), Graph())
    assert warned.conforms and warned.violations == ()
    assert warned.text() == "Conforms. 1 warning(s).\nWarning: b (focus: F; value: v; document: d)\n"
    assert Report((), Graph()).text() == "Conforms.\n"
    assert Report((violation, violation), Graph()).text().startswith("Does not conform: 2 violation(s).\n")


# --- top_level_results and _shape_name ---------------------------------------------------------------------


def test_only_the_results_a_report_lists_count():
    report, first, second, nested, other = URIRef(EX + "r"), BNode(), BNode(), BNode(), BNode()
    graph = Graph()
    graph.add((report, RDF.type, SH.ValidationReport))
    for node in (first, second):
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
    graph.add((first, SH.detail, nested))
    graph.add((nested, RDF.type, SH.ValidationResult))
    graph.add((URIRef(EX + "not-a-report"), SH.result, other))
    assert sorted(top_level_results(graph)) == sorted([first, second])
    assert top_level_results(Graph()) == []


def test_a_property_shape_is_named_by_its_node_shape():
    shapes, node_shape, property_shape, orphan = Graph(), URIRef(EX + "PersonShape"), BNode(), BNode()
    shapes.add((node_shape, SH.property, property_shape))
    shapes.add((node_shape, SH.property, BNode()))
    assert _shape_name(property_shape, shapes) == EX + "PersonShape"
    assert _shape_name(orphan, shapes) == str(orphan)
    assert _shape_name(node_shape, shapes) == EX + "PersonShape"
    assert _shape_name(URIRef(EX + "Other"), shapes) == EX + "Other"
    assert _shape_name(None, shapes) == "None"


# --- _Labeller -----------------------------------------------------------------------------------------------


def labelled_graphs() -> tuple[Graph, Graph]:
    data, ontology = Graph(), Graph()
    data.add((PERSON, SCHEMA_NAME, Literal("Alla Dzhioyeva")))
    data.add((PERSON, RDFS.label, Literal("not this one")))
    data.add((FACT, RDF.type, AG.Candidacy))
    data.add((FACT, AG.candidate, PERSON))
    data.add((FACT, PROV.wasDerivedFrom, DOC))
    data.add((DOC, DCTERMS.identifier, Literal("2011-11-28-example")))
    ontology.add((AG.Candidacy, SKOS.prefLabel, Literal("Candidacy")))
    ontology.add((AG.Candidacy, RDFS.label, Literal("candidacy (rdfs)")))
    return data, ontology


def test_labels_are_read_in_order_of_preference_across_the_graphs():
    data, ontology = labelled_graphs()
    labels = _Labeller((data, ontology))
    assert labels.label(PERSON) == "Alla Dzhioyeva", "schema:name before rdfs:label"
    assert labels.label(AG.Candidacy) == "Candidacy", "skos:prefLabel before rdfs:label"
    assert labels.label(DOC) == "2011-11-28-example"
    assert labels.label(URIRef(EX + "x")) is None
    only = Graph()
    only.add((URIRef(EX + "x"), RDFS.label, Literal("x label")))
    assert _Labeller((Graph(), only)).label(URIRef(EX + "x")) == "x label", "the later graphs are read too"
    first, second = Graph(), Graph()
    first.add((URIRef(EX + "x"), RDFS.label, Literal("first")))
    second.add((URIRef(EX + "x"), SKOS.prefLabel, Literal("second")))
    assert _Labeller((first, second)).label(URIRef(EX + "x")) == "second", "a better property in any graph wins"
    first.add((URIRef(EX + "x"), SKOS.prefLabel, Literal("first pref")))
    assert _Labeller((first, second)).label(URIRef(EX + "x")) == "first pref", "then the first graph"


def test_a_node_is_described_by_its_label_or_its_kind_and_subject():
    data, ontology = labelled_graphs()
    labels = _Labeller((data, ontology))
    assert labels.describe(None) == ""
    assert labels.describe(Literal("120.5")) == "120.5"
    assert labels.describe(PERSON) == "Alla Dzhioyeva"
    assert labels.describe(FACT) == "the candidacy of Alla Dzhioyeva"
    assert labels.describe(URIRef(EX + "nothing")) == f"<{EX}nothing>"
    lonely = URIRef(EX + "fact/2")
    data.add((lonely, RDF.type, AG.Candidacy))
    data.add((lonely, AG.candidate, lonely))  # a node is not its own subject
    assert labels.describe(lonely) == f"the candidacy <{EX}fact/2>"
    unknown = URIRef(EX + "fact/3")
    data.add((unknown, RDF.type, URIRef(EX + "UnlabelledClass")))
    data.add((unknown, AG.candidate, PERSON))
    assert labels.describe(unknown) == f"<{EX}fact/3>"


def test_a_fact_is_named_by_its_first_role_in_order():
    data, ontology = Graph(), Graph()
    fact, endorser, endorsed = URIRef(EX + "fact/e"), URIRef(EX + "p/a"), URIRef(EX + "p/b")
    data.add((fact, RDF.type, AG.Endorsement))
    data.add((fact, AG.endorser, endorser))
    data.add((fact, AG.round, endorsed))
    data.add((endorser, SKOS.prefLabel, Literal("Unity Party")))
    data.add((endorsed, SKOS.prefLabel, Literal("Round one")))
    ontology.add((AG.Endorsement, RDFS.label, Literal("Endorsement")))
    assert _Labeller((data, ontology)).describe(fact) == "the endorsement of Unity Party"


def test_the_document_of_a_node_is_its_identifier():
    data, ontology = labelled_graphs()
    labels = _Labeller((data, ontology))
    assert labels.document_of(None) is None
    assert labels.document_of(FACT) == "2011-11-28-example"
    assert labels.document_of(PERSON) is None
    mention, bare = URIRef(EX + "mention/1"), URIRef(EX + "doc/bare")
    data.add((mention, AG.inDocument, bare))
    assert labels.document_of(mention) == EX + "doc/bare", "a document without identifier: its IRI"
    data.add((mention, PROV.wasDerivedFrom, DOC))
    assert labels.document_of(mention) == "2011-11-28-example", "prov:wasDerivedFrom first"


# --- _result -------------------------------------------------------------------------------------------------


def report_with(node: BNode, **values: object) -> Graph:
    graph = Graph()
    for key, value in values.items():
        graph.add((node, SH[key], Literal(value) if type(value) is str else value))
    return graph


def test_a_result_fills_this_value_and_path_with_labels():
    data, ontology = labelled_graphs()
    shapes, shape, node = Graph(), BNode(), BNode()
    shapes.add((URIRef(EX + "CandidacyShape"), SH.property, shape))
    report = report_with(
        node,
        focusNode=FACT,
        value=Literal("120.5"),
        resultPath=AG.candidate,
        resultSeverity=SH.Warning,
        sourceShape=shape,
        resultMessage="{$value} for {$this} at {$path}; {$value} again.",
    )
    ontology.add((AG.candidate, RDFS.label, Literal("candidate")))
    found = _result(report, node, _Labeller((data, ontology)), shapes)
    assert found == ValidationResult(
        severity="Warning",
        message="120.5 for the candidacy of Alla Dzhioyeva at candidate; 120.5 again.",
        focus=str(FACT),
        focus_label="the candidacy of Alla Dzhioyeva",
        value="120.5",
        document="2011-11-28-example",
        shape=EX + "CandidacyShape",
    )


def test_a_result_without_message_value_path_or_severity():
    data, ontology = labelled_graphs()
    node = BNode()
    report = report_with(node, focusNode=PERSON, value=PERSON, sourceShape=URIRef(EX + "PersonShape"))
    found = _result(report, node, _Labeller((data, ontology)), Graph())
    assert found.message == "The value does not conform to ."
    assert (found.severity, found.value, found.document, found.shape) == ("Violation", None, None, EX + "PersonShape")
    for severity, word in ((URIRef("urn:x:Severe"), "urn:x:Severe"), (URIRef("http://x/s#a#Minor"), "Minor")):
        report.set((node, SH.resultSeverity, severity))
        assert _result(report, node, _Labeller((data, ontology)), Graph()).severity == word
    report.add((node, SH.resultMessage, Literal("{$this}: {$value}")))
    assert _result(report, node, _Labeller((data, ontology)), Graph()).message == "Alla Dzhioyeva: (no value)"


# --- validate_graph and the prepared SPARQL ---------------------------------------------------------------


def test_a_small_graph_is_validated_and_its_results_sorted(model):
    data = Graph()
    for index, share in ((1, "120.5"), (2, "130.5")):
        fact = URIRef(f"{EX}fact/{index}")
        data.add((fact, RDF.type, AG.Candidacy))
        data.add((fact, AG.voteShare, Literal(share, datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    original = SPARQLProcessor.query
    report = validate_graph(data, model)
    assert SPARQLProcessor.query is original, "rdflib's query is restored"
    assert not report.conforms and report.results == tuple(
        sorted(
            report.results,
            key=lambda r: (r.severity != "Violation", r.document or "", r.message, r.focus, r.value or ""),
        )
    )
    assert {r.focus for r in report.results} == {EX + "fact/1", EX + "fact/2"}
    assert any("120.5" in r.message for r in report.results) and report.graph is not data


def test_sparql_text_is_parsed_once_and_evaluated_with_its_bindings():
    graph = Graph()
    graph.add((URIRef(EX + "a"), RDFS.label, Literal("A")))
    graph.add((URIRef(EX + "b"), RDFS.label, Literal("B")))
    query = "SELECT ?l WHERE { ?s rdfs:label ?l }"
    with _prepared_sparql():
        rows = [str(r[0]) for r in graph.query(query, initNs={"rdfs": RDFS}, initBindings={"s": URIRef(EX + "b")})]
        assert rows == ["B"]
        assert sorted(str(r[0]) for r in graph.query(query, initNs={"rdfs": RDFS})) == ["A", "B"]
        assert sorted(str(r[0]) for r in graph.query("SELECT ?l { ?s <" + str(RDFS.label) + "> ?l }")) == ["A", "B"]
        relative = graph.query("SELECT ?s { ?s ?p 'A' }", base=EX)
        assert [str(r[0]) for r in relative] == [EX + "a"]
