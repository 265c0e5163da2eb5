"""Load the data model (ontology, shapes, JSON-LD context, reference actors) and check it.

The model is data: files under ontology/ that users read and change. A broken
model is rejected when it is loaded, with the file and the term at fault, rather
than producing a subtly wrong graph later.
"""

from __future__ import annotations

import json
import secrets
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from actorgraph import settings, user_cache
from actorgraph.errors import OntologyError

AG = Namespace(settings.NAMESPACE)
ONTOLOGY_FILE = "actorgraph.ttl"
SHAPES_FILE = "shapes.ttl"
CONTEXT_FILE = "context.jsonld"
ACTORS_FILE = "actors.ttl"

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
# Namespaces whose terms belong to the SHACL/OWL/RDF machinery, not to the model.
_MACHINERY = (str(SH), str(OWL), str(RDF), str(RDFS), "http://www.w3.org/2001/XMLSchema#")


@dataclass(frozen=True, eq=False)  # identity: a model is loaded once and shared
class Model:
    """The loaded and checked data model."""

    directory: Path
    ontology: Graph
    shapes: Graph
    context: Mapping[str, Any]
    actors: Graph
    terms: frozenset[URIRef]
    # this load's identity (none for a model made otherwise): what is derived from the model, its
    # blank nodes included, is kept under it (`user_cache`); a model read again gets another
    token: str = ""

    @property
    def version(self) -> str:
        for version in self.ontology.objects(None, OWL.versionInfo):
            return str(version)
        return "unknown"


def load_model(directory: Path | str | None = None) -> Model:
    """Read the model files in `directory` (default: the project's ontology/), checked."""
    return _load_model(Path(directory) if directory else settings.ontology_dir())


@lru_cache(maxsize=4)
def _load_model(directory: Path) -> Model:
    """The model, as an earlier process loaded it from the same files with this code (`user_cache`),
    else loaded now. A model that fails its checks is never kept."""
    files = [directory / name for name in (ONTOLOGY_FILE, SHAPES_FILE, CONTEXT_FILE, ACTORS_FILE)]
    inputs = [str(directory).encode(), *user_cache.file_inputs(files)]
    return user_cache.kept("model", inputs, [Path(__file__)], lambda: _read_model(directory), Model)


def _read_model(directory: Path) -> Model:
    ontology_path = directory / ONTOLOGY_FILE
    ontology = parse_turtle(ontology_path)
    terms = check_ontology(ontology, ontology_path)
    shapes_path = directory / SHAPES_FILE
    shapes = parse_turtle(shapes_path)
    check_shapes(shapes, terms, shapes_path)
    context_path = directory / CONTEXT_FILE
    context = read_context(context_path)
    check_context(context, terms, context_path)
    actors_path = directory / ACTORS_FILE
    actors = parse_turtle(actors_path)
    check_actors(actors, terms, actors_path)
    return Model(directory, ontology, shapes, context, actors, terms, secrets.token_hex(16))


def parse_turtle(path: Path) -> Graph:
    """The file as an rdflib Graph, with its prefixes bound. Oxigraph parses it (about 10x faster
    than rdflib's Turtle parser: a build loads the model every time); blank nodes are new ones for
    each file, as rdflib's parser makes them. Language tags come in lower case, as the store keeps
    them (rdflib's parser keeps them as written)."""
    if not path.is_file():
        raise OntologyError(path, "file not found")
    graph = Graph()
    blanks: dict[str, BNode] = {}
    try:
        parser = ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
        triples = [
            (rdflib_term(t.subject, blanks), rdflib_term(t.predicate, blanks), rdflib_term(t.object, blanks))
            for t in parser
        ]
    except (SyntaxError, ValueError, OSError) as error:
        raise OntologyError(path, f"does not parse as Turtle: {_one_line(error)}") from error
    for prefix, namespace in parser.prefixes.items():
        graph.bind(prefix, namespace)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def rdflib_term(term: Any, blanks: dict[str, BNode] | None = None) -> Node:
    """An Oxigraph term (not a quoted triple) as rdflib's. With `blanks`, each blank node becomes a
    new one, the same for the same label (one file's blank nodes never meet another's)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        if blanks is None:
            return BNode(term.value)
        if term.value not in blanks:
            blanks[term.value] = BNode()
        return blanks[term.value]
    if not isinstance(term, ox.Literal):  # a quoted triple (RDF-star): rdflib has no such term
        raise ValueError(f"a term rdflib cannot hold: {term}")
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def read_context(path: Path) -> Mapping[str, Any]:
    if not path.is_file():
        raise OntologyError(path, "file not found")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise OntologyError(path, f"is not valid JSON: {_one_line(error)}") from error
    context = document.get("@context") if isinstance(document, dict) else None
    if not isinstance(context, dict):
        raise OntologyError(path, 'must be a JSON object with an "@context" object')
    return context


def declared_terms(ontology: Graph) -> frozenset[URIRef]:
    return frozenset(
        term for term_type in TERM_TYPES for term in ontology.subjects(RDF.type, term_type) if isinstance(term, URIRef)
    )


def check_ontology(ontology: Graph, path: Path) -> frozenset[URIRef]:
    """Every declared term is labelled and commented; every ag: term used is declared."""
    if not any(ontology.objects(None, OWL.versionInfo)):
        raise OntologyError(path, "the owl:Ontology has no owl:versionInfo")
    terms = declared_terms(ontology)
    for term in sorted(terms):
        for annotation in (RDFS.label, RDFS.comment):
            if ontology.value(term, annotation) is None:
                raise OntologyError(path, f"has no {annotation.n3(ontology.namespace_manager)}", _short(term))
    used = {node for triple in ontology for node in triple if isinstance(node, URIRef)}
    _require_declared((node for node in used if str(node).startswith(str(AG))), terms, path)
    return terms


def check_shapes(shapes: Graph, terms: frozenset[URIRef], path: Path) -> None:
    """Shapes only target and constrain terms the ontology declares."""
    referenced: set[URIRef] = set()
    for predicate in (SH.targetClass, SH["class"], SH.path):
        referenced.update(node for node in shapes.objects(None, predicate) if isinstance(node, URIRef))
    if not any(shapes.subjects(RDF.type, SH.NodeShape)):
        raise OntologyError(path, "declares no sh:NodeShape")
    _require_declared(referenced, terms, path)


def check_context(context: Mapping[str, Any], terms: frozenset[URIRef], path: Path) -> None:
    """Every short key of the context expands to a term the ontology declares."""
    prefixes = {key: value for key, value in context.items() if isinstance(value, str) and value.endswith(("#", "/"))}
    for key, value in context.items():
        if key.startswith("@") or key in prefixes:
            continue
        iri = value.get("@id") if isinstance(value, dict) else value
        if not isinstance(iri, str):
            raise OntologyError(path, "has no @id", key)
        if iri.startswith("@"):  # an alias of a keyword such as "id": "@id"
            continue
        expanded = _expand(iri, prefixes)
        if URIRef(expanded) not in terms:
            raise OntologyError(path, f"maps to {expanded}, which the ontology does not declare", key)


def check_actors(actors: Graph, terms: frozenset[URIRef], path: Path) -> None:
    """Reference actors are typed with model classes, named, and use declared properties only."""
    for subject in set(actors.subjects()):
        if not isinstance(subject, URIRef):
            raise OntologyError(path, "every reference entry needs an IRI, found a blank node")
        types = set(actors.objects(subject, RDF.type))
        if not types or not types <= terms:
            raise OntologyError(path, "needs an rdf:type among the ontology's classes", _short(subject))
        if actors.value(subject, SKOS.prefLabel) is None:
            raise OntologyError(path, "has no skos:prefLabel", _short(subject))
    predicates = {p for p in actors.predicates() if isinstance(p, URIRef) and p != RDF.type}
    _require_declared(predicates, terms, path)


def _require_declared(used: Iterable[URIRef], terms: frozenset[URIRef], path: Path) -> None:
    for node in sorted(used):
        # str(): rdflib's URIRef.startswith stringifies a tuple argument instead of trying each.
        if node in terms or str(node).startswith(_MACHINERY):
            continue
        raise OntologyError(path, "is used but not declared in the ontology", _short(node))


def _expand(iri: str, prefixes: Mapping[str, str]) -> str:
    prefix, colon, local = iri.partition(":")
    if colon and prefix in prefixes and not local.startswith("//"):
        return prefixes[prefix] + local
    return iri


def _short(term: URIRef) -> str:
    return term.n3(Graph().namespace_manager) if not str(term).startswith(str(AG)) else "ag:" + term[len(AG) :]


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300]


def vocab_source(ontology: Graph) -> str:
    """The Python source of actorgraph.vocab: a closed namespace of the ontology's own terms."""
    names = sorted(str(term)[len(AG) :] for term in declared_terms(ontology) if str(term).startswith(str(AG)))
    lines = [
        '"""Closed namespace of the actorgraph ontology\'s terms.',
        "",
        "Generated from ontology/actorgraph.ttl by `python -m actorgraph.ontology --write-vocab`;",
        "a test fails when it is out of date. A misspelt term fails at import.",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class AG(DefinedNamespace):",
        "    _fail = True",
        f'    _NS = Namespace("{AG}")',
        "",
    ]
    lines += [f"    {name}: URIRef" for name in names]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if argv != ["--write-vocab"]:
        print("usage: python -m actorgraph.ontology --write-vocab", file=sys.stderr)
        return 2
    model = load_model()
    target = Path(__file__).with_name("vocab.py")
    target.write_text(vocab_source(model.ontology), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
