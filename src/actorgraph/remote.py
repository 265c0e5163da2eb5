"""Remote SPARQL servers over the standard protocols (Virtuoso, Fuseki, GraphDB, Oxigraph server).

push: every named graph of the store, one Graph Store Protocol PUT per graph (N-Triples,
      large graphs in chunks: PUT then POSTs), falling back to SPARQL 1.1 Update
      (DROP SILENT GRAPH + INSERT DATA in batches) where there is no Graph Store endpoint.
      Transient failures (connection reset, timeout, 5xx) are retried with backoff. After
      loading, each graph's triple count on the server is checked (`verify_counts`, which the
      bulk push of remote_bulk.py shares).
query: the named queries over the SPARQL 1.1 Protocol (form-encoded POST), parameters
      bound by the same VALUES block as on the embedded store.
Authentication: Basic, or Digest when the server asks for it (Virtuoso's -auth endpoints).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from actorgraph.errors import ActorgraphError
from actorgraph.normalize import decimal_text
from actorgraph.queries import NamedQuery, QueryResult
from actorgraph.results import Term
from actorgraph.store import published_nquads

RESULTS_JSON = "application/sparql-results+json"
# a connection refused, reset (before or while the answer is read: a chunk cut off) or timed out
TRANSIENT = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)
# how each push method is named when a report says which one loaded the data
METHODS = {
    "graph-store": "the Graph Store Protocol",
    "update": "SPARQL Update",
    "bulk-loader": "Virtuoso's bulk loader",
}


class RemoteError(ActorgraphError):
    """A server refused or failed a request, after retries."""


@dataclass(frozen=True)
class Server:
    endpoint: str  # SPARQL query (and, by default, update) endpoint
    graph_store: str | None = None  # Graph Store Protocol endpoint, if the server has one
    update: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 120.0
    retries: int = 4
    backoff: float = 0.5

    @property
    def update_endpoint(self) -> str:
        return self.update or self.endpoint


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0
    seconds: float = 0.0
    method: str = "graph-store"  # a key of METHODS
    verified: dict[str, int] = field(default_factory=dict)
    fallback: str | None = None  # why the bulk loader, asked for, was not used

    @property
    def rate(self) -> float:
        return self.triples / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        amount = f"{self.graphs} graphs, {self.triples} triples in {self.seconds:.1f} s ({self.rate:,.0f} triples/s"
        if self.fallback:
            return f"bulk loader unavailable ({self.fallback}): pushed over {METHODS[self.method]}: {amount}); counts verified"
        return f"pushed {amount}, {self.method}); counts verified"


class Client:
    """One HTTP session to a server, with retries and Basic-or-Digest authentication."""

    def __init__(self, server: Server, sleep: Callable[[float], None] = time.sleep) -> None:
        self.server = server
        self.session = requests.Session()
        self.auth: AuthBase | None = HTTPBasicAuth(server.user, server.password or "") if server.user else None
        self.sleep = sleep

    def request(self, method: str, url: str, what: str, **kwargs: object) -> requests.Response:
        attempt = 0
        while True:
            try:
                response = self.session.request(method, url, auth=self.auth, timeout=self.server.timeout, **kwargs)  # type: ignore[arg-type]
                if response.status_code == 401 and self._switch_to_digest(response):
                    response = self.session.request(method, url, auth=self.auth, timeout=self.server.timeout, **kwargs)  # type: ignore[arg-type]
                if response.status_code < 500:
                    return response
                problem = f"HTTP {response.status_code}: {_snippet(response.text)}"
            except TRANSIENT as error:
                problem = f"{type(error).__name__}: {_snippet(str(error))}"
            attempt += 1
            if attempt > self.server.retries:
                raise RemoteError(f"{what}: {problem} (gave up after {attempt} attempts on {url})")
            self.sleep(min(8.0, self.server.backoff * 2 ** (attempt - 1)))

    def _switch_to_digest(self, response: requests.Response) -> bool:
        """Basic refused: try Digest, unless the server asked for Basic (then the password is wrong).

        Virtuoso answers Basic credentials with a bare 401 and no challenge at all.
        """
        challenge = response.headers.get("WWW-Authenticate", "").lower()
        if self.server.user and not challenge.startswith("basic") and not isinstance(self.auth, HTTPDigestAuth):
            self.auth = HTTPDigestAuth(self.server.user, self.server.password or "")
            return True
        return False

    # --- queries ----------------------------------------------------------------------------------

    def select(self, text: str, what: str) -> tuple[tuple[str, ...], list[dict[str, dict[str, str]]]]:
        # Form-encoded POST: Virtuoso never answers a POST of application/sparql-query.
        response = self.request(
            "POST", self.server.endpoint, what, data={"query": text}, headers={"Accept": RESULTS_JSON}
        )
        if response.status_code != 200:
            raise RemoteError(f"{what}: HTTP {response.status_code}: {_snippet(response.text)}")
        try:
            data = response.json()
        except ValueError as error:
            raise RemoteError(
                f"{what}: the server did not answer with SPARQL JSON results: {_snippet(response.text)}"
            ) from error
        return tuple(data["head"]["vars"]), data["results"]["bindings"]

    def update(self, text: str, what: str) -> None:
        response = self.request("POST", self.server.update_endpoint, what, data={"update": text})
        if response.status_code not in (200, 201, 204):
            raise RemoteError(f"{what}: HTTP {response.status_code}: {_snippet(response.text)}")

    def count(self, graph: str) -> int:
        _vars, rows = self.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", f"counting {graph}"
        )
        return int(rows[0]["n"]["value"]) if rows else 0


def remote_query(
    query: NamedQuery, values: dict[str, str], endpoint: str, user: str | None = None, password: str | None = None
) -> QueryResult:
    """Run a named query on a SPARQL endpoint; the same columns as on the embedded store."""
    if query.form != "select":
        raise RemoteError(f"query {query.name}: only SELECT queries run on an endpoint (this is {query.form.upper()})")
    client = Client(Server(endpoint, user=user, password=password))
    variables, bindings = client.select(query.bound_text(values), f"query {query.name}")
    if query.columns and variables != query.columns:
        raise RemoteError(
            f"query {query.name}: the server returned columns {', '.join(variables)}, the header promises {', '.join(query.columns)}"
        )
    rows = tuple(tuple(remote_term(binding[v]) if v in binding else None for v in variables) for binding in bindings)
    return QueryResult(variables, rows)


def remote_term(term: dict[str, str]) -> Term:
    """A SPARQL JSON binding as a result term, its value in the embedded store's canonical form."""
    kind = {"typed-literal": "literal"}.get(term["type"], term["type"])
    return Term(kind, canonical_value(term), term.get("datatype"), term.get("xml:lang"))


_XSD = "http://www.w3.org/2001/XMLSchema#"


def canonical_value(term: dict[str, str]) -> str:
    """A result value in the canonical form the embedded store gives: servers differ in lexical
    forms (Virtuoso answers xsd:boolean true as 1, xsd:decimal 43.51 as 43.510)."""
    value, datatype = term["value"], term.get("datatype", "")
    if datatype == _XSD + "boolean":
        return "true" if value in ("1", "true") else "false"
    if datatype == _XSD + "decimal":
        return decimal_text(float(value))
    if datatype in (_XSD + t for t in ("integer", "nonNegativeInteger", "positiveInteger", "int", "long")):
        return str(int(value))
    return value


# --- push --------------------------------------------------------------------------------------------


def split_quad(line: str) -> tuple[str, str | None]:
    """A canonical N-Quads line (ending ` .`) as its triple part and its named graph's IRI (None: no named graph)."""
    body, _, graph = line[:-2].rpartition(" ")
    return body, graph[1:-1] if graph.startswith("<") else None


def graphs_of(lines: Sequence[str]) -> dict[str, list[str]]:
    """N-Quads lines grouped by graph, as N-Triples lines (duplicates dropped)."""
    by_graph: dict[str, set[str]] = {}
    for line in lines:
        body, graph = split_quad(line)
        if graph is not None:
            by_graph.setdefault(graph, set()).add(body + " .")
    return {graph: sorted(triples) for graph, triples in sorted(by_graph.items())}


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def push(
    store: Path,
    server: Server,
    replace: bool = True,
    chunk: int = 50_000,
    batch: int = 500,
    progress: Callable[[str], None] | None = None,
) -> PushReport:
    """Load every named graph of the store into the server, then verify each graph's count."""
    graphs = graphs_of(published_nquads(store))
    client = Client(server)
    report = PushReport(method="graph-store" if server.graph_store else "update")
    started = time.monotonic()
    for graph, triples in graphs.items():
        if report.method == "graph-store" and not _put_graph(client, server, graph, triples, replace, chunk):
            report.method = "update"  # the endpoint is no Graph Store: fall back for this and every graph
        if report.method == "update":
            _update_graph(client, graph, triples, replace, batch)
        report.graphs += 1
        report.triples += len(triples)
        if progress:
            progress(f"{graph}: {len(triples)} triples")
    report.seconds = time.monotonic() - started
    report.verified = verify_counts(client, {graph: len(triples) for graph, triples in graphs.items()}, replace)
    return report


def verify_counts(client: Client, expected: Mapping[str, int], replace: bool) -> dict[str, int]:
    """Each graph's triple count on the server: the store's count after a replace, at least that after an append."""
    verified: dict[str, int] = {}
    for graph, count in expected.items():
        found = client.count(graph)
        if (replace and found != count) or (not replace and found < count):
            raise RemoteError(f"{graph}: the server holds {found} triples after the push, expected {count}")
        verified[graph] = found
    return verified


def _put_graph(client: Client, server: Server, graph: str, triples: Sequence[str], replace: bool, chunk: int) -> bool:
    assert server.graph_store is not None
    headers = {"Content-Type": "application/n-triples; charset=utf-8"}
    for number, part in enumerate(_chunks(triples, chunk) if triples else [()]):
        method = "PUT" if replace and number == 0 else "POST"
        body = ("\n".join(part) + "\n").encode("utf-8")
        response = client.request(
            method, server.graph_store, f"loading {graph}", params={"graph": graph}, data=body, headers=headers
        )
        if number == 0 and response.status_code in (404, 405, 415, 501):
            return False
        if response.status_code not in (200, 201, 204):
            raise RemoteError(f"loading {graph}: HTTP {response.status_code}: {_snippet(response.text)}")
    return True


def _update_graph(client: Client, graph: str, triples: Sequence[str], replace: bool, batch: int) -> None:
    if replace:
        client.update(f"DROP SILENT GRAPH <{graph}>", f"clearing {graph}")
    for part in _chunks(triples, batch):  # Virtuoso refuses INSERT DATA of much over 1,000 triples
        client.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(part) + "\n} }", f"loading {graph}")


def _snippet(text: str) -> str:
    return " ".join(text.split())[:200]
