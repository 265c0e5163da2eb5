"""Query results: typed cells, and the formats they are written in.

A result holds RDF terms (`Term`), so every format can say what a value is: tables and CSV
show the lexical form; `records()` and `--format json` give Python / JSON values
(xsd:integer as int, xsd:decimal and xsd:double as float, xsd:boolean as bool, xsd:date as
datetime.date); `sparql-json` and `sparql-xml` are the SPARQL 1.1 Query Results formats.
An ASK query gives a `boolean`; CONSTRUCT and DESCRIBE give `triples`, written as Turtle,
N-Triples or JSON-LD.
"""

from __future__ import annotations

import collections
import csv
import datetime
import decimal
import io
import itertools
import json
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

import pyoxigraph as ox

from actorgraph import result_text
from actorgraph.errors import QueryError

XSD = "http://www.w3.org/2001/XMLSchema#"
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
INTEGERS = frozenset(
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
        "gYear",
    )
)
# Turtle's short forms of integers, decimals and booleans, which pyoxigraph's TSV writes bare
_BARE = re.compile(r"(?P<integer>[+-]?[0-9]+)|(?P<decimal>[+-]?[0-9]*\.[0-9]+)|(?P<boolean>true|false)")
FLOATS = frozenset(XSD + t for t in ("decimal", "double", "float"))
SELECT_FORMATS = ("table", "csv", "tsv", "json", "sparql-json", "sparql-xml")
ASK_FORMATS = ("table", "json", "sparql-json", "sparql-xml")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")
FORMATS = tuple(dict.fromkeys(SELECT_FORMATS + ASK_FORMATS + GRAPH_FORMATS))


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term of a result: kind is "uri", "literal" or "bnode" (the SPARQL JSON names)."""

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None

    @classmethod
    def of(cls, term: Any) -> Term:
        """From a pyoxigraph term."""
        if isinstance(term, ox.NamedNode):
            return cls("uri", term.value)
        if isinstance(term, ox.BlankNode):
            return cls("bnode", term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return cls("literal", term.value, language=term.language)
            datatype = term.datatype.value
            return cls("literal", term.value, None if datatype == XSD + "string" else datatype)
        raise QueryError(f"a result holds a term of an unexpected kind: {term!r}")

    @classmethod
    def of_tsv(cls, cell: str) -> Term:
        """From a cell of pyoxigraph's TSV results (a term in Turtle syntax), as `of` gives it for
        the same term. IRIs, literals with no escape in them and bare integers, decimals and
        booleans are read here; anything else (an escape, a blank node, a triple term) by pyoxigraph."""
        if "\\" not in cell:  # without an escape, a literal's value is what its quotes hold
            if cell[0] == "<" and cell[1:2] != "<":  # an IRI, not a triple term
                return _made("uri", cell[1:-1])
            if cell[0] == '"':
                end = cell.index('"', 1)
                if end == len(cell) - 1:
                    return _made("literal", cell[1:end])
                if cell.startswith("^^<", end + 1):
                    datatype = cell[end + 4 : -1]
                    return _made("literal", cell[1:end], None if datatype == XSD + "string" else datatype)
                if cell[end + 1] == "@" and "--" not in cell[end:]:  # no base direction (RDF 1.2)
                    return _made("literal", cell[1:end], None, cell[end + 2 :])
            bare = _BARE.fullmatch(cell)  # Turtle's short forms
            if bare is not None:
                return _made("literal", cell, XSD + bare.lastgroup)  # type: ignore[operator]
        parsed = ox.parse_query_results(b"?x\n" + cell.encode() + b"\n", format=ox.QueryResultsFormat.TSV)
        assert isinstance(parsed, ox.QuerySolutions)
        return cls.of(next(iter(parsed))[0])

    def python(self) -> Any:
        """The value as Python: int, float, bool, datetime.date/datetime, else the text."""
        if self.kind != "literal" or self.datatype is None:
            return self.value
        try:
            if self.datatype in INTEGERS:
                return int(self.value)
            if self.datatype in FLOATS:
                return float(self.value)
            if self.datatype == XSD + "boolean":
                return self.value in ("true", "1")
            if self.datatype == XSD + "date":
                return datetime.date.fromisoformat(self.value)
            if self.datatype == XSD + "dateTime":
                return datetime.datetime.fromisoformat(self.value)
        except ValueError:
            return self.value  # an ill-typed literal stays text rather than failing the query
        return self.value

    def json_value(self) -> Any:
        value = self.python()
        return value.isoformat() if isinstance(value, datetime.date) else value

    def sparql_json(self) -> dict[str, str]:
        out = {"type": self.kind, "value": self.value}
        if self.language:
            out["xml:lang"] = self.language
        elif self.datatype:
            out["datatype"] = self.datatype
        return out


Row = tuple[Term | None, ...]
_NEW = object.__new__
_SET_KIND, _SET_VALUE, _SET_DATATYPE, _SET_LANGUAGE = (
    Term.__dict__[name].__set__
    for name in ("kind", "value", "datatype", "language")  # the slots' own setters
)


def _made(kind: str, value: str, datatype: str | None = None, language: str | None = None) -> Term:
    """Term(kind, value, datatype, language), made without the frozen dataclass's __init__ (four
    object.__setattr__ calls): 0.3 us rather than 0.55, for each of a result's distinct cells."""
    term = _NEW(Term)
    _SET_KIND(term, kind)
    _SET_VALUE(term, value)
    _SET_DATATYPE(term, datatype)
    _SET_LANGUAGE(term, language)
    return term


# Sorting rows the way Oxigraph's ORDER BY does, for the terms where its order is plain (run() uses it:
# Oxigraph's ORDER BY reads every string it compares from the store again, seconds for 45,000 rows).
# SPARQL orders unbound first, then blank nodes, IRIs, literals; IRIs and simple literals by code
# point (Rust compares UTF-8 bytes, which is code point order) and numbers by value. Only columns of
# one kind are sorted here: IRIs, simple literals, xsd:integer / xsd:decimal in Oxigraph's range, or
# xsd:date or a four-digit xsd:gYear without a time zone.
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def _sort_key(term: Term | None) -> tuple[str, Any] | None:
    """(kind, comparable value), or None for a term this module does not order."""
    if term is None:
        return ("", None)
    if term.kind == "uri":
        return ("uri", term.value)
    if term.kind != "literal" or term.language is not None:
        return None
    if term.datatype is None:
        return ("string", term.value)
    if term.datatype == XSD + "integer" and _INTEGER.fullmatch(term.value):
        number = int(term.value)
        return ("number", number) if -(2**63) <= number < 2**63 else None  # Oxigraph's integers are 64-bit
    if term.datatype == XSD + "decimal" and _DECIMAL.fullmatch(term.value):
        whole, _, fraction = term.value.lstrip("+-").partition(".")
        if len(fraction.rstrip("0")) > 18 or len(whole.lstrip("0")) > 18:  # Oxigraph's decimals: 18 + 18 digits
            return None
        return ("number", decimal.Decimal(term.value))
    if term.datatype == XSD + "date" and _DATE.fullmatch(term.value):  # no time zone: ordered as days
        try:
            return ("date", datetime.date.fromisoformat(term.value))
        except ValueError:
            return None
    if term.datatype == XSD + "gYear" and _YEAR.fullmatch(term.value):  # no time zone: ordered as years
        return ("year", int(term.value))
    return None


_SHAPE = operator.attrgetter("kind", "datatype", "language")
_PLAIN = ({("uri", None, None)}, {("literal", None, None)})  # IRIs alone, simple literals alone


def _column_ranks(column: list[Term | None], descending: bool) -> tuple[list[int], int] | None:
    """Each row's rank in `column` (equal values, as 1 and 1.0, share one; unbound first, or last
    when descending) and how many ranks there may be, or None for a column not sorted here."""
    distinct = dict(zip(map(id, column), column, strict=True))  # by id: terms repeat down a column
    distinct.pop(id(None), None)
    terms = list(distinct.values())
    if set(map(_SHAPE, terms)) in _PLAIN:  # ordered by their text: no Python call per term
        values = list(map(operator.attrgetter("value"), terms))
    else:
        keys = list(map(_sort_key, terms))
        if None in keys or len({kind for kind, _ in keys}) > 1:  # type: ignore[misc]
            return None
        values = [value for _, value in keys]  # type: ignore[misc]
    ordered = sorted(set(values))
    count = len(ordered)
    rank = dict(zip(ordered, range(count, 0, -1) if descending else range(1, count + 1), strict=True))
    of_term = dict(zip(distinct, map(rank.__getitem__, values), strict=True))
    of_term[id(None)] = count + 1 if descending else 0
    return list(map(of_term.__getitem__, map(id, column))), count + 2


def sort_rows(terms: Sequence[Row], keys: Sequence[tuple[int, bool]]) -> tuple[Row, ...] | None:
    """`terms` ordered by `keys` (column index, descending) as SPARQL ORDER BY orders them, or None
    when that order is not certain here: a key column mixes kinds (IRIs with literals, strings with
    numbers), holds other terms (language strings, other datatypes, blank nodes), or two different
    rows tie on every key (Oxigraph's sort is not stable, so their order is its own)."""
    # A row's place is one integer with its rank in each key column as a digit (in the base of
    # that column's count of ranks): ints compare faster than tuples, and are made with no Python
    # call per row. A key decides only among the rows that tie on the keys before it: it is ranked
    # among those rows alone, and not at all once no row ties (a last key of facts, unique, is
    # not read). Only these rows' terms have to be of one kind.
    count = len(terms)
    place = [0] * count
    tied = list(range(count))  # the rows whose place another row shares (or may: see `span`)
    span = 1  # how many places the keys so far can tell apart
    for number, (index, descending) in enumerate(keys, start=1):
        if not tied:
            break
        if len(tied) == count:
            found = _column_ranks(list(map(operator.itemgetter(index), terms)), descending)
        else:
            found = _column_ranks([terms[row][index] for row in tied], descending)
        if found is None:
            return None
        ranks, base = found
        if len(tied) == count:
            digits = ranks
        else:
            digits = [0] * count
            for row, rank in zip(tied, ranks, strict=True):
                digits[row] = rank
        place = list(map(operator.add, map(operator.mul, place, itertools.repeat(base)), digits))
        span *= base
        if span < count and number < len(keys):  # nearly every row still ties: not worth finding those that do not
            continue
        shared = collections.Counter(place)
        tied = list(
            itertools.compress(range(count), map(operator.gt, map(shared.__getitem__, place), itertools.repeat(1)))
        )
    order = sorted(range(count), key=place.__getitem__)
    if tied:  # rows that tie on every key: Oxigraph's order is its own unless they are the same row
        for before, after in itertools.pairwise(order):
            if place[before] == place[after] and terms[before] != terms[after]:
                return None
    return tuple(map(terms.__getitem__, order))


@dataclass(frozen=True)
class QueryResult:
    """SELECT: `columns` and `terms` (one tuple per row, None where unbound); ASK: `boolean`;
    CONSTRUCT/DESCRIBE: `triples`."""

    columns: tuple[str, ...]
    terms: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] | None = field(default=None)

    @property
    def form(self) -> str:
        if self.boolean is not None:
            return "ask"
        return "graph" if self.triples is not None else "select"

    @property
    def rows(self) -> tuple[tuple[str | None, ...], ...]:
        """Each cell's lexical form (IRIs and literals by their value), None where unbound."""
        return tuple(tuple(None if t is None else t.value for t in row) for row in self.terms)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values (int, float, bool, date), None where unbound."""
        return [
            {c: None if t is None else t.python() for c, t in zip(self.columns, row, strict=True)} for row in self.terms
        ]

    def text_records(self) -> list[dict[str, str | None]]:
        """Rows as dicts of lexical forms."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_csv(self, delimiter: str = ",") -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(["" if t is None else t.value for t in row] for row in self.terms)  # not via `rows`: one pass
        return buffer.getvalue()

    def to_json(self) -> str:
        if self.boolean is not None:
            return json.dumps(self.boolean) + "\n"
        return result_text.json_records(self.columns, self.terms) + "\n"

    def to_sparql_json(self) -> str:
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean}, indent=1) + "\n"
        return result_text.sparql_json(self.columns, self.terms) + "\n"

    def to_sparql_xml(self) -> str:
        if self.boolean is None:
            text = result_text.sparql_xml(SPARQL_RESULTS_NS, self.columns, self.terms)
        else:
            ElementTree.register_namespace("", SPARQL_RESULTS_NS)
            ns = "{" + SPARQL_RESULTS_NS + "}"
            root = ElementTree.Element(ns + "sparql")
            ElementTree.SubElement(root, ns + "head")
            ElementTree.SubElement(root, ns + "boolean").text = "true" if self.boolean else "false"
            ElementTree.indent(root, space=" ")
            text = ElementTree.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n"

    def to_table(self) -> str:
        if self.boolean is not None:
            return f"{'yes' if self.boolean else 'no'}\n"
        shown = [[("" if v is None else v) for v in row] for row in self.rows]
        widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(self.columns)]
        widths = [min(w, 60) for w in widths]

        def line(values: Sequence[str]) -> str:
            return "  ".join(
                (v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths, strict=True)
            ).rstrip()

        rule = "  ".join("-" * w for w in widths)
        return "\n".join([line(self.columns), rule, *(line(r) for r in shown), f"({len(shown)} rows)"]) + "\n"

    def to_graph(self, fmt: str) -> bytes:
        from actorgraph.export import render_triples

        return render_triples(self.triples or (), fmt)

    def formats(self) -> tuple[str, ...]:
        return {"select": SELECT_FORMATS, "ask": ASK_FORMATS, "graph": GRAPH_FORMATS}[self.form]

    def render(self, fmt: str) -> bytes:
        """The result in `fmt`; a format that does not fit the query's form is a QueryError."""
        if fmt not in self.formats():
            raise QueryError(
                f"a {self.form.upper() if self.form != 'graph' else 'CONSTRUCT/DESCRIBE'} result cannot be written "
                f"as {fmt} (formats: {', '.join(self.formats())})"
            )
        if self.form == "graph":
            return self.to_graph(fmt)
        text = {
            "csv": lambda: self.to_csv(),
            "tsv": lambda: self.to_csv("\t"),
            "json": self.to_json,
            "sparql-json": self.to_sparql_json,
            "sparql-xml": self.to_sparql_xml,
            "table": self.to_table,
        }[fmt]()
        return text.encode("utf-8")

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame with typed columns (pandas is optional): integers as
        Int64, numbers as float64, booleans as boolean, dates as datetime64, the rest as text."""
        try:
            import pandas
        except ImportError as error:
            raise QueryError("to_dataframe() needs pandas: pip install pandas") from error
        records = self.records()
        frame = pandas.DataFrame(records, columns=list(self.columns))
        for column in self.columns:
            values = [r[column] for r in records if r[column] is not None]
            if not values:
                continue
            if all(isinstance(v, bool) for v in values):
                frame[column] = frame[column].astype("boolean")
            elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                frame[column] = frame[column].astype("Int64")
            elif all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
                frame[column] = frame[column].astype("float64")
            elif all(isinstance(v, datetime.date) for v in values):
                frame[column] = pandas.to_datetime(frame[column])
        return frame
