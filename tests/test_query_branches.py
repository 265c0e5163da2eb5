"""A SELECT of a UNION run as its branches at once (query_branches.py) gives the rows of the whole
query; only that exact shape is split, read past IRIs, strings and comments."""

from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph import queries, query_branches
from actorgraph.errors import QueryError
from actorgraph.pipeline import BuildOptions, build_corpus
from actorgraph.queries import load_query, run
from actorgraph.query_branches import union_branches
from actorgraph.store import open_read_only

from .build_helpers import write_conflicting_documents
from .test_queries import store

PROLOGUE = "PREFIX ag: <https://w3id.org/actorgraph/ns#>\nPREFIX x: <urn:x#>\n"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?a WHERE { ?a ?b ?c }",  # no union
        "SELECT ?a WHERE { { ?a ?b ?c } }",  # one group
        "SELECT * WHERE { { ?a ?b ?c } UNION { ?c ?b ?a } }",  # the columns may differ by branch
        "SELECT DISTINCT ?a WHERE { { ?a ?b ?c } UNION { ?c ?b ?a } }",  # distinct across branches
        "SELECT (COUNT(?a) AS ?n) WHERE { { ?a ?b ?c } UNION { ?c ?b ?a } }",
        "SELECT ?a WHERE { { ?a ?b ?c } UNION { ?c ?b ?a } FILTER(?a != ?c) }",
        "SELECT ?a WHERE { ?a ?b ?c . { ?a ?b ?c } UNION { ?c ?b ?a } }",
        "SELECT ?a WHERE { { ?a ?b ?c } { ?c ?b ?a } }",  # a join, not a union
        "SELECT ?a WHERE { { ?a ?b ?c } UNION { ?c ?b ?a } } LIMIT 3",
        "SELECT ?a WHERE { { ?a ?b ?c } UNION { ?c ?b ?a } } GROUP BY ?a",
        "SELECT ?a WHERE { { ?a ?b ?c } UNION { ?c ?b ?a } } VALUES ?a { <urn:a> }",
        "SELECT ?a WHERE { { ?a ?b ?c } MINUS { ?c ?b ?a } }",
        "SELECT ?a WHERE { { ?a ?b ?c } UNION { ?c ?b ?a }",  # not closed
        "ASK { { ?a ?b ?c } UNION { ?c ?b ?a } }",
        "SELECT ?a FROM <urn:g> WHERE { { ?a ?b ?c } UNION { ?c ?b ?a } }",
        "# SELECT ?a WHERE { { ?a ?b ?c } UNION { ?c ?b ?a } }\nASK { ?a ?b ?c }",
        'SELECT ?a WHERE { { ?a ?b "} UNION {" } }',  # braces and UNION in a string
        "SELECT ?a WHERE { { ?a ?b <urn:}UNION{> } }",
        "SELECT ?a WHERE { { ?a ?b ?c } # } UNION { ?c ?b ?a }\n }",
    ],
)
def test_other_shapes_are_run_whole(text):
    assert union_branches(PROLOGUE + text) is None


def test_each_branch_is_its_own_select():
    text = (
        PROLOGUE
        + 'SELECT ?a ?b WHERE {\n { ?a x:p "{ #" } UNION {\n ?a x:q ?b . { ?b x:r ?a } UNION { ?b x:s ?a } } union { ?b x:t <urn:}> } }\n'
    )
    head = PROLOGUE + "SELECT ?a ?b WHERE "
    assert union_branches(text) == [
        head + '{ ?a x:p "{ #" }',
        head + "{\n ?a x:q ?b . { ?b x:r ?a } UNION { ?b x:s ?a } }",
        head + "{ ?b x:t <urn:}> }",
    ]


# branch bodies made of pieces that look like a query's structure but are not, inside strings,
# IRIs and comments
PIECES = st.sampled_from(
    ['?a x:p "{"', "?a x:p '}'", '?a x:p "UNION"', "?a x:p <urn:{}>", "# } UNION {\n", "?a x:p ?b", "{ ?a x:q ?b }"]
)
BODIES = st.lists(PIECES, min_size=1, max_size=4).map(lambda pieces: " . ".join(pieces).replace(". #", "#"))


@given(st.lists(BODIES, min_size=2, max_size=4), st.sampled_from([" UNION ", "\nunion\n", "UNION"]))
def test_branches_are_found_whatever_their_strings_and_comments_hold(bodies, union):
    groups = ["{ " + body + "\n}" for body in bodies]
    text = PROLOGUE + "SELECT ?a ?b WHERE { " + union.join(groups) + " }"
    assert union_branches(text) == [PROLOGUE + "SELECT ?a ?b WHERE " + group for group in groups]


def whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "union_branches", lambda _: None)


def test_conflicting_reports_is_run_as_its_branches_with_the_same_rows(monkeypatch, tmp_path):
    write_conflicting_documents(tmp_path / "corpus")
    build_corpus(BuildOptions(paths=(tmp_path / "corpus",), store=tmp_path / "store", out=None, quiet=True))
    query, database = load_query("conflicting-reports"), open_read_only(tmp_path / "store")
    assert union_branches(queries.final_order(query.text)[0]) is not None  # type: ignore[index]
    threads: set[str] = set()
    real, together = query_branches._tsv, threading.Barrier(2, timeout=10)  # broken if run one after the other

    def tsv(*args: object) -> bytes:
        threads.add(threading.current_thread().name)
        together.wait()
        return real(*args)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(query_branches, "_tsv", tsv)
        split = run(query, {}, database)
    assert len(threads) == 2 and threading.current_thread().name not in threads
    whole(monkeypatch)
    assert split == run(query, {}, database)
    assert {row[0].value for row in split.terms if row[0] is not None} == {"vote share", "recognition"}  # both branches


UNION = """PREFIX ag: <https://w3id.org/actorgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?thing ?name ?kind WHERE {
  { GRAPH ?g { ?thing skos:prefLabel ?name } BIND("actor" AS ?kind) }
  UNION { GRAPH ?g { ?thing ag:endorser ?name } }
  UNION { GRAPH ?g { ?thing ag:stance ?name ; ag:recognizingState ?state } BIND(?state AS ?kind) }
}"""


@pytest.mark.parametrize(
    ("order", "split"),
    [
        ("ORDER BY ?kind ?thing ?name", True),  # ordered here: the branches' rows sorted together
        ("ORDER BY DESC(?kind)", True),  # rows that tie: Oxigraph orders the whole query again
        ("", False),  # no order: run whole, its rows in Oxigraph's order
    ],
)
def test_a_union_gives_the_rows_of_the_whole_query_in_its_order(monkeypatch, tmp_path, order, split):
    path = tmp_path / "union.rq"
    path.write_text(f"{UNION}\n{order}\n")
    asked: list[int] = []
    real = query_branches.branch_results
    monkeypatch.setattr(queries, "branch_results", lambda *args: asked.append(1) or real(*args))
    database = ox.Store.read_only(str(store() / "current" / "oxigraph"))
    found = run(path, {}, database)
    assert bool(asked) is split
    whole(monkeypatch)
    together = run(path, {}, database)
    assert found.columns == together.columns == ("thing", "name", "kind")
    assert found.terms == together.terms and len({row[2] for row in found.terms}) > 3


def test_a_branch_that_fails_fails_the_query_with_its_file(monkeypatch, tmp_path):
    path = tmp_path / "failing.rq"
    path.write_text("SELECT ?a WHERE { { ?a ?b ?c } UNION { ?c ?b ?a } } ORDER BY ?a")
    real = query_branches._tsv

    def tsv(store: ox.Store, query: str, union: bool) -> bytes:
        if "?c ?b ?a" in query:
            raise OSError("the store went away")
        return real(store, query, union)

    monkeypatch.setattr(query_branches, "_tsv", tsv)
    database = ox.Store.read_only(str(store() / "current" / "oxigraph"))
    with pytest.raises(QueryError, match=r"failing\.rq: the store went away"):
        run(path, {}, database)
