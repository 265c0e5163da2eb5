"""The explorer's reads: labels and evidence spans read for what a page shows give what reading
every label and span of the store gives (the way they were read before)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from actorgraph.store import published_nquads
from actorgraph.web import data, evidence, reads, records, views
from actorgraph.web.source import Snapshot

from .serve_helpers import corpus_store

BASE = "https://w3id.org/actorgraph/data/"

# What the example data lacks: a post with two names, an untyped role, an IRI that has no label, a
# property with an IRI and a literal, values that are equal as numbers (their order is Oxigraph's),
# a document with two titles, and a stance reported of two states, one with no name.
ODD = """
@prefix ag: <https://w3id.org/actorgraph/ns#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<urn:test:graph> {
  <urn:test:graph> dcterms:title "Zeta report", "Alpha report" .
  <urn:test:post> schema:name "Mayor of Tskhinvali" ; rdfs:label "Mayor" .
  <urn:test:role> skos:prefLabel "chair" .
  <urn:test:fact> a ag:OfficeHolding ; ag:rule "test" ; ag:holder <urn:test:post> ;
      ag:post <urn:test:post> ; ag:jurisdiction <urn:test:nowhere> ; ag:status "current" ; org:role <urn:test:role> ;
      <http://www.w3.org/ns/prov#wasDerivedFrom> <urn:test:graph> ;
      ag:attribution "a report", <urn:test:reporter> ; ag:confidence 0.9, 0.90, 0.85 .
  <urn:test:stance> a ag:RecognitionStance ; ag:rule "test" ; ag:stance "recognizes" ; ag:date "2020-05" ;
      ag:recognizedPolity <https://w3id.org/actorgraph/data/actor/south-ossetia> ;
      ag:recognizingState <urn:test:state>, <https://w3id.org/actorgraph/data/actor/nicaragua> ;
      <http://www.w3.org/ns/prov#wasDerivedFrom> <urn:test:graph> .
}
"""


def snapshot() -> Snapshot:
    store = ox.Store()
    store.load("\n".join(published_nquads(corpus_store())).encode(), ox.RdfFormat.N_QUADS)
    store.load(ODD.encode(), ox.RdfFormat.TRIG)
    return Snapshot(Path("nowhere"), store, BASE)


def every_label(shot: Snapshot, iris: set[str]) -> dict[str, str]:
    """Every label of the store, as the explorer read them before."""
    labels = {iri: actor.name for iri, actor in data.actors(shot).items()}
    rows = reads.select(
        shot,
        """SELECT ?thing ?label WHERE { GRAPH ?g {
          { ?thing schema:name ?label } UNION { ?thing rdfs:label ?label } UNION { ?thing skos:prefLabel ?label }
          UNION { ?thing ag:ofElection/schema:name ?name ; ag:ordinal ?n BIND(CONCAT("round ", STR(?n), " of ", ?name) AS ?label) }
        } } ORDER BY ?thing ?label""",
    )
    for row in rows:
        labels.setdefault(row["thing"], row["label"])
    return labels


def every_span(shot: Snapshot) -> dict[str, records.Span]:
    """Every evidence span of the store with the mentions inside it, as the explorer read them before."""
    spans = reads.select(
        shot,
        """SELECT ?span ?document ?start ?end ?quote WHERE { GRAPH ?document {
          ?span a ag:EvidenceSpan ; oa:start ?start ; oa:end ?end ; oa:exact ?quote } }""",
    )
    mentions = reads.select(
        shot,
        """SELECT ?document ?start ?end ?actor WHERE { GRAPH ?document {
          ?m a ag:Mention ; oa:start ?start ; oa:end ?end ; ag:refersTo ?actor } }""",
    )
    by_document: dict[str, list[records.Mention]] = defaultdict(list)
    for row in mentions:
        by_document[row["document"]].append(records.Mention(int(row["start"]), int(row["end"]), row["actor"]))
    index = {}
    for row in spans:
        start, end = int(row["start"]), int(row["end"])
        inside = sorted(
            (m for m in by_document[row["document"]] if start <= m.start and m.end <= end), key=lambda m: m.start
        )
        index[row["span"]] = records.Span(row["document"], start, end, row["quote"], tuple(inside))
    return index


def every_title(shot: Snapshot) -> dict[str, str]:
    """Every document's title, as the explorer read them before (the least of two, as it reads them now)."""
    rows = reads.select(shot, "SELECT ?d ?t WHERE { GRAPH ?d { ?d dcterms:title ?t } } ORDER BY DESC(?t)")
    return {row["d"]: row["t"] for row in rows}


def whole_store_facts(monkeypatch: pytest.MonkeyPatch, **which: str) -> list[data.Fact]:
    shot = snapshot()
    spans = every_span(shot)
    with monkeypatch.context() as patched:
        patched.setattr(data, "labels_of", every_label)
        patched.setattr(data, "document_titles", lambda _, documents: every_title(shot))
        patched.setattr(evidence, "spans", lambda _, iris, evidence="marked": {i: spans[i] for i in iris if i in spans})
        return data.facts(shot, **which)


def test_the_odd_fact_is_labelled_as_before(monkeypatch):
    [fact] = data.facts(snapshot(), about="urn:test:nowhere")
    assert fact.document_title == "Alpha report"
    assert [(r.name, r.label, r.iri) for r in fact.roles if r.name in ("post", "jurisdiction", "role")] == [
        ("role", "chair", "urn:test:role"),  # org: before ag: (http:// before https://)
        ("jurisdiction", "urn:test:nowhere", None),
        ("post", "Mayor", "urn:test:post"),
    ]
    assert data.facts(snapshot(), about="urn:test:nowhere") == whole_store_facts(monkeypatch, about="urn:test:nowhere")


def test_every_actor_s_facts_as_read_from_the_whole_store(monkeypatch):
    shot = snapshot()
    actors = sorted(data.actors(shot))
    assert len(actors) > 20
    for actor in actors:
        facts = data.facts(shot, about=actor)  # one snapshot: what one page read, the next reuses
        assert facts == whole_store_facts(monkeypatch, about=actor), actor
    assert any(fact.evidence and fact.evidence[0].mentions for fact in data.facts(shot, about=actors[0]) + facts)


def test_every_document_s_facts_and_spans_as_read_from_the_whole_store(monkeypatch):
    shot = snapshot()
    spans = every_span(shot)
    documents = [d.iri for d in data.documents(shot)]
    assert len(documents) == 3
    for iri in documents:
        assert data.facts(shot, document=iri) == whole_store_facts(monkeypatch, document=iri), iri
        page = data.document(shot, iri)
        assert page is not None
        assert page.spans == sorted((s for s in spans.values() if s.document == iri), key=lambda s: s.start), iri
        assert page.spans and any(span.mentions for span in page.spans), iri


def test_facts_come_in_the_order_oxigraph_s_order_by_gives():
    shot = snapshot()
    picks = [("?fact ?role ?about .", {"about": actor}) for actor in [*sorted(data.actors(shot)), "urn:test:nowhere"]]
    picks += [("?fact prov:wasDerivedFrom ?document .", {"document": d.iri}) for d in data.documents(shot)]
    picks += [("?fact a ?kind .", {"kind": reads.AG + kind}) for kind in ("Candidacy", "OfficeHolding")]
    for where, bindings in picks:
        body = f"SELECT DISTINCT ?fact ?p ?o WHERE {{ GRAPH ?g {{ {where} ?fact ag:rule ?rule ; ?p ?o . }} }}"
        expected = reads.select(shot, f"{body} ORDER BY ?fact ?p ?o", **bindings)
        assert data._fact_rows(shot, where, bindings) == expected, bindings


def test_an_actor_has_stances_on_it_when_it_has_a_recognition_timeline():
    shot = snapshot()
    timelines = views.recognition_timelines(data.facts_of_kind(shot, "RecognitionStance"), data.document_dates(shot))
    actors = sorted(data.actors(shot))
    assert {actor for actor in actors if data.has_stances_on(shot, actor)} == set(timelines) & set(actors)
    assert len(set(timelines) & set(actors)) >= 2


def test_a_polity_s_stances_make_the_timeline_every_stance_makes():
    shot = snapshot()
    timelines = views.recognition_timelines(data.facts_of_kind(shot, "RecognitionStance"), data.document_dates(shot))
    polities = [key for key in timelines if key in data.actors(shot)]
    assert len(polities) >= 2
    for polity in polities:
        own = views.recognition_timelines(data.every_stance(shot, polity), data.document_dates(shot))
        assert list(own) == [polity]
        assert _seen(own[polity]) == _seen(timelines[polity]), polity
        # the whole facts a page reads for the entries it shows are those the timeline of whole facts holds
        entries = own[polity].entries
        whole = views.with_facts(entries, data.facts_named(shot, sorted({e.fact.iri for e in entries})))
        assert tuple(whole) == timelines[polity].entries, polity
    odd = views.recognition_timelines(data.every_stance(shot, BASE + "actor/south-ossetia"), data.document_dates(shot))
    assert "urn:test:stance" in {e.fact.iri for e in odd[BASE + "actor/south-ossetia"].entries}  # two states


def test_an_election_s_candidacies_and_endorsements_are_those_that_name_it():
    shot = snapshot()
    candidacies, endorsements = data.facts_of_kind(shot, "Candidacy"), data.facts_of_kind(shot, "Endorsement")
    elections = [e.iri for e in data.elections(shot)]
    # an office holding that names an election is no endorsement in it
    fact, graph = ox.NamedNode("urn:test:fact"), ox.NamedNode("urn:test:graph")
    shot.store.add(ox.Quad(fact, ox.NamedNode(reads.AG + "election"), ox.NamedNode(elections[0]), graph))
    found = 0
    for iri in elections:
        rounds = [f for f in candidacies if any(r.startswith(iri + "/round/") for r in f.values("round"))]
        assert data.candidacies_in(shot, iri) == rounds, iri
        assert data.endorsements_in(shot, iri) == [f for f in endorsements if iri in f.values("election")], iri
        found += len(rounds) + len(data.endorsements_in(shot, iri))
    assert found >= 5


def test_facts_without_mentions_or_evidence_are_the_same_facts_otherwise():
    marked = data.facts_of_kind(snapshot(), "Endorsement")
    assert marked and all(f.evidence for f in marked) and any(s.mentions for f in marked for s in f.evidence)
    shot = snapshot()
    spans = data.facts_of_kind(shot, "Endorsement", evidence="spans")
    assert [replace(f, evidence=tuple(replace(s, mentions=()) for s in f.evidence)) for f in marked] == spans
    none = data.facts_of_kind(shot, "Endorsement", evidence="none")
    assert [replace(f, evidence=()) for f in marked] == none
    assert data.facts_of_kind(shot, "Endorsement") == marked  # spans read bare are not kept as marked


class Counting:
    """A store that counts the queries asked of it."""

    def __init__(self, store: ox.Store) -> None:
        self.store, self.asked = store, 0

    def query(self, text: str) -> object:
        self.asked += 1
        return self.store.query(text)


def test_whole_store_reads_are_read_once_for_a_snapshot():
    counting = Counting(snapshot().store)
    shot = Snapshot(Path("nowhere"), counting, BASE)  # type: ignore[arg-type]
    first = (data.counts(shot), data.elections(shot), data.documents(shot), data.document_dates(shot))
    assert counting.asked == 3 and first[0]["documents"] == len(first[2]) == 3
    typed = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?kind ; ag:rule ?rule } }"  # as read before
    assert first[0]["facts"] == int(reads.select(snapshot(), typed)[0]["n"]) > 10
    assert (data.counts(shot), data.elections(shot), data.documents(shot), data.document_dates(shot)) == first
    assert counting.asked == 3


def test_a_warmed_snapshot_has_the_whole_store_reads_pages_make():
    counting = Counting(snapshot().store)
    shot = Snapshot(Path("nowhere"), counting, BASE)  # type: ignore[arg-type]
    data.warm(shot)
    asked = counting.asked
    assert asked >= 4
    read = (data.actors(shot), data.counts(shot), data.elections(shot), data.documents(shot), data.document_dates(shot))
    assert counting.asked == asked  # nothing asked again
    fresh = snapshot()
    assert read == (
        data.actors(fresh),
        data.counts(fresh),
        data.elections(fresh),
        data.documents(fresh),
        data.document_dates(fresh),
    )


def test_spans_kept_are_the_latest_few_and_a_page_gets_all_its_own(monkeypatch):
    monkeypatch.setattr(evidence, "SPANS_KEPT", 3)
    counting = Counting(snapshot().store)
    shot = Snapshot(Path("nowhere"), counting, BASE)  # type: ignore[arg-type]
    every = every_span(snapshot())
    iris = sorted(every)
    assert len(iris) > 10
    assert evidence.spans(shot, iris) == {iri: every[iri] for iri in iris}  # more than are kept: all given
    assert len(shot.memo["_spans"]) == 3
    asked = counting.asked
    assert evidence.spans(shot, iris[-3:]) == {iri: every[iri] for iri in iris[-3:]}  # the latest: kept
    assert counting.asked == asked
    assert evidence.spans(shot, iris[:2]) == {iri: every[iri] for iri in iris[:2]}  # gone: read again
    assert counting.asked > asked and len(shot.memo["_spans"]) == 3
    bare = evidence.spans(shot, iris[:5], "spans")  # the two kept marked, as they are; three read alone
    assert bare == {iri: every[iri] if iri in iris[:2] else replace(every[iri], mentions=()) for iri in iris[:5]}
    assert len(shot.memo["_bare_spans"]) == 3 and len(shot.memo["_spans"]) == 3


def test_a_page_s_facts_take_the_same_few_queries_however_many_they_are():
    def candidacies(actor: str) -> int:
        return sum(fact.kind == "Candidacy" for fact in data.facts(snapshot(), about=actor))

    shot = snapshot()
    most = max(sorted(data.actors(shot)), key=candidacies)
    counting = Counting(shot.store)
    facts = data.facts(Snapshot(shot.generation, counting, shot.base, shot.memo), about=most)  # type: ignore[arg-type]
    assert len({span.document for fact in facts for span in fact.evidence}) >= 2 and candidacies(most) >= 5
    # the facts; labels: names, rounds' ordinals, elections and their names; titles; spans; mentions
    assert counting.asked <= 8


def test_an_actor_s_facts_page_by_page_are_its_facts_of_that_kind():
    shot = snapshot()
    paged = 0
    for actor in [*sorted(data.actors(shot)), "urn:test:nowhere"]:
        facts = data.facts(shot, about=actor)
        kinds = data.fact_kinds(shot, actor)
        assert {kind: len(iris) for kind, iris in kinds.items()} == dict(sorted(Counter(f.kind for f in facts).items()))
        for kind, iris in kinds.items():
            pages = [data.facts_named(shot, iris[start : start + 2]) for start in range(0, len(iris) + 2, 2)]
            assert [fact for page in pages for fact in page] == [f for f in facts if f.kind == kind], (actor, kind)
            paged += len(iris) > 2
    assert paged >= 3


def test_every_stance_counts_as_the_stances_with_all_their_properties():
    shot = snapshot()
    dates = data.document_dates(shot)
    full = views.recognition_timelines(data.facts_of_kind(shot, "RecognitionStance"), dates)
    counted = views.recognition_timelines(data.every_stance(snapshot()), dates)

    assert {key: _seen(t) for key, t in counted.items()} == {key: _seen(t) for key, t in full.items()}
    assert sum(len(t.entries) for t in full.values()) >= 10
    assert any(e.fact.iri == "urn:test:stance" and e.state == "Nicaragua" for t in counted.values() for e in t.entries)


def _seen(timeline: views.Timeline) -> tuple[object, ...]:
    """What a timeline counts of its stances (not their titles or evidence)."""
    entries = [
        (e.date, e.stated, e.state, e.state_iri, e.stance, e.fact.iri, e.fact.document) for e in timeline.entries
    ]
    return timeline.polity, timeline.polity_iri, timeline.tally(), entries
