"""push --bulk: shards, isql scripts, LOAD_LIST errors and the fallback decision without a server;
then a private Virtuoso (scripts/triplestore) loaded by its own bulk loader, with the same rows as
the embedded store, the same data after two pushes, and a bad shard named in the error."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import socket
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.cli import main
from actorgraph.queries import discover, run
from actorgraph.remote import Client, RemoteError, remote_query
from actorgraph.remote_bulk import (
    FOLDER_PREFIX,
    MARK,
    Loader,
    LoadRow,
    check_load_list,
    clear_script,
    finish_script,
    isql,
    isql_error,
    parse_graphs,
    parse_load_list,
    push_bulk,
    shard_files,
    shard_script,
    unavailable,
    write_shards,
)
from actorgraph.store import current_generation

from .remote_helpers import Virtuoso, free_port, normalised, parameters, private_virtuoso, store

G = "https://example.org/graph/"


def quads(graphs: dict[str, int]) -> list[str]:
    """Canonical N-Quads lines: each graph one run, in order."""
    return [
        f'<https://example.org/s{number}> <https://example.org/p> "{number}" <{G}{graph}> .'
        for graph, count in graphs.items()
        for number in range(count)
    ]


# --- shards ---------------------------------------------------------------------------------------


def test_shards_hold_every_named_graph_quad_and_never_split_a_graph(tmp_path):
    sizes = {"a": 3, "b": 1, "c": 7, "d": 2, "e": 2, "f": 4}
    lines = [*quads(sizes), '<https://example.org/s> <https://example.org/p> "default graph" .']
    shards = write_shards(lines, tmp_path, size=4)
    assert [path.name for path in shards.files] == [f"part-{n:05d}.nq" for n in range(len(shards.files))]
    written = [path.read_text(encoding="utf-8").splitlines() for path in shards.files]
    assert sorted(line for part in written for line in part) == sorted(lines[:-1]), "named-graph quads only, all"
    homes = {line.rsplit(" ", 2)[1]: n for n, part in enumerate(written) for line in part}
    for n, part in enumerate(written):
        assert all(homes[line.rsplit(" ", 2)[1]] == n for line in part), f"a graph of shard {n} is in another too"
    assert [len(part) for part in written] == [4, 7, 4, 4], "a new shard starts at the first graph past the size"
    assert shards.counts == {G + name: count for name, count in sizes.items()} and shards.triples == 19


def test_no_named_graph_quads_write_no_shard(tmp_path):
    assert write_shards(['<https://example.org/s> <https://example.org/p> "x" .'], tmp_path).files == []


# --- isql scripts and their output ------------------------------------------------------------------


def test_clear_script_empties_each_graph_once_without_the_transaction_log():
    assert clear_script([G + "a", G + "b"]) == (
        f"SPARQL DEFINE sql:log-enable 3 CLEAR GRAPH <{G}a>;\nSPARQL DEFINE sql:log-enable 3 CLEAR GRAPH <{G}b>;\n"
    )


def test_each_shard_is_registered_and_loaded_then_one_checkpoint_and_its_own_rows_read_and_forgotten():
    folder = Path("/srv/load/it's here")
    assert shard_script(folder / "part-00000.nq") == (
        "ld_add('/srv/load/it''s here/part-00000.nq', 'urn:actorgraph:bulk-default-graph');\nrdf_loader_run();\n"
    )
    files = [folder / "part-00000.nq", folder / "part-00001.nq"]
    script = finish_script(files).splitlines()
    assert script[0] == "checkpoint;"
    mine = "ll_file IN ('/srv/load/it''s here/part-00000.nq', '/srv/load/it''s here/part-00001.nq')"
    assert script[1].startswith(f"SELECT concat('{MARK}', chr(9),") and script[1].endswith(f"WHERE {mine};")
    assert script[2] == f"DELETE FROM DB.DBA.LOAD_LIST WHERE {mine};"
    assert finish_script([]) == "checkpoint;\n"


def test_the_graphs_the_server_holds_are_read_from_isql_output():
    output = f"Connected\nunnamed\nVARCHAR\n____\n\n{MARK} {G}a\n{MARK} {G}b   \nhttp://other\n\n2 Rows. -- 3 msec.\n"
    assert parse_graphs(output) == {G + "a", G + "b"}


def test_shards_are_yielded_as_written_with_the_graphs_they_hold_first(tmp_path):
    counts: dict[str, int] = {}
    shards = shard_files(iter(quads({"a": 3, "b": 2}) + quads({"a": 1, "c": 1})), tmp_path, counts, size=3)
    path, graphs = next(shards)
    assert path.name == "part-00000.nq" and graphs == [G + "a"] and path.is_file()
    assert not (tmp_path / "part-00001.nq").exists(), "the next shard is not written before it is asked for"
    assert [(path.name, graphs) for path, graphs in shards] == [
        ("part-00001.nq", [G + "b"]),  # and a's second run
        ("part-00002.nq", [G + "c"]),
    ]
    assert counts == {G + "a": 4, G + "b": 2, G + "c": 1}, "a graph met again is not cleared twice, its count adds up"


# isql-vt's output of finish_script's SELECT, as Virtuoso 7.2.5 printed it (a bad line in part-00001.nq)
LOAD_LIST_OUTPUT = f"""OpenLink Virtuoso Interactive SQL (Virtuoso)
Connected to OpenLink Virtuoso

Done. -- 6 msec.
unnamed
VARCHAR
_______________________________________________________________________________

{MARK}\t2\t/srv/load/x/part-00000.nq\t
{MARK}\t2\t/srv/load/x/part-00001.nq\t37000 [Vectorized Turtle loader] SP029: NQuads RDF loader, line 2: Unterminated short double-quoted string at{" "}

2 Rows. -- 1 msec.
"""


def test_load_list_rows_are_read_from_isql_output():
    assert parse_load_list(LOAD_LIST_OUTPUT) == [
        LoadRow("/srv/load/x/part-00000.nq", 2, ""),
        LoadRow(
            "/srv/load/x/part-00001.nq",
            2,
            "37000 [Vectorized Turtle loader] SP029: NQuads RDF loader, line 2: Unterminated short double-quoted string at",
        ),
    ]


def test_a_load_list_error_is_one_line_naming_the_shard_and_the_problem():
    folder = Path("/srv/load/x")
    rows = parse_load_list(LOAD_LIST_OUTPUT)
    with pytest.raises(RemoteError) as raised:
        check_load_list(rows, [folder / "part-00000.nq", folder / "part-00001.nq"])
    assert str(raised.value) == (
        "bulk load of part-00001.nq: SP029: NQuads RDF loader, line 2: Unterminated short double-quoted string at"
    )
    with pytest.raises(RemoteError, match=r"^bulk load of part-00002\.nq: the loader did not register it"):
        check_load_list(rows, [folder / "part-00000.nq", folder / "part-00002.nq"])
    with pytest.raises(RemoteError, match=r"^bulk load of part-00000\.nq: not loaded \(LOAD_LIST state 1\)$"):
        check_load_list([LoadRow(str(folder / "part-00000.nq"), 1, "")], [folder / "part-00000.nq"])
    check_load_list(rows[:1], [folder / "part-00000.nq"])


def test_isql_errors_are_found_with_virtuosos_code():
    output = (
        "Connected\n\n*** Error 42000: [Virtuoso Driver][Virtuoso Server]FA003: Access to '/x' is denied\nat line 0"
    )
    error = isql_error("probing", output)
    assert error is not None and error.code == "FA003" and str(error) == "probing: FA003: Access to '/x' is denied"
    assert isql_error("probing", "Connected\n1 Rows. -- 1 msec.") is None


# --- isql-vt is run without showing its password, within a time limit ---------------------------------


def fake_isql(tmp_path: Path, body: str) -> str:
    """An executable standing in for isql-vt: it keeps its arguments and standard input, then runs `body`."""
    script = tmp_path / "isql-fake"
    script.write_text(f'#!/bin/sh\necho "$@" > "{tmp_path}/argv"\ncat > "{tmp_path}/stdin"\n{body}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_sql_goes_on_stdin_and_the_password_is_never_logged_nor_in_errors(tmp_path, caplog):
    loader = Loader(
        "127.0.0.1:1",
        tmp_path,
        password="pw-s3cret",
        isql=fake_isql(tmp_path, "echo '*** Error 42000: [Virtuoso Server]SR185: Undefined procedure'"),
    )
    caplog.set_level(logging.DEBUG, logger="actorgraph")
    with pytest.raises(RemoteError) as raised:
        isql(loader, "SELECT 1;\n", "testing", 10)
    assert (tmp_path / "stdin").read_text() == "SELECT 1;\n" and "SELECT" not in (tmp_path / "argv").read_text()
    assert "isql-fake 127.0.0.1:1 dba ****" in caplog.text
    assert "pw-s3cret" not in caplog.text + str(raised.value)
    assert str(raised.value) == "testing (isql 127.0.0.1:1, user dba): SR185: Undefined procedure"


def test_an_isql_call_past_its_time_limit_is_a_remote_error(tmp_path):
    loader = Loader("127.0.0.1:1", tmp_path, isql=fake_isql(tmp_path, "sleep 10"))
    with pytest.raises(RemoteError, match=r"^bulk loading \(isql 127\.0\.0\.1:1, user dba\): no answer within 0\.5 s$"):
        isql(loader, "rdf_loader_run();\n", "bulk loading", 0.5)


# --- when the bulk loader cannot be used --------------------------------------------------------------


@pytest.fixture()
def listening() -> Iterator[str]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield f"127.0.0.1:{server.getsockname()[1]}"


def test_the_fallback_decision_says_why(tmp_path, listening):
    usable = Loader(listening, tmp_path, isql=sys.executable)
    assert unavailable(usable) is None
    cases = {
        "no isql address: --isql HOST:PORT or ACTORGRAPH_ISQL": Loader(None, tmp_path, isql=sys.executable),
        "no load folder: --load-dir DIR or ACTORGRAPH_LOAD_DIR": Loader(listening, None, isql=sys.executable),
        "isql-vt-missing not found on PATH": Loader(listening, tmp_path, isql="isql-vt-missing"),
        f"{tmp_path / 'absent'} is not a folder we can write": Loader(
            listening, tmp_path / "absent", isql=sys.executable
        ),
    }
    for reason, loader in cases.items():
        assert unavailable(loader) == reason
    closed = f"127.0.0.1:{free_port()}"
    assert (
        unavailable(Loader(closed, tmp_path, isql=sys.executable)) == f"nothing answers at {closed}: Connection refused"
    )


# --- a live Virtuoso --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[Virtuoso]:
    with private_virtuoso() as instance:
        yield instance


def loader_of(virtuoso: Virtuoso, **options: object) -> Loader:
    fields: dict[str, object] = {
        "address": virtuoso.variables["ACTORGRAPH_ISQL"],
        "load_dir": Path(virtuoso.variables["ACTORGRAPH_LOAD_DIR"]),
        "user": "dba",
        "password": virtuoso.variables["ACTORGRAPH_PASSWORD"],
    } | options
    return Loader(**fields)  # type: ignore[arg-type]


def our_load_list_rows(virtuoso: Virtuoso) -> str:
    loader = loader_of(virtuoso)
    return isql(loader, f"SELECT concat('{MARK} ', ll_file) FROM DB.DBA.LOAD_LIST;\n", "reading LOAD_LIST", 60)


def cli(virtuoso: Virtuoso, *options: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for key, value in virtuoso.variables.items():
            patch.setenv(key, value)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["push", "--bulk", "--store", str(store()), "--quiet", *options])
    return code, out.getvalue(), err.getvalue()


@pytest.mark.server
def test_push_bulk_loads_every_graph_and_the_named_queries_give_the_same_rows(virtuoso):
    code, out, err = cli(virtuoso)
    assert code == 0, err
    assert "triples/s, bulk-loader); counts verified" in out and "unavailable" not in out + err
    load_dir = Path(virtuoso.variables["ACTORGRAPH_LOAD_DIR"])
    assert list(load_dir.iterdir()) == [], "the shard folder is removed"
    assert FOLDER_PREFIX not in our_load_list_rows(virtuoso), "its LOAD_LIST rows are removed"
    checked = 0
    for name, query in discover().items():
        local = run(query, parameters(name), store())
        server = virtuoso.server
        remote = remote_query(query, parameters(name), server.endpoint, server.user, server.password)
        assert remote.columns == local.columns, name
        assert normalised(remote.rows) == normalised(local.rows), name
        checked += 1
    assert checked == len(discover()) >= 15


@pytest.mark.server
def test_pushing_twice_leaves_the_same_data_and_replaces_what_the_server_had(virtuoso):
    first = push_bulk(store(), virtuoso.server, loader_of(virtuoso))
    graph = next(name for name in first.verified if "/document/" in name)
    Client(virtuoso.server).update(
        f'INSERT DATA {{ GRAPH <{graph}> {{ <https://example.org/stray> <https://example.org/p> "left over" }} }}',
        "adding a stray triple",
    )
    assert Client(virtuoso.server).count(graph) == first.verified[graph] + 1
    second = push_bulk(store(), virtuoso.server, loader_of(virtuoso))
    assert second.method == first.method == "bulk-loader"
    assert second.verified == first.verified and sum(second.verified.values()) == second.triples


@pytest.mark.server
def test_a_shard_the_loader_rejects_is_a_named_error_and_nothing_is_left_behind(virtuoso, tmp_path):
    broken = tmp_path / "store"
    shutil.copytree(store(), broken, symlinks=True)
    generation = current_generation(broken)
    assert generation is not None
    with (generation / "dataset.nq").open("a", encoding="utf-8") as quads_file:
        quads_file.write(
            '<https://example.org/s> <https://example.org/p> "unterminated <https://example.org/zz-bad> .\n'
        )
    with pytest.raises(RemoteError) as raised:
        push_bulk(broken, virtuoso.server, loader_of(virtuoso), size=1000)
    message = str(raised.value)
    assert message.startswith("bulk load of part-0000") and "SP029: NQuads RDF loader" in message, message
    assert "\n" not in message
    assert list(Path(virtuoso.variables["ACTORGRAPH_LOAD_DIR"]).iterdir()) == []
    assert FOLDER_PREFIX not in our_load_list_rows(virtuoso)


@pytest.mark.server
def test_a_folder_the_server_cannot_read_falls_back_to_the_graph_store_and_says_why(virtuoso, caplog):
    if not os.access("/dev/shm", os.W_OK):
        pytest.skip("needs /dev/shm: a writable folder outside the test server's DirsAllowed")
    outside = Path(tempfile.mkdtemp(prefix="actorgraph-outside-", dir="/dev/shm"))
    try:
        code, out, err = cli(virtuoso, "--load-dir", str(outside))
        assert code == 0, err
        assert out.startswith(f"bulk loader unavailable (the server cannot read {outside}: FA003: Access to ")
        assert "): pushed over the Graph Store Protocol: " in out and "counts verified" in out
        assert f"bulk loader unavailable (the server cannot read {outside}" in caplog.text, (
            "and a warning said so first"
        )
        assert list(outside.iterdir()) == [], "the probe folder is removed"
    finally:
        shutil.rmtree(outside, ignore_errors=True)


@pytest.mark.server
def test_an_isql_port_that_does_not_answer_falls_back(virtuoso):
    closed = f"127.0.0.1:{free_port()}"
    code, out, err = cli(virtuoso, "--isql", closed)
    assert code == 0, err
    assert out.startswith(
        f"bulk loader unavailable (nothing answers at {closed}: Connection refused): pushed over the Graph Store Protocol: "
    )


@pytest.mark.server
def test_a_wrong_isql_password_is_an_error_not_a_fallback(virtuoso):
    code, out, err = cli(virtuoso, "--password", "wrong")
    assert code == 2 and out == ""
    assert "probing the load folder (isql " in err and "CL034: Bad login" in err and "wrong" not in err
