"""A query's final ORDER BY done in Python (results.sort_rows) orders rows exactly as Oxigraph does."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from actorgraph.queries import final_order, run, solution_rows
from actorgraph.results import Row, Term, _sort_key, sort_rows

XSD = "http://www.w3.org/2001/XMLSchema#"


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


# Short alphabets so that values repeat, share prefixes and tie: what ordering gets wrong.
TEXT = st.text(alphabet="aAb \u00e9\u0101\u4e2d\U0001f600", max_size=3)
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=3)
TERMS = {
    "string": TEXT.map(ox.Literal),
    "iri": TEXT.map(lambda text: ox.NamedNode("http://example.org/" + text.replace(" ", "_"))),
    "integer": st.one_of(
        st.integers(-5, 5).map(lambda n: typed(str(n), "integer")),
        st.sampled_from(["007", "+3", "-0", "9223372036854775808", "-9223372036854775809"]).map(
            lambda text: typed(text, "integer")
        ),
    ),
    "decimal": st.one_of(
        st.tuples(st.sampled_from(["", "-", "+"]), DIGITS, st.sampled_from(["", ".", ".0", ".5", ".50", ".05"])).map(
            lambda parts: typed("".join(parts), "decimal")
        ),
        st.sampled_from([".5", "1.0000000000000000001", "1234567890123456789012.5"]).map(
            lambda text: typed(text, "decimal")
        ),
    ),
    "date": st.one_of(
        st.dates(datetime.date(1999, 12, 30), datetime.date(2000, 1, 2)).map(
            lambda day: typed(day.isoformat(), "date")
        ),
        st.sampled_from(["2000-01-01Z", "2000-01-01+05:00", "2000-02-30", "0000-01-01"]).map(
            lambda text: typed(text, "date")
        ),
    ),
    "year": st.one_of(
        st.integers(1998, 2001).map(lambda year: typed(str(year), "gYear")),
        st.sampled_from(["0999", "0000", "2000Z", "2000+05:00", "-0001", "12000", "99"]).map(
            lambda text: typed(text, "gYear")
        ),
    ),
    "other": st.one_of(
        TEXT.map(lambda text: ox.Literal(text, language="en")),
        st.sampled_from(["true", "false"]).map(lambda text: typed(text, "boolean")),
        st.sampled_from(["1.0E0", "NaN", "-INF", "2"]).map(lambda text: typed(text, "double")),
        st.sampled_from(["x", "1"]).map(lambda text: typed(text, "integer")),
        st.sampled_from(["a", "1"]).map(lambda text: ox.Literal(text, datatype=ox.NamedNode("http://example.org/dt"))),
    ),
}
SUPPORTED = ("string", "uri", "number", "date", "year")  # the kinds of _sort_key: what sort_rows orders


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[ox.NamedNode | ox.Literal | None]], list[tuple[int, bool]]]:
    width = draw(st.integers(1, 3))
    palettes = [
        draw(st.lists(st.sampled_from(sorted(TERMS)), min_size=1, max_size=2, unique=True)) for _ in range(width)
    ]
    cell = [
        st.one_of(st.none(), *(TERMS[kind] for kind in palette))
        if draw(st.booleans())
        else st.one_of(*(TERMS[kind] for kind in palette))
        for palette in palettes
    ]
    rows = draw(st.lists(st.tuples(*cell).map(list), max_size=12))
    keys = draw(st.lists(st.tuples(st.integers(0, width - 1), st.booleans()), min_size=1, max_size=3))
    return rows, keys


def oxigraph_order(rows: list[list[ox.NamedNode | ox.Literal | None]], keys: list[tuple[int, bool]]) -> tuple[str, str]:
    """The query that lists `rows` (with a row number, so that rows differ) and the same with ORDER BY `keys`."""
    width = len(rows[0]) if rows else 1
    variables = " ".join(f"?c{i}" for i in range(width))
    data = " ".join(
        "(" + " ".join("UNDEF" if term is None else str(term) for term in row) + f" {number})"
        for number, row in enumerate(rows)
    )
    text = f"SELECT {variables} ?n WHERE {{ VALUES ({variables} ?n) {{ {data} }} }}"
    order = " ".join(f"DESC(?c{i})" if descending else f"?c{i}" for i, descending in keys)
    return text, f"{text}\nORDER BY {order}"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(table=([[typed("1", "integer")], [typed("1.0", "decimal")]], [(0, False)]))  # equal values: a tie
@example(table=([[ox.Literal("ab"[i % 2])] for i in range(60)], [(0, False)]))  # ties Oxigraph reorders
@example(table=([[ox.Literal("a")], [None], [ox.Literal("")]], [(0, True)]))  # unbound last when descending
@example(table=([[typed(year, "gYear")] for year in ("2001", "0999", "2000")], [(0, False)]))  # years by value
@example(table=([[typed("2000", "gYear")], [typed("1999", "integer")]], [(0, False)]))  # a year is no number
@example(table=([[ox.Literal("\U0001f600")], [ox.Literal("\uffff")]], [(0, False)]))  # code points, not UTF-16
@example(
    table=(
        [[ox.Literal("b"), ox.Literal("x")], [ox.Literal("a"), ox.Literal("y")], [ox.Literal("b"), ox.Literal("w")]],
        [(0, False), (1, False)],
    )
)  # the second key among the rows "b"
@example(  # the second key decides among the rows "b" alone: ranked among them, its IRI never compared
    table=(
        [
            [ox.Literal("b"), typed("1", "integer")],
            [ox.Literal("a"), ox.NamedNode("http://example.org/")],
            [ox.Literal("b"), typed("0", "integer")],
            [ox.Literal("c"), None],
            [ox.Literal("b"), None],
        ],
        [(0, False), (1, True)],
    )
)
@given(table=tables())
def test_sort_rows_orders_as_oxigraph_does_or_declines(
    table: tuple[list[list[ox.NamedNode | ox.Literal | None]], list[tuple[int, bool]]],
) -> None:
    rows, keys = table
    unordered, ordered = oxigraph_order(rows, keys)
    store = ox.Store()
    listed = store.query(unordered)
    expected = store.query(ordered)
    assert isinstance(listed, ox.QuerySolutions) and isinstance(expected, ox.QuerySolutions)
    terms, reference = solution_rows(listed), solution_rows(expected)
    mine = sort_rows(terms, keys)
    if mine is not None:
        assert mine == reference
    # rows of the supported kinds, one kind a column, with no tie: sorted here, not handed back
    columns = [{kind(row[i]) for row in terms if row[i] is not None} for i, _ in keys]
    keyed = [reference_key(row, keys) for row in reference]
    if all(len(kinds) <= 1 and kinds <= set(SUPPORTED) for kinds in columns) and len(set(keyed)) == len(keyed):
        assert mine is not None
    # and run() gives Oxigraph's order in every case, sorting here or not
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "q.rq"
        path.write_text(ordered, encoding="utf-8")
        assert run(path, store=store).terms == reference


def kind(term: Term) -> str:
    key = _sort_key(term)
    return "other" if key is None else key[0]


def reference_key(row: Row, keys: list[tuple[int, bool]]) -> tuple[object, ...]:
    return tuple((_sort_key(row[i]) or ("other", row[i]))[1] for i, _ in keys)


def test_final_order_takes_a_final_order_by_on_variables_only() -> None:
    text = 'SELECT * WHERE { ?s ?p ?o FILTER (?o != "ORDER BY ?x") } # ORDER BY ?y\nORDER BY ?s DESC(?o) ASC( ?p )\n'
    found = final_order(text)
    assert found is not None
    assert found[0] == text[: text.rindex("ORDER BY")]
    assert found[1] == (("s", False), ("o", True), ("p", False))
    for declined in (
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10",  # the order decides which rows
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s OFFSET 1",
        "SELECT * WHERE { { SELECT * WHERE { ?s ?p ?o } ORDER BY ?s } }",  # a subquery's
        "SELECT * WHERE { ?s ?p ?o } ORDER BY STR(?s)",  # an expression
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s VALUES ?s { <http://example.org/> }",
        "SELECT * WHERE { ?s ?p ?o }",
        'SELECT * WHERE { ?s ?p "x" } # ORDER BY ?s',
    ):
        assert final_order(declined) is None, declined


def test_run_orders_by_a_variable_it_does_not_select_through_oxigraph() -> None:
    store = ox.Store()
    for number, name in enumerate("cab"):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://example.org/{name}"),
                ox.NamedNode("http://example.org/n"),
                typed(str(number), "integer"),
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "q.rq"
        path.write_text("SELECT ?n WHERE { ?s <http://example.org/n> ?n } ORDER BY DESC(?s) ?n", encoding="utf-8")
        assert run(path, store=store).rows == (("0",), ("2",), ("1",))


def test_a_key_no_tie_reaches_is_not_read() -> None:
    """Candidacies' last key, its facts, is unique: once the keys before it leave no tie, it is not
    ranked (45,731 IRIs sorted for nothing), nor need it be of a kind sorted here."""
    blank = Term("bnode", "b0")  # a blank node: a key column of them is not sorted here
    rows: list[Row] = [(Term("literal", "b"), blank), (Term("literal", "a"), blank), (Term("literal", "c"), None)]
    assert sort_rows(rows, [(0, False), (1, False)]) == (rows[1], rows[0], rows[2])
    assert sort_rows([*rows, (Term("literal", "a"), None)], [(0, False), (1, False)]) is None  # a tie it would decide
