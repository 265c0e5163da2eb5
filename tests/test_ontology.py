"""The data model loads, is fully documented, reuses standard terms, and rejects broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Namespace, URIRef
from rdflib.compare import isomorphic

from actorgraph import ontology
from actorgraph.errors import OntologyError
from actorgraph.ontology import declared_terms, load_model, parse_turtle, vocab_source
from actorgraph.vocab import AG

from .conftest import ROOT

WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
CAMEO = Namespace("https://w3id.org/actorgraph/cameo#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")


def test_every_term_is_labelled_and_commented(model):
    assert len(model.terms) > 60
    for term in model.terms:
        assert model.ontology.value(term, RDFS.label) is not None, term
        assert model.ontology.value(term, RDFS.comment) is not None, term


def test_ontology_has_a_version(model):
    assert model.version == "0.1.0"


def test_every_required_class_is_declared(model):
    required = [
        "Person",
        "Organization",
        "PoliticalParty",
        "MediaOutlet",
        "GovernmentBody",
        "State",
        "Place",
        "Post",
        "OfficeHolding",
        "Membership",
        "Election",
        "ElectionRound",
        "Candidacy",
        "Endorsement",
        "RecognitionStance",
        "Turnout",
        "NewsArticle",
        "EvidenceSpan",
        "Mention",
        "Extractor",
    ]
    for name in required:
        assert (AG[name], RDF.type, OWL.Class) in model.ontology, name


@pytest.mark.parametrize(
    ("term", "relation", "standard"),
    [
        (AG.Person, RDFS.subClassOf, SCHEMA.Person),
        (AG.NewsArticle, RDFS.subClassOf, SCHEMA.NewsArticle),
        (AG.Endorsement, RDFS.subClassOf, SCHEMA.EndorseAction),
        (AG.Organization, RDFS.subClassOf, ORG.Organization),
        (AG.PoliticalParty, RDFS.subClassOf, ORG.FormalOrganization),
        (AG.Post, RDFS.subClassOf, ORG.Post),
        (AG.Membership, RDFS.subClassOf, ORG.Membership),
        (AG.Fact, RDFS.subClassOf, PROV.Entity),
        (AG.EvidenceSpan, RDFS.subClassOf, OA.TextPositionSelector),
        (AG.EvidenceSpan, RDFS.subClassOf, OA.TextQuoteSelector),
        (AG.extractedBy, RDFS.subPropertyOf, PROV.wasAttributedTo),
        (AG.Election, SKOS.closeMatch, WD.Q40231),
        (AG.candidate, SKOS.closeMatch, WDT.P726),
        (AG.votes, SKOS.closeMatch, WDT.P1111),
        (AG.Endorsement, SKOS.closeMatch, CAMEO["051"]),
        (AG.RecognitionStance, SKOS.closeMatch, CAMEO["054"]),
    ],
)
def test_standard_terms_are_reused(model, term, relation, standard):
    assert (term, relation, standard) in model.ontology


def test_vocab_module_is_in_sync_with_the_ontology(model):
    generated = vocab_source(model.ontology)
    current = (ROOT / "src" / "actorgraph" / "vocab.py").read_text(encoding="utf-8")
    assert current == generated, "run: python -m actorgraph.ontology --write-vocab"


def test_closed_namespace_rejects_a_misspelt_term():
    assert AG.Candidacy == URIRef("https://w3id.org/actorgraph/ns#Candidacy")
    with pytest.raises(AttributeError):
        _ = AG.Candidacey


def test_every_term_has_a_context_key(model):
    mapped = set()
    prefixes = {k: v for k, v in model.context.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    for key, value in model.context.items():
        iri = value.get("@id") if isinstance(value, dict) else value
        if key.startswith("@") or key in prefixes or not isinstance(iri, str) or iri.startswith("@"):
            continue
        prefix, _, local = iri.partition(":")
        mapped.add(URIRef(prefixes.get(prefix, prefix + ":") + local))
    assert declared_terms(model.ontology) - mapped == set()


def test_reference_actors_cover_states_and_regional_polities(model):
    states = set(model.actors.subjects(RDF.type, AG.State))
    assert len(states) >= 195
    names = {str(model.actors.value(s, SKOS.prefLabel)) for s in states}
    assert {"South Ossetia", "Abkhazia", "Transnistria", "Kosovo", "Nauru", "Georgia", "Russia"} <= names
    aliases = {str(o) for o in model.actors.objects(None, SKOS.altLabel)}
    assert {"Anatoli Bibilov", "Alan Gagloyev", "Eduard Kokoyty", "Tskhinvali region"} <= aliases


def test_reference_actors_state_no_facts(model):
    # background that places a name, never a fact an article reports (no offices, memberships, results)
    allowed = {RDF.type, SKOS.prefLabel, SKOS.altLabel, AG.demonym, AG.capital, AG.locatedIn, AG.activeIn}
    assert set(model.actors.predicates()) <= allowed


# --- a broken model is rejected with the file and the term -----------------------------------


@pytest.fixture()
def model_copy(tmp_path) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_comment_names_file_and_term(model_copy):
    _edit(
        model_copy / "actorgraph.ttl",
        '    rdfs:comment "The person holding the office."@en ;\n',
        "",
    )
    with pytest.raises(OntologyError) as error:
        load_model(model_copy)
    assert "actorgraph.ttl: ag:holder: has no rdfs:comment" in str(error.value)


def test_context_key_for_unknown_term_is_rejected(model_copy):
    _edit(model_copy / "context.jsonld", '"ag:voteShare"', '"ag:voteShares"')
    with pytest.raises(OntologyError) as error:
        load_model(model_copy)
    assert "context.jsonld: voteShare: maps to https://w3id.org/actorgraph/ns#voteShares" in str(error.value)


def test_shapes_that_do_not_parse_are_rejected(model_copy):
    _edit(model_copy / "shapes.ttl", "ags:TurnoutShape a sh:NodeShape ;", "ags:TurnoutShape a sh:NodeShape ;;;{")
    with pytest.raises(OntologyError) as error:
        load_model(model_copy)
    assert "shapes.ttl: does not parse as Turtle" in str(error.value)


def test_shapes_on_undeclared_property_are_rejected(model_copy):
    _edit(model_copy / "shapes.ttl", "sh:path ag:turnoutValue ;", "sh:path ag:turnoutPercent ;")
    with pytest.raises(OntologyError) as error:
        load_model(model_copy)
    assert "shapes.ttl: ag:turnoutPercent: is used but not declared" in str(error.value)


def test_reference_actor_with_unknown_type_is_rejected(model_copy):
    _edit(model_copy / "actors.ttl", "state:nauru a ag:State ;", "state:nauru a ag:Country ;")
    with pytest.raises(OntologyError) as error:
        load_model(model_copy)
    assert "actors.ttl" in str(error.value) and "nauru" in str(error.value)


def test_missing_file_is_named(model_copy):
    (model_copy / "context.jsonld").unlink()
    with pytest.raises(OntologyError, match=r"context\.jsonld: file not found"):
        load_model(model_copy)


def test_a_model_kept_by_an_earlier_process_is_the_model_read(model_copy, tmp_path, monkeypatch):
    """The pickled model (user_cache) holds the same graphs, prefixes, context and terms as one read
    from the files, and a process that finds it reads no file."""
    monkeypatch.setenv("ACTORGRAPH_CACHE", str(tmp_path / "cache"))
    read = ontology._read_model(model_copy)
    ontology._load_model.cache_clear()
    load_model(model_copy)  # read, and kept
    ontology._load_model.cache_clear()  # as a new process

    def no_reading(directory: Path) -> ontology.Model:
        raise AssertionError("the model was read again")

    monkeypatch.setattr(ontology, "_read_model", no_reading)
    try:
        found = load_model(model_copy)
    finally:
        ontology._load_model.cache_clear()
    assert found is not read and found.directory == model_copy
    for name in ("ontology", "shapes", "actors"):
        theirs, ours = getattr(read, name), getattr(found, name)
        assert isomorphic(theirs, ours), name
        assert sorted(theirs.namespaces()) == sorted(ours.namespaces()), name
    assert found.context == read.context and found.terms == read.terms


def test_a_kept_model_is_not_taken_for_changed_files(model_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_CACHE", str(tmp_path / "cache"))
    ontology._load_model.cache_clear()
    try:
        load_model(model_copy)
        ontology._load_model.cache_clear()
        _edit(model_copy / "actors.ttl", "state:nauru a ag:State ;", "state:nauru a ag:Country ;")
        with pytest.raises(OntologyError, match="nauru"):
            load_model(model_copy)
        (model_copy / "context.jsonld").unlink()
        with pytest.raises(OntologyError, match=r"context\.jsonld: file not found"):
            load_model(model_copy)
    finally:
        ontology._load_model.cache_clear()
    assert len(list((tmp_path / "cache").glob("model-*.pickle"))) == 1  # a model that fails is not kept


_TURTLE_FILES = sorted(p for p in ROOT.glob("**/*.ttl") if not {".venv", ".git", ".actorgraph"} & set(p.parts))


@pytest.mark.parametrize("path", _TURTLE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_turtle_parses_as_rdflib_parses_it(path):
    """parse_turtle (Oxigraph's parser) gives the graph and the prefixes rdflib's Turtle parser gives."""
    theirs = Graph()
    try:
        theirs.parse(path, format="turtle")
    except Exception:  # a file of broken Turtle, kept for a test: both refuse it
        with pytest.raises(OntologyError, match="does not parse as Turtle"):
            parse_turtle(path)
        return
    mine = parse_turtle(path)
    assert isomorphic(mine, theirs)
    assert dict(mine.namespaces()) == dict(theirs.namespaces())


_LITERALS = st.sampled_from(
    [
        '"a"',
        '"a"@en',
        '"a"@en-gb',
        "1",
        "01",
        "-1.50",
        "1e3",
        "true",
        '"x"^^xsd:date',
        '"2024-01-01"^^xsd:date',
        '"1.0"^^xsd:decimal',
        '"""two\nlines"""',
        "'q'",
        '"tab\\t"',
        '"\\u00e9"',
        '"abc"^^xsd:integer',
    ]
)


@given(st.lists(st.tuples(st.sampled_from(["<s>", "_:b", "_:c", "[ <q> 1 ]"]), _LITERALS), min_size=1, max_size=6))
def test_turtle_terms_are_rdflib_terms(tmp_path_factory, statements):
    """Literals of every kind, labelled and anonymous blank nodes: the same graph as rdflib parses."""
    text = "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@base <http://example.org/> .\n"
    text += "".join(f"{subject} <p> {value} .\n" for subject, value in statements)
    path = tmp_path_factory.mktemp("ttl") / "g.ttl"
    path.write_text(text, encoding="utf-8")
    theirs = Graph()
    theirs.parse(path, format="turtle")
    assert isomorphic(parse_turtle(path), theirs)


def test_language_tags_come_lower_case(tmp_path):
    """The one difference from rdflib's parser: Oxigraph keeps language tags in lower case (they
    are case-insensitive), as the store keeps them."""
    (tmp_path / "g.ttl").write_text('<http://example.org/s> <http://example.org/p> "a"@en-GB .\n', encoding="utf-8")
    assert {o.language for o in parse_turtle(tmp_path / "g.ttl").objects()} == {"en-gb"}


def test_blank_nodes_of_two_files_never_meet(tmp_path):
    """Each file's `_:a` is a blank node of its own, as rdflib's parser makes them: two graphs
    read from two files and merged keep two nodes."""
    for name in ("one.ttl", "two.ttl"):
        (tmp_path / name).write_text('_:a <http://example.org/p> "x" .\n', encoding="utf-8")
    merged = parse_turtle(tmp_path / "one.ttl") + parse_turtle(tmp_path / "two.ttl")
    assert len(set(merged.subjects())) == 2


@pytest.mark.parametrize(
    "text",
    [
        b'<http://example.org/s> <http://example.org/p> "\xff\xfe" .\n',  # not UTF-8
        b"<< <http://example.org/s> <http://example.org/p> <http://example.org/o> >> <http://example.org/q> 1 .\n",
    ],
    ids=["not-utf-8", "quoted-triple"],
)
def test_a_model_file_rdflib_cannot_hold_is_refused_with_its_name(tmp_path, text):
    (tmp_path / "g.ttl").write_bytes(text)
    with pytest.raises(OntologyError, match=r"g\.ttl: does not parse as Turtle"):
        parse_turtle(tmp_path / "g.ttl")
