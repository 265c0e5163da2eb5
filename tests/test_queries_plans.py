"""Named queries written for Oxigraph's plans give the rows of their plain formulation.

`queries/actor-timeline.rq` and `queries/recognitions-of.rq` read each fact by lookups from the
actor or polity asked for (OPTIONALs of one pattern each, then a FILTER that requires them), where
the plain queries (`tests/data/queries/*-plain.rq`) have a group of required patterns. Both run on
the example dataset and on facts that lack a part, or have one twice, for every actor named.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox
import pytest

from actorgraph.queries import load_query, run
from actorgraph.store import published_nquads

from .conftest import ROOT
from .test_queries import store

PLAIN = ROOT / "tests" / "data" / "queries"

# Facts with a part missing, doubled, or of another kind than its predicate says, in one document.
ODD_FACTS = """
@prefix ag: <https://w3id.org/actorgraph/ns#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <urn:test:> .

t:actors {
  t:a skos:prefLabel "Test Actor" . t:b skos:prefLabel "Other Actor" . t:party skos:prefLabel "Test Party" .
  t:polity skos:prefLabel "Test Polity" . t:state skos:prefLabel "Test State" .
}
t:names { t:state skos:prefLabel "Test State (another name)" . t:no-state skos:prefLabel "A stance that names itself" . }
t:doc {
  t:doc dcterms:issued "2020-01-02"^^xsd:date .
  t:post schema:name "Mayor" .
  t:no-status a ag:OfficeHolding ; ag:holder t:a ; ag:post t:post .
  t:two-posts a ag:OfficeHolding ; ag:holder t:a ; ag:post t:post, t:unnamed-post ; ag:status "current" ; ag:start "2019"^^xsd:gYear .
  t:holder-of-a-membership a ag:Membership ; ag:holder t:a ; ag:post t:post ; ag:status "former" ;
      org:member t:a ; org:organization t:party ; org:role t:role .
  t:role skos:prefLabel "leader" .
  t:no-organization a ag:Membership ; org:member t:a .
  t:no-election a ag:Candidacy ; ag:candidate t:a ; ag:round t:round-0 .
  t:round-0 ag:ordinal 1 .
  t:two-rounds a ag:Candidacy ; ag:candidate t:a ; ag:round t:round-1, t:round-2 ; ag:voteShare 41.5 .
  t:round-1 ag:ordinal 1 ; ag:ofElection t:election .
  t:round-2 ag:ordinal 2 ; ag:ofElection t:election .
  t:election schema:name "2020 Test election" ; ag:year "2020"^^xsd:gYear .
  t:no-round a ag:Candidacy ; ag:candidate t:a ; ag:ordinal 1 ; ag:ofElection t:election .
  t:no-election-but-named a ag:Candidacy ; ag:candidate t:a ; ag:round t:round-4 .
  t:round-4 ag:ordinal 1 ; schema:name "A round that names itself" ; ag:year "2020"^^xsd:gYear .
  t:no-year a ag:Candidacy ; ag:candidate t:a ; ag:round t:round-3 ; ag:outcome "lost" .
  t:round-3 ag:ordinal 1 ; ag:ofElection t:yearless .
  t:yearless schema:name "An election without a year" .
  t:no-mode a ag:Endorsement ; ag:endorser t:a ; ag:endorsed t:b .
  t:received a ag:Endorsement ; ag:endorser t:b ; ag:endorsed t:a ; ag:mode "support" .
  t:to-the-nameless a ag:Endorsement ; ag:endorser t:a ; ag:endorsed t:nameless ; ag:mode "support" .
  t:of-itself a ag:Endorsement ; ag:endorser t:a ; ag:endorsed t:a ; ag:mode "support" .
  t:recognised a ag:RecognitionStance ; ag:recognizedPolity t:polity ; ag:recognizingState t:state ;
      ag:stance "recognizes" ; ag:date "2008-08-26"^^xsd:date .
  t:twice-said a ag:RecognitionStance ; ag:recognizedPolity t:polity ; ag:recognizingState t:state ;
      ag:stance "recognizes", "does-not-recognize" .
  t:no-stance a ag:RecognitionStance ; ag:recognizedPolity t:polity ; ag:recognizingState t:state .
  t:no-state a ag:RecognitionStance ; ag:recognizedPolity t:polity ; ag:stance "recognizes" .
  t:nameless-state a ag:RecognitionStance ; ag:recognizedPolity t:polity ; ag:recognizingState t:b-side ;
      ag:stance "recognizes" .
  t:not-a-stance a ag:Membership ; ag:recognizedPolity t:polity ; ag:recognizingState t:state ; ag:stance "recognizes" .
}
"""


@cache
def dataset() -> ox.Store:
    data = ox.Store()
    data.load("\n".join(published_nquads(store())).encode(), ox.RdfFormat.N_QUADS)
    data.load(ODD_FACTS.encode(), ox.RdfFormat.TRIG)
    return data


def names() -> list[str]:
    answer = dataset().query(
        "SELECT DISTINCT ?name { GRAPH ?g { ?actor <http://www.w3.org/2004/02/skos/core#prefLabel> ?name } }"
    )
    assert isinstance(answer, ox.QuerySolutions)
    return sorted(str(solution[0].value) for solution in answer)


def test_the_odd_facts_give_rows_to_compare():
    rows = run(load_query(PLAIN / "actor-timeline-plain.rq"), {"actor_name": "Test Actor"}, dataset()).terms
    kinds = sorted(str(row[1].value) for row in rows if row[1] is not None)
    # an office of two posts (one named), a membership, a candidacy of two rounds, endorsements
    # given (one to itself) and received (one from itself): what the other odd facts lack drops them
    expected = ["candidacy", "candidacy", "endorsement given", "endorsement given", "endorsement received"]
    assert kinds == [*expected, "endorsement received", "membership", "office"], kinds


def test_the_odd_stances_give_rows_to_compare():
    rows = run(load_query(PLAIN / "recognitions-of-plain.rq"), {"polity_name": "Test Polity"}, dataset()).terms
    # a stance (its state has two names) and one said twice: what the other odd stances lack drops them
    assert len(rows) == 2 + 2 * 2, rows


@pytest.mark.parametrize(("name", "parameter"), [("actor-timeline", "actor_name"), ("recognitions-of", "polity_name")])
def test_same_rows_as_the_plain_query_for_every_actor(name, parameter):
    fast, plain = load_query(name), load_query(PLAIN / f"{name}-plain.rq")
    assert fast.columns == plain.columns
    everyone = names()
    assert {"Test Actor", "Test Polity", "Anatoly Bibilov", "South Ossetia"} <= set(everyone)
    for actor in everyone:
        values = {parameter: actor}
        assert run(fast, values, dataset()).terms == run(plain, values, dataset()).terms, actor
