"""Validation at the store's speed: the compiled shapes (shacl_compile) run by Oxigraph.

The data and the ontology go into an in-memory pyoxigraph store (literals also in their raw
form, see shacl_compile), each compiled query selects its violations, and the rows become a
SHACL validation report graph shaped like pySHACL's, so that actorgraph.validate words both
the same way. Shapes the compiler cannot translate are validated by pySHACL, alone, and their
results are added to the same report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import SH, XSD

from actorgraph import shacl_compile, user_cache
from actorgraph.shacl_compile import (
    RAW_DATATYPE,
    RAW_GRAPH,
    RDF_LANGSTRING,
    Check,
    CompiledShapes,
    compile_shapes,
    raw_datatype_iri,
)

_RAW = ox.NamedNode(RAW_GRAPH)
_VALID_BLANK = re.compile(r"^[A-Za-z0-9_]+$")
# Messages for shapes that give none, templates as actorgraph.validate fills them.
_GENERIC = {
    SH.ClosedConstraintComponent: "{$this} has {$path} ({$value}), which its shape does not allow.",
    SH.MinCountConstraintComponent: "{$this} has too few values of {$path}.",
    SH.MaxCountConstraintComponent: "{$this} has too many values of {$path}.",
    SH.ConstraintComponent: "{$value} on {$this} does not conform to the shape.",
}
Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


_COMPILED: dict[int, tuple[Graph, CompiledShapes]] = {}


def compiled(shapes: Graph, kept_as: str = "") -> CompiledShapes:
    """The shapes compiled once per loaded shapes graph (held by identity, not by name). With
    `kept_as`, the token of the model they are the shapes of (`Model.token`), what an earlier
    process compiled from that model is taken (`user_cache`; 0.03 s a process)."""
    if id(shapes) not in _COMPILED:
        if kept_as:
            code = [Path(shacl_compile.__file__)]
            made = user_cache.kept("shapes", [kept_as.encode()], code, lambda: compile_shapes(shapes), CompiledShapes)
        else:
            made = compile_shapes(shapes)
        _COMPILED[id(shapes)] = (shapes, made)
    return _COMPILED[id(shapes)][1]


def to_ox(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        label = str(node)
        return ox.BlankNode(label if _VALID_BLANK.match(label) else "x" + label.encode().hex())
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or XSD.string)))
    raise TypeError(f"not an RDF term: {node!r}")


def to_rdflib(term: object) -> Node:
    """An Oxigraph term as rdflib's; a raw literal as the literal it stands for."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype.startswith(RAW_DATATYPE):
            original = datatype[len(RAW_DATATYPE) :]
            if original.startswith(RDF_LANGSTRING + "@"):
                return Literal(term.value, lang=original.split("@", 1)[1])
            return Literal(term.value, datatype=URIRef(original))
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not an RDF term: {term!r}")


def rdflib_triples(graphs: Iterable[Graph]) -> Iterator[Triple]:
    for graph in graphs:
        for s, p, o in graph:
            yield to_ox(s), to_ox(p), to_ox(o)  # type: ignore[misc]


def _raw(literal: ox.Literal) -> ox.Literal:
    datatype = raw_datatype_iri(literal.datatype.value, literal.language)
    return ox.Literal(literal.value, datatype=ox.NamedNode(datatype))


def quads(triples: Iterable[Triple]) -> list[ox.Quad]:
    """Each triple as it is, and each literal also raw (kept as written)."""
    found = []
    default = ox.DefaultGraph()
    for s, p, o in triples:
        found.append(ox.Quad(s, p, o, default))
        if isinstance(o, ox.Literal):
            found.append(ox.Quad(s, p, _raw(o), _RAW))
    return found


def validate_triples(data: Iterable[Triple], ontology: Sequence[ox.Quad], shapes: Graph, kept_as: str = "") -> Graph:
    """A SHACL report graph for `data` (with the `ontology`, as `quads` made it) under the
    compiled `shapes` (`kept_as`: the token of their model, see `compiled`)."""
    store = ox.Store()
    store.extend(ontology)
    store.extend(quads(data))
    report = Graph()
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    conforms = True
    for check in compiled(shapes, kept_as).checks:
        solutions = store.query(check.query)
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            result = _add_result(report, check, row)
            report.add((node, SH.result, result))
            conforms = conforms and check.severity != SH.Violation
    report.add((node, SH.conforms, Literal(conforms)))
    return report


def fallback_report(data: Graph, ontology: Graph, shapes: Graph) -> Graph | None:
    """pySHACL's report for the shapes the compiler left out, or None when there are none."""
    left_out = compiled(shapes).fallback
    if not left_out:
        return None
    subset = Graph()
    for prefix, namespace in shapes.namespaces():
        subset.bind(prefix, namespace)
    for shape in left_out:
        _copy_shape(shapes, shape, subset)
    import pyshacl  # here: only shapes that are not compiled need it

    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=subset, ont_graph=ontology, advanced=True, allow_warnings=True, inference="none"
    )
    assert isinstance(report, Graph)
    return report


def _copy_shape(shapes: Graph, node: Node, into: Graph) -> None:
    """A shape and everything it reaches (blank nodes, lists, nested and declared shapes)."""
    stack, seen = [node], set()
    while stack:
        subject = stack.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for _s, predicate, value in shapes.triples((subject, None, None)):
            into.add((subject, predicate, value))
            if isinstance(value, BNode) or predicate in (SH.node, SH.prefixes, SH.qualifiedValueShape):
                stack.append(value)


def _add_result(report: Graph, check: Check, row: ox.QuerySolution) -> BNode:
    result = BNode()
    focus = to_rdflib(row["this"])
    value = _get(row, "value") if "value" in _variables(check) else None
    path = _get(row, "path") if "path" in _variables(check) else None
    report.add((result, RDF.type, SH.ValidationResult))
    report.add((result, SH.sourceConstraintComponent, check.component))
    report.add((result, SH.sourceShape, check.shape))
    report.add((result, SH.resultSeverity, check.severity))
    report.add((result, SH.focusNode, focus))
    if value is not None:
        report.add((result, SH.value, to_rdflib(value)))
    elif check.fill_messages:  # a SPARQL-based constraint of a node shape: the value is the focus
        report.add((result, SH.value, focus))
    result_path = to_rdflib(path) if path is not None else check.path
    if result_path is not None:
        report.add((result, SH.resultPath, result_path))
    if check.constraint is not None:
        report.add((result, SH.sourceConstraint, check.constraint))
    messages = check.messages or (Literal(_GENERIC.get(check.component, _GENERIC[SH.ConstraintComponent])),)
    for message in messages:
        text = str(message)
        if check.fill_messages:
            text = _fill(text, row, _variables(check))
        report.add((result, SH.resultMessage, Literal(text)))
    return result


def _fill(text: str, row: ox.QuerySolution, names: tuple[str, ...]) -> str:
    """{?name} and {$name} replaced by the row's values, as pySHACL words them."""
    for name in names:
        value = _get(row, name)
        if value is not None:
            text = re.sub(r"\{[?$]" + re.escape(name) + r"\}", _literally(str(to_rdflib(value))), text)
    return text


def _literally(text: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: text


def _get(row: ox.QuerySolution, name: str) -> object | None:
    try:
        found: object | None = row[name]
        return found
    except (KeyError, IndexError):
        return None


@cache
def _variables(check: Check) -> tuple[str, ...]:
    """The variables the check's query selects (`SELECT *` names all of the pattern's)."""
    names = re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", check.query)
    return tuple(dict.fromkeys(n for n in names if not n.startswith("_")))
