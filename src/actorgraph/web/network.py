"""The endorsement network (`/network`): every endorsement read as an edge, without its evidence, and
the documents of the edges a page lists looked up for those alone.

Reading every endorsement as a whole fact (its roles, evidence spans and its document's title) took
4-6 s at 10,000 documents (9,508 endorsements), and the kept facts grew with the store. An edge is
the endorsement's endorser, endorsed, mode, election and document; a page lists at most a few
thousand, and only those get their document's title and the place of their evidence in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from actorgraph.web import data
from actorgraph.web.reads import local, looked_up, select
from actorgraph.web.source import Snapshot
from actorgraph.web.views import within

# Each property a subquery, joined by hashing: 0.63-0.99 s, against 1.08-2.0 s as one pattern with
# OPTIONALs (3 rounds, 10,000 documents, the same rows). An endorsement with two endorsers (or two of
# any role) is read once, with the least of each, as a Fact's `role()` gives it.
_EDGES = """SELECT ?fact ?document ?endorser ?endorsed ?mode ?election WHERE {
  { SELECT * WHERE { GRAPH ?g { ?fact ag:endorser ?endorser } } }
  { SELECT * WHERE { GRAPH ?g { ?fact ag:endorsed ?endorsed } } }
  { SELECT * WHERE { GRAPH ?g { ?fact a ag:Endorsement } } }
  { SELECT * WHERE { GRAPH ?g { ?fact prov:wasDerivedFrom ?document } } }
  OPTIONAL { SELECT * WHERE { GRAPH ?g { ?fact ag:mode ?mode } } }
  OPTIONAL { SELECT * WHERE { GRAPH ?g { ?fact ag:election ?election } } }
}"""
_LABELLED = ("endorser", "endorsed", "mode", "election")
# the first evidence span of a fact (the least start), as its document's page names it
_FIRST_SPAN = """SELECT ?d ?v WHERE {{ {} GRAPH ?g {{ ?d ag:evidence ?s . ?s oa:start ?start ; oa:end ?end }}
  BIND(CONCAT("span-", STR(?start), "-", STR(?end)) AS ?v) }}""".format


@dataclass(frozen=True)
class Edge:
    """One endorsement as the network draws and lists it. Its ends are an actor's IRI, or the
    value itself where it names nothing with a label."""

    fact: str
    document: str  # the document's IRI
    source: str
    target: str
    source_label: str
    target_label: str
    source_href: str  # the page of the end (`href("")` when it has no label: nothing of the store)
    target_href: str
    mode: str
    election: str  # its IRI, or ''
    election_name: str
    date: str  # the document's date, or ''


def edges(snapshot: Snapshot, href: Callable[[str], str]) -> list[Edge]:
    """Every endorsement with an endorser and an endorsed, in order of date, endorser, endorsed,
    document and fact."""
    first: dict[str, dict[str, str]] = {}
    for row in select(snapshot, _EDGES):
        kept = first.setdefault(row["fact"], row)
        if kept is not row:  # another value of a role: the least of each is kept
            for name, value in row.items():
                if name not in kept or value < kept[name]:
                    kept[name] = value
    labels = data.labels_of(snapshot, {row[name] for row in first.values() for name in _LABELLED if name in row})
    dates, names = data.document_dates(snapshot), {e.iri: e.name for e in data.elections(snapshot)}
    found: list[Edge] = []
    for fact, row in first.items():
        source, target, election = row["endorser"], row["endorsed"], row.get("election", "")
        mode = row.get("mode", "")
        found.append(
            Edge(
                fact=fact,
                document=row["document"],
                source=source,
                target=target,
                source_label=labels.get(source, source),
                target_label=labels.get(target, target),
                source_href=href(source if source in labels else ""),
                target_href=href(target if target in labels else ""),
                mode=labels.get(mode, mode),
                election=election,
                election_name=names.get(election, ""),
                date=dates.get(row["document"], ""),
            )
        )
    return sorted(found, key=lambda e: (e.date, e.source_label, e.target_label, e.document, e.fact))


def chosen(edges: list[Edge], election: str, since: str, until: str) -> list[Edge]:
    """The edges of an election (any, when '') whose documents are dated within these dates."""
    return [e for e in edges if (not election or e.election == election) and within(e.date, since, until)]


def nodes(edges: Iterable[Edge]) -> list[dict[str, str]]:
    """The actors these edges join, as the network script draws them, in order of their ids."""
    found: dict[str, dict[str, str]] = {}
    for edge in edges:
        found.setdefault(edge.source, {"id": edge.source, "label": edge.source_label, "href": edge.source_href})
        found.setdefault(edge.target, {"id": edge.target, "label": edge.target_label, "href": edge.target_href})
    return [found[key] for key in sorted(found)]


def listed(snapshot: Snapshot, edges: list[Edge], href: Callable[[str], str]) -> list[dict[str, str]]:
    """These edges as the page's table lists them and the script draws them, each with its document's
    title and a link to its first evidence span in the document's page (read for these edges only)."""
    titles = data.document_titles(snapshot, {e.document for e in edges})
    anchors = looked_up(snapshot, "_first_spans", {e.fact for e in edges}, _FIRST_SPAN, _first)
    rows = []
    for e in edges:
        document, anchor = href(e.document), anchors.get(e.fact, "")
        rows.append(
            {
                "from": e.source,
                "to": e.target,
                "fromLabel": e.source_label,
                "toLabel": e.target_label,
                "fromHref": e.source_href,
                "toHref": e.target_href,
                "mode": e.mode,
                "election": e.election,
                "electionName": e.election_name,
                "date": e.date,
                "document": document + (f"#{anchor}" if anchor and document.startswith("/") else ""),
                "documentTitle": titles.get(e.document, local(e.document)),
            }
        )
    return rows


def _first(anchors: list[str]) -> str:
    """The span that starts first (and, of two, ends first)."""
    return min(anchors, key=lambda anchor: tuple(int(n) for n in anchor.split("-")[1:]))
