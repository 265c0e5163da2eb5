"""Write one case per constraint of ontology/shapes.ttl that no hand-written case makes fire alone.

    .venv/bin/python tests/data/shapes/make_cases.py

Each case clones a node of valid.ttl that the constraint's shape targets (to a new IRI, so the
valid graph stays as it is) and breaks exactly that constraint: drop the property (sh:minCount),
add a second value (sh:maxCount), a value of the wrong type, kind or class, out of range or
outside the list, an unknown property (sh:closed). The cases are data, committed and read by
tests/test_validate.py, which checks that each gives exactly the one result its name says; a
constraint this script cannot break on its own is printed, for a hand-written case.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SH

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from tests.test_validate import CASES, _fired_alone, _short, constraints  # noqa: E402

from actorgraph.ontology import load_model  # noqa: E402

AG = "https://w3id.org/actorgraph/ns#"
EX = "https://example.org/"
CLONE = URIRef("https://example.org/case/clone")
TARGET = HERE / "constraints"
PREFIXES = """@prefix ag:      <https://w3id.org/actorgraph/ns#> .
@prefix ex:      <https://example.org/> .
@prefix x:       <https://example.org/case/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema:  <https://schema.org/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
"""
# A value of the right type for a second value (sh:maxCount), by datatype.
_SECOND = {
    XSD.decimal: Literal(Decimal("0.5")),
    XSD.nonNegativeInteger: Literal("7", datatype=XSD.nonNegativeInteger),
    XSD.positiveInteger: Literal("3", datatype=XSD.positiveInteger),
    XSD.boolean: Literal(True),
    XSD.gYear: Literal("2001", datatype=XSD.gYear),
    XSD.gYearMonth: Literal("2001-01", datatype=XSD.gYearMonth),
    XSD.date: Literal("2001-01-01", datatype=XSD.date),
}
# The same number under a datatype the shapes do not accept (sh:datatype), range unchanged.
_WRONG_TYPE = {
    XSD.decimal: XSD.double,
    XSD.nonNegativeInteger: XSD.integer,
    XSD.positiveInteger: XSD.integer,
    XSD.gYear: XSD.integer,
}


def _model_node(valid: Graph, ontology: Graph, shapes: Graph, shape: URIRef, path: URIRef | None) -> URIRef | None:
    classes = set(shapes.objects(shape, SH.targetClass))
    for cls in list(classes):
        classes |= set(ontology.transitive_subjects(RDFS.subClassOf, cls))
    direct = set(shapes.objects(shape, SH.targetClass))
    nodes = sorted(
        {n for c in classes for n in valid.subjects(RDF.type, c) if isinstance(n, URIRef)},
        key=lambda n: (not set(valid.objects(n, RDF.type)) & direct, n),  # a plain span before a mention
    )
    with_path = [n for n in nodes if path is not None and valid.value(n, path) is not None]
    # ex:curated has no evidence; a curated fact is a special case, not a model.
    return next((n for n in with_path + nodes if n != URIRef(EX + "curated")), None)


def _property_shape(shapes: Graph, shape: URIRef, path: URIRef) -> URIRef:
    return next(p for p in shapes.objects(shape, SH.property) if shapes.value(p, SH.path) == path)


def _wrong_class_iri(shapes: Graph, classes: set[URIRef]) -> URIRef:
    return URIRef(EX + ("bibilov" if URIRef(AG + "NewsArticle") in classes else "doc"))


def _mutate(clone: Graph, valid: Graph, shapes: Graph, shape: URIRef, path: str, component: str) -> str | None:
    """Break the constraint on the clone; returns why it cannot, or None."""
    if component == "Closed":
        clone.add((CLONE, URIRef("https://schema.org/alternateName"), Literal("unknown property")))
        return None
    if component == "Xone" and _short(shape) == "ags:ActorKindShape":
        clone.add((CLONE, RDF.type, URIRef(AG + "State")))
        return None
    if component == "Xone" and _short(shape) == "ags:FactKindShape":
        clone.remove((CLONE, RDF.type, None))
        clone.add((CLONE, RDF.type, URIRef(AG + "Fact")))
        return None
    if component == "Not" and _short(shape) == "ags:OrganizationKindShape":
        clone.add((CLONE, RDF.type, URIRef(AG + "PoliticalParty")))
        clone.add((CLONE, RDF.type, URIRef(AG + "MediaOutlet")))
        return None
    if path in ("-", "*"):
        return f"no generic mutation for {component} on a node shape"
    predicate = next(p for p in shapes.objects(None, SH.path) if _short(p) == path)
    prop = _property_shape(shapes, shape, predicate)
    value = clone.value(CLONE, predicate)
    datatype = shapes.value(prop, SH.datatype)
    classes = set(shapes.objects(prop, SH["class"]))
    for member_list in shapes.objects(prop, SH["or"]):
        for member in shapes.items(member_list):
            classes |= set(shapes.objects(member, SH["class"]))
    new: Literal | URIRef | None
    if component == "MinCount":
        clone.remove((CLONE, predicate, None))
        return None
    if component == "MaxCount":
        if isinstance(value, URIRef):
            others = sorted({o for o in valid.objects(None, predicate) if o != value and isinstance(o, URIRef)})
            new = others[0] if others else URIRef(str(CLONE) + "-other")
            if not others:  # a copy of the value, under a new IRI: as valid as the original
                for p, o in valid.predicate_objects(value):
                    clone.add((new, p, o))
        elif shapes.value(prop, SH["in"]) is not None:  # another value from the list
            new = next(v for v in shapes.items(shapes.value(prop, SH["in"])) if v != value)  # type: ignore[assignment]
        elif shapes.value(prop, SH.pattern) is not None:  # a SHA-256 is the only pattern
            new = Literal("f" * 64)
        elif path.endswith(":end") and isinstance(value, Literal) and value.datatype == XSD.gYear:
            new = Literal("2030", datatype=XSD.gYear)  # after any start
        elif path in ("oa:start", "oa:end"):  # still start before end
            new = Literal("5" if path == "oa:start" else "30", datatype=XSD.nonNegativeInteger)
        elif path == "oa:exact":
            new = Literal(str(value).upper())  # as long as the span is wide
        elif isinstance(value, Literal) and value.datatype in _SECOND:
            new = _SECOND[value.datatype]
        elif isinstance(value, Literal):
            new = Literal(f"{value} (again)", lang=value.language, datatype=value.datatype)
        else:
            return "the model node has no value to repeat"
        clone.add((CLONE, predicate, new))
        return None
    if component == "Datatype":
        if isinstance(value, Literal) and value.datatype in _WRONG_TYPE:
            new = Literal(str(value), datatype=_WRONG_TYPE[value.datatype])
        elif datatype == XSD.string:
            new = Literal(str(value) if value is not None else "text", lang="en")
        else:
            new = Literal(str(value) if value is not None else "text")
    elif component == "Class":
        new = _wrong_class_iri(shapes, classes)
    elif component == "Or":
        new = _wrong_class_iri(shapes, classes) if classes else Literal(42)
    elif component == "In":
        new = Literal("bogus")
    elif component == "Pattern":
        new = Literal("xyz")
    elif component == "MinLength":
        new = Literal("")
    elif component == "MinInclusive":
        new = Literal(Decimal("-1"))
    elif component == "MaxInclusive":
        limit = Decimal(str(shapes.value(prop, SH.maxInclusive)))
        new = Literal(limit + Decimal("0.3"))
    elif component == "NodeKind":
        new = Literal("https://example.org/news/2")
    elif component == "Node":
        new = Literal("soon")
    elif component == "LessThan":
        other = URIRef(str(shapes.value(prop, SH.lessThan)))
        start, end = clone.value(CLONE, predicate), clone.value(CLONE, other)
        clone.set((CLONE, other, start))  # type: ignore[arg-type]
        clone.set((CLONE, predicate, end))  # type: ignore[arg-type]
        return None
    else:
        return f"no mutation for {component}"
    clone.set((CLONE, predicate, new))
    return None


def main() -> int:
    model = load_model(ROOT / "ontology")
    valid = Graph().parse(HERE / "valid.ttl")
    alone = {f for case in CASES if case.parent.name == "invalid" and (f := _fired_alone(model, case)) is not None}
    TARGET.mkdir(exist_ok=True)
    for old in TARGET.glob("*.ttl"):
        old.unlink()
    for shape_name, path, component in constraints(model.shapes):
        if any(f[0] == shape_name and f[2] == component and path in ("*", f[1]) for f in alone):
            continue
        shape = next(s for s in model.shapes.subjects(RDF.type, SH.NodeShape) if _short(s) == shape_name)
        predicate = next((p for p in model.shapes.objects(None, SH.path) if _short(p) == path), None)
        node = _model_node(valid, model.ontology, model.shapes, shape, predicate)
        if node is None:
            print(f"not generated: {shape_name} {path} {component}: no node of valid.ttl is targeted")
            continue
        clone = Graph()
        for p, o in valid.predicate_objects(node):
            clone.add((CLONE, p, o))
        problem = _mutate(clone, valid, model.shapes, shape, path, component)
        if problem:
            print(f"not generated: {shape_name} {path} {component}: {problem}")
            continue
        expected_path = "schema:alternateName" if component == "Closed" else path
        slug = "node" if path in ("-", "*") else path.replace(":", "-")
        name = f"{shape_name[4:]}-{slug}-{component}"
        body = clone.serialize(format="nt")
        lines = sorted(line for line in body.splitlines() if line.strip())
        text = (
            f"# Generated by make_cases.py from {_short(node)} of valid.ttl: breaks {component} of {shape_name}"
            f" on {path}, alone.\n"
            "# expect-severity: Violation\n"
            f"# expect-result: sh:{component} {'-' if expected_path == '*' else expected_path}\n"
            + PREFIXES
            + "\n"
            + "\n".join(lines)
            + "\n"
        )
        (TARGET / f"{name}.ttl").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
