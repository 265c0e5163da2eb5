"""Named SPARQL queries: queries/*.rq with a comment header, run with parameters bound as RDF terms.

Header lines (before the first non-comment line):
    # title: Who endorsed whom in an election
    # description: ...
    # param election_name: literal  The election's name, e.g. "..."
    # columns: endorser_name, endorsed_name, mode, document
Parameter kinds: literal, iri, date, integer, decimal. Values are bound as RDF terms in
a VALUES block at the top of the WHERE group, serialised by pyoxigraph (which escapes
literals), never pasted into the query as text: quotes, braces or '#' in a value are
harmless. The same bound text runs on the embedded store and on remote endpoints.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from actorgraph import settings
from actorgraph.errors import QueryError
from actorgraph.store import open_read_only

KINDS = ("literal", "iri", "date", "integer", "decimal")
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    description: str

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        if self.kind == "iri":
            if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", value, re.IGNORECASE):
                raise QueryError(f"parameter {self.name} must be an absolute IRI, got {value!r}")
            try:
                return ox.NamedNode(value)
            except ValueError as error:
                raise QueryError(f"parameter {self.name} must be an absolute IRI, got {value!r}: {error}") from None
        if self.kind == "date":
            if not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", value):
                raise QueryError(f"parameter {self.name} must be a date (YYYY-MM-DD, YYYY-MM or YYYY), got {value!r}")
            datatype = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(value)]
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + datatype))
        if self.kind in ("integer", "decimal"):
            pattern = r"^-?\d+$" if self.kind == "integer" else r"^-?\d+(\.\d+)?$"
            if not re.match(pattern, value):
                raise QueryError(
                    f"parameter {self.name} must be a{'n' if self.kind == 'integer' else ''} {self.kind}, got {value!r}"
                )
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + self.kind))
        return ox.Literal(value)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    text: str

    def bindings(self, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        unknown = sorted(set(values) - {p.name for p in self.parameters})
        if unknown:
            known = ", ".join(p.name for p in self.parameters) or "none"
            raise QueryError(f"query {self.name} has no parameter {', '.join(unknown)} (parameters: {known})")
        missing = [p.name for p in self.parameters if p.name not in values]
        if missing:
            raise QueryError(
                f"query {self.name} needs --param {missing[0]}=VALUE ({self._parameter(missing[0]).description})"
            )
        return {p.name: p.term(values[p.name]) for p in self.parameters}

    def bound_text(self, values: dict[str, str]) -> str:
        """The query text with its parameters bound by a VALUES block."""
        bindings = self.bindings(values)
        if not bindings:
            return self.text
        opening = _outer_group(self.text)
        if opening is None:
            raise QueryError(f"{self.path}: a query with parameters needs a WHERE {{ ... }} group")
        variables = " ".join(f"?{name}" for name in bindings)
        row = " ".join(str(term) for term in bindings.values())
        block = f"\n  VALUES ({variables}) {{ ({row}) }}\n"
        return self.text[: opening + 1] + block + self.text[opening + 1 :]

    def _parameter(self, name: str) -> Parameter:
        return next(p for p in self.parameters if p.name == name)


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]

    def records(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_csv(self, delimiter: str = ",") -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(["" if v is None else v for v in row] for row in self.rows)
        return buffer.getvalue()

    def to_json(self) -> str:
        return json.dumps(self.records(), indent=1, ensure_ascii=False) + "\n"

    def to_table(self) -> str:
        shown = [[("" if v is None else v) for v in row] for row in self.rows]
        widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(self.columns)]
        widths = [min(w, 60) for w in widths]

        def line(values: Sequence[str]) -> str:
            return "  ".join(
                (v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths, strict=True)
            ).rstrip()

        rule = "  ".join("-" * w for w in widths)
        return "\n".join([line(self.columns), rule, *(line(r) for r in shown), f"({len(shown)} rows)"]) + "\n"

    def render(self, fmt: str) -> str:
        return {
            "csv": lambda: self.to_csv(),
            "tsv": lambda: self.to_csv("\t"),
            "json": self.to_json,
            "table": self.to_table,
        }[fmt]()

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (pandas is optional)."""
        try:
            import pandas
        except ImportError as error:
            raise QueryError("to_dataframe() needs pandas: pip install pandas") from error
        return pandas.DataFrame(self.records(), columns=list(self.columns))


_TOKENS = re.compile(
    r"#[^\n]*|<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|\{|\bWHERE\b|\bCONSTRUCT\b", re.IGNORECASE
)


def _outer_group(text: str) -> int | None:
    """Offset of the '{' opening the outermost WHERE group (its keyword is optional), outside IRIs, strings, comments.

    A CONSTRUCT's template comes first, so there the group is the one after WHERE.
    """
    construct = False
    for token in _TOKENS.finditer(text):
        word = token.group(0)
        if word.upper() == "CONSTRUCT":
            construct = True
        elif word.upper() == "WHERE":
            construct = False
        elif word == "{" and not construct:
            return token.start()
    return None


_OPAQUE = re.compile(r"#[^\n]*|<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")


def is_federated(text: str) -> bool:
    """Whether the query calls out to another endpoint (SERVICE), outside IRIs, strings and comments."""
    return re.search(r"\bSERVICE\b", _OPAQUE.sub(" ", text), re.IGNORECASE) is not None


def queries_directory() -> Path:
    return settings.queries_dir()


@cache
def discover(directory: Path | None = None) -> dict[str, NamedQuery]:
    folder = directory or queries_directory()
    return {path.stem: parse_query_file(path) for path in sorted(folder.glob("*.rq"))}


def load_query(name_or_path: str) -> NamedQuery:
    """A query by name (queries/NAME.rq) or by path to any .rq file."""
    path = Path(name_or_path)
    if name_or_path.endswith(".rq"):
        if not path.is_file():
            raise QueryError(f"{name_or_path}: no such query file")
        return parse_query_file(path)
    known = discover()
    if name_or_path not in known:
        raise QueryError(f"unknown query {name_or_path!r}; `actorgraph query --list` shows {len(known)} named queries")
    return known[name_or_path]


_HEADER = re.compile(r"^#\s*(?P<key>title|description|columns|param\s+(?P<param>\w+))\s*:\s*(?P<value>.*)$")


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    parameters: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match is None:
            continue
        if match.group("param"):
            kind, _, description = match.group("value").partition(" ")
            if kind not in KINDS:
                raise QueryError(
                    f"{path}: parameter {match.group('param')} has unknown kind {kind!r} (known: {', '.join(KINDS)})"
                )
            parameters.append(Parameter(match.group("param"), kind, description.strip()))
        else:
            header[match.group("key")] = match.group("value").strip()
    for required in ("title", "description", "columns"):
        if required not in header:
            raise QueryError(f"{path}: the header has no '# {required}:' line")
    try:
        ox.Store().query(text)  # parses; an empty store answers at once
    except SyntaxError as error:
        raise QueryError(f"{path}: SPARQL syntax error: {' '.join(str(error).split())}") from error
    columns = tuple(c.strip() for c in header["columns"].split(",") if c.strip())
    return NamedQuery(path.stem, path, header["title"], header["description"], tuple(parameters), columns, text)


def run(query: NamedQuery, values: dict[str, str] | None = None, store: Path | ox.Store | None = None) -> QueryResult:
    """Run a named query on the embedded store with its parameters bound."""
    text = query.bound_text(values or {})
    database = store if isinstance(store, ox.Store) else open_read_only(store or Path(".actorgraph/store"))
    try:
        solutions = database.query(text)
    except (SyntaxError, RuntimeError) as error:
        raise QueryError(f"{query.path}: {' '.join(str(error).split())}") from error
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError(f"{query.path}: a named query must be a SELECT query")
    variables = tuple(v.value for v in solutions.variables)
    if variables != query.columns:
        raise QueryError(
            f"{query.path}: the query selects {', '.join(variables)} but its header promises {', '.join(query.columns)}"
        )
    rows = tuple(tuple(term_value(solution[column]) for column in variables) for solution in solutions)
    return QueryResult(variables, rows)


def term_value(term: Any) -> str | None:
    """A result cell as plain text: IRIs and literals by their value, unbound as None."""
    if term is None:
        return None
    return str(term.value)
