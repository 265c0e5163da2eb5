"""The SPARQL 1.1 Protocol endpoint: methods, negotiation, refused updates, limits, read-only."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from actorgraph.web import sparql
from actorgraph.web.app import ServeOptions, create_app
from actorgraph.web.sparql import Limits, negotiate

from .serve_helpers import BASE, corpus_store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
PERSONS = (
    "SELECT ?name WHERE { GRAPH ?g { ?a a <https://w3id.org/actorgraph/ns#Person> ; "
    "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name } } ORDER BY ?name"
)
CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BASE}graph/actors> {{ ?s ?p ?o }} }}"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(ServeOptions(corpus_store()))) as test_client:
        yield test_client


def count(response: object) -> int:
    data = json.loads(response.text)  # type: ignore[attr-defined]
    return int(data["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_post_query_agree(client):
    by_get = client.get("/sparql", params={"query": COUNT})
    by_form = client.post("/sparql", data={"query": COUNT})
    by_body = client.post("/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/sparql-results+json"
    assert count(by_get) == count(by_form) == count(by_body) > 2000


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
    ],
)
def test_select_negotiation(client, accept, expected):
    response = client.get("/sparql", params={"query": PERSONS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == expected
    if expected.startswith("text/csv"):
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["name"]
        assert ["Anatoly Bibilov"] in rows


@pytest.mark.parametrize(
    ("accept", "expected", "marker"),
    [
        ("text/turtle", "text/turtle; charset=utf-8", "prefLabel"),
        ("application/n-triples", "application/n-triples", "<https://w3id.org/actorgraph/data/actor/"),
        ("application/ld+json", "application/ld+json", '"@id"'),
    ],
)
def test_construct_negotiation(client, accept, expected, marker):
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == expected
    assert marker in response.text
    assert "Anatoly Bibilov" in response.text


def test_describe_and_ask(client):
    ask = client.get("/sparql", params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"})
    assert ask.status_code == 200 and json.loads(ask.text)["boolean"] is True
    describe = client.get(
        "/sparql", params={"query": f"DESCRIBE <{BASE}actor/anatoly-bibilov>"}, headers={"Accept": "text/turtle"}
    )
    assert describe.status_code == 200 and describe.headers["content-type"].startswith("text/turtle")


def test_unacceptable_type_is_406(client):
    response = client.get("/sparql", params={"query": PERSONS}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/csv" in response.text
    graph = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert graph.status_code == 406 and "text/turtle" in graph.text


def test_union_default_graph_option():
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    with TestClient(create_app(ServeOptions(corpus_store()))) as plain:
        assert count(plain.get("/sparql", params={"query": query})) == 0
    with TestClient(create_app(ServeOptions(corpus_store(), union_default_graph=True))) as union:
        assert count(union.get("/sparql", params={"query": query})) > 2000


def test_default_graph_uri_parameter(client):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    response = client.get("/sparql", params={"query": query, "default-graph-uri": f"{BASE}graph/actors"})
    assert 0 < count(response) < 2000


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "POST", "data": {"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}},
        {
            "method": "POST",
            "content": "DROP ALL",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {"method": "GET", "params": {"update": "CLEAR ALL"}},
        {"method": "GET", "params": {"query": "PREFIX x: <http://x/> # comment\nDELETE WHERE { ?s ?p ?o }"}},
        {"method": "POST", "data": {"query": "insert data { <http://a> <http://b> <http://c> }"}},
        # a '#' inside an IRI or a string is no comment: the update after it is still seen
        {
            "method": "GET",
            "params": {"query": "PREFIX ag: <https://w3id.org/actorgraph/ns#> INSERT DATA { ag:a ag:b ag:c }"},
        },
        {"method": "GET", "params": {"query": "BASE <http://x/#> PREFIX : <#> CLEAR DEFAULT"}},
    ],
)
def test_updates_are_refused_with_403(client, request_kwargs):
    before = count(client.get("/sparql", params={"query": COUNT}))
    method = request_kwargs.pop("method")
    response = client.request(method, "/sparql", **request_kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text
    assert count(client.get("/sparql", params={"query": COUNT})) == before


def test_bad_requests(client):
    assert client.get("/sparql").status_code == 400
    syntax = client.get("/sparql", params={"query": "SELECT WHERE {"})
    assert syntax.status_code == 400 and "syntax error" in syntax.text
    assert client.post("/sparql", content="x", headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.put("/sparql", content=COUNT).status_code == 405
    assert client.get("/sparql", params={"query": COUNT, "default-graph-uri": "not an iri"}).status_code == 400


def test_request_size_is_bounded(client):
    huge = COUNT + " #" + "x" * 200_000
    assert client.post("/sparql", content=huge, headers={"Content-Type": "application/sparql-query"}).status_code == 413
    assert client.post("/sparql", data={"query": huge}).status_code == 413

    def chunks():  # no Content-Length: the body is counted as it arrives
        for _ in range(30):
            yield b"#" + b"x" * 9_999

    chunked = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert chunked.status_code == 413 and "request is larger" in chunked.text  # stopped while reading


def test_result_size_is_bounded():
    limits = Limits(result_bytes=2_000)
    with TestClient(create_app(ServeOptions(corpus_store(), limits=limits))) as small:
        response = small.get("/sparql", params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"})
        assert response.status_code == 413
        assert "larger than 2000 bytes" in response.text
        assert small.get("/sparql", params={"query": COUNT}).status_code == 200


def test_time_limit_stops_a_runaway_query():
    """A query that would run for hours is answered 503 at the limit and its worker is stopped;
    the next query gets a fresh worker."""
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?t ?q ?r } GRAPH ?c { ?u ?v ?w } }"
    app = create_app(ServeOptions(corpus_store(), limits=Limits(seconds=1.0)))
    with TestClient(app) as quick:
        assert quick.get("/sparql", params={"query": COUNT}).status_code == 200  # a worker is up
        started = time.monotonic()
        response = quick.get("/sparql", params={"query": runaway})
        assert response.status_code == 503
        assert "time limit of 1 s" in response.text
        assert time.monotonic() - started < 5
        assert quick.get("/sparql", params={"query": COUNT}).status_code == 200


def test_serialisation_stops_past_the_deadline():
    buffer = sparql._BoundedBuffer(limit=10_000, deadline=time.monotonic() - 1)
    with pytest.raises(sparql.TooSlow):
        buffer.write(b"x")


def test_negotiate_prefers_quality_then_order():
    offered = sparql.RESULT_TYPES
    assert negotiate("text/csv;q=0.2, text/tab-separated-values;q=0.9", offered)[0] == "text/tab-separated-values"
    assert negotiate("application/xml, application/json", offered)[0] == "application/sparql-results+xml"
    assert negotiate("text/*", offered)[0] == "text/csv"
    assert negotiate("image/png, text/csv;q=0", offered) is None
