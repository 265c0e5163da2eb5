"""The command line: help, version, exit codes and one-line errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from actorgraph import __version__
from actorgraph.cli import main

from .conftest import DATA, ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actorgraph.cli", *args], capture_output=True, text=True, check=False)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"actorgraph {__version__}"


def test_help_lists_every_verb_the_readme_documents():
    """The README's command table is the independent list: --help offers exactly those verbs."""
    documented = set(re.findall(r"^\| `actorgraph (\w+)", (ROOT / "README.md").read_text(encoding="utf-8"), re.M))
    assert {"build", "query", "export", "validate"} <= documented
    result = run("--help")
    assert result.returncode == 0
    listed = result.stdout.split("VERB\n", 2)[-1]
    offered = set(re.findall(r"^    (\w[\w-]*) ", listed, re.M))
    assert offered == documented, result.stdout
    for verb in documented:
        assert run(verb, "--help").returncode == 0, verb


def test_no_verb_prints_usage_and_fails(capsys):
    assert main([]) == 2
    assert "usage: actorgraph" in capsys.readouterr().err


def test_check_reports_the_model(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("model 0.1.0 in ") and out.rstrip().endswith(": ok")


def test_check_names_the_broken_file(tmp_path, capsys):
    (tmp_path / "actorgraph.ttl").write_text("not turtle at all {", encoding="utf-8")
    assert main(["check", "--ontology", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("actorgraph: error: ") and "actorgraph.ttl: does not parse as Turtle" in err
    assert len(err.splitlines()) == 1


def test_validate_valid_file_exits_0(capsys):
    assert main(["validate", str(DATA / "shapes" / "valid.ttl")]) == 0
    assert "Conforms." in capsys.readouterr().out


def test_validate_invalid_file_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        (DATA / "shapes" / "valid.ttl")
        .read_text(encoding="utf-8")
        .replace("ag:voteShare 25.44", "ag:voteShare 125.44"),
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Violation: A vote share is one decimal percentage between 0 and 100; 125.44" in out


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.ttl", None, "file not found"),
        ("broken.ttl", "<a> <b> .", "does not parse as turtle"),
        ("data.xyz", "", "unknown RDF file extension"),
    ],
)
def test_validate_unusable_file_exits_2_with_one_line(tmp_path, capsys, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(path) in err and problem in err


def test_another_extractor_plugs_in_by_name(tmp_path, capsys):
    from actorgraph.extract import EXTRACTORS, register
    from actorgraph.records import Claim, Extraction, Mention, Span

    class Stub:
        name = "stub"
        version = "1"

        def __call__(self, document):
            span = Span.of(document.text, 0, 5)
            mention = Mention(span, "State", "state:x", "Xland")
            claim = Claim(
                "recognition",
                (("recognized", "state:x"), ("stance", "recognizes"), ("state", "state:x")),
                (span,),
                "stub.rule",
                0.5,
            )
            return Extraction(document, (mention,), (claim,))

    register("stub", Stub)
    try:
        (tmp_path / "doc.txt").write_text("Xland is here.", encoding="utf-8")
        assert main(["extract", str(tmp_path), "--extractor", "stub", "--format", "jsonl"]) == 0
        assert '"rule": "stub.rule"' in capsys.readouterr().out
        assert main(["extract", str(tmp_path), "--extractor", "nope"]) == 2
        assert "unknown extractor 'nope' (known: rules, stub)" in capsys.readouterr().err
    finally:
        EXTRACTORS.pop("stub")


# --- hostile options: each a one-line error, exit 2, nothing changed ---------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from .build_helpers import build
    from .conftest import ROOT

    root = tmp_path_factory.mktemp("cli-store")
    build(ROOT / "corpus", root)
    return root / "store"


def one_error_line(capsys, argv: list[str], expected: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and expected in err[0], err


def test_build_refuses_a_mistyped_corpus(tmp_path, capsys):
    one_error_line(
        capsys,
        ["build", str(tmp_path / "corpu"), "--store", str(tmp_path / "s"), "--out", str(tmp_path / "o")],
        "no such file",
    )


def test_build_refuses_a_store_that_is_a_file(tmp_path, capsys):
    from .conftest import ROOT

    (tmp_path / "file").write_text("x", encoding="utf-8")
    one_error_line(
        capsys, ["build", str(ROOT / "corpus"), "--store", str(tmp_path / "file"), "--no-out"], "is not a directory"
    )


def test_build_refuses_a_base_with_quotes(tmp_path, capsys):
    from .conftest import ROOT

    one_error_line(
        capsys,
        ["build", str(ROOT / "corpus"), "--store", str(tmp_path / "s"), "--no-out", "--base", 'http://x/"{/'],
        "--base",
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["frob"], "invalid choice: 'frob'"),
        (["export", "--format", "xyz"], "argument --format: invalid choice: 'xyz'"),
        (["evaluate"], "required: --gold"),
        (["serve", "--port", "abc"], "not a port number"),
        (["serve", "--port", "70000"], "a port is 0 to 65535"),
        (["serve", "--timeout", "-3"], "0 or more"),
        (["build", "--time-budget", "-1"], "0 or more"),
        (["build", "--time-budget", "nan"], "0 or more"),
        (["push", "--endpoint", "notaurl"], "not an http(s) URL"),
        (["push", "--endpoint", "http://127.0.0.1:x/sparql"], "not an http(s) URL"),
        (["push", "--bulk", "--isql", "localhost"], "argument --isql: expected HOST:PORT, got 'localhost'"),
        (["push", "--bulk", "--isql", "localhost:0"], "argument --isql: expected HOST:PORT, got 'localhost:0'"),
        (["query", "candidacies", "--endpoint", "ftp://example.org/"], "not an http(s) URL"),
    ],
)
def test_option_errors_are_one_line(capsys, argv, expected):
    """argparse would print the whole usage first (and requests a traceback for a URL without a scheme)."""
    one_error_line(capsys, argv, expected)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--network", "endorsement", "--format", "ttl"], "--network is for --format graphml or gexf, not ttl"),
        (["--standard", "--format", "graphml"], "--standard is for the RDF formats"),
        (["--standard", "--format", "popolo"], "--standard is for the RDF formats"),
    ],
)
def test_export_refuses_options_it_would_ignore(store, capsys, argv, expected):
    one_error_line(capsys, ["export", "--store", str(store), *argv], expected)


def test_output_directory_that_is_a_file_or_cannot_be_made(store, tmp_path, capsys):
    """analyze and build --out: one line, exit 2 (they were tracebacks); build changes nothing first."""
    from .conftest import ROOT

    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    one_error_line(capsys, ["analyze", "--store", str(store), "--out", str(a_file)], "is not a directory")
    one_error_line(capsys, ["analyze", "--store", str(store), "--out", str(a_file / "sub")], "cannot create")
    new_store = tmp_path / "new-store"
    one_error_line(
        capsys,
        ["build", str(ROOT / "corpus"), "--store", str(new_store), "--out", str(a_file), "--quiet"],
        "is not a directory",
    )
    assert not new_store.exists(), "a refused --out leaves the store as it was"


def test_export_to_a_missing_folder(store, capsys):
    one_error_line(capsys, ["export", "--store", str(store), "-o", "/nonexistent/dir/f.ttl"], "cannot write")


@pytest.mark.parametrize(
    ("option", "value", "expected"), [("--until", "2012-13-45", "not a date"), ("--election", "No such", "no election")]
)
def test_analyze_refuses_bad_filters(store, tmp_path, capsys, option, value, expected):
    one_error_line(capsys, ["analyze", "--store", str(store), "--out", str(tmp_path / "a"), option, value], expected)


def test_iri_parameter_that_is_not_an_iri(store, capsys):
    one_error_line(capsys, ["query", "evidence", "--store", str(store), "--param", "fact=http://x>"], "absolute IRI")


def test_federated_query_refused(store, tmp_path, capsys):
    rq = tmp_path / "remote.rq"
    rq.write_text(
        "# title: remote\n# description: calls out\n# columns: s, p, o\nSELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n",
        encoding="utf-8",
    )
    one_error_line(capsys, ["query", str(rq), "--store", str(store)], "--allow-service")


def test_validate_refuses_a_remote_context(tmp_path, capsys):
    document = tmp_path / "remote.jsonld"
    document.write_text('{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://x/a"}', encoding="utf-8")
    one_error_line(capsys, ["validate", str(document)], "--allow-remote-context")
    local = tmp_path / "local.jsonld"
    local.write_text('{"@context": "file:///etc/passwd", "@id": "http://x/a"}', encoding="utf-8")
    one_error_line(capsys, ["validate", str(local)], "--allow-remote-context")


def test_a_build_does_not_import_what_only_other_commands_need():
    """pySHACL (shapes that are not compiled, `validate --engine pyshacl`) and networkx (`analyze`,
    network exports) took 0.3 s of every build's start, a tenth of adding one document."""
    code = "import sys, actorgraph.cli, actorgraph.pipeline; print(sorted(set(sys.modules) & {'networkx', 'pyshacl'}))"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"


def test_a_query_does_not_import_rdflib(store):
    """The command line offers the export formats without importing export.py, and with it rdflib
    (0.06-0.09 s of every `actorgraph query`)."""
    code = (
        "import sys\nfrom actorgraph.cli import main\n"
        f"assert main(['query', 'persons', '--store', {str(store)!r}, '--format', 'csv']) == 0\n"
        "print(sorted(set(sys.modules) & {'rdflib', 'pyshacl', 'networkx'}), file=sys.stderr)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stderr.strip() == "[]" and "person" in shown.stdout


def _run_command(prelude: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`actorgraph ARGS` as the installed command runs it (`cli.run`), after `prelude`."""
    code = f"import sys\n{prelude}\nfrom actorgraph.cli import run\nsys.argv = ['actorgraph', *{list(args)!r}]\nrun()\n"
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # as on a pipe
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, env=buffered)


def test_the_command_runs_exit_handlers_flushes_its_output_and_keeps_its_exit_code(tmp_path):
    handler = "import atexit\natexit.register(lambda: print('exit handler ran'))"
    done = _run_command(handler, "check")
    assert done.returncode == 0
    assert done.stdout.startswith("model ") and done.stdout.endswith("ok\nexit handler ran\n")  # piped, so buffered
    failed = _run_command("", "build", str(tmp_path / "missing"), "--store", str(tmp_path / "store"), "--no-out")
    assert failed.returncode == 2 and "no such file or directory" in failed.stderr


def test_the_command_waits_for_a_thread_still_running():
    # The thread runs until the interpreter's shutdown has begun (the main thread is stopped then,
    # before the others are joined): it is still running when the command is done, however long
    # the command takes (a sleep of 0.3 s ended before a slow `check` did, and tested nothing).
    wait = "while threading.main_thread().is_alive(): time.sleep(0.01)"
    thread = f"import threading, time\ndef until_shutdown():\n    {wait}\n    print('thread done')\n"
    thread += "threading.Thread(target=until_shutdown).start()"
    done = _run_command(thread, "check")
    assert done.returncode == 0 and done.stdout.endswith("thread done\n")


def test_the_command_whose_reader_goes_away_exits_quietly_with_success(tmp_path):
    """`actorgraph export ... | head`: the reader closes the pipe; the command says nothing and exits 0."""
    store = tmp_path / "store"
    assert main(["build", str(ROOT / "corpus"), "--store", str(store), "--no-out", "--quiet"]) == 0
    code = "import sys\nfrom actorgraph.cli import run\nsys.argv = sys.argv[1:]\nrun()\n"
    command = [sys.executable, "-c", code, "actorgraph", "export", "--store", str(store), "--format", "nq", "-o", "-"]
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=buffered)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100).startswith(b"<")
    process.stdout.close()  # as `head -c 100` does
    error = process.stderr.read()
    assert process.wait(timeout=60) == 0 and error == b""
