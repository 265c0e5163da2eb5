"""The one wrapper over pyshacl: validate a graph against ontology/shapes.ttl.

pyshacl fills {?var} in SPARQL-constraint messages but leaves {$this}, {$value}
and {$path} in core-constraint messages as they are; this module fills them with
the labels a reader knows (names, titles, identifiers) rather than raw IRIs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from typing import Literal as Literal_

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, PROV, SH

from actorgraph import shacl_sparql
from actorgraph.errors import ValidatorError
from actorgraph.ontology import Model, load_model
from actorgraph.records import ValidationResult
from actorgraph.vocab import AG

SCHEMA_NAME = URIRef("https://schema.org/name")
ORG_MEMBER = URIRef("http://www.w3.org/ns/org#member")
_LABEL_PROPERTIES = (SKOS.prefLabel, SCHEMA_NAME, DCTERMS.identifier, RDFS.label)
# The role that best names a fact for a reader: "candidacy of Alla Dzhioyeva".
_FACT_SUBJECTS = (AG.candidate, AG.holder, ORG_MEMBER, AG.endorser, AG.recognizingState, AG.round)


@dataclass(frozen=True)
class Report:
    """What validation found. `conforms` ignores warnings: they never fail a build."""

    results: tuple[ValidationResult, ...]
    graph: Graph
    # Shapes the compiled engine could not translate, checked by pySHACL instead: shape -> why.
    fallback: tuple[tuple[str, str], ...] = ()

    @property
    def conforms(self) -> bool:
        return not self.violations

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity != "Violation")

    def text(self) -> str:
        head = "Conforms." if self.conforms else f"Does not conform: {len(self.violations)} violation(s)."
        if self.warnings:
            head += f" {len(self.warnings)} warning(s)."
        notes = [f"Checked by pySHACL, not compiled: {shape} ({why})." for shape, why in self.fallback]
        return "\n".join([head, *(r.line() for r in self.results), *notes]) + "\n"


Engine = Literal_["compiled", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("compiled", "pyshacl")
# The engine a build validates with (part of graph_writer.shapes_digest: a new one revalidates).
VALIDATOR = "compiled-sparql/1"


def validate_graph(data: Graph, model: Model | None = None, engine: Engine = "compiled") -> Report:
    """Validate `data`, with the ontology added to it, against the shapes.

    The ontology is data like any other graph (the exported dataset carries it in its
    ontology graph), which is where sh:class and sh:targetClass find rdfs:subClassOf;
    adding it here lets a single document's graph, or a user's file without it, be
    checked the same way. The "compiled" engine runs the shapes as SPARQL queries in an
    in-memory Oxigraph store (shacl_compile), pySHACL only for shapes it cannot compile;
    "pyshacl" runs pySHACL on all of them, the reference the other is tested against.
    Only top-level results count; the nested sh:detail results explain them. Raises
    ValidatorError when the engine itself fails.
    """
    model = model or load_model()
    try:
        if engine == "pyshacl":
            report_graph = _pyshacl_report(data, model)
        else:
            report_graph = shacl_sparql.validate_triples(
                shacl_sparql.rdflib_triples([data]), ontology_quads(model), model.shapes, model.token
            )
            fallback = shacl_sparql.fallback_report(data, model.ontology, model.shapes)
            if fallback is not None:
                report_graph += fallback
    except Exception as error:  # pyshacl, rdflib and pyoxigraph raise many unrelated types
        raise ValidatorError(f"the SHACL validator failed: {' '.join(str(error).split())[:300]}") from error
    report = _report(report_graph, data, model)
    if engine == "compiled":
        left_out = shacl_sparql.compiled(model.shapes).fallback
        report = Report(report.results, report.graph, tuple((str(s), left_out[s]) for s in sorted(left_out, key=str)))
    return report


def validate_ntriples(text: str, model: Model | None = None) -> Report:
    """Validate a graph given as N-Triples with the compiled engine, parsing it with rdflib only
    when there is something to word (labels) or a shape falls back to pySHACL."""
    model = model or load_model()
    if shacl_sparql.compiled(model.shapes, model.token).fallback:
        return validate_graph(Graph().parse(data=text, format="nt"), model)
    try:
        triples = [(t.subject, t.predicate, t.object) for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
        report_graph = shacl_sparql.validate_triples(triples, ontology_quads(model), model.shapes, model.token)
    except Exception as error:
        raise ValidatorError(f"the SHACL validator failed: {' '.join(str(error).split())[:300]}") from error
    if not top_level_results(report_graph):
        return Report((), report_graph)
    return _report(report_graph, Graph().parse(data=text, format="nt"), model)


def _pyshacl_report(data: Graph, model: Model) -> Graph:
    import pyshacl  # here: 0.15 s to import, and a build needs it only for shapes that are not compiled

    with _prepared_sparql():
        _conforms, report_graph, _text = pyshacl.validate(
            data,
            shacl_graph=model.shapes,
            ont_graph=model.ontology,
            advanced=True,
            allow_warnings=True,
            inference="none",
        )
    assert isinstance(report_graph, Graph)
    return report_graph


_ONTOLOGY_QUADS: dict[int, tuple[Graph, list[ox.Quad]]] = {}


def ontology_quads(model: Model) -> list[ox.Quad]:
    """The ontology's quads for the compiled engine, converted once per loaded model."""
    key = id(model.ontology)
    if key not in _ONTOLOGY_QUADS:
        _ONTOLOGY_QUADS[key] = (model.ontology, shacl_sparql.quads(shacl_sparql.rdflib_triples([model.ontology])))
    return _ONTOLOGY_QUADS[key][1]


def _report(report_graph: Graph, data: Graph, model: Model) -> Report:
    labels = _Labeller((data, model.ontology))
    results = sorted(
        (_result(report_graph, node, labels, model.shapes) for node in top_level_results(report_graph)),
        key=lambda r: (r.severity != "Violation", r.document or "", r.message, r.focus, r.value or ""),
    )
    return Report(tuple(results), report_graph)


def top_level_results(report: Graph) -> list[Node]:
    """The results a report lists with sh:result, not those nested under sh:detail."""
    return [
        result for node in report.subjects(RDF.type, SH.ValidationReport) for result in report.objects(node, SH.result)
    ]


_PREPARED: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], Any] = {}  # rdflib's translated Query


@contextmanager
def _prepared_sparql() -> Iterator[None]:
    """Parse each SPARQL constraint once, not once per focus node.

    pyshacl hands rdflib the same query text for every node a SPARQL constraint checks,
    and rdflib parses text on every call (most of a build's time). A translated query is
    what rdflib's own prepareQuery returns, and it is evaluated with the node bound.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    original = SPARQLProcessor.query

    def query(
        self: Any,
        strOrQuery: Any,
        initBindings: Any = None,
        initNs: Any = None,
        base: str | None = None,
        DEBUG: bool = False,
    ) -> Any:
        namespaces = dict(initNs or {})
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in namespaces.items())))
            if key not in _PREPARED:
                _PREPARED[key] = translateQuery(parseQuery(strOrQuery), base, namespaces)
            strOrQuery = _PREPARED[key]
        return original(self, strOrQuery, initBindings or {}, namespaces, base, DEBUG)

    SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        SPARQLProcessor.query = original  # type: ignore[method-assign]


def _shape_name(shape: Node | None, shapes: Graph) -> str:
    """The node shape a result comes from: property shapes are blank nodes, named by their parent."""
    if isinstance(shape, BNode):
        parent = shapes.value(None, SH.property, shape)
        if parent is not None:
            return str(parent)
    return str(shape)


def _message(report: Graph, node: Node, shapes: Graph) -> str:
    """The result's message; for a SPARQL-based constraint, its own rather than its shape's
    (an engine may attach both, filled with the row's values)."""
    messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
    constraint = report.value(node, SH.sourceConstraint)
    for own in sorted(str(m) for m in shapes.objects(constraint, SH.message)) if constraint is not None else []:
        pattern = re.compile(".*".join(re.escape(part) for part in re.split(r"\{[?$]\w+\}", own)), re.S)
        for message in messages:
            if pattern.fullmatch(message):
                return message
    return messages[0] if messages else "The value does not conform to {$path}."


def _result(report: Graph, node: Node, labels: _Labeller, shapes: Graph) -> ValidationResult:
    focus = report.value(node, SH.focusNode)
    value = report.value(node, SH.value)
    path = report.value(node, SH.resultPath)
    severity = report.value(node, SH.resultSeverity)
    shape = report.value(node, SH.sourceShape)
    template = _message(report, node, shapes)
    focus_label = labels.describe(focus)
    value_text = labels.describe(value) if value is not None and value != focus else None
    message = (
        template.replace("{$this}", focus_label)
        .replace("{$value}", value_text if value_text is not None else "(no value)")
        .replace("{$path}", labels.describe(path) if path is not None else "")
    )
    return ValidationResult(
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        message=message,
        focus=str(focus),
        focus_label=focus_label,
        value=value_text,
        document=labels.document_of(focus),
        shape=_shape_name(shape, shapes),
    )


class _Labeller:
    def __init__(self, graphs: tuple[Graph, ...]) -> None:
        self.graphs = graphs

    def _value(self, subject: Node, predicate: URIRef) -> Node | None:
        for graph in self.graphs:
            found = graph.value(subject, predicate)
            if found is not None:
                return found
        return None

    def label(self, node: Node) -> str | None:
        for predicate in _LABEL_PROPERTIES:
            found = self._value(node, predicate)
            if found is not None:
                return str(found)
        return None

    def describe(self, node: Node | None) -> str:
        if node is None:
            return ""
        if isinstance(node, Literal):
            return str(node)
        own = self.label(node)
        if own is not None:
            return own
        kind = self._value(node, RDF.type)
        kind_label = self.label(kind) if kind is not None else None
        if kind_label is not None:
            for role in _FACT_SUBJECTS:
                subject = self._value(node, role)
                if subject is not None and subject != node:
                    return f"the {kind_label.lower()} of {self.describe(subject)}"
            return f"the {kind_label.lower()} <{node}>"
        return f"<{node}>"

    def document_of(self, node: Node | None) -> str | None:
        if node is None:
            return None
        document = self._value(node, PROV.wasDerivedFrom) or self._value(node, AG.inDocument)
        if document is None:
            return None
        identifier = self._value(document, DCTERMS.identifier)
        return str(identifier) if identifier is not None else str(document)
