"""Network views of the graph (networkx is used here and in analysis_pictures, nowhere else): who
backs whom, who belongs where, who is mentioned together, who recognises whom; with metrics,
files and pictures (analysis_pictures).

The edges come from SPARQL files in queries/analysis/; time slicing keeps documents
published up to a date; an election filter keeps one election's endorsements.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from actorgraph import settings
from actorgraph.analysis_pictures import SEED, draw_endorsements, draw_vote_shares
from actorgraph.errors import InputError
from actorgraph.queries import QueryResult, parse_query_file, run
from actorgraph.settings import output_directory
from actorgraph.store import open_read_only


@dataclass(frozen=True)
class Networks:
    endorsement: nx.MultiDiGraph
    membership: nx.Graph
    comention: nx.Graph
    recognition: nx.MultiDiGraph
    vote_shares: QueryResult

    def items(self) -> list[tuple[str, nx.Graph]]:
        return [
            ("endorsement", self.endorsement),
            ("membership", self.membership),
            ("comention", self.comention),
            ("recognition", self.recognition),
        ]


def _analysis_query(name: str, database: ox.Store) -> list[dict[str, str | None]]:
    query = parse_query_file(settings.queries_dir() / "analysis" / f"{name}.rq")
    return run(query, {}, database).text_records()


def _kept(row: dict[str, str | None], until: str | None) -> bool:
    if until is None:
        return True
    published = row.get("published")
    return published is not None and published[: len(until)] <= until


def _check_until(until: str | None) -> None:
    """--until must be a real date: YYYY, YYYY-MM or YYYY-MM-DD (a typo would silently keep everything)."""
    if until is None:
        return
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", until)
    try:
        if match is None:
            raise ValueError(until)
        year, month, day = match.groups()
        date.fromisoformat(f"{year}-{month or '01'}-{day or '01'}")
    except ValueError:
        raise InputError("--until", f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {until!r}") from None


def _matches_election(value: str | None, election: str | None) -> bool:
    if election is None:
        return True
    if value is None:
        return False
    key = re.sub(r"[^a-z0-9]+", "-", election.lower()).strip("-")
    return value == election or re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") == key


def networks(
    store: str | Path | ox.Store | None = None, election: str | None = None, until: str | None = None
) -> Networks:
    """The four projections, optionally for one election and for documents published up to `until`."""
    _check_until(until)
    database = store if isinstance(store, ox.Store) else open_read_only(Path(store or ".actorgraph/store"))
    endorsement = nx.MultiDiGraph()
    elections: set[str] = set()
    for row in _analysis_query("endorsement-edges", database):
        elections.add(row["election"] or "")
        if not _kept(row, until) or not _matches_election(row["election"], election):
            continue
        _node(endorsement, row["endorser"], row["endorser_name"], row["endorser_type"])
        _node(endorsement, row["endorsed"], row["endorsed_name"], row["endorsed_type"])
        endorsement.add_edge(
            row["endorser"],
            row["endorsed"],
            relation="endorsement",
            mode=row["mode"],
            election=row["election"] or "",
            document=row["document"],
            fact=row["fact"],
        )
    membership = nx.Graph()
    for row in _analysis_query("membership-edges", database):
        if not _kept(row, until):
            continue
        _node(membership, row["person"], row["person_name"], "Person")
        _node(membership, row["organization"], row["organization_name"], row["organization_type"])
        _add_weighted(
            membership,
            row["person"],
            row["organization"],
            row["document"],
            fact=row["fact"],
            relation="membership",
            role=row["role"] or "member",
        )
    comention = nx.Graph()
    by_document: dict[str, list[str]] = defaultdict(list)
    for row in _analysis_query("mentions", database):
        if not _kept(row, until):
            continue
        _node(comention, row["actor"], row["actor_name"], row["actor_type"])
        by_document[str(row["document"])].append(str(row["actor"]))
    for document, actors in sorted(by_document.items()):
        for a, b in combinations(sorted(set(actors)), 2):
            _add_weighted(comention, a, b, document, relation="co-mention")
    recognition = nx.MultiDiGraph()
    for row in _analysis_query("recognition-edges", database):
        if not _kept(row, until):
            continue
        _node(recognition, row["state"], row["state_name"], "State")
        _node(recognition, row["polity"], row["polity_name"], "State")
        recognition.add_edge(
            row["state"],
            row["polity"],
            relation="recognition",
            stance=row["stance"],
            date=row["date"] or "",
            document=row["document"],
            fact=row["fact"],
        )
    shares = run(parse_query_file(settings.queries_dir() / "analysis" / "vote-shares.rq"), {}, database)
    elections.update(str(r[0]) for r in shares.rows if r[0])
    if election is not None and not any(_matches_election(known, election) for known in elections if known):
        named = ", ".join(sorted(e for e in elections if e)[:5]) or "none"
        raise InputError("--election", f"no election {election!r} in the store (some there: {named})")
    rows = tuple(
        terms
        for r, terms in zip(shares.rows, shares.terms, strict=True)
        if _kept(dict(zip(shares.columns, r, strict=True)), until) and _matches_election(r[0], election)
    )
    for graph in (endorsement, membership, comention, recognition):
        add_metrics(graph)
    return Networks(endorsement, membership, comention, recognition, QueryResult(shares.columns, rows))


def _node(graph: nx.Graph, iri: str | None, name: str | None, kind: str | None) -> None:
    if iri is not None and iri not in graph:
        graph.add_node(iri, label=name or iri, type=kind or "")


def _add_weighted(
    graph: nx.Graph, a: str | None, b: str | None, document: str | None, fact: str | None = None, **attributes: str
) -> None:
    """One edge per pair, weighted by its documents; `fact` IRIs are kept `|`-joined."""
    if graph.has_edge(a, b):
        data = graph[a][b]
        documents = set(data["documents"].split("|")) | {document or ""}
        data.update(documents="|".join(sorted(documents)), weight=len(documents))
        if fact:
            data["fact"] = "|".join(sorted(set(filter(None, data.get("fact", "").split("|"))) | {fact}))
    else:
        graph.add_edge(a, b, documents=document or "", weight=1, **({"fact": fact} if fact else {}), **attributes)


def add_metrics(graph: nx.Graph) -> None:
    """Degree, PageRank, betweenness and a Louvain community on every node, as flat attributes."""
    if graph.number_of_nodes() == 0:
        return
    simple = nx.DiGraph(graph) if graph.is_directed() else nx.Graph(graph)
    pagerank = nx.pagerank(simple)
    betweenness = nx.betweenness_centrality(simple)
    communities = nx.community.louvain_communities(simple.to_undirected(), seed=SEED)
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    community = {node: number for number, members in enumerate(ordered) for node in members}
    for node in graph.nodes:
        data = graph.nodes[node]
        data["degree"] = graph.degree(node)
        if graph.is_directed():
            data["in_degree"] = graph.in_degree(node)
            data["out_degree"] = graph.out_degree(node)
        data["pagerank"] = round(pagerank[node], 6)
        data["betweenness"] = round(betweenness[node], 6)
        data["community"] = community[node]


# --- files ---------------------------------------------------------------------------------------


def node_table(graph: nx.Graph) -> str:
    columns = ["node", "label", "type", "degree", "in_degree", "out_degree", "pagerank", "betweenness", "community"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for node in sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("pagerank", 0), str(n))):
        data = graph.nodes[node]
        writer.writerow([node, *(data.get(c, "") for c in columns[1:])])
    return buffer.getvalue()


def edge_table(graph: nx.Graph) -> str:
    rows = []
    for a, b, data in graph.edges(data=True):
        rows.append(
            [
                a,
                graph.nodes[a]["label"],
                b,
                graph.nodes[b]["label"],
                *(
                    str(data.get(k, ""))
                    for k in ("mode", "stance", "role", "election", "weight", "document", "documents", "fact")
                ),
            ]
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "source",
            "source_label",
            "target",
            "target_label",
            "mode",
            "stance",
            "role",
            "election",
            "weight",
            "document",
            "documents",
            "fact",
        ]
    )
    writer.writerows(sorted(rows))
    return buffer.getvalue()


def write_outputs(result: Networks, out: Path) -> list[Path]:
    from actorgraph.export import network_bytes

    output_directory(out)
    written: list[Path] = []
    for name, graph in result.items():
        graphml, gexf = out / f"{name}.graphml", out / f"{name}.gexf"
        graphml.write_bytes(network_bytes(graph, "graphml"))
        gexf.write_bytes(network_bytes(graph, "gexf"))
        (out / f"{name}-nodes.csv").write_text(node_table(graph), encoding="utf-8")
        (out / f"{name}-edges.csv").write_text(edge_table(graph), encoding="utf-8")
        written += [graphml, gexf, out / f"{name}-nodes.csv", out / f"{name}-edges.csv"]
    (out / "vote-shares.csv").write_text(result.vote_shares.to_csv(), encoding="utf-8")
    written.append(out / "vote-shares.csv")
    written.append(draw_endorsements(result.endorsement, out / "endorsement-network.png"))
    written.append(draw_vote_shares(result.vote_shares, out / "vote-shares.png"))
    return written


def summary(result: Networks) -> Iterable[str]:
    for name, graph in result.items():
        top = sorted(graph.nodes, key=lambda n: -graph.nodes[n].get("pagerank", 0))[:3]
        names = ", ".join(graph.nodes[n]["label"] for n in top) or "none"
        yield f"{name}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; top by PageRank: {names}"
