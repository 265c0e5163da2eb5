"""Named queries: headers, parameters bound as terms, clear errors, golden results on the example corpus."""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.cli import main
from actorgraph.errors import QueryError
from actorgraph.pipeline import BuildOptions, build_corpus
from actorgraph.queries import discover, load_query, parse_query_file, run

from .build_helpers import query_parameters, write_conflicting_documents
from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "queries"
REQUIRED = {
    "persons": ["person", "name", "aliases"],
    "organizations": ["organization", "name", "type"],
    "offices": ["person_name", "office", "jurisdiction", "start", "end", "status", "document"],
    "memberships": ["person_name", "organization_name", "role", "document"],
    "candidacies": ["person_name", "election", "year", "round", "vote_share", "votes", "outcome", "document"],
    "endorsements": ["endorser_name", "endorsed_name", "election", "mode", "document"],
    "recognitions": ["state_name", "recognized_name", "stance", "date", "document"],
    "turnout": ["election", "year", "round", "value", "qualifier", "document"],
}


@cache
def store() -> Path:
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="actorgraph-queries-"))
    build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=root / "store", out=None, quiet=True))
    return root / "store"


def parameters(name: str) -> dict[str, str]:
    return query_parameters(name, store())


def test_every_query_parses_and_has_its_header():
    queries = discover()
    assert len(queries) >= 15
    for query in queries.values():
        assert query.title and query.description and query.columns
    for name, columns in REQUIRED.items():
        assert list(queries[name].columns) == columns, name


@pytest.mark.parametrize("name", sorted(discover()))
def test_golden_result(name, update_golden):
    result = run(load_query(name), parameters(name), store())
    golden = GOLDEN / f"{name}.csv"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.to_csv(), encoding="utf-8")
    assert golden.is_file(), f"no golden file for {name}: run pytest --update-golden"
    assert result.to_csv() == golden.read_text(encoding="utf-8")


def test_real_answers():
    recognisers = {
        r["state_name"]
        for r in run(load_query("recognitions-of"), {"polity_name": "South Ossetia"}, store()).records()
        if r["stance"] == "recognizes"
    }
    assert {"Nauru", "Nicaragua", "Venezuela"} <= recognisers
    refusing = {
        (r["state_name"], r["stance"])
        for r in run(load_query("recognitions"), {}, store()).records()
        if r["recognized_name"] == "South Ossetia"
    }
    assert ("Georgia", "does-not-recognize") in refusing and ("Georgia", "recognizes") not in refusing
    endorsements = {
        (r["endorser_name"], r["endorsed_name"]) for r in run(load_query("endorsements"), {}, store()).records()
    }
    assert ("Dzambulat Tedeev", "Alla Dzhioyeva") in endorsements
    [gagloev] = [
        r
        for r in run(
            load_query("election-results"), {"election_name": "2022 South Ossetia presidential election"}, store()
        ).records()
        if r["person_name"] == "Alan Gagloev" and r["round"] == "1"
    ]
    assert gagloev["vote_share"] == "43.51" and gagloev["partial"] == "true"
    offices = run(load_query("offices"), {}, store()).records()
    assert any(
        r["person_name"] == "Bela Plieva" and r["office"] == "Chairman of the Central Election Commission"
        for r in offices
    )


def test_hostile_parameter_values_are_data():
    for value in ['x" } ; DROP ALL ; # {', "it's {#}", "<http://evil/>"]:
        result = run(load_query("endorsements-in-election"), {"election_name": value}, store())
        assert result.rows == ()
    assert len(run(load_query("persons"), {}, store()).rows) > 10, "nothing was dropped"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "unknown query 'nope'"),
        (["election-results"], "needs --param election_name=VALUE"),
        (["persons", "--param", "x=1"], "has no parameter x"),
        (["office-holders-at", "--param", "date=yesterday"], "must be a date"),
        (["evidence", "--param", "fact=not an iri"], "must be an absolute IRI"),
        (["persons", "--param", "novalue"], "--param takes key=value"),
    ],
)
def test_query_errors_are_one_line_and_exit_2(capsys, args, message):
    assert main(["query", *args, "--store", str(store())]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_syntax_error_in_a_query_file(tmp_path, capsys):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: t\n# description: d\n# columns: a\nSELECT ?a WHERE { ?a ?b }\n", encoding="utf-8")
    assert main(["query", str(bad), "--store", str(store())]) == 2
    assert "SPARQL syntax error" in capsys.readouterr().err
    with pytest.raises(QueryError, match="header has no '# title:'"):
        (tmp_path / "nohead.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
        parse_query_file(tmp_path / "nohead.rq")


def test_list_and_formats(capsys):
    assert main(["query", "--list"]) == 0
    listing = capsys.readouterr().out
    assert all(name in listing for name in discover())
    for fmt in ("table", "csv", "json", "tsv"):
        assert main(["query", "turnout", "--format", fmt, "--store", str(store())]) == 0
    out = capsys.readouterr().out
    assert "qualifier" in out and "(2 rows)" in out


def test_python_api_rows():
    result = run(load_query("turnout"), {}, store())
    rows = list(csv.DictReader(io.StringIO(result.to_csv())))
    assert {(r["year"], r["round"], r["value"], r["qualifier"]) for r in rows} == {
        ("2012", "2", "63", "partial"),
        ("2022", "1", "82", "over"),
    }
    pandas = pytest.importorskip("pandas")
    frame = result.to_dataframe()
    assert isinstance(frame, pandas.DataFrame) and list(frame.columns) == list(result.columns)


def test_conflicting_reports_are_found(tmp_path):
    corpus = tmp_path / "corpus"
    write_conflicting_documents(corpus)
    build_corpus(BuildOptions(paths=(corpus,), store=tmp_path / "store", out=None, quiet=True))
    rows = run(load_query("conflicting-reports"), {}, tmp_path / "store").records()
    assert {(r["kind"], r["subject"], r["value_a"], r["value_b"]) for r in rows} == {
        ("vote share", "Zaur Kochiev", "41.5", "43"),
        ("recognition", "Syria", "recognizes", "does-not-recognize"),
    }


HEADER = "# title: t\n# description: d\n# param who: literal  a name\n# columns: s\n"


@pytest.mark.parametrize(
    "body",
    [
        "SELECT ?s { { SELECT ?s WHERE { ?s ?p ?who } } }",  # outer WHERE keyword omitted
        "SELECT ?s # no { here\nWHERE { { SELECT ?s WHERE { ?s ?p ?who } } }",
        "CONSTRUCT { ?s ?p ?who } WHERE { ?s ?p ?who }",
    ],
)
def test_parameters_bind_on_the_outermost_group(tmp_path, body):
    path = tmp_path / "q.rq"
    path.write_text(HEADER + body + "\n", encoding="utf-8")
    bound = parse_query_file(path).bound_text({"who": "x"})
    head = re.sub(r"#[^\n]*", "", bound.partition("VALUES")[0])
    assert head.count("{") == 1 + head.count("CONSTRUCT {"), bound


@given(st.text(max_size=40))
def test_any_string_is_a_literal_parameter_or_a_query_error(value):
    query = load_query("endorsements-in-election")
    assert run(query, {"election_name": value}, store()).rows == ()


@given(st.text(max_size=40))
def test_any_string_is_an_iri_parameter_or_a_query_error(value):
    query = load_query("evidence")
    try:
        result = run(query, {"fact": value}, store())
    except QueryError as error:
        assert "\n" not in str(error)
    else:
        assert result.rows == ()
