"""What the live-server tests share: the example store, free ports, row comparison, a private Virtuoso."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from actorgraph.pipeline import BuildOptions, build_corpus
from actorgraph.remote import Server

from .build_helpers import query_parameters, write_conflicting_documents
from .conftest import ROOT, scratch

TRIPLESTORE = ROOT / "scripts" / "triplestore"


@cache
def store() -> Path:
    """The example corpus plus two documents that disagree, so conflicting-reports has rows."""
    root = scratch("actorgraph-remote-")
    corpus = root / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    write_conflicting_documents(corpus)
    build_corpus(BuildOptions(paths=(corpus,), store=root / "store", out=None, quiet=True))
    return root / "store"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def parameters(name: str) -> dict[str, str]:
    return query_parameters(name, store())


def normalised(rows) -> list[tuple[str, ...]]:
    """Rows compared as sets of values; '|'-lists (GROUP_CONCAT) in any order, empty as unbound."""
    return sorted(tuple("|".join(sorted(v.split("|"))) if v else "" for v in row) for row in rows)


@dataclass(frozen=True)
class Virtuoso:
    server: Server
    environment: dict[str, str]  # what scripts/triplestore was started with (VT_HOME, ports, password)
    variables: dict[str, str]  # the ACTORGRAPH_* lines it printed


@contextmanager
def private_virtuoso() -> Iterator[Virtuoso]:
    """A fresh Virtuoso started by scripts/triplestore, stopped and removed afterwards; skipped with the reason
    when it cannot be started."""
    home = str(scratch("actorgraph-virtuoso-"))
    environment = dict(
        os.environ, VT_HOME=home, VT_SQL_PORT=str(free_port()), VT_HTTP_PORT=str(free_port()), VT_DBA_PASSWORD="s3cret"
    )
    started = subprocess.run(
        [str(TRIPLESTORE), "start"], env=environment, capture_output=True, text=True, timeout=600, check=False
    )
    if started.returncode != 0:
        shutil.rmtree(home, ignore_errors=True)
        reason = f"Virtuoso could not be started by scripts/triplestore: {started.stderr.strip()[-400:]}"
        print(reason, file=sys.stderr)
        pytest.skip(reason)
    variables = dict(
        line.removeprefix("export ").split("=", 1)
        for line in started.stdout.splitlines()
        if line.startswith("export ACTORGRAPH_")
    )
    server = Server(
        variables["ACTORGRAPH_ENDPOINT"],
        graph_store=variables["ACTORGRAPH_GRAPH_STORE"],
        user=variables["ACTORGRAPH_USER"],
        password=variables["ACTORGRAPH_PASSWORD"],
        retries=1,
        backoff=0.1,
    )
    try:
        yield Virtuoso(server, environment, variables)
    finally:
        subprocess.run([str(TRIPLESTORE), "stop"], env=environment, capture_output=True, timeout=120, check=False)
        shutil.rmtree(home, ignore_errors=True)
