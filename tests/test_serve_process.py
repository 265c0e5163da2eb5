"""`actorgraph serve` as a real process: the named queries through --endpoint give the embedded rows."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from actorgraph.cli import main
from actorgraph.queries import discover

from .build_helpers import query_parameters
from .serve_helpers import corpus_store, start_server, stop_server


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    process, url = start_server(corpus_store())
    try:
        yield url
    finally:
        stop_server(process)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph.cli", *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("name", sorted(discover()))
def test_named_query_through_the_endpoint_equals_the_store(server, name, capsys):
    """`actorgraph query NAME --endpoint URL` (the CLI's main, in this process) against the served store."""
    params = [f"--param={key}={value}" for key, value in query_parameters(name, corpus_store()).items()]
    assert main(["query", name, *params, "--format", "json", "--store", str(corpus_store())]) == 0
    local = capsys.readouterr().out
    assert main(["query", name, *params, "--format", "json", "--endpoint", server + "/sparql"]) == 0
    remote = capsys.readouterr().out
    assert remote == local
    assert local.startswith("[")


def test_served_pages_and_refused_update(server):
    with urllib.request.urlopen(server + "/actor/anatoly-bibilov", timeout=10) as response:
        assert response.status == 200 and "Anatoly Bibilov" in response.read().decode()
    body = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(server + "/sparql", data=body), timeout=10)
    assert refused.value.code == 403


def test_binds_to_localhost_by_default():
    help_text = cli("serve", "--help").stdout
    assert "127.0.0.1" in help_text


def test_missing_store_fails_in_one_line(tmp_path):
    result = cli("serve", "--store", str(tmp_path / "none"), "--port", "1")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "run `actorgraph build` first" in result.stderr
