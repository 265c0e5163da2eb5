"""Live SPARQL servers: push, idempotence, failures, and the same rows as the embedded store.

Virtuoso is started by scripts/triplestore (installed from Debian if missing); Oxigraph
server comes with the test extra. When a server cannot be started the tests are skipped
with the reason, never silently passed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import requests

from actorgraph.queries import discover, load_query, run
from actorgraph.remote import RemoteError, Server, push, remote_query

from .conftest import ROOT, scratch
from .remote_helpers import free_port, normalised, parameters, private_virtuoso, store

pytestmark = pytest.mark.server


# --- servers -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live_virtuoso() -> Iterator[tuple[Server, dict[str, str]]]:
    with private_virtuoso() as virtuoso:
        yield virtuoso.server, virtuoso.environment


@pytest.fixture(scope="module")
def virtuoso(live_virtuoso) -> Server:
    return live_virtuoso[0]


@pytest.fixture(scope="module")
def oxigraph_server() -> Iterator[Server]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    home = str(scratch("actorgraph-oxigraph-"))
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", home, "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if requests.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1).ok:
                break
        except requests.ConnectionError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.skip("Oxigraph server did not answer")
    try:
        yield Server(f"{base}/query", graph_store=f"{base}/store", update=f"{base}/update", retries=3, backoff=0.2)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)


# --- both servers ----------------------------------------------------------------------------------


@pytest.fixture(params=["virtuoso", "oxigraph_server"])
def server(request) -> Server:
    return request.getfixturevalue(request.param)


def test_push_loads_every_graph_and_verifies_counts(server):
    report = push(store(), server)
    assert report.graphs == 7 and report.triples > 2000
    assert sum(report.verified.values()) == report.triples


def test_every_named_query_gives_the_same_rows_as_the_embedded_store(server):
    push(store(), server)
    checked = 0
    for name, query in discover().items():
        local = run(query, parameters(name), store())
        remote = remote_query(query, parameters(name), server.endpoint, server.user, server.password)
        assert remote.columns == local.columns, name
        assert normalised(remote.rows) == normalised(local.rows), name
        checked += 1
    assert checked == len(discover()) >= 15
    assert run(load_query("conflicting-reports"), {}, store()).rows, "the comparison covers a query with rows"


def test_pushing_twice_doubles_nothing(server):
    first = push(store(), server)
    second = push(store(), server)
    assert first.verified == second.verified
    client_total = remote_query(load_query("persons"), {}, server.endpoint, server.user, server.password)
    assert len(client_total.rows) == len(run(load_query("persons"), {}, store()).rows)


def test_update_fallback_without_graph_store(server):
    fallback = Server(
        server.endpoint, graph_store=None, update=server.update, user=server.user, password=server.password
    )
    report = push(store(), fallback)
    assert report.method == "update" and sum(report.verified.values()) == report.triples


# --- failures ---------------------------------------------------------------------------------------


def test_push_to_a_stopped_server_fails_clearly_and_a_rerun_completes(tmp_path):
    port = free_port()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "actorgraph.cli",
            "push",
            "--endpoint",
            f"http://127.0.0.1:{port}/query",
            "--graph-store",
            f"http://127.0.0.1:{port}/store",
            "--store",
            str(store()),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert (
        "loading https://w3id.org/actorgraph/data/document/" in line
        and "ConnectionError" in line
        and "gave up after 5 attempts" in line
    )


def test_virtuoso_stopped_mid_session_then_restarted(live_virtuoso):
    """With the server down, the push names the graph and fails; once it is back, a re-run completes."""
    server, environment = live_virtuoso
    script = str(ROOT / "scripts" / "triplestore")
    subprocess.run([script, "stop"], env=environment, capture_output=True, timeout=120, check=True)
    assert subprocess.run([script, "status"], env=environment, capture_output=True, check=False).returncode == 1
    with pytest.raises(RemoteError, match=r"loading https://w3id\.org/actorgraph/data/"):
        push(store(), server)
    subprocess.run([script, "start"], env=environment, capture_output=True, timeout=300, check=True)
    assert sum(push(store(), server).verified.values()) > 2000


class _Flaky(BaseHTTPRequestHandler):
    """A Graph Store that fails twice with 503, then accepts; counts answer from what it got."""

    failures = 2
    triples: ClassVar[dict[str, int]] = {}

    def do_PUT(self) -> None:
        if _Flaky.failures > 0:
            _Flaky.failures -= 1
            self.send_response(503)
            self.end_headers()
            return
        graph = self.path.split("graph=", 1)[1]
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        _Flaky.triples[requests.utils.unquote(graph)] = len([line for line in body.splitlines() if line.strip()])
        self.send_response(201)
        self.end_headers()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        graph = requests.utils.unquote(body.split("%3C", 1)[1].split("%3E", 1)[0]) if "%3C" in body else ""
        count = _Flaky.triples.get(graph, 0)
        payload = json.dumps(
            {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": str(count)}}]}}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


def test_transient_failures_are_retried_with_backoff():
    _Flaky.failures = 2
    report = _pushed_to(_Flaky)
    assert report.graphs == 7 and _Flaky.failures == 0


def _pushed_to(handler: type[BaseHTTPRequestHandler]):
    """The example store pushed to a server of `handler` on a free port, with quick retries."""
    http = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{http.server_address[1]}"
        return push(store(), Server(f"{base}/query", graph_store=f"{base}/store", retries=3, backoff=0.01))
    finally:
        http.shutdown()


class _CutOff(_Flaky):
    """A server that resets the connection once in the middle of an answer's chunks, then answers."""

    cuts = 1

    def do_POST(self) -> None:
        if _CutOff.cuts > 0:
            _CutOff.cuts -= 1
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b'40\r\n{"head": ')  # 64 bytes announced, 9 sent
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        super().do_POST()


def test_an_answer_cut_off_mid_chunk_is_retried():
    _Flaky.failures = 0  # its graphs are taken at once: only the count's answer is cut
    report = _pushed_to(_CutOff)
    assert report.graphs == 7 and sum(report.verified.values()) == report.triples and _CutOff.cuts == 0
