"""Named queries on tiny in-memory stores: parameters as terms, headers, the outer group, run's forms and errors.

Fast (no corpus build, no on-disk store but one): the tests mutation testing runs against queries.py.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from actorgraph import settings
from actorgraph.errors import QueryError
from actorgraph.queries import (
    NamedQuery,
    Parameter,
    _outer_group,
    discover,
    is_federated,
    load_query,
    parse_query_file,
    queries_directory,
    run,
)
from actorgraph.results import Term
from actorgraph.store import Generation, Manifest

from .conftest import ROOT

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "https://example.org/"
HEADER = "# title: People\n# description: Everyone named.\n# columns: s, name\n"


def memory_store() -> ox.Store:
    """Two named graphs: a person with a name, and one without."""
    store = ox.Store()
    for graph, subject, name in (("g1", "a", "Alla"), ("g2", "b", None)):
        g, s = ox.NamedNode(EX + graph), ox.NamedNode(EX + subject)
        store.add(ox.Quad(s, ox.NamedNode(EX + "type"), ox.NamedNode(EX + "Person"), g))
        if name:
            store.add(ox.Quad(s, ox.NamedNode(EX + "name"), ox.Literal(name), g))
    return store


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- Parameter.term --------------------------------------------------------------------------------


def test_a_literal_parameter_is_a_plain_string_literal():
    assert Parameter("who", "literal", "").term('x" } #') == ox.Literal('x" } #')


def test_an_iri_parameter_is_a_named_node_or_a_one_line_error():
    iri = Parameter("fact", "iri", "")
    assert iri.term("https://example.org/f/1") == ox.NamedNode("https://example.org/f/1")
    assert iri.term("URN:X:1") == ox.NamedNode("URN:X:1"), "the scheme is case-insensitive"
    for bad in ("not an iri", "https://example.org/a b", "1http://x", "http://x/<y>", "x:", "http:/a\n", "-x:y"):
        with pytest.raises(QueryError) as raised:
            iri.term(bad)
        assert str(raised.value) == f"parameter fact must be an absolute IRI, got {bad!r}"


def test_an_iri_pyoxigraph_refuses_is_a_query_error(monkeypatch):
    def refuse(value: str) -> ox.NamedNode:
        raise ValueError("refused")

    monkeypatch.setattr(ox, "NamedNode", refuse)
    with pytest.raises(QueryError) as raised:
        Parameter("fact", "iri", "").term("http://x/1")
    assert str(raised.value) == "parameter fact must be an absolute IRI, got 'http://x/1': refused"


@pytest.mark.parametrize(("value", "datatype"), [("2022", "gYear"), ("2022-04", "gYearMonth"), ("2022-04-10", "date")])
def test_a_date_parameter_is_typed_by_its_precision(value, datatype):
    assert Parameter("d", "date", "").term(value) == ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


@pytest.mark.parametrize("value", ["yesterday", "22", "2022-4", "2022-04-1", "2022-04-10x", "x2022", "2022/04/10"])
def test_a_date_parameter_refuses_other_text(value):
    with pytest.raises(QueryError) as raised:
        Parameter("d", "date", "").term(value)
    assert str(raised.value) == f"parameter d must be a date (YYYY-MM-DD, YYYY-MM or YYYY), got {value!r}"


def test_number_parameters_are_typed_literals():
    integer, decimal = Parameter("n", "integer", ""), Parameter("x", "decimal", "")
    assert integer.term("-12") == ox.Literal("-12", datatype=ox.NamedNode(XSD + "integer"))
    assert decimal.term("-1.5") == ox.Literal("-1.5", datatype=ox.NamedNode(XSD + "decimal"))
    assert decimal.term("7") == ox.Literal("7", datatype=ox.NamedNode(XSD + "decimal"))
    for value in ("1.5", "x1", "1x", "", "+1", "- 1"):
        with pytest.raises(QueryError) as raised:
            integer.term(value)
        assert str(raised.value) == f"parameter n must be an integer, got {value!r}"
    for value in ("1.", ".5", "1.5x", "x1.5", "1,5"):
        with pytest.raises(QueryError) as raised:
            decimal.term(value)
        assert str(raised.value) == f"parameter x must be a decimal, got {value!r}"


# --- NamedQuery: bindings and the VALUES block -----------------------------------------------------


def named(text: str, *parameters: Parameter) -> NamedQuery:
    return NamedQuery("q", Path("q.rq"), "t", "d", parameters, (), text)


def test_bindings_refuse_unknown_and_missing_parameters():
    who, year = Parameter("who", "literal", "the name"), Parameter("year", "integer", "the year")
    query = named("SELECT * { ?s ?p ?who }", who, year)
    assert query.bindings({"who": "x", "year": "3"}) == {
        "who": ox.Literal("x"),
        "year": ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")),
    }
    with pytest.raises(QueryError) as raised:
        query.bindings({"who": "x", "zz": "1", "aa": "2"})
    assert str(raised.value) == "query q has no parameter aa, zz (parameters: who, year)"
    with pytest.raises(QueryError) as raised:
        named("SELECT * {}").bindings({"x": "1"})
    assert str(raised.value) == "query q has no parameter x (parameters: none)"
    with pytest.raises(QueryError) as raised:
        query.bindings({"who": "x"})
    assert str(raised.value) == "query q needs --param year=VALUE (the year)"


def test_bound_text_adds_a_values_block_after_the_outer_brace():
    who, year = Parameter("who", "literal", ""), Parameter("year", "integer", "")
    query = named("SELECT * WHERE { ?s ?p ?who }", who, year)
    assert query.bound_text({"who": 'a "b"', "year": "2"}) == (
        "SELECT * WHERE {"
        '\n  VALUES (?who ?year) { ("a \\"b\\"" "2"^^<http://www.w3.org/2001/XMLSchema#integer>) }\n'
        " ?s ?p ?who }"
    )
    assert named("SELECT * WHERE { ?s ?p ?o }").bound_text({}) == "SELECT * WHERE { ?s ?p ?o }"


def test_bound_text_needs_a_group():
    query = NamedQuery("q", Path("dir/q.rq"), "t", "d", (Parameter("who", "literal", ""),), (), "# { only\n")
    with pytest.raises(QueryError) as raised:
        query.bound_text({"who": "x"})
    assert str(raised.value) == "dir/q.rq: a query with parameters needs a WHERE { ... } group"


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("SELECT * { ?s ?p ?o }", 9),
        ("SELECT * WHERE { ?s ?p ?o }", 15),
        ("PREFIX a: <http://x/{y}>\nSELECT * { }", 34),
        ('SELECT * # {\n{ ?s ?p "{" }', 13),
        ("SELECT * { ?s ?p '{' }", 9),
        ("SELECT ('{' AS ?x) { }", 19),
        ('SELECT ("a\\"{" AS ?x) { }', 22),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", 29),
        ("construct { ?s ?p ?o } where { ?s ?p ?o }", 29),
        ("CONSTRUCT WHERE { ?s ?p ?o }", 16),
        ("ASK { ?s ?p ?o }", 4),
        ("SELECT ?NOWHERE { }", 16),
        ("SELECT * #", None),
        ("CONSTRUCT { ?s ?p ?o }", None),
    ],
)
def test_the_outer_group_is_found_outside_iris_strings_and_comments(text, offset):
    assert _outer_group(text) == offset


def test_a_federated_query_calls_service_outside_strings_and_comments():
    assert is_federated("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    assert is_federated("select * { service <http://x/sparql> { ?s ?p ?o } }")
    assert is_federated("SELECT * { SERVICE<http://x/sparql> { ?s ?p ?o } }"), "no space before the IRI"
    for text in ("SELECT * { ?s ?p 'SERVICE' }", "# SERVICE\nSELECT * {}", "SELECT * { <http://x/SERVICE> ?p ?o }"):
        assert not is_federated(text), text
    assert not is_federated("SELECT ?SERVICES { }"), "a whole word"


# --- parse_query_file ---------------------------------------------------------------------------------


def test_a_header_gives_title_description_parameters_and_columns(tmp_path):
    path = write(
        tmp_path,
        "people.rq",
        "#  title :  People named \n# description: Everyone named.\n"
        "# param who: literal   The name , say\n# a comment\n#param  year:integer\n# columns: s ,name, \n"
        "SELECT ?s ?name WHERE { ?s ?p ?name }\n# columns: ignored\n",
    )
    query = parse_query_file(str(path))
    assert query == NamedQuery(
        "people",
        path,
        "People named",
        "Everyone named.",
        (Parameter("who", "literal", "The name , say"), Parameter("year", "integer", "")),
        ("s", "name"),
        path.read_text(encoding="utf-8"),
        True,
        "select",
    )


def test_a_file_without_header_takes_its_name_and_form(tmp_path):
    select = parse_query_file(write(tmp_path, "count.rq", "SELECT * { ?s ?p ?o }\n"))
    assert (select.title, select.description, select.parameters, select.columns) == ("count", "", (), ())
    assert select.has_header is False and select.form == "select"
    assert parse_query_file(write(tmp_path, "a.rq", "ASK { ?s ?p ?o }")).form == "ask"
    assert parse_query_file(write(tmp_path, "c.rq", "CONSTRUCT WHERE { ?s ?p ?o }")).form == "graph"
    assert parse_query_file(write(tmp_path, "d.rq", "DESCRIBE <http://x/>")).form == "graph"


def test_an_incomplete_header_names_the_missing_line(tmp_path):
    for missing in ("title", "description", "columns"):
        lines = [f"# {key}: x" for key in ("title", "description", "columns") if key != missing]
        path = write(tmp_path, "h.rq", "\n".join(lines) + "\nSELECT ?x { }\n")
        with pytest.raises(QueryError) as raised:
            parse_query_file(path)
        assert str(raised.value) == f"{path}: the header has no '# {missing}:' line"
    path = write(tmp_path, "p.rq", "# param who: literal  a name\nSELECT ?x { }\n")
    with pytest.raises(QueryError, match="the header has no '# title:' line"):
        parse_query_file(path)


def test_an_unknown_parameter_kind_is_refused(tmp_path):
    path = write(tmp_path, "k.rq", HEADER + "# param when: time  a time\nSELECT ?s ?name { }\n")
    with pytest.raises(QueryError) as raised:
        parse_query_file(path)
    assert str(raised.value) == (
        f"{path}: parameter when has unknown kind 'time' (known: literal, iri, date, integer, decimal)"
    )


def test_a_syntax_error_is_one_line(tmp_path):
    path = write(tmp_path, "bad.rq", "SELECT ?a WHERE { ?a ?b }\n")
    with pytest.raises(QueryError) as raised:
        parse_query_file(path)
    assert isinstance(raised.value.__cause__, SyntaxError)
    words = str(raised.value.__cause__).split()
    assert len(words) > 3 and str(raised.value) == f"{path}: SPARQL syntax error: {' '.join(words)}"


# --- discover and load_query --------------------------------------------------------------------------


def test_discover_reads_every_rq_file_of_a_folder_by_name(tmp_path):
    write(tmp_path, "b.rq", "SELECT * { }")
    write(tmp_path, "a.rq", "ASK { }")
    write(tmp_path, "c.txt", "not a query")
    found = discover(tmp_path)
    assert list(found) == ["a", "b"] and found["a"].form == "ask"
    assert queries_directory() == settings.queries_dir() == ROOT / "queries"
    assert "persons" in discover() and discover()["persons"].path == ROOT / "queries" / "persons.rq"


def test_load_query_by_name_or_by_path(tmp_path):
    assert load_query("persons") == discover()["persons"]
    path = write(tmp_path, "mine.rq", "ASK { }")
    assert load_query(path).name == "mine" and load_query(str(path)).form == "ask"
    with pytest.raises(QueryError) as raised:
        load_query(tmp_path / "none")
    assert str(raised.value) == f"{tmp_path / 'none'}: no such query file"
    with pytest.raises(QueryError) as raised:
        load_query("none.rq")
    assert str(raised.value) == "none.rq: no such query file"
    with pytest.raises(QueryError) as raised:
        load_query("nope")
    assert str(raised.value) == f"unknown query 'nope'; `actorgraph query --list` shows {len(discover())} named queries"


# --- run ---------------------------------------------------------------------------------------------------


def test_run_selects_typed_rows_with_unbound_columns_as_none(tmp_path):
    path = write(
        tmp_path,
        "people.rq",
        HEADER + "SELECT ?s ?name { GRAPH ?g { ?s <https://example.org/type> <https://example.org/Person> "
        "OPTIONAL { ?s <https://example.org/name> ?name } } } ORDER BY ?s\n",
    )
    result = run(parse_query_file(path), None, memory_store())
    assert result.columns == ("s", "name")
    assert result.terms == (
        (Term.of(ox.NamedNode(EX + "a")), Term.of(ox.Literal("Alla"))),
        (Term.of(ox.NamedNode(EX + "b")), None),
    )


def test_run_binds_parameters():
    query = named(
        "SELECT ?s WHERE { GRAPH ?g { ?s <https://example.org/name> ?who } }", Parameter("who", "literal", "")
    )
    assert run(query, {"who": "Alla"}, memory_store()).records() == [{"s": EX + "a"}]
    assert run(query, {"who": "Nobody"}, memory_store()).records() == []


def test_the_default_graph_is_the_union_only_without_a_header(tmp_path):
    plain = write(tmp_path, "n.rq", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }\n")
    headed = write(tmp_path, "h.rq", "# title: t\n# description: d\n# columns: n\n" + plain.read_text())
    store = memory_store()
    assert run(plain, {}, store).records() == [{"n": 3}]
    assert run(plain, {}, store, union=False).records() == [{"n": 0}]
    assert run(headed, {}, store).records() == [{"n": 0}]
    assert run(headed, {}, store, union=True).records() == [{"n": 3}]


def test_ask_and_construct_give_a_boolean_and_sorted_triples(tmp_path):
    store = memory_store()
    asked = run(write(tmp_path, "a.rq", "ASK { ?s ?p ?o }"), {}, store)
    assert asked.boolean is True and asked.columns == () and asked.terms == () and asked.triples is None
    assert run(write(tmp_path, "b.rq", "ASK { ?s ?p ?o }"), {}, store, union=False).boolean is False
    result = run(write(tmp_path, "c.rq", "CONSTRUCT WHERE { ?s ?p ?o }"), {}, store)
    assert result.columns == () and result.terms == () and result.boolean is None
    assert [(t.subject.value, t.predicate.value) for t in result.triples or ()] == [
        (EX + "a", EX + "name"),
        (EX + "a", EX + "type"),
        (EX + "b", EX + "type"),
    ]
    object_order = run(
        write(tmp_path, "o.rq", "CONSTRUCT { <http://x/s> <http://x/p> ?o } WHERE { ?s ?p ?o }"), {}, store
    )
    assert [str(t.object) for t in object_order.triples or ()] == [
        '"Alla"',
        "<https://example.org/Person>",
    ]


def test_run_refuses_columns_its_header_does_not_promise(tmp_path):
    path = write(tmp_path, "p.rq", HEADER + "SELECT ?name ?s { ?s ?p ?name }\n")
    with pytest.raises(QueryError) as raised:
        run(path, {}, memory_store())
    assert str(raised.value) == f"{path}: the query selects name, s but its header promises s, name"


def test_a_failing_query_is_a_one_line_error(tmp_path):
    path = write(tmp_path, "f.rq", "SELECT * { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }\n")
    query = parse_query_file(path)  # pyoxigraph refuses port 9 without calling out
    broken = NamedQuery("x", Path("x.rq"), "t", "d", (), (), "SELECT * { ?s ?p }")
    with pytest.raises(QueryError) as raised:
        run(broken, {}, memory_store())
    assert isinstance(raised.value.__cause__, SyntaxError)
    words = str(raised.value.__cause__).split()
    assert len(words) > 3 and str(raised.value) == f"x.rq: {' '.join(words)}"

    with pytest.raises(QueryError) as raised:
        run(query, {}, memory_store())
    assert str(raised.value).startswith(f"{path}: ") and "\n" not in str(raised.value)
    assert isinstance(raised.value.__cause__, OSError)


def test_run_opens_a_store_by_path_or_the_default_one(tmp_path, monkeypatch):
    generation = Generation(tmp_path / "store")
    generation.quads_file.write_text(f'<{EX}a> <{EX}name> "Alla" <{EX}g1> .\n', encoding="utf-8")
    generation.load(generation.quads_file)
    generation.publish(Manifest())
    count = write(tmp_path, "n.rq", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }\n")
    assert run(count, {}, tmp_path / "store").records() == [{"n": 1}]
    assert run(count, {}, str(tmp_path / "store")).records() == [{"n": 1}]
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".actorgraph").mkdir()
    (tmp_path / "store").rename(tmp_path / ".actorgraph" / "store")
    assert run(count).records() == [{"n": 1}], "the default store is .actorgraph/store"


def test_triples_are_sorted_by_subject_then_predicate_then_object(tmp_path):
    store, s, t = ox.Store(), ox.NamedNode(EX + "s"), ox.NamedNode(EX + "t")
    for subject, predicate, value in ((t, "a", "0"), (s, "z", "0"), (s, "b", "2"), (s, "b", "1")):
        store.add(ox.Quad(subject, ox.NamedNode(EX + predicate), ox.Literal(value)))
    result = run(write(tmp_path, "c.rq", "CONSTRUCT WHERE { ?s ?p ?o }"), {}, store)
    assert [(t.subject.value[-1], t.predicate.value[-1], t.object.value) for t in result.triples or ()] == [
        ("s", "b", "1"),
        ("s", "b", "2"),
        ("s", "z", "0"),
        ("t", "a", "0"),
    ]
