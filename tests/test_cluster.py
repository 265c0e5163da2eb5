"""The build on a Dask cluster (`build --cluster`) gives the dataset of a build on one machine.

The tests start a LocalCluster of two worker processes. The comparison is of the canonical
N-Quads file, the manifest (validation results included) and the texts, with bad files in the
corpus; one test kills a worker while the build runs.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from actorgraph import cluster as cluster_module
from actorgraph.errors import InputError
from actorgraph.pipeline import BuildOptions, BuildSummary, build_corpus
from actorgraph.store import current_generation

from . import hostile_corpus
from .conftest import ROOT

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        distributed.Client(cluster),
    ):
        yield cluster.scheduler_address


def write_copies(corpus: Path, copies: int) -> None:
    """The example articles again under other ids: the same actors named across many documents."""
    corpus.mkdir(parents=True, exist_ok=True)
    for number in range(copies):
        for path in sorted((ROOT / "corpus").glob("*.md")):
            text = path.read_text(encoding="utf-8").replace("id: ", f"id: copy{number}-", 1)
            (corpus / f"copy{number}-{path.name}").write_text(text, encoding="utf-8")


def build_into(corpus: Path, store: Path, **options: object) -> BuildSummary:
    return build_corpus(BuildOptions(paths=(corpus,), store=store, out=None, quiet=True, budget=3, **options))  # type: ignore[arg-type]


def published(store: Path) -> dict[str, bytes]:
    generation = current_generation(store)
    assert generation is not None
    files = {name: (generation / name).read_bytes() for name in ("dataset.nq", "manifest.json")}
    files["texts.tsv"] = (generation / "texts.tsv").read_bytes()
    files.update({f"texts/{p.name}": p.read_bytes() for p in sorted((store / "texts").iterdir())})
    return files


def test_a_cluster_build_is_the_build_of_one_machine_with_bad_files_too(tmp_path, scheduler, capsys, monkeypatch):
    hostile_corpus.write(tmp_path / "corpus")
    write_copies(tmp_path / "corpus", 3)
    monkeypatch.chdir(tmp_path)  # the workers' working folder is another: paths are relative to the client's
    corpus = Path("corpus")
    here = build_into(corpus, tmp_path / "here", jobs=1)
    capsys.readouterr()
    there = build_into(corpus, tmp_path / "there", cluster=scheduler)
    # each bad file is one line naming it, as on one machine (a worker read it)
    assert capsys.readouterr().err.count("\n") == len(there.issues) == len(here.issues) > 10
    assert [i.line() for i in there.issues] == [i.line() for i in here.issues]
    assert any("budget" in i.problem for i in there.issues)  # stopped in a worker's thread
    assert (there.documents, there.facts, there.actors, there.triples) == (
        here.documents,
        here.facts,
        here.actors,
        here.triples,
    )
    assert published(tmp_path / "there") == published(tmp_path / "here")
    assert not list((tmp_path / "there").glob("**/cluster"))  # shards and partition texts are gone


def test_every_document_in_its_own_task_gives_the_same_dataset(tmp_path, scheduler, monkeypatch):
    corpus = tmp_path / "corpus"
    write_copies(corpus, 4)
    build_into(corpus, tmp_path / "here", jobs=1)
    monkeypatch.setattr(cluster_module, "MAX_PARTITION", 1)
    build_into(corpus, tmp_path / "there", cluster=scheduler)
    assert published(tmp_path / "there") == published(tmp_path / "here")


def test_a_rebuild_on_the_cluster_after_a_local_build_changes_nothing(tmp_path, scheduler):
    corpus = tmp_path / "corpus"
    write_copies(corpus, 2)
    build_into(corpus, tmp_path / "store", jobs=1)
    before = published(tmp_path / "store")
    summary = build_into(corpus, tmp_path / "store", cluster=scheduler)
    documents = before["texts.tsv"].count(b"\n")
    assert summary.unchanged and summary.reused == documents  # every extraction came from the cache
    assert published(tmp_path / "store") == before


def test_an_unreachable_scheduler_is_one_line_and_the_store_is_kept(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    write_copies(corpus, 1)
    build_into(corpus, tmp_path / "store", jobs=1)
    before = published(tmp_path / "store")
    monkeypatch.setattr(cluster_module, "CONNECT_SECONDS", 1)
    with pytest.raises(InputError) as raised:
        build_into(corpus, tmp_path / "store", cluster="tcp://127.0.0.1:9")
    assert "--cluster" in str(raised.value) and "tcp://127.0.0.1:9" in str(raised.value)
    assert "\n" not in str(raised.value)
    assert published(tmp_path / "store") == before


def test_workers_running_other_code_are_refused(tmp_path, scheduler, monkeypatch):
    corpus = tmp_path / "corpus"
    write_copies(corpus, 1)
    # this process's code differs from the workers' (their modules are not patched)
    monkeypatch.setattr(cluster_module, "fingerprint", lambda extractor: "other")
    with pytest.raises(InputError, match="runs another actorgraph"):
        build_into(corpus, tmp_path / "store", cluster=scheduler)
    assert current_generation(tmp_path / "store") is None


def _finished_extractions(dask_scheduler) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Per worker, the partitions it has extracted and holds."""
    held: dict[str, int] = {}
    for task in dask_scheduler.tasks.values():
        if str(task.key).startswith("extract-") and task.state == "memory":
            for worker in task.who_has:
                held[worker.address] = held.get(worker.address, 0) + 1
    return held


def test_a_worker_killed_during_the_build_is_retried_and_the_dataset_is_the_same(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    write_copies(corpus, 10)
    build_into(corpus, tmp_path / "here", jobs=1)
    monkeypatch.setattr(cluster_module, "MAX_PARTITION", 1)  # 30 tasks a stage: the kill lands in the middle
    outcome: dict[str, object] = {}
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        distributed.Client(cluster) as client,
    ):
        pids = client.run(os.getpid)

        def run() -> None:
            try:
                outcome["summary"] = build_into(corpus, tmp_path / "there", cluster=cluster.scheduler_address)
            except BaseException as error:  # reported below
                outcome["error"] = error

        thread = threading.Thread(target=run)
        thread.start()
        deadline = time.monotonic() + 60
        victim = None
        while victim is None and time.monotonic() < deadline and thread.is_alive():
            held = client.run_on_scheduler(_finished_extractions)
            victim = next((worker for worker, count in sorted(held.items()) if count >= 2), None)
            time.sleep(0.02)
        assert victim is not None, "no worker finished two partitions before the build ended"
        os.kill(pids[victim], signal.SIGKILL)  # its extractions are lost with it, and its running task
        killed_mid_run = thread.is_alive()
        thread.join(timeout=180)
        assert not thread.is_alive()
        assert victim not in client.run(os.getpid)  # the worker did die (its nanny started another)
    assert killed_mid_run
    assert "error" not in outcome, outcome.get("error")
    assert published(tmp_path / "there") == published(tmp_path / "here")


def test_the_cli_starts_a_cluster_here_with_local(tmp_path):
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    write_copies(corpus, 1)
    build_into(corpus, tmp_path / "here", jobs=1)
    command = [
        str(Path(sys.executable).parent / "actorgraph"),
        "build",
        str(corpus),
        "--store",
        str(tmp_path / "there"),
    ]
    done = subprocess.run([*command, "--no-out", "--cluster", "local", "--jobs", "2"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("built 3 documents")  # no cluster chatter
    assert published(tmp_path / "there") == published(tmp_path / "here")


@pytest.mark.server
def test_a_cluster_build_loaded_by_virtuosos_bulk_loader_answers_as_the_store_here(tmp_path, scheduler):
    from actorgraph.queries import discover, run
    from actorgraph.remote import remote_query
    from actorgraph.remote_bulk import push_bulk

    from .build_helpers import write_conflicting_documents
    from .remote_helpers import normalised, parameters, private_virtuoso, store
    from .test_remote_bulk import loader_of

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    write_conflicting_documents(corpus)  # so that conflicting-reports has rows
    build_into(corpus, tmp_path / "store", cluster=scheduler)
    assert published(tmp_path / "store")["dataset.nq"] == published(store())["dataset.nq"]  # built here
    with private_virtuoso() as virtuoso:
        pushed = push_bulk(tmp_path / "store", virtuoso.server, loader_of(virtuoso))
        assert pushed.method == "bulk-loader"
        for name, query in discover().items():
            here = run(query, parameters(name), tmp_path / "store")
            server = virtuoso.server
            there = remote_query(query, parameters(name), server.endpoint, server.user, server.password)
            assert there.columns == here.columns, name
            assert normalised(there.rows) == normalised(here.rows), name
