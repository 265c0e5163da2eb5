"""Bulk push into Virtuoso: the store's quads as N-Quads shards in a folder the server reads,
loaded by Virtuoso's own bulk loader (`ld_dir` + `rdf_loader_run()` + `checkpoint`, through isql-vt).

The bulk loader is used when isql-vt is installed, the server's SQL port answers, the load folder
is writable, and the server reads back a probe file written there (so it runs on this machine, or
shares the folder at the same path, and the folder is in its DirsAllowed). Otherwise the push of
remote.py runs (Graph Store Protocol, else SPARQL Update) after a logged warning saying why.

Replace (the default) first clears each graph of the store that the server holds, so pushing
twice leaves the same data; graphs on the server that the store does not have are left alone, as
push does. The shards are loaded as they are written (`ld_add` + `rdf_loader_run()` per shard,
streamed to one isql session), so Virtuoso loads one while the next is written; one `checkpoint`
ends the load. Each isql call gets its SQL on standard input (never in a command line) and a time
limit; the password is only in isql-vt's arguments and is never logged. Afterwards the shard folder
and its rows in DB.DBA.LOAD_LIST are removed, and each graph's count is verified as push verifies it.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from actorgraph.remote import METHODS, Client, PushReport, RemoteError, Server, push, split_quad, verify_counts
from actorgraph.store import published_nquads

log = logging.getLogger(__name__)

ISQL = "isql-vt"  # Debian's name for Virtuoso's interactive SQL client
SHARD_QUADS = 250_000  # lines per shard file, about; a graph is never split between files
SHARD_SUFFIX = ".nq"  # plain N-Quads: 7.2.5 loads .nq.gz too, but leaves its LOAD_LIST row at ll_state 1
FOLDER_PREFIX = "actorgraph-push-"  # one fresh folder per push under the load folder
PROBE = "probe.txt"  # written by us, read back by the server through isql
# ld_dir() names a graph for triples without one; the shards hold named-graph quads only
UNUSED_DEFAULT_GRAPH = "urn:actorgraph:bulk-default-graph"
MARK = "actorgraph-row"  # starts each row we parse out of isql's tabular output
LOADED = 2  # DB.DBA.LOAD_LIST.ll_state of a file the loader has finished
PROBE_SECONDS = 60.0  # time limit of the isql calls that do not load


@dataclass(frozen=True)
class Loader:
    """Where Virtuoso's bulk loader is reached: its SQL port, and a folder both sides read."""

    address: str | None  # HOST:PORT of the SQL (isql) port
    load_dir: Path | None  # a folder the server may read (in its DirsAllowed), at the same path on both sides
    user: str = "dba"  # a new Virtuoso database's administrator and password
    password: str = "dba"
    isql: str = ISQL
    timeout: float = 3600.0  # seconds the isql call that loads may take


@dataclass
class Shards:
    """N-Quads files written for the loader and the triples per graph they hold."""

    files: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def triples(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class LoadRow:
    """One file's row of DB.DBA.LOAD_LIST."""

    file: str
    state: int
    error: str


class IsqlError(RemoteError):
    """isql-vt reported an error: `code` is Virtuoso's (FA003, CL034...)."""

    def __init__(self, what: str, code: str, problem: str) -> None:
        super().__init__(f"{what}: {code}: {problem}")
        self.code, self.problem = code, problem


# --- the pieces that need no server -----------------------------------------------------------------


def shard_files(
    lines: Iterable[str], folder: Path, counts: dict[str, int], size: int = SHARD_QUADS
) -> Iterator[tuple[Path, list[str]]]:
    """The named-graph quads of canonical N-Quads lines (each graph one run) in files of about `size`
    lines, each yielded once written with the graphs it is the first to hold; `counts` gets the
    triples per graph. A graph is never split between files (blank node labels are scoped to a file);
    other lines are left out, as push does."""
    part: list[str] = []
    first: list[str] = []
    number = 0
    for graph, run in groupby(lines, key=lambda line: split_quad(line)[1]):
        if graph is None:
            continue
        if len(part) >= size:
            yield _write_part(folder, number, part), first
            number, part, first = number + 1, [], []
        before = len(part)
        part.extend(run)
        if graph not in counts:
            first.append(graph)
        counts[graph] = counts.get(graph, 0) + len(part) - before
    if part:
        yield _write_part(folder, number, part), first


def _write_part(folder: Path, number: int, part: list[str]) -> Path:
    path = folder / f"part-{number:05d}{SHARD_SUFFIX}"
    path.write_bytes(("\n".join(part) + "\n").encode("utf-8"))
    return path


def write_shards(lines: Iterable[str], folder: Path, size: int = SHARD_QUADS) -> Shards:
    """All the shards of `shard_files`, written at once (for loading by hand, and for tests)."""
    shards = Shards()
    shards.files = [path for path, _graphs in shard_files(lines, folder, shards.counts, size)]
    return shards


def sql_string(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def clear_script(graphs: Iterable[str]) -> str:
    """SQL that empties each graph (replace semantics), one statement per graph. Without the transaction
    log (log-enable 3), like the loader itself: about twice as fast, and the checkpoint after the load
    makes both durable."""
    return "".join(f"SPARQL DEFINE sql:log-enable 3 CLEAR GRAPH <{graph}>;\n" for graph in graphs)


def graphs_script() -> str:
    """SQL listing the graphs the server holds (from the quads' distinct graph ids: fast)."""
    return f"SELECT concat('{MARK} ', id_to_iri(G)) FROM (SELECT DISTINCT G FROM DB.DBA.RDF_QUAD) AS graphs;\n"


def parse_graphs(output: str) -> set[str]:
    return {line[len(MARK) + 1 :].rstrip() for line in output.splitlines() if line.startswith(MARK + " ")}


def probe_script(probe: Path) -> str:
    return f"SELECT concat('{MARK} ', file_to_string({sql_string(str(probe))}));\n"


def shard_script(path: Path) -> str:
    """Register one shard and load it (with whatever else is waiting in LOAD_LIST)."""
    return f"ld_add({sql_string(str(path))}, {sql_string(UNUSED_DEFAULT_GRAPH)});\nrdf_loader_run();\n"


def finish_script(files: Sequence[Path]) -> str:
    """Make the load durable, then read and forget the shards' LOAD_LIST rows."""
    if not files:
        return "checkpoint;\n"
    mine = "ll_file IN (" + ", ".join(sql_string(str(path)) for path in files) + ")"
    row = f"concat('{MARK}', chr(9), cast(ll_state AS VARCHAR), chr(9), ll_file, chr(9), coalesce(ll_error, ''))"
    return (
        f"checkpoint;\nSELECT {row} FROM DB.DBA.LOAD_LIST WHERE {mine};\nDELETE FROM DB.DBA.LOAD_LIST WHERE {mine};\n"
    )


def stale_rows_script(load_dir: Path) -> str:
    """Forget rows that killed pushes registered and never loaded, or rdf_loader_run() would try them."""
    prefix = sql_string(str(load_dir / FOLDER_PREFIX))
    return f"DELETE FROM DB.DBA.LOAD_LIST WHERE ll_state = 0 AND starts_with(ll_file, {prefix});\n"


def parse_load_list(output: str) -> list[LoadRow]:
    rows = []
    for line in output.splitlines():
        if line.startswith(MARK + "\t"):
            fields = line.rstrip().split("\t", 3)
            rows.append(LoadRow(fields[2], int(fields[1]), fields[3] if len(fields) > 3 else ""))
    return rows


def check_load_list(rows: Sequence[LoadRow], files: Sequence[Path]) -> None:
    """A RemoteError naming the first shard that failed or was not loaded, with Virtuoso's words."""
    by_file = {row.file: row for row in rows}
    for path in files:
        row = by_file.get(str(path))
        if row is None:
            raise RemoteError(f"bulk load of {path.name}: the loader did not register it")
        if row.error:
            raise RemoteError(f"bulk load of {path.name}: {loader_problem(row.error)}")
        if row.state != LOADED:
            raise RemoteError(f"bulk load of {path.name}: not loaded (LOAD_LIST state {row.state})")


def loader_problem(error: str) -> str:
    """'37000 [Vectorized Turtle loader] SP029: NQuads RDF loader, line 2: ...' as 'SP029: ... line 2: ...'."""
    return re.sub(r"^\S+ \[[^\]]*\] ", "", " ".join(error.split()))


def isql_error(what: str, output: str) -> IsqlError | None:
    """The first `*** Error` of isql-vt's output (it exits 0 when a statement fails)."""
    found = re.search(r"^\*\*\* Error [^:]*: (?:\[[^\]]*\])*(\w+): (.*)$", output, re.M)
    return IsqlError(what, found.group(1), found.group(2).strip()) if found else None


def split_address(address: str) -> tuple[str, int]:
    host, colon, port = address.rpartition(":")
    if not colon or not host or not port.isdigit():
        raise RemoteError(f"isql address {address!r}: expected HOST:PORT")
    return host.strip("[]"), int(port)


def unavailable(loader: Loader, connect_seconds: float = 3.0) -> str | None:
    """Why the bulk loader cannot be used from here, judged without the server's help; None if it may be."""
    if not loader.address:
        return "no isql address: --isql HOST:PORT or ACTORGRAPH_ISQL"
    if loader.load_dir is None:
        return "no load folder: --load-dir DIR or ACTORGRAPH_LOAD_DIR"
    if shutil.which(loader.isql) is None:
        return f"{loader.isql} not found on PATH"
    try:
        with socket.create_connection(split_address(loader.address), timeout=connect_seconds):
            pass
    except OSError as error:
        return f"nothing answers at {loader.address}: {error.strerror or error}"
    if not (loader.load_dir.is_dir() and os.access(loader.load_dir, os.W_OK | os.X_OK)):
        return f"{loader.load_dir} is not a folder we can write"
    return None


# --- isql -----------------------------------------------------------------------------------------


def isql(loader: Loader, sql: str | Iterable[str], what: str, timeout: float) -> str:
    """Run SQL through one isql-vt session, on its standard input; its output, or a RemoteError naming
    `what`. SQL given as pieces is sent piece by piece as the iterable produces them, so the producer
    may work (write the next shard) while the server runs what it was sent."""
    assert loader.address is not None
    shown = f"{loader.isql} {loader.address} {loader.user} ****"  # never the password
    what = f"{what} (isql {loader.address}, user {loader.user})"
    log.debug("%s: %s", what, shown)
    pieces = [sql] if isinstance(sql, str) else sql
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        try:
            process = subprocess.Popen(
                [loader.isql, loader.address, loader.user, loader.password],
                stdin=subprocess.PIPE,
                stdout=out,
                stderr=err,
                text=True,
                encoding="utf-8",
            )
        except OSError as error:
            raise RemoteError(f"{what}: {loader.isql} could not run: {error}") from None
        assert process.stdin is not None
        try:
            try:
                for piece in pieces:
                    process.stdin.write(piece)
                    process.stdin.flush()
                process.stdin.close()
            except BrokenPipeError:  # isql left early (a bad login): its output says why
                pass
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise RemoteError(f"{what}: no answer within {timeout:g} s") from None
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        out.seek(0)
        err.seek(0)
        output, errors = out.read(), err.read()
    failure = isql_error(what, output + "\n" + errors)
    if failure:
        raise failure
    if process.returncode:
        raise RemoteError(f"{what}: {loader.isql} exited with {process.returncode}: {' '.join(errors.split())[:200]}")
    return output


def server_reads(loader: Loader, folder: Path) -> str | None:
    """None when the server reads what we write in `folder`; else why not (another machine, DirsAllowed)."""
    token = secrets.token_hex(16)
    (folder / PROBE).write_text(token, encoding="utf-8")
    try:
        output = isql(loader, probe_script(folder / PROBE), "probing the load folder", PROBE_SECONDS)
    except IsqlError as error:
        if error.code.startswith("FA"):  # FA003 access denied (DirsAllowed), FA005 cannot open (not there)
            return f"the server cannot read {folder.parent}: {error.code}: {error.problem}"
        if error.code == "CL033":  # connect failed: the port closed since we looked
            return f"nothing answers at {loader.address}: {error.problem}"
        raise
    if f"{MARK} {token}" not in output:
        return f"the server reads another {folder.parent} (not this machine's, nor a shared folder)"
    return None


# --- the push -------------------------------------------------------------------------------------


def push_bulk(
    store: Path,
    server: Server,
    loader: Loader,
    replace: bool = True,
    size: int = SHARD_QUADS,
    progress: Callable[[str], None] | None = None,
) -> PushReport:
    """Load every named graph of the store with Virtuoso's bulk loader, else push it over the protocols."""
    why = unavailable(loader)
    folder: Path | None = None
    lines: list[str] = []
    if why is None:
        assert loader.load_dir is not None
        lines = published_nquads(store)  # an unbuilt store fails here, before anything is written
        folder = loader.load_dir.resolve() / f"{FOLDER_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            folder.mkdir()
            why = server_reads(loader, folder)
        except OSError as error:
            why = f"cannot write in {loader.load_dir}: {error.strerror or error}"
        finally:
            if why is not None:
                shutil.rmtree(folder, ignore_errors=True)
    if why is not None:
        method = "graph-store" if server.graph_store else "update"
        log.warning("bulk loader unavailable (%s): pushing over %s", why, METHODS[method])
        report = push(store, server, replace=replace, progress=progress)
        report.fallback = why
        return report
    assert folder is not None and loader.load_dir is not None
    shards = Shards()
    try:
        started = time.monotonic()
        prepare = stale_rows_script(loader.load_dir.resolve()) + (graphs_script() if replace else "")
        held = parse_graphs(isql(loader, prepare, "listing the server's graphs", PROBE_SECONDS))

        def statements() -> Iterator[str]:
            for path, graphs in shard_files(lines, folder, shards.counts, size):
                shards.files.append(path)
                if replace:  # the graphs this shard is the first to hold, where the server has them
                    yield clear_script(graph for graph in graphs if graph in held)
                yield shard_script(path)
            yield finish_script(shards.files)

        output = isql(loader, statements(), "bulk loading", loader.timeout)
        check_load_list(parse_load_list(output), shards.files)
        seconds = time.monotonic() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if progress:
        progress(f"loaded {shards.triples} quads of {len(shards.counts)} graphs in {len(shards.files)} shards")
    report = PushReport(len(shards.counts), shards.triples, seconds, "bulk-loader")
    report.verified = verify_counts(Client(server), shards.counts, replace)
    return report
