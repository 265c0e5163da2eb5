"""The explorer's whole-store reads (data.py): documents' dates, actors, elections and the actors
mentioned together, against the reads they replaced (every document's, or one ordered read)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from actorgraph.web import data, reads, records
from actorgraph.web.source import Snapshot

from .serve_helpers import corpus_store
from .test_serve_data import BASE, snapshot

DATED = """@prefix ag: <https://w3id.org/actorgraph/ns#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:test:two-dates> { <urn:test:two-dates> a ag:NewsArticle ; dcterms:identifier "two-dates" ;
  dcterms:issued "2020-02-02"^^xsd:date, "2020-01-15"^^xsd:date . }
<urn:test:undated> { <urn:test:undated> a ag:NewsArticle ; dcterms:identifier "undated" . }
"""


def dated() -> Snapshot:
    """The snapshot's data, and documents with two dates and with none."""
    shot = snapshot()
    shot.store.load(DATED.encode(), ox.RdfFormat.TRIG)
    return shot


def test_the_dates_looked_up_are_those_every_document_s_read_gives():
    every = data.document_dates(dated())
    assert every["urn:test:two-dates"] == "2020-02-02" and every["urn:test:undated"] == ""
    assert len(every) >= 5
    shot = dated()
    asked = set(every) | {"urn:test:graph", "urn:test:nowhere", "not an IRI"}  # not articles: no date
    assert data.dates_of(shot, {"urn:test:undated", "urn:test:graph"}) == {"urn:test:undated": ""}
    assert data.dates_of(shot, asked) == every  # some kept from the first call, the others looked up
    assert "_document_dates" not in shot.memo  # not by reading every document


NAMED_TWICE = """@prefix ag: <https://w3id.org/actorgraph/ns#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:test:one> { <urn:test:role> a ag:Role ; skos:prefLabel "chair" .
  <urn:test:person> a ag:Person ; skos:prefLabel "Zaur Test" ; skos:altLabel "Z. Test", "Test" ;
    ag:referenceActor <urn:test:reference> . }
<urn:test:two> { <urn:test:role> a ag:Role ; skos:prefLabel "chair" .
  <urn:test:person> a ag:Person ; skos:prefLabel "Zaur Test" ; skos:altLabel "Zaur" . }
"""


def test_actors_are_read_as_an_ordered_read_gives_them():
    shot = snapshot()
    shot.store.load(NAMED_TWICE.encode(), ox.RdfFormat.TRIG)
    rows = reads.select(
        shot,
        """SELECT ?actor ?name ?kind ?alias ?reference WHERE { GRAPH ?g {
          ?actor skos:prefLabel ?name ; a ?kind .
          OPTIONAL { ?actor skos:altLabel ?alias } OPTIONAL { ?actor ag:referenceActor ?reference }
        } } ORDER BY ?actor ?alias""",
    )  # as they were read before
    aliases: dict[str, list[str]] = defaultdict(list)
    first: dict[str, dict[str, str]] = {}
    for row in rows:
        first.setdefault(row["actor"], row)
        if "alias" in row and row["alias"] not in aliases[row["actor"]]:
            aliases[row["actor"]].append(row["alias"])
    expected = {
        iri: records.Actor(iri, row["name"], reads.local(row["kind"]), tuple(aliases[iri]), row.get("reference"))
        for iri, row in first.items()
    }
    found = data.actors(shot)
    assert found == expected and list(found) == list(expected)
    assert found["urn:test:person"] == records.Actor(
        "urn:test:person", "Zaur Test", "Person", ("Test", "Z. Test", "Zaur"), "urn:test:reference"
    )
    assert len(found) > 20 and found["urn:test:role"].name == "chair"


ELECTIONS = """@prefix ag: <https://w3id.org/actorgraph/ns#> . @prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:test:one> { <urn:test:undated-election> a ag:Election ; schema:name "An election" .
  <urn:test:named-twice> a ag:Election ; schema:name "Zeta vote", "Alpha vote" ; ag:year "2011"^^xsd:gYear . }
<urn:test:two> { <urn:test:named-twice> a ag:Election ; schema:name "Alpha vote" ; ag:year "2011"^^xsd:gYear . }
"""


@pytest.mark.parametrize("odd", [False, True])
def test_elections_are_read_as_an_ordered_read_gives_them(odd):
    shot = snapshot()
    if odd:
        shot.store.load(ELECTIONS.encode(), ox.RdfFormat.TRIG)
    rows = reads.select(
        shot,
        """SELECT DISTINCT ?election ?name ?year WHERE { GRAPH ?g {
          ?election a ag:Election ; schema:name ?name . OPTIONAL { ?election ag:year ?year } } }
        ORDER BY ?year ?name ?election""",
    )
    expected: dict[str, records.Election] = {}
    for row in rows:
        expected.setdefault(row["election"], records.Election(row["election"], row["name"], row.get("year", "")))
    assert data.elections(shot) == list(expected.values())
    assert len(expected) == 4 + 2 * odd
    if odd:
        assert (
            expected["urn:test:named-twice"].name == "Alpha vote"
            and next(iter(expected)) == "urn:test:undated-election"
        )


def test_the_actors_mentioned_together_are_counted_by_document_as_a_join_in_each_document_counts_them():
    shot = Snapshot(Path("nowhere"), ox.Store.read_only(str(corpus_store() / "current" / "oxigraph")), BASE)
    compared = 0
    for iri in data.actors(shot):
        rows = reads.select(
            shot,
            """SELECT ?other (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g {
              ?m ag:refersTo ?about . ?m2 ag:refersTo ?other . FILTER(?other != ?about) } }
            GROUP BY ?other ORDER BY DESC(?n) ?other""",
            about=iri,
        )
        known = data.actors(shot)
        expected = [(known[r["other"]], int(r["n"])) for r in rows if r["other"] in known]
        assert data.co_mentioned(shot, iri) == expected, iri
        compared += any(n > 1 for _, n in expected)
    assert compared >= 5  # actors named together in more than one document
