"""Rows read from pyoxigraph's TSV (queries.solution_rows, results.Term.of_tsv) are the terms pyoxigraph gives."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from actorgraph.errors import QueryError
from actorgraph.queries import run, solution_rows
from actorgraph.results import Row, Term

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "http://example.org/"

# Any text, and text of the characters TSV and Turtle escape or split on
TEXT = st.one_of(st.text(max_size=6), st.text(alphabet='a\t\n\r"\\\x00\x01\x7f\u2028\u00e9\U0001f600<>@^#', max_size=6))
TYPED = st.tuples(
    st.one_of(TEXT, st.sampled_from(["5", "-5", "+5", "007", "1.50", ".5", "-0.0", "1e3", "true", "0", "2000-01-01"])),
    st.sampled_from(["integer", "int", "decimal", "double", "float", "boolean", "date", "gYear", "string", "x"]),
).map(lambda pair: ox.Literal(pair[0], datatype=ox.NamedNode((EX if pair[1] == "x" else XSD) + pair[1])))
TERMS = st.one_of(
    st.none(),
    TEXT.map(ox.Literal),
    st.tuples(TEXT, st.sampled_from(["en", "EN-gb", "zh-Hant-TW", "x-a1"])).map(
        lambda pair: ox.Literal(pair[0], language=pair[1])
    ),
    TEXT.map(lambda text: ox.Literal(text, language="ar", direction=ox.BaseDirection.RTL)),
    TYPED,
    st.lists(
        st.sampled_from(["a", "Z", "0", "%20", "\u00e9", "\U0001f600", "-", ".", "~", "/", "?", "="]), max_size=6
    ).map(lambda parts: ox.NamedNode(EX + "".join(parts))),
    st.text(alphabet="ab01", min_size=1, max_size=3).map(ox.BlankNode),
)


def listed(store: ox.Store, width: int) -> str:
    """The query that lists each subject's objects of predicates p0 .. p(width - 1), unbound where none."""
    variables = " ".join(f"?c{i}" for i in range(width))
    optionals = " ".join(f"OPTIONAL {{ ?s <{EX}p{i}> ?c{i} }}" for i in range(width))
    return f"SELECT {variables} WHERE {{ ?s <{EX}row> ?n {optionals} }} ORDER BY ?n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(table=[[ox.Literal('a\t"b\\')], [ox.Literal("c\nd")]])  # escapes: a tab or newline splits no cell
@example(table=[[None], [None]])  # a line with one empty cell is a row, not the end
@example(table=[[ox.BlankNode("b0"), ox.Literal("x", language="en")]])
@example(table=[[ox.Literal("x", language="en", direction=ox.BaseDirection.LTR), None]])  # RDF 1.2: "x"@en--ltr
@example(table=[[ox.Literal("1.50", datatype=ox.NamedNode(XSD + "decimal"))]])
@given(table=st.lists(st.lists(TERMS, min_size=2, max_size=2), max_size=6))
def test_rows_read_from_tsv_are_the_terms_pyoxigraph_gives(table: list[list[ox.NamedNode | ox.Literal | None]]) -> None:
    store = ox.Store()
    width = len(table[0]) if table else 2
    for number, row in enumerate(table):
        subject = ox.NamedNode(f"{EX}s{number}")
        store.add(
            ox.Quad(subject, ox.NamedNode(EX + "row"), ox.Literal(str(number), datatype=ox.NamedNode(XSD + "integer")))
        )
        for column, term in enumerate(row):
            if term is not None:
                store.add(ox.Quad(subject, ox.NamedNode(f"{EX}p{column}"), term))
    query = listed(store, width)
    answer, again = store.query(query), store.query(query)
    assert isinstance(answer, ox.QuerySolutions) and isinstance(again, ox.QuerySolutions)
    expected: tuple[Row, ...] = tuple(tuple(None if t is None else Term.of(t) for t in solution) for solution in again)
    assert solution_rows(answer) == expected


def test_rows_of_no_columns_one_column_and_none() -> None:
    store = ox.Store()
    for query, rows in (
        ("SELECT * WHERE { }", ((),)),  # one solution of no variables
        ("SELECT ?x WHERE { VALUES ?x { UNDEF UNDEF } }", ((None,), (None,))),
        ("SELECT ?x WHERE { FILTER (false) }", ()),
        (
            'SELECT ?x ?y WHERE { VALUES (?x ?y) { (UNDEF "") ("" UNDEF) } }',
            ((None, Term("literal", "")), (Term("literal", ""), None)),
        ),
    ):
        answer = store.query(query)
        assert isinstance(answer, ox.QuerySolutions)
        assert solution_rows(answer) == rows, query


def test_a_triple_term_in_a_result_is_a_query_error_as_before() -> None:
    store = ox.Store()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "q.rq"
        path.write_text(f"SELECT ?t WHERE {{ BIND (<<( <{EX}a> <{EX}b> <{EX}c> )>> AS ?t) }}", encoding="utf-8")
        with pytest.raises(QueryError, match="unexpected kind"):
            run(path, store=store)


def test_a_term_keeps_no_dict() -> None:
    """Each Term's attribute dict was one more object for the collector to scan (58,000 for candidacies)."""
    assert not hasattr(Term("uri", EX), "__dict__")
