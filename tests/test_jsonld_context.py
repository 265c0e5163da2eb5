"""ontology/context.jsonld: the JSON-LD context round-trips through an independent processor (pyld), offline."""

from __future__ import annotations

import json

import pytest
from pyld import jsonld
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from .conftest import DATA, ROOT

CONTEXT_URL = "https://w3id.org/actorgraph/context.jsonld"


@pytest.fixture()
def offline_loader():
    context = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    fetched: list[str] = []

    def load(url, options=None):
        fetched.append(url)
        if url != CONTEXT_URL:
            raise jsonld.JsonLdError(f"offline: refusing {url}", "jsonld.LoadDocumentError", {"url": url})
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context}

    load.fetched = fetched  # type: ignore[attr-defined]
    return load


def test_compacted_example_expands_to_the_same_triples_as_the_turtle(offline_loader):
    document = json.loads((DATA / "context" / "example.jsonld").read_text(encoding="utf-8"))
    expanded = jsonld.expand(document, {"documentLoader": offline_loader})
    nquads = jsonld.to_rdf(expanded, {"format": "application/n-quads"})
    from_jsonld = Graph().parse(data=nquads, format="nquads")
    expected = Graph().parse(DATA / "context" / "example.ttl")
    if not isomorphic(from_jsonld, expected):
        _, only_jsonld, only_turtle = graph_diff(to_isomorphic(from_jsonld), to_isomorphic(expected))
        pytest.fail(
            "JSON-LD and Turtle differ\nonly in JSON-LD:\n"
            + only_jsonld.serialize(format="nt")
            + "only in Turtle:\n"
            + only_turtle.serialize(format="nt")
        )
    assert offline_loader.fetched == [CONTEXT_URL]


def test_compacting_the_turtle_gives_plain_json_keys(offline_loader):
    nquads = Graph().parse(DATA / "context" / "example.ttl").serialize(format="nt")
    expanded = jsonld.from_rdf(nquads, {"format": "application/n-quads"})
    compacted = jsonld.compact(expanded, CONTEXT_URL, {"documentLoader": offline_loader})
    keys = {key for node in compacted["@graph"] for key in node}
    assert not {key for key in keys if ":" in key}, "every property should have a short key"
    endorsement = next(node for node in compacted["@graph"] if node.get("type") == "Endorsement")
    assert endorsement["mode"] == "support"
    assert endorsement["endorser"] == "https://example.org/actor/tedeev"
    assert endorsement["confidence"] == "0.8"
