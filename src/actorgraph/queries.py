"""Named SPARQL queries: queries/*.rq with a comment header, run with parameters bound as RDF terms.

Header lines (before the first non-comment line):
    # title: Who endorsed whom in an election
    # description: ...
    # param election_name: literal  The election's name, e.g. "..."
    # columns: endorser_name, endorsed_name, mode, document
The header is optional: a file without one runs as it is, with the columns it selects,
and by default over the union of the named graphs (see `run`). Any query form runs:
SELECT and ASK give rows or a boolean, CONSTRUCT and DESCRIBE give triples (results.py).
Parameter kinds: literal, iri, date, integer, decimal. Values are bound as RDF terms in
a VALUES block at the top of the WHERE group, serialised by pyoxigraph (which escapes
literals), never pasted into the query as text: quotes, braces or '#' in a value are
harmless. The same bound text runs on the embedded store and on remote endpoints.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from actorgraph import settings
from actorgraph.errors import QueryError
from actorgraph.heap import collector_paused
from actorgraph.query_branches import OPAQUE, branch_results, masked, union_branches
from actorgraph.results import QueryResult, Row, Term, sort_rows
from actorgraph.store import open_read_only

__all__ = ["NamedQuery", "Parameter", "QueryResult", "Term", "discover", "load_query", "parse_query_file", "run"]

KINDS = ("literal", "iri", "date", "integer", "decimal")
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    description: str

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        # fullmatch, not ^...$ ("$" also matches before a final newline: "2022\n" is no date),
        # and [0-9], not \d (which takes any script's digits: "\u0662\u0660\u0662\u0662" is no year)
        if self.kind == "iri":
            if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+", value, re.IGNORECASE):
                raise QueryError(f"parameter {self.name} must be an absolute IRI, got {value!r}")
            try:
                return ox.NamedNode(value)
            except ValueError as error:
                raise QueryError(f"parameter {self.name} must be an absolute IRI, got {value!r}: {error}") from None
        if self.kind == "date":
            if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
                raise QueryError(f"parameter {self.name} must be a date (YYYY-MM-DD, YYYY-MM or YYYY), got {value!r}")
            datatype = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(value)]
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + datatype))
        if self.kind in ("integer", "decimal"):
            pattern = r"-?[0-9]+" if self.kind == "integer" else r"-?[0-9]+(\.[0-9]+)?"
            if not re.fullmatch(pattern, value):
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
    has_header: bool = True
    form: str = "select"  # select, ask, or graph (CONSTRUCT, DESCRIBE)

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


def is_federated(text: str) -> bool:
    """Whether the query calls out to another endpoint (SERVICE), outside IRIs, strings and comments."""
    return re.search(r"\bSERVICE\b", OPAQUE.sub(" ", text), re.IGNORECASE) is not None


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_ORDER_KEYS = re.compile(r"(?:\s*(?:(?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+))+\s*", re.IGNORECASE)
_ORDER_KEY = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)", re.IGNORECASE)


def final_order(text: str) -> tuple[str, tuple[tuple[str, bool], ...]] | None:
    """The query without the ORDER BY that ends it, and its keys (variable, descending), when
    it orders by variables alone and nothing (LIMIT, OFFSET, VALUES) follows; else None."""
    shape = masked(text)
    found = next(reversed(list(_ORDER_BY.finditer(shape))), None)
    if found is None or not _ORDER_KEYS.fullmatch(shape, found.end()):
        return None
    keys = tuple((m.group(2), (m.group(1) or "").upper() == "DESC") for m in _ORDER_KEY.finditer(shape, found.end()))
    return text[: found.start()], keys


def queries_directory() -> Path:
    return settings.queries_dir()


@cache
def discover(directory: Path | None = None) -> dict[str, NamedQuery]:
    folder = directory or queries_directory()
    return {path.stem: parse_query_file(path) for path in sorted(folder.glob("*.rq"))}


def load_query(name_or_path: str | Path) -> NamedQuery:
    """A query by name (queries/NAME.rq) or by path to any .rq file."""
    path = Path(name_or_path)
    if isinstance(name_or_path, Path) or str(name_or_path).endswith(".rq"):
        if not path.is_file():
            raise QueryError(f"{name_or_path}: no such query file")
        return parse_query_file(path)
    known = discover()
    if name_or_path not in known:
        raise QueryError(f"unknown query {name_or_path!r}; `actorgraph query --list` shows {len(known)} named queries")
    return known[name_or_path]


_HEADER = re.compile(r"^#\s*(?P<key>title|description|columns|param\s+(?P<param>\w+))\s*:\s*(?P<value>.*)$")


def parse_query_file(path: str | Path) -> NamedQuery:
    path = Path(path)
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
    has_header = bool(header or parameters)
    if has_header:  # a header, once begun, is complete: the columns are a promise run() checks
        for required in ("title", "description", "columns"):
            if required not in header:
                raise QueryError(f"{path}: the header has no '# {required}:' line")
    try:
        answer = ox.Store().query(text)  # parses; an empty store answers at once
    except SyntaxError as error:
        raise QueryError(f"{path}: SPARQL syntax error: {' '.join(str(error).split())}") from error
    columns = tuple(c.strip() for c in header.get("columns", "").split(",") if c.strip())
    return NamedQuery(
        path.stem,
        path,
        header.get("title", path.stem),
        header.get("description", ""),
        tuple(parameters),
        columns,
        text,
        has_header,
        "ask" if isinstance(answer, ox.QueryBoolean) else "graph" if isinstance(answer, ox.QueryTriples) else "select",
    )


def run(
    query: NamedQuery | str | Path,
    values: dict[str, str] | None = None,
    store: str | Path | ox.Store | None = None,
    union: bool | None = None,
) -> QueryResult:
    """Run a query (a NamedQuery, a query name or a .rq path) on the embedded store with its
    parameters bound. With `union`, the default graph is the union of the named graphs, so
    `SELECT * { ?s ?p ?o }` sees every triple; by default a query with a header (the named
    queries, which say GRAPH where they mean it) sees an empty default graph and a file
    without a header sees the union."""
    if not isinstance(query, NamedQuery):
        query = load_query(query)
    text = query.bound_text(values or {})
    database = store if isinstance(store, ox.Store) else open_read_only(Path(store or ".actorgraph/store"))
    use_union = (not query.has_header) if union is None else union
    # A final ORDER BY on variables is done here when the values allow (results.sort_rows), else by Oxigraph
    ordered = final_order(text) if query.form == "select" else None
    body = text if ordered is None else ordered[0]
    # ordered here, a UNION of groups and nothing else is run as a query for each group, all at once
    # (query_branches.py); without an order its rows would come in another order than Oxigraph's
    branches = union_branches(body) if ordered is not None else None
    try:  # pyoxigraph evaluates lazily: a failure (a SERVICE that cannot be reached) may come while reading
        with collector_paused():  # rows of terms and their sort keys: no cycles for it to find
            if branches is not None:
                variables, terms = _rows_of_branches(branch_results(database, branches, use_union))
            else:
                answer = database.query(body, use_default_graph_as_union=use_union)
                if isinstance(answer, ox.QueryBoolean):
                    return QueryResult((), boolean=bool(answer))
                if isinstance(answer, ox.QueryTriples):
                    triples = sorted(answer, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
                    return QueryResult((), triples=tuple(triples))
                variables, terms = tuple(v.value for v in answer.variables), solution_rows(answer)
            if query.columns and variables != query.columns:
                raise QueryError(
                    f"{query.path}: the query selects {', '.join(variables)} "
                    f"but its header promises {', '.join(query.columns)}"
                )
            if ordered is not None:
                keys = [(variables.index(name), descending) for name, descending in ordered[1] if name in variables]
                sorted_terms = sort_rows(terms, keys) if len(keys) == len(ordered[1]) else None
                if sorted_terms is None:  # Oxigraph orders it
                    again = database.query(text, use_default_graph_as_union=use_union)
                    assert isinstance(again, ox.QuerySolutions)
                    sorted_terms = solution_rows(again)
                terms = sorted_terms
    except (SyntaxError, RuntimeError, OSError) as error:
        raise QueryError(f"{query.path}: {' '.join(str(error).split())}") from error
    return QueryResult(variables, terms)


class _Cells(dict[str, Term | None]):
    """TSV cell -> Term, each converted once: a value repeats down a column (names, elections,
    documents). Looked up with the dict's own __getitem__, so a value seen before costs no Python call."""

    def __init__(self) -> None:
        super().__init__({"": None})  # an empty cell: unbound

    def __missing__(self, cell: str) -> Term:
        term = self[cell] = Term.of_tsv(cell)
        return term


def solution_rows(answer: ox.QuerySolutions) -> tuple[Row, ...]:
    """The solutions as rows of Terms, read from pyoxigraph's TSV serialisation: it writes them in
    Rust, where making a Python object of every cell (45,000 rows of 9 cells) costs more than
    reading the text (Term.of_tsv reads each distinct cell once)."""
    if not answer.variables:  # no columns: every line of the TSV is empty
        return tuple(() for _ in answer)
    text = answer.serialize(format=ox.QueryResultsFormat.TSV)
    assert text is not None  # with no output given, the bytes
    return _tsv_rows(text, _Cells())


def _tsv_rows(text: bytes, cells: _Cells) -> tuple[Row, ...]:
    """The rows of a TSV of solutions with at least one column, each cell converted once (`cells`)."""
    lines = text.decode().split("\n")
    # the variables' line, then one line per solution, each ended by a newline (the last piece is empty);
    # a value's tab or newline is written as an escape
    cell = cells.__getitem__
    return tuple([tuple(map(cell, line.split("\t"))) for line in itertools.islice(lines, 1, len(lines) - 1)])


def _rows_of_branches(results: list[bytes]) -> tuple[tuple[str, ...], tuple[Row, ...]]:
    """The variables and rows of the branches' TSV results (the same variables, `union_branches`), in order."""
    header = results[0][: results[0].index(b"\n")]
    assert all(result.startswith(header + b"\n") for result in results), "every branch selects the same variables"
    variables = tuple(name[1:] for name in header.decode().split("\t"))
    cells = _Cells()  # one conversion of each value for all the branches
    return variables, tuple(itertools.chain.from_iterable(_tsv_rows(result, cells) for result in results))
