"""The SPARQL 1.1 Protocol endpoint: queries only, content negotiation, a time and a size limit.

GET /sparql?query=..., POST form (query=...) and POST application/sparql-query are answered;
updates (POST update=... or application/sparql-update, or an update sent as a query) get 403.
The store is opened read-only, so no request can write whatever it says. Queries run in
worker processes (web/workers.py), at most `workers` at once; one that runs past the time
limit has its process killed. Results are serialised by pyoxigraph into a bounded buffer.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import IO, Any, cast
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from actorgraph.web.source import StoreSource
from actorgraph.web.workers import WorkerPool

log = logging.getLogger(__name__)

RESULT_TYPES: dict[str, tuple[str, ox.QueryResultsFormat]] = {
    "application/sparql-results+json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "application/json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "application/sparql-results+xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "application/xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "text/csv": ("text/csv", ox.QueryResultsFormat.CSV),
    "text/tab-separated-values": ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
}
GRAPH_TYPES: dict[str, tuple[str, ox.RdfFormat]] = {
    "text/turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "application/n-triples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "application/ld+json": ("application/ld+json", ox.RdfFormat.JSON_LD),
}
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
# A comment runs from '#' to the line's end, unless the '#' is inside an IRI or a string.
_COMMENT = re.compile(r"""(<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|#[^\n]*""")


def _without_comments(text: str) -> str:
    return _COMMENT.sub(lambda match: match.group(1) or " ", text)


@dataclass(frozen=True)
class Limits:
    """Bounds on one request: the query text, the serialised result, the time it may take."""

    query_bytes: int = 100_000
    result_bytes: int = 20_000_000
    seconds: float = 10.0
    workers: int = 2


class TooLarge(OSError):
    pass


class TooSlow(OSError):
    pass


class _BoundedBuffer:
    """A write target for pyoxigraph that stops the serialisation past the size or the deadline."""

    def __init__(self, limit: int, deadline: float) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit
        self.deadline = deadline

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge(f"the result is larger than {self.limit} bytes: add LIMIT or narrow the query")
        if time.monotonic() > self.deadline:
            raise TooSlow("the query ran past the time limit")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def negotiate(accept: str, offered: dict[str, tuple[str, Any]]) -> tuple[str, Any] | None:
    """The offered type the Accept header prefers (q values honoured; the first offered for */*)."""
    default = next(iter(offered.values()))
    if not accept.strip():
        return default
    choices: list[tuple[float, int, tuple[str, Any]]] = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = media.lower()
        if quality <= 0:
            continue
        if media in offered:
            choices.append((quality, -position, offered[media]))
        elif media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            match = next((v for k, v in offered.items() if prefix == "*" or k.startswith(prefix + "/")), None)
            if match is not None:
                choices.append((quality - 0.0001, -position, match))
    if not choices:
        return None
    return max(choices, key=lambda choice: (choice[0], choice[1]))[2]


def _error(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


class SparqlEndpoint:
    """The /sparql route; one per app, sharing the store source with the explorer."""

    def __init__(self, source: StoreSource, limits: Limits, union_default_graph: bool = False) -> None:
        self.source = source
        self.limits = limits
        self.union = union_default_graph
        self.pool = WorkerPool(execute, limits.workers, preload=(__name__,))

    def close(self) -> None:
        self.pool.close()

    async def __call__(self, request: Request) -> Response:
        if request.method not in ("GET", "POST"):
            return _error(405, "the SPARQL endpoint answers GET and POST")
        parsed = await self._read(request)
        if isinstance(parsed, Response):
            return parsed
        text, default_graphs, named_graphs = parsed
        if _UPDATE.match(_without_comments(text)):
            return _error(403, "this endpoint is read-only: SPARQL Update is refused")
        snapshot = self.source.snapshot()
        job = Job(
            database=str(snapshot.generation / "oxigraph"),
            text=text,
            default_graphs=tuple(default_graphs),
            named_graphs=tuple(named_graphs),
            union=self.union,
            accept=request.headers.get("accept", ""),
            result_bytes=self.limits.result_bytes,
            seconds=self.limits.seconds,
        )
        answer = await self.pool.run(job, self.limits.seconds)
        if answer is None:
            return _error(503, f"the query ran past the time limit of {self.limits.seconds:g} s")
        status, media, body = answer
        headers = {"Cache-Control": "no-store", "Vary": "Accept"}
        return Response(body, status_code=status, media_type=media, headers=headers)

    async def _read(self, request: Request) -> tuple[str, list[str], list[str]] | Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limits.query_bytes:
            return _error(413, f"the request is larger than {self.limits.query_bytes} bytes")
        if request.method == "GET":
            params = request.query_params
            if "update" in params:
                return _error(403, "this endpoint is read-only: SPARQL Update is refused")
            text = params.get("query")
        elif content_type == "application/sparql-update":
            return _error(403, "this endpoint is read-only: SPARQL Update is refused")
        elif content_type == "application/sparql-query":
            body = await self._body(request)
            if body is None:
                return _error(413, f"the request is larger than {self.limits.query_bytes} bytes")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return _error(400, "the query is not UTF-8")
            params = request.query_params
        elif content_type == "application/x-www-form-urlencoded":
            body = await self._body(request)
            if body is None:
                return _error(413, f"the request is larger than {self.limits.query_bytes} bytes")
            form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                return _error(403, "this endpoint is read-only: SPARQL Update is refused")
            text = form.get("query", [None])[0]
            default, named = form.get("default-graph-uri", []), form.get("named-graph-uri", [])
            if text is None or not text.strip():
                return _error(400, "no query: send query=... (SPARQL 1.1 Protocol)")
            return text, default, named
        else:
            return _error(
                415, f"unsupported content type {content_type or '(none)'}: send a form or application/sparql-query"
            )
        if text is None or not text.strip():
            return _error(400, "no query: send query=... (SPARQL 1.1 Protocol)")
        if len(text.encode("utf-8")) > self.limits.query_bytes:
            return _error(413, f"the query is longer than {self.limits.query_bytes} bytes")
        return text, params.getlist("default-graph-uri"), params.getlist("named-graph-uri")

    async def _body(self, request: Request) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.limits.query_bytes:
                return None
            chunks.append(chunk)
        body = b"".join(chunks)
        return body


@dataclass(frozen=True)
class Job:
    """One query for a worker process: everything it needs, and nothing it could not pickle."""

    database: str
    text: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    union: bool
    accept: str
    result_bytes: int
    seconds: float


_open: dict[str, ox.Store] = {}  # in a worker: the store of the generation it last read


def execute(job: Job) -> tuple[int, str, bytes]:
    """Run a query and serialise its result as negotiated: (status, media type, body)."""
    deadline = time.monotonic() + job.seconds
    if job.database not in _open:
        _open.clear()
        _open[job.database] = ox.Store.read_only(job.database)
    store = _open[job.database]
    options: dict[str, Any] = {}
    try:
        if job.default_graphs:
            options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
        elif job.union:
            options["use_default_graph_as_union"] = True
        if job.named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    except ValueError as error:
        return 400, "text/plain", f"bad graph IRI: {error}\n".encode()
    try:
        result = store.query(job.text, **options)
    except SyntaxError as error:
        return 400, "text/plain", f"SPARQL syntax error: {' '.join(str(error).split())}\n".encode()
    except (OSError, RuntimeError, ValueError) as error:
        return 500, "text/plain", f"the query failed: {' '.join(str(error).split())}\n".encode()
    offered: dict[str, tuple[str, Any]]
    offered = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULT_TYPES
    chosen = negotiate(job.accept, offered)
    if chosen is None:
        names = ", ".join(dict.fromkeys(media for media, _ in offered.values()))
        return 406, "text/plain", f"cannot answer in the accepted types; this result comes as {names}\n".encode()
    media, fmt = chosen
    buffer = _BoundedBuffer(job.result_bytes, deadline)
    try:
        result.serialize(cast(IO[bytes], buffer), fmt)
    except TooLarge as error:
        return 413, "text/plain", f"{error}\n".encode()
    except TooSlow:
        return 503, "text/plain", f"the query ran past the time limit of {job.seconds:g} s\n".encode()
    except (OSError, RuntimeError, ValueError) as error:
        return 500, "text/plain", f"the query failed: {' '.join(str(error).split())}\n".encode()
    if media.startswith("text/"):
        media += "; charset=utf-8"
    return 200, media, b"".join(buffer.parts)
