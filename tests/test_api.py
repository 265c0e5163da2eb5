"""The public API (actorgraph/__init__.py) and the README's Python examples, run as written."""

from __future__ import annotations

import os
import re
import tempfile
from functools import cache
from pathlib import Path

import pytest

import actorgraph
from actorgraph.errors import InputError
from actorgraph.pipeline import BuildOptions, build_corpus

from .conftest import ROOT, scratch

TEXTS = [
    {
        "text": "In Abkhazia's presidential election, Zaur Kochiev has 41.5 percent. Syria recognised Abkhazia.",
        "published": "2019-08-26",
    },
    "Nicaragua recognised South Ossetia in 2008.",
]


@pytest.fixture
def temporary(tmp_path, monkeypatch):
    """tempfile's folder for this test: a store the API makes by default goes there, removed with the
    test's folder, not left in /tmp by every run of the suite."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@cache
def project() -> Path:
    """A directory where the README's first command has built the example corpus."""

    root = scratch("actorgraph-api-")
    build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=root / ".actorgraph" / "store", out=None, quiet=True))
    return root


def python_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    return [b for b in blocks if "import actorgraph" in b or "from actorgraph.queries" in b]


def test_the_readme_has_its_python_examples():
    assert len(python_examples()) == 2, "the API example and the pandas example"


@pytest.mark.parametrize("number", range(2))
def test_readme_python_example_runs_as_written(number, monkeypatch, capsys, temporary):
    pytest.importorskip("pandas")
    monkeypatch.chdir(project())
    exec(compile(python_examples()[number], f"README.md python example {number + 1}", "exec"), {})
    assert capsys.readouterr().out.strip()


def shell_examples() -> list[str]:
    """The README's `actorgraph ...` command lines in sh blocks that run on a built store (not push or serve)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for block in re.findall(r"```sh\n(.*?)```", readme, re.S) for line in block.splitlines()]
    return [
        line for line in lines if re.match(r"actorgraph (query|export|evidence) ", line) and "--endpoint" not in line
    ]


def test_the_readme_has_its_shell_query_examples():
    assert len(shell_examples()) == 2, shell_examples()


@pytest.mark.parametrize("number", range(2))
def test_readme_shell_example_runs_as_written(number, monkeypatch, capsys):
    import shlex

    from actorgraph.cli import main

    monkeypatch.chdir(project())
    argv = shlex.split(shell_examples()[number])
    assert argv[0] == "actorgraph"
    assert main(argv[1:]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) >= 2, f"{shell_examples()[number]} printed no rows:\n{out}"


def test_build_texts_gives_typed_queries_and_networks(temporary):
    graph = actorgraph.build_texts(TEXTS)
    assert graph.store.parent.parent == temporary  # a new temporary folder, as no store was given
    [candidacy] = graph.query("candidacies").records()
    assert (candidacy["person_name"], candidacy["vote_share"], candidacy["round"]) == ("Zaur Kochiev", 41.5, 1)
    assert candidacy["document"].endswith("/document/text-1")
    recognitions = {r["state_name"]: r for r in graph.query("recognitions").records()}
    assert recognitions["Nicaragua"]["date"] == 2008
    [evidence] = graph.evidence(recognitions["Nicaragua"]["fact"])
    assert evidence.marked_quote() == "[Nicaragua] recognised [South Ossetia] in 2008."
    assert graph.networks().recognition.number_of_edges() == 2
    assert b"ag:RecognitionStance" in graph.export("ttl")


def test_build_and_open_take_str_and_path(tmp_path):
    built = actorgraph.build_paths(str(ROOT / "corpus"), store=str(tmp_path / "store"))
    assert built.summary is not None and built.summary.documents == 3
    for store in (str(tmp_path / "store"), tmp_path / "store"):
        graph = actorgraph.open_store(store)
        assert len(graph.query("persons").records()) > 10
        assert len(actorgraph.query("turnout", store=store).records()) == 2
        assert actorgraph.networks(store).endorsement.number_of_edges() == 7
    query_file = tmp_path / "n.rq"
    query_file.write_text("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }\n", encoding="utf-8")
    assert graph.query(str(query_file)).records()[0]["n"] > 1000
    assert graph.query(query_file).records()[0]["n"] > 1000


def test_open_store_without_a_store_names_it(tmp_path):
    with pytest.raises(InputError, match="no built store here"):
        actorgraph.open_store(tmp_path / "nothing")


def test_build_texts_rejects_unknown_keys(temporary):
    with pytest.raises(InputError, match="unknown keys colour"):
        actorgraph.build_texts([{"text": "x", "colour": "red"}])


def test_import_is_light():
    """`import actorgraph` must not load the heavy stack (the CLI imports it for --version)."""
    import subprocess
    import sys

    code = "import sys, actorgraph; print(sorted(m for m in ('pyoxigraph', 'rdflib', 'networkx', 'pandas') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    ).stdout
    assert out.strip() == "[]"


def test_public_names_are_not_shadowed_by_submodules():
    import importlib

    for module in ("build", "queries", "analysis", "export", "pipeline", "evidence", "results"):
        importlib.import_module(f"actorgraph.{module}")
    for name in actorgraph.__all__:
        if name != "__version__":
            assert callable(getattr(actorgraph, name)), f"actorgraph.{name} is shadowed by a submodule"


def test_build_texts_leaves_no_folder_of_texts_behind(tmp_path):
    import tempfile

    before = set(Path(tempfile.gettempdir()).glob("actorgraph-texts-*"))
    actorgraph.build_texts(["Syria recognised Abkhazia in 2018."], store=tmp_path / "store")
    with pytest.raises(InputError):
        actorgraph.build_texts([{"text": "x", "colour": "red"}], store=tmp_path / "other")
    assert set(Path(tempfile.gettempdir()).glob("actorgraph-texts-*")) == before
