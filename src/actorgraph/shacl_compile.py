"""SHACL shapes compiled into SPARQL queries that select violations (run by shacl_sparql).

Each targeted shape becomes one query per constraint, returning ?this (the focus node) and,
where the constraint has them, ?value and ?path. Shapes that use a feature this compiler does
not know are listed with the reason, and shacl_sparql validates them with pySHACL instead.

Oxigraph stores typed literals by value ("007"^^xsd:nonNegativeInteger comes back as
"7"^^xsd:integer), but SHACL judges literals as written. So the data is loaded twice over:
as it is (the default graph, for SPARQL-based constraints and class targets) and with every
literal replaced by a *raw* one that keeps its lexical form and names its datatype (and language)
in a private datatype IRI no engine interprets (the RAW graph). Core constraints take their
literal value nodes from the RAW graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

RAW_GRAPH = "urn:actorgraph:shacl:raw"
ONTOLOGY_GRAPH = "urn:actorgraph:shacl:ontology"
RAW_DATATYPE = "urn:actorgraph:shacl:raw:"
RDF_LANGSTRING = str(RDF.langString)
_SUBCLASS = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
# Lexical spaces of the datatypes the shapes use (XML Schema 1.1); others are checked by name only.
_ZONE = "(Z|[+-][0-9]{2}:[0-9]{2})?"
_LEXICAL = {
    XSD.decimal: r"^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$",
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.nonNegativeInteger: r"^([+]?[0-9]+|-0+)$",
    XSD.positiveInteger: r"^[+]?0*[1-9][0-9]*$",
    XSD.boolean: r"^(true|false|1|0)$",
    XSD.date: rf"^-?[0-9]{{4,}}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]){_ZONE}$",
    XSD.gYearMonth: rf"^-?[0-9]{{4,}}-(0[1-9]|1[0-2]){_ZONE}$",
    XSD.gYear: rf"^-?[0-9]{{4,}}{_ZONE}$",
}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# Parameters this compiler understands; anything else under sh: makes a shape fall back.
_KNOWN = {
    SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.property,
    SH.deactivated, SH.ignoredProperties, SH.declare, SH.prefixes, *_TARGETS,
}  # fmt: skip
_VALUE_COMPONENTS = {
    SH["class"]: "Class", SH.datatype: "Datatype", SH.nodeKind: "NodeKind", SH["in"]: "In",
    SH.pattern: "Pattern", SH.minLength: "MinLength", SH.maxLength: "MaxLength",
    SH.minInclusive: "MinInclusive", SH.maxInclusive: "MaxInclusive",
    SH.minExclusive: "MinExclusive", SH.maxExclusive: "MaxExclusive",
    SH["or"]: "Or", SH["and"]: "And", SH.xone: "Xone", SH["not"]: "Not", SH.node: "Node",
}  # fmt: skip
_COUNTS = {SH.minCount, SH.maxCount, SH.hasValue}
_TOP_LEVEL_ONLY = {SH.closed, SH.lessThan, SH.sparql}


class Unsupported(Exception):
    """A shape feature this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as a query selecting its violations."""

    shape: Node  # the shape the constraint belongs to (sh:sourceShape)
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]
    path: Node | None  # sh:resultPath unless the query binds ?path
    query: str
    constraint: Node | None = None  # sh:sourceConstraint (SPARQL-based constraints)
    fill_messages: bool = False  # SPARQL-based: the row's variables fill {?name} in the message


@dataclass(frozen=True)
class CompiledShapes:
    checks: tuple[Check, ...]
    fallback: dict[Node, str] = field(default_factory=dict)  # shape -> why it is not compiled


def raw_datatype_iri(datatype: str | None, language: str | None) -> str:
    """The private datatype IRI of a literal's raw form: it names the literal's datatype (or
    rdf:langString and its language)."""
    if language:
        return f"{RAW_DATATYPE}{RDF_LANGSTRING}@{language}"
    return RAW_DATATYPE + (datatype or str(XSD.string))


def raw_datatype(literal: Literal) -> str:
    """The private datatype IRI of an rdflib literal's raw form."""
    return raw_datatype_iri(str(literal.datatype) if literal.datatype else None, literal.language)


def _term(node: Node) -> str:
    """A node of the shapes graph as SPARQL text; literals in their raw form."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return f"{_string(str(node))}^^<{raw_datatype(node)}>"
    raise Unsupported(f"a blank node as a constraint value ({node})")


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _typed(v: str) -> str:
    """The typed literal a raw literal stands for, so that it can be compared by value."""
    return f'IF(isLiteral({v}), STRDT(STR({v}), IRI(STRAFTER(STR(DATATYPE({v})), "{RAW_DATATYPE}"))), {v})'


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self.counter = 0

    def fresh(self) -> str:
        self.counter += 1
        return f"?_v{self.counter}"

    def one(self, node: Node, parameter: URIRef) -> Node:
        values = list(self.shapes.objects(node, parameter))
        if len(values) != 1:
            raise Unsupported(f"{len(values)} values of {parameter}")
        return values[0]

    def members(self, node: Node, parameter: URIRef) -> list[Node]:
        return list(Collection(self.shapes, self.one(node, parameter)))

    def path(self, shape: Node) -> Node:
        path = self.one(shape, SH.path)
        if not isinstance(path, URIRef):
            raise Unsupported("a property path other than a single predicate")
        return path

    def values(self, focus: str, path: Node, value: str) -> str:
        """The value nodes of `path` for `focus`: resources as stored, literals raw."""
        return (
            f"{{ {focus} <{path}> {value} . FILTER (!isLiteral({value})) }} "
            f"UNION {{ GRAPH <{RAW_GRAPH}> {{ {focus} <{path}> {value} }} }}"
        )

    def value_condition(self, parameter: URIRef, argument: Node, v: str) -> str:
        """True when value node `v` meets the constraint (`parameter` `argument`)."""
        if parameter == SH["class"]:
            return f"EXISTS {{ {v} {_SUBCLASS} <{argument}> }}"
        if parameter == SH.datatype:
            return self.datatype(argument, v)
        if parameter == SH.nodeKind:
            kind = _NODE_KINDS.get(URIRef(str(argument)))
            if kind is None:
                raise Unsupported(f"node kind {argument}")
            return kind.format(v=v)
        if parameter == SH["in"]:
            options = list(Collection(self.shapes, argument))
            return "(" + " || ".join(f"sameTerm({v}, {_term(o)})" for o in options) + ")" if options else "false"
        if parameter == SH.pattern:
            flags = self.shapes.value(None, SH.pattern, argument)
            flag_text = next((str(f) for f in self.shapes.objects(flags, SH.flags)), "") if flags else ""
            return f"(!isBlank({v}) && REGEX(STR({v}), {_string(str(argument))}, {_string(flag_text)}))"
        if parameter in (SH.minLength, SH.maxLength):
            sign = ">=" if parameter == SH.minLength else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {sign} {int(str(argument))})"
        comparisons = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
        if parameter in comparisons and isinstance(argument, Literal):
            bound = f"{_string(str(argument))}^^<{argument.datatype or XSD.string}>"
            return f"COALESCE({_typed(v)} {comparisons[parameter]} {bound}, false)"
        if parameter in (SH["or"], SH["and"], SH.xone):
            parts = [self.conforms(member, v) for member in Collection(self.shapes, argument)]
            if parameter == SH.xone:
                return "(" + " + ".join(f"IF({p}, 1, 0)" for p in parts) + ") = 1"
            joiner = " || " if parameter == SH["or"] else " && "
            return "(" + joiner.join(parts) + ")" if parts else ("false" if parameter == SH["or"] else "true")
        if parameter == SH["not"]:
            return f"!({self.conforms(argument, v)})"
        if parameter == SH.node:
            return self.conforms(argument, v)
        raise Unsupported(f"constraint {parameter}")

    def datatype(self, datatype: Node, v: str) -> str:
        if datatype == RDF.langString:
            return f'(isLiteral({v}) && STRSTARTS(STR(DATATYPE({v})), "{RAW_DATATYPE}{RDF_LANGSTRING}@"))'
        test = f"isLiteral({v}) && DATATYPE({v}) = <{RAW_DATATYPE}{datatype}>"
        pattern = _LEXICAL.get(URIRef(str(datatype)))
        return f"({test} && REGEX(STR({v}), {_string(pattern)}))" if pattern else f"({test})"

    def conforms(self, shape: Node, v: str) -> str:
        """True when node `v` conforms to `shape` (a nested shape of sh:or, sh:node, ...)."""
        self.unknown(shape, nested=True)
        parts = [
            self.value_condition(parameter, argument, v)
            for parameter, argument in self.value_parameters(shape)
            if self.shapes.value(shape, SH.path) is None
        ]
        if self.shapes.value(shape, SH.path) is not None:
            parts.append(self.property_conforms(shape, v))
        parts += [self.property_conforms(p, v) for p in self.shapes.objects(shape, SH.property)]
        if (value := self.shapes.value(shape, SH.hasValue)) is not None and self.shapes.value(shape, SH.path) is None:
            parts.append(f"sameTerm({v}, {_term(value)})")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def property_conforms(self, shape: Node, focus: str) -> str:
        path = self.path(shape)
        parts = []
        for parameter, argument in self.value_parameters(shape):
            value = self.fresh()
            condition = self.value_condition(parameter, argument, value)
            parts.append(f"NOT EXISTS {{ {self.values(focus, path, value)} FILTER (!({condition})) }}")
        for count in self.shapes.objects(shape, SH.minCount):
            values = [self.fresh() for _ in range(int(str(count)))]
            patterns = " ".join(f"{{ {self.values(focus, path, v)} }}" for v in values)
            distinct = " && ".join(f"!sameTerm({a}, {b})" for i, a in enumerate(values) for b in values[i + 1 :])
            parts.append(f"EXISTS {{ {patterns} {f'FILTER ({distinct})' if distinct else ''} }}")
        for count in self.shapes.objects(shape, SH.maxCount):
            values = [self.fresh() for _ in range(int(str(count)) + 1)]
            patterns = " ".join(f"{{ {self.values(focus, path, v)} }}" for v in values)
            distinct = " && ".join(f"!sameTerm({a}, {b})" for i, a in enumerate(values) for b in values[i + 1 :])
            parts.append(f"NOT EXISTS {{ {patterns} FILTER ({distinct}) }}")
        for wanted in self.shapes.objects(shape, SH.hasValue):
            found = self.fresh()
            parts.append(f"EXISTS {{ {self.values(focus, path, found)} FILTER (sameTerm({found}, {_term(wanted)})) }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def value_parameters(self, shape: Node) -> Iterator[tuple[URIRef, Node]]:
        for parameter in _VALUE_COMPONENTS:
            for argument in self.shapes.objects(shape, parameter):
                yield parameter, argument

    def unknown(self, shape: Node, nested: bool) -> None:
        """Raise Unsupported for a SHACL parameter this compiler does not translate."""
        allowed = _KNOWN | set(_VALUE_COMPONENTS) | _COUNTS | (set() if nested else _TOP_LEVEL_ONLY)
        for parameter in sorted(set(self.shapes.predicates(shape)), key=str):
            if str(parameter).startswith(str(SH)) and parameter not in allowed:
                raise Unsupported(f"{parameter}{' in a nested shape' if nested else ''}")


def shape_messages(shapes: Graph, shape: Node) -> tuple[Literal, ...]:
    return tuple(sorted(m for m in shapes.objects(shape, SH.message) if isinstance(m, Literal)))


def severity(shapes: Graph, shape: Node) -> URIRef:
    found = shapes.value(shape, SH.severity)
    return found if isinstance(found, URIRef) else SH.Violation


def targeted_shapes(shapes: Graph) -> list[Node]:
    found = {s for target in _TARGETS for s in shapes.subjects(target, None)}
    return sorted(found, key=str)


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """A query per constraint of every targeted shape; shapes that cannot be compiled fall back."""
    checks: list[Check] = []
    fallback: dict[Node, str] = {}
    for shape in targeted_shapes(shapes):
        compiler = _Compiler(shapes)
        try:
            checks += _shape_checks(compiler, shape, _target(shapes, shape))
        except Unsupported as why:
            fallback[shape] = str(why)
    return CompiledShapes(tuple(checks), fallback)


def _target(shapes: Graph, shape: Node) -> str:
    parts = []
    for kind in _TARGETS:
        for target in shapes.objects(shape, kind):
            term = _term(target)
            if kind == SH.targetClass:
                parts.append(f"{{ ?this {_SUBCLASS} {term} }}")
            elif kind == SH.targetNode:
                parts.append(f"{{ VALUES ?this {{ {term} }} }}")
            elif kind == SH.targetSubjectsOf:
                parts.append(f"{{ ?this {term} ?_target }}")
            else:
                parts.append(f"{{ ?_target {term} ?this }}")
    return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }} }}"


def _shape_checks(compiler: _Compiler, shape: Node, target: str) -> list[Check]:
    shapes = compiler.shapes
    compiler.unknown(shape, nested=False)
    if shapes.value(shape, SH.deactivated) == Literal(True):
        return []
    property_path = compiler.path(shape) if shapes.value(shape, SH.path) is not None else None

    def check(component: str, query: str, **extra: Any) -> Check:
        fields: dict[str, Any] = {
            "shape": shape,
            "component": SH[f"{component}ConstraintComponent"],
            "severity": severity(shapes, shape),
            "messages": shape_messages(shapes, shape),
            "path": property_path,
            "query": query,
        }
        return Check(**(fields | extra))

    values = compiler.values("?this", property_path, "?value") if property_path else "BIND (?this AS ?value)"
    found = []
    for parameter, argument in compiler.value_parameters(shape):
        condition = compiler.value_condition(parameter, argument, "?value")
        query = f"SELECT DISTINCT ?this ?value WHERE {{ {target} {values} FILTER (!({condition})) }}"
        found.append(check(_VALUE_COMPONENTS[parameter], query))
    for value in shapes.objects(shape, SH.hasValue):
        query = (
            f"SELECT DISTINCT ?this WHERE {{ {target} "
            f"FILTER NOT EXISTS {{ {values} FILTER (sameTerm(?value, {_term(value)})) }} }}"
        )
        found.append(check("HasValue", query))
    if property_path is not None:
        found += _count_checks(compiler, shape, target, values, check)
    if shapes.value(shape, SH.closed) == Literal(True):
        allowed = [compiler.path(p) for p in shapes.objects(shape, SH.property)]
        ignored = shapes.value(shape, SH.ignoredProperties)
        allowed += list(Collection(shapes, ignored)) if ignored is not None else []
        listed = ", ".join(_term(p) for p in sorted(set(allowed), key=str))
        anything = compiler.values("?this", URIRef("urn:x"), "?value").replace("<urn:x>", "?path")
        query = f"SELECT DISTINCT ?this ?path ?value WHERE {{ {target} {anything} FILTER (?path NOT IN ({listed})) }}"
        found.append(check("Closed", query))
    for constraint in shapes.objects(shape, SH.sparql):
        found.append(_sparql_check(compiler, shape, constraint, target, check))
    for property_shape in shapes.objects(shape, SH.property):
        found += _shape_checks(compiler, property_shape, target)
    return found


def _count_checks(
    compiler: _Compiler, shape: Node, target: str, values: str, check: Callable[..., Check]
) -> list[Check]:
    shapes = compiler.shapes
    found = []
    for count in shapes.objects(shape, SH.minCount):
        query = (
            f"SELECT ?this WHERE {{ {target} OPTIONAL {{ {values} }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {int(str(count))})"
        )
        found.append(check("MinCount", query))
    for count in shapes.objects(shape, SH.maxCount):
        query = f"SELECT ?this WHERE {{ {target} {values} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(str(count))})"
        found.append(check("MaxCount", query))
    for other in shapes.objects(shape, SH.lessThan):
        if not isinstance(other, URIRef):
            raise Unsupported("sh:lessThan with a path other than a predicate")
        query = (
            f"SELECT DISTINCT ?this ?value WHERE {{ {target} {values} {compiler.values('?this', other, '?_other')} "
            f"FILTER (!COALESCE({_typed('?value')} < {_typed('?_other')}, false)) }}"
        )
        found.append(check("LessThan", query))
    return found


def _sparql_check(
    compiler: _Compiler, shape: Node, constraint: Node, target: str, check: Callable[..., Check]
) -> Check:
    """A SPARQL-based constraint, its $this joined with the targets (it must select $this)."""
    shapes = compiler.shapes
    if shapes.value(shape, SH.path) is not None:
        raise Unsupported("a SPARQL-based constraint on a property shape")
    select = str(compiler.one(constraint, SH.select))
    if "$this" not in select.split("WHERE", 1)[0] or any(
        f"${name}" in select for name in ("currentShape", "shapesGraph")
    ):
        raise Unsupported("a SPARQL-based constraint that does not select $this")
    prefixes = []
    for holder in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            prefixes.append(f"PREFIX {prefix}: <{namespace}>")
    inner = select.replace("$this", "?this")
    query = "\n".join([*sorted(set(prefixes)), f"SELECT * WHERE {{ {target} {{ {inner} }} }}"])
    messages = tuple(dict.fromkeys(shape_messages(shapes, shape) + shape_messages(shapes, constraint)))
    return check("SPARQL", query, constraint=constraint, fill_messages=True, messages=messages)
