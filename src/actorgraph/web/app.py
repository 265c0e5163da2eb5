"""The explorer's routes and the app that joins them to the SPARQL endpoint and the static files."""

from __future__ import annotations

import contextlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from actorgraph import settings
from actorgraph.errors import ActorgraphError, QueryError
from actorgraph.queries import discover, load_query, run
from actorgraph.web import data, kept, network, records, text, views
from actorgraph.web.filters import highlight, json_script, page_at, page_of
from actorgraph.web.reads import is_iri, local
from actorgraph.web.security import SecurityHeaders
from actorgraph.web.source import Snapshot, StoreSource
from actorgraph.web.sparql import Limits, SparqlEndpoint

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
MAX_SEARCH = 200
MAX_PARAM = 1000
PAGE_ROWS = 500  # rows of a named query's table a page shows (the downloads hold them all)
PAGE_FACTS = 100  # facts of a kind an actor's page shows at a time, and stances a polity's timeline
PAGE_DOCUMENTS = 100  # documents a page lists, the newest first
# Endorsements the network page carries at most: past them, a filter is the server's and the page
# draws and lists at most this many (all 9,508 endorsements of 10,000 documents made an 8.5 MB page).
DRAWN_EDGES = 2000
EXAMPLE_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?actor ?name WHERE { GRAPH ?g { ?actor skos:prefLabel ?name } } ORDER BY ?name LIMIT 20"""


@dataclass(frozen=True)
class ServeOptions:
    store: Path
    union_default_graph: bool = False
    limits: Limits = field(default_factory=Limits)
    warm: bool = False  # read what most pages need of each generation when it is opened (`kept.warm`)


class Explorer:
    def __init__(self, source: StoreSource) -> None:
        self.source = source
        self.env = Environment(
            loader=PackageLoader("actorgraph.web", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.base = settings.DEFAULT_BASE_IRI
        self.env.filters["href"] = self.href
        self.env.filters["highlight"] = lambda span, marked=None: highlight(span, self.href, marked)
        self.env.filters["local"] = local
        self.env.filters["timeline_href"] = self.timeline_href
        self.env.filters["json_script"] = json_script

    def page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status)

    def snapshot(self) -> Snapshot:
        snapshot = self.source.snapshot()
        self.base = snapshot.base
        return snapshot

    def href(self, iri: str) -> str:
        return page_of(iri, self.base)

    def timeline_href(self, iri: str | None) -> str:
        """The recognition timeline page of a polity with an actor page."""
        page = self.href(iri or "")
        return "/recognitions/" + page[len("/actor/") :] if page.startswith("/actor/") else ""

    def not_found(self, what: str) -> HTMLResponse:
        return self.page("error.html", status=404, title="Not found", message=what)

    def home(self, request: Request) -> Response:
        snapshot = self.snapshot()
        documents = data.documents(snapshot)
        return self.page(
            "home.html",
            title="actorgraph",
            counts=data.counts(snapshot),
            elections=data.elections(snapshot),
            documents=documents[: -PAGE_DOCUMENTS - 1 : -1],  # the newest
            total=len(documents),
        )

    def documents(self, request: Request) -> Response:
        newest_first = data.documents(self.snapshot())[::-1]
        number, pages, start = page_at(request.query_params.get("page", ""), len(newest_first), PAGE_DOCUMENTS)
        return self.page(
            "documents.html",
            title="Documents",
            documents=newest_first[start : start + PAGE_DOCUMENTS],
            first=start + 1,
            total=len(newest_first),
            page=number,
            pages=pages,
        )

    def search(self, request: Request) -> Response:
        text = request.query_params.get("q", "")[:MAX_SEARCH]
        snapshot = self.snapshot()
        found = data.search(snapshot, text)
        return self.page("search.html", title=f"Search: {text}", q=text, actors=found)

    def actor(self, request: Request) -> Response:
        snapshot = self.snapshot()
        iri = snapshot.base + "actor/" + request.path_params["slug"]
        actor = data.actors(snapshot).get(iri)
        if actor is None:
            return self.not_found(f"no actor {request.path_params['slug']}")
        kinds = data.fact_kinds(snapshot, iri)
        # each kind's first facts; one kind's, a page at a time, when the page asks for it
        chosen = request.query_params.get("kind", "")
        if chosen and chosen not in kinds:
            return self.not_found(f"no {chosen[:MAX_PARAM]} facts name {actor.name}")
        asked = request.query_params.get("page", "") if chosen else ""  # every kind: their first facts
        number, pages, start = page_at(asked, len(kinds.get(chosen, ())), PAGE_FACTS)
        grouped: dict[str, list[tuple[str, records.Fact]]] = {}
        for kind in [chosen] if chosen else kinds:
            grouped[kind] = [
                (
                    ", ".join(sorted({r.name for r in fact.roles if r.iri == iri})) or "the source it is attributed to",
                    fact,
                )
                for fact in data.facts_named(snapshot, kinds[kind][start : start + PAGE_FACTS])
            ]
        return self.page(
            "actor.html",
            title=actor.name,
            actor=actor,
            kinds={kind: len(facts) for kind, facts in kinds.items()},
            grouped=grouped,
            chosen=chosen,
            page_number=number,
            pages=pages,
            start=start,
            page_size=PAGE_FACTS,
            co_mentioned=[] if chosen else data.co_mentioned(snapshot, iri),
            timeline=data.has_stances_on(snapshot, iri),
        )

    def document(self, request: Request) -> Response:
        snapshot = self.snapshot()
        iri = snapshot.base + "document/" + request.path_params["slug"]
        document = data.document(snapshot, iri)
        if document is None:
            return self.not_found(f"no document {request.path_params['slug']}")
        facts = sorted(
            data.facts(snapshot, document=iri), key=lambda f: (f.evidence[0].start if f.evidence else 0, f.iri)
        )
        kinds: dict[str, set[str]] = defaultdict(set)
        for fact in facts:
            for span in fact.evidence:
                kinds[span.anchor].add(fact.kind)
        body = None
        if document.text is not None:
            marks = [
                text.Mark(s.start, s.end, anchor=s.anchor, title=", ".join(sorted(kinds[s.anchor])))
                for s in document.spans
            ]
            marks += [text.Mark(m.start, m.end, href=self.href(m.actor)) for m in document.mentions]
            body = text.render(document.text, marks)
        return self.page("document.html", title=document.title, document=document, facts=facts, body=body)

    def election(self, request: Request) -> Response:
        snapshot = self.snapshot()
        iri = snapshot.base + "election/" + request.path_params["slug"]
        election = next((e for e in data.elections(snapshot) if e.iri == iri), None)
        if election is None:
            return self.not_found(f"no election {request.path_params['slug']}")
        rounds: dict[str, list[records.Fact]] = defaultdict(list)
        for fact in data.candidacies_in(snapshot, iri):
            round_ = fact.role("round")
            if round_ is not None and round_.iri and round_.iri.startswith(iri + "/round/"):
                rounds[round_.iri.rsplit("/", 1)[1]].append(fact)
        chart: dict[str, list[dict[str, Any]]] = {}
        for number, candidacies in sorted(rounds.items()):
            shares: dict[str, float] = {}
            for fact in candidacies:
                share, candidate = fact.role("voteShare"), fact.role("candidate")
                if share is not None and candidate is not None:
                    shares.setdefault(candidate.label, float(share.label))
            chart[number] = [{"name": n, "share": s} for n, s in sorted(shares.items(), key=lambda i: -i[1])]
        endorsements = [f for f in data.endorsements_in(snapshot, iri) if f.values("election") == [iri]]
        return self.page(
            "election.html",
            title=election.name,
            election=election,
            rounds=dict(sorted(rounds.items())),
            chart=chart,
            endorsements=endorsements,
        )

    def network(self, request: Request) -> Response:
        snapshot = self.snapshot()
        chosen = request.query_params.get("election", "")[:MAX_PARAM]
        since = request.query_params.get("from", "")[:10]
        until = request.query_params.get("until", "")[:10]
        elections = data.elections(snapshot)
        # kept for the generation, with the script's JSON of them: a filter reads and writes neither again
        edges = kept.network_edges(snapshot, self.href)
        shown = network.chosen(edges, chosen, since, until)
        listed = network.listed(snapshot, shown[:DRAWN_EDGES], self.href)
        if len(edges) <= DRAWN_EDGES:  # the script gets every edge, so it can widen a filter in place
            graph = snapshot.remember(
                "network graph",
                lambda: json_script(
                    {"nodes": network.nodes(edges), "edges": network.listed(snapshot, edges, self.href)}
                ),
            )
        else:  # too many to carry: the server filters, and the script draws this filter's edges if it can
            drawn = len(shown) <= DRAWN_EDGES
            graph = json_script(
                {"nodes": network.nodes(shown if drawn else []), "edges": listed if drawn else [], "complete": False}
            )
        return self.page(
            "network.html",
            title="Endorsement network",
            elections=elections,
            chosen=chosen,
            since=since,
            until=until,
            edges=listed,
            matching=len(shown),
            limit=DRAWN_EDGES,
            actors=len(network.nodes(shown)),
            graph=graph,
        )

    def recognitions(self, request: Request) -> Response:
        tallies = kept.recognition_tallies(self.snapshot())
        return self.page("recognitions.html", title="Recognition by polity", tallies=tallies)

    def recognition(self, request: Request) -> Response:
        snapshot = self.snapshot()
        iri = snapshot.base + "actor/" + request.path_params["slug"]
        stances = data.every_stance(snapshot, iri) if is_iri(iri) else []  # what the timeline counts
        dates = data.dates_of(snapshot, {stance.document for stance in stances})
        timeline = views.recognition_timelines(stances, dates).get(iri)
        if timeline is None:
            return self.not_found(f"no recognition stances on {request.path_params['slug']}")
        number, pages, start = page_at(request.query_params.get("page", ""), len(timeline.entries), PAGE_FACTS)
        shown, latest = timeline.entries[start : start + PAGE_FACTS], timeline.latest()
        # the whole facts (their titles and evidence) of the entries shown: a page, and each state's latest
        facts = data.facts_named(snapshot, sorted({entry.fact.iri for entry in (*shown, *latest)}))
        return self.page(
            "recognition.html",
            title=f"Recognition of {timeline.polity}",
            timeline=timeline,
            latest=views.with_facts(latest, facts),
            entries=views.with_facts(shown, facts),
            page_number=number,
            pages=pages,
            start=start,
            page_size=PAGE_FACTS,
        )

    def queries(self, request: Request) -> Response:
        return self.page("queries.html", title="Named queries", queries=discover())

    def query(self, request: Request) -> Response:
        name = request.path_params["name"]
        known = discover()
        if name not in known:
            return self.not_found(f"no named query {name}")
        query = load_query(name)
        values = {
            p.name: request.query_params[p.name][:MAX_PARAM] for p in query.parameters if p.name in request.query_params
        }
        result, error = None, None
        if "run" in request.query_params:
            snapshot = self.snapshot()
            try:  # kept, so that its pages and downloads do not run it again
                key = (name, tuple(sorted(values.items())))
                result = snapshot.remember_recent("query results", key, lambda: run(query, values, snapshot.store))
            except (QueryError, ActorgraphError) as failure:
                error = str(failure)
        fmt = request.query_params.get("format", "")
        if result is not None and fmt in ("csv", "json"):
            media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
            disposition = f'attachment; filename="{name}.{fmt}"'
            return Response(result.render(fmt), media_type=media, headers={"Content-Disposition": disposition})
        status = 400 if error else 200
        total = len(result.terms) if result is not None else 0
        page, pages, start = page_at(request.query_params.get("page", ""), total, PAGE_ROWS)
        shown = [
            tuple(None if t is None else t.value for t in row)
            for row in (result.terms[start : start + PAGE_ROWS] if result is not None else ())
        ]
        return self.page(
            "query.html",
            status=status,
            title=query.title,
            query=query,
            values=values,
            result=result,
            error=error,
            rows=shown,
            first=start + 1,
            page=page,
            pages=pages,
        )


def _guard(explorer: Explorer, handler: Callable[[Request], Response]) -> Callable[[Request], Awaitable[Response]]:
    """The page in a worker thread (store reads block), with store and address errors as pages."""

    async def guarded(request: Request) -> Response:
        try:
            return await run_in_threadpool(handler, request)
        except ActorgraphError as error:
            log.warning("%s", error)
            return explorer.page("error.html", status=503, title="No store", message=str(error))
        except ValueError as error:  # an address that is no valid IRI
            return explorer.page("error.html", status=404, title="Not found", message=str(error))

    return guarded


def create_app(options: ServeOptions) -> ASGIApp:
    source = StoreSource(options.store)
    explorer = Explorer(source)
    if options.warm:
        source.warm = partial(kept.warm, href=explorer.href)
    endpoint = SparqlEndpoint(source, options.limits, options.union_default_graph)

    async def sparql(request: Request) -> Response:
        browsing = "text/html" in request.headers.get("accept", "")
        if request.method == "GET" and browsing and not request.query_params:
            return explorer.page("sparql.html", title="SPARQL endpoint", example=EXAMPLE_QUERY)
        try:
            return await endpoint(request)
        except ActorgraphError as error:
            return PlainTextResponse(f"{error}\n", status_code=503)

    pages = [
        ("/", explorer.home),
        ("/search", explorer.search),
        ("/documents", explorer.documents),
        ("/actor/{slug:path}", explorer.actor),
        ("/document/{slug:path}", explorer.document),
        ("/election/{slug:path}", explorer.election),
        ("/network", explorer.network),
        ("/recognitions", explorer.recognitions),
        ("/recognitions/{slug:path}", explorer.recognition),
        ("/queries", explorer.queries),
        ("/queries/{name}", explorer.query),
    ]
    routes: list[BaseRoute] = [
        Route(path, _guard(explorer, handler), methods=["GET", "HEAD"]) for path, handler in pages
    ]
    routes.append(Route("/sparql", sparql, methods=["GET", "POST"]))
    routes.append(Mount("/static", StaticFiles(directory=STATIC, follow_symlink=False), name="static"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if options.warm:  # the published generation opened (and warmed) now, not at the first request
            with contextlib.suppress(ActorgraphError, OSError):  # no store yet: the pages say so
                source.snapshot()
        try:
            yield
        finally:
            endpoint.close()  # stop the query workers with the server

    return SecurityHeaders(Starlette(routes=routes, lifespan=lifespan))


def serve(options: ServeOptions, host: str, port: int) -> None:
    import uvicorn

    app = create_app(options)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, limit_concurrency=64)
