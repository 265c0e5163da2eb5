"""The endorsement network's edges (web/network.py), read without the endorsements' evidence, are
the edges the page made from whole facts before (a differential test against `data.facts_of_kind`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from actorgraph.store import published_nquads
from actorgraph.web import data, network
from actorgraph.web.records import Fact
from actorgraph.web.source import Snapshot

from .serve_helpers import corpus_store

BASE = "https://w3id.org/actorgraph/data/"
ACTOR = BASE + "actor/"

# What the example's endorsements lack: two endorsers (one an IRI with no label), an endorsed IRI
# that names nothing, no mode and no election, two evidence spans (the later one first), and an
# endorsement in an undated document with a title of two values.
ODD = f"""
@prefix ag: <https://w3id.org/actorgraph/ns#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<urn:test:graph> {{
  <urn:test:graph> dcterms:title "Zeta report", "Alpha report" .
  <urn:test:backing> a ag:Endorsement ; ag:rule "test" ;
      ag:endorser <urn:test:unnamed>, <{ACTOR}anatoly-bibilov> ; ag:endorsed <urn:test:nobody> ;
      ag:evidence <urn:test:late>, <urn:test:early> ; prov:wasDerivedFrom <urn:test:graph> .
  <urn:test:late> a ag:EvidenceSpan ; oa:start 40 ; oa:end 52 ; oa:exact "a later span" .
  <urn:test:early> a ag:EvidenceSpan ; oa:start 4 ; oa:end 9 ; oa:exact "first" .
}}
"""


def snapshot() -> Snapshot:
    store = ox.Store()
    store.load("\n".join(published_nquads(corpus_store())).encode(), ox.RdfFormat.N_QUADS)
    store.load(ODD.encode(), ox.RdfFormat.TRIG)
    return Snapshot(Path("nowhere"), store, BASE)


def href(iri: str) -> str:
    return "/page/" + iri if iri else ""


def edges_of_facts(
    facts: list[Fact], dates: dict[str, str], page: Callable[[str], str], elections: dict[str, str]
) -> list[dict[str, Any]]:
    """The page's edges as it made them from whole facts, before network.py (views.endorsement_edges)."""
    edges: list[dict[str, Any]] = []
    for fact in facts:
        endorser, endorsed = fact.role("endorser"), fact.role("endorsed")
        if endorser is None or endorsed is None:
            continue
        mode = fact.role("mode")
        election = next(iter(fact.values("election")), "")
        document = page(fact.document)
        edges.append(
            {
                "from": endorser.iri or endorser.label,
                "to": endorsed.iri or endorsed.label,
                "fromLabel": endorser.label,
                "toLabel": endorsed.label,
                "fromHref": page(endorser.iri or ""),
                "toHref": page(endorsed.iri or ""),
                "mode": mode.label if mode else "",
                "election": election,
                "electionName": elections.get(election, ""),
                "date": dates.get(fact.document, ""),
                "document": document + (f"#{fact.anchor}" if fact.anchor and document.startswith("/") else ""),
                "documentTitle": fact.document_title,
            }
        )
    return sorted(edges, key=lambda e: (e["date"], e["fromLabel"], e["toLabel"], e["document"]))


def test_the_edges_are_those_made_from_whole_facts():
    shot = snapshot()
    whole = data.facts_of_kind(shot, "Endorsement", evidence="spans")
    names = {e.iri: e.name for e in data.elections(shot)}
    expected = edges_of_facts(whole, data.document_dates(shot), href, names)
    edges = network.edges(snapshot(), href)
    listed = network.listed(snapshot(), edges, href)
    assert len(listed) == len(expected) >= 8
    assert sorted(listed, key=repr) == sorted(expected, key=repr)
    keys = [(e["date"], e["fromLabel"], e["toLabel"]) for e in listed]
    assert keys == sorted(keys)  # in order of date, endorser and endorsed, as before
    odd = next(e for e in listed if e["to"] == "urn:test:nobody")
    assert odd["from"] == ACTOR + "anatoly-bibilov" and odd["toHref"] == "" and odd["mode"] == odd["election"] == ""
    assert odd["document"] == "/page/urn:test:graph#span-4-9" and odd["documentTitle"] == "Alpha report"


def test_nodes_are_the_ends_of_the_edges_once_each_in_order():
    edges = network.edges(snapshot(), href)
    nodes = network.nodes(edges)
    ends = {(e.source, e.source_label, e.source_href) for e in edges} | {
        (e.target, e.target_label, e.target_href) for e in edges
    }
    assert [(n["id"], n["label"], n["href"]) for n in nodes] == sorted(ends)


def test_an_election_and_dates_choose_the_edges_of_both():
    edges = network.edges(snapshot(), href)
    election = next(e.election for e in edges if e.election)
    dated = sorted(e.date for e in edges if e.date)
    since, until = dated[0], dated[-1]
    assert network.chosen(edges, "", "", "") == edges
    assert network.chosen(edges, election, "", "") == [e for e in edges if e.election == election]
    assert network.chosen(edges, "", since, until) == [e for e in edges if e.date]  # undated: not within dates
    assert network.chosen(edges, election, "1900-01-01", "1900-12-31") == []


def test_only_the_edges_listed_get_their_documents_looked_up():
    shot = snapshot()
    edges = network.edges(shot, href)
    asked: list[str] = []
    query = shot.store.query

    class Counting:
        def query(self, text: str) -> object:
            asked.append(text)
            return query(text)

    shot.store = Counting()  # type: ignore[assignment]
    network.listed(shot, edges[:2], href)
    looked = " ".join(asked)
    assert all(f"<{e.fact}>" in looked for e in edges[:2])
    assert not any(f"<{e.fact}>" in looked for e in edges[2:])
