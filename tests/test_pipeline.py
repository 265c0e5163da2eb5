"""The build pipeline (pipeline.build_corpus): determinism, incremental rebuilds, provenance, bad input, failed builds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from actorgraph.documents import read
from actorgraph.errors import ValidationFailed
from actorgraph.pipeline import BuildOptions, build_corpus
from actorgraph.store import current_generation, open_read_only, published_nquads, read_manifest

from .build_helpers import build, copy_corpus, write_conflicting_documents
from .conftest import ROOT

OA = "http://www.w3.org/ns/oa#"


@cache
def example_build(tmp: str) -> Path:
    root = Path(tmp)
    summary = build(ROOT / "corpus", root)
    assert summary.published and summary.documents == 3 and not summary.issues
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return example_build(str(tmp_path_factory.mktemp("example")))


def graph_lines(store: Path) -> dict[str, list[str]]:
    by_graph: dict[str, list[str]] = {}
    for line in published_nquads(store):
        by_graph.setdefault(line.rsplit(" ", 2)[-2], []).append(line)
    return by_graph


def test_one_named_graph_per_document_plus_actors_and_ontology(built):
    graphs = set(graph_lines(built / "store"))
    documents = {f"<https://w3id.org/actorgraph/data/document/{d.id}>" for d in read([ROOT / "corpus"])}
    assert graphs == documents | {
        "<https://w3id.org/actorgraph/data/graph/actors>",
        "<https://w3id.org/actorgraph/data/graph/ontology>",  # so the data validates on its own
    }


def test_a_store_and_outputs_in_the_corpus_folder_are_not_read_as_documents(tmp_path):
    corpus = copy_corpus(tmp_path)  # `actorgraph build .` with the default store and outputs, say
    options = BuildOptions(paths=(corpus,), store=corpus / ".actorgraph" / "store", out=corpus / "graph", quiet=True)
    for _ in range(2):  # the second finds the first's texts, reports and extractions in the folder
        summary = build_corpus(options)
        assert summary.documents == 3 and not summary.issues


def test_another_builds_store_and_outputs_in_the_corpus_folder_are_not_read(tmp_path):
    corpus = copy_corpus(tmp_path)
    # another build, of one of the documents, kept in the corpus folder: its store's texts and its
    # reports have documents' suffixes
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "one.md").write_text((corpus / sorted(os.listdir(corpus))[0]).read_text("utf-8"), "utf-8")
    other = BuildOptions(paths=(alone,), store=corpus / "other" / "store", out=corpus / "other" / "graph", quiet=True)
    assert build_corpus(other).documents == 1
    summary = build_corpus(BuildOptions(paths=(corpus,), store=tmp_path / "store", out=None, quiet=True))
    assert summary.documents == 3 and not summary.issues
    # outputs that build left without their seal, as when it is killed while writing them
    (corpus / "other" / "graph" / "SHA256SUMS").unlink()
    summary = build_corpus(BuildOptions(paths=(corpus,), store=tmp_path / "store", out=None, quiet=True))
    assert summary.documents == 3 and not summary.issues


def test_the_store_load_shows_every_byte_it_loads(tmp_path, monkeypatch):
    """The progress of the store's load is told the bytes it loads, by a bulk load and by an
    incremental one (the added document's graph and the actors graph)."""
    import actorgraph.pipeline as pipeline_module

    seen: list[tuple[int, int]] = []

    def recording(quiet: bool, description: str) -> Callable[[Iterable[bytes], int], list[bytes]]:
        def shown(pieces: Iterable[bytes], total: int) -> list[bytes]:
            loaded = list(pieces)
            seen.append((total, sum(map(len, loaded))))
            return loaded

        return shown

    monkeypatch.setattr(pipeline_module, "progress_bytes", recording)
    corpus = copy_corpus(tmp_path)
    options = BuildOptions(paths=(corpus,), store=tmp_path / "store", out=None, quiet=True)
    assert build_corpus(options).store_write == "bulk"
    (corpus / "short.md").write_text("---\nid: short\n---\nVoter turnout was 61 percent.\n", encoding="utf-8")
    assert build_corpus(options).store_write == "incremental"
    assert len(seen) == 2 and all(total == loaded > 0 for total, loaded in seen), seen
    assert seen[1][0] < seen[0][0] / 5


def test_example_corpus_conforms(built):
    manifest = read_manifest(built / "store")
    assert manifest is not None
    assert all(not entry["results"] for entry in manifest.graphs.values())
    assert (built / "out" / "validation-report.txt").read_text(encoding="utf-8") == "Conforms.\n"


def test_every_fact_has_evidence_equal_to_the_text_at_its_offsets(built):
    texts = {f"https://w3id.org/actorgraph/data/document/{d.id}": d.text for d in read([ROOT / "corpus"])}
    store = open_read_only(built / "store")
    rows = list(
        store.query(
            """PREFIX ag: <https://w3id.org/actorgraph/ns#> PREFIX oa: <http://www.w3.org/ns/oa#>
               PREFIX prov: <http://www.w3.org/ns/prov#>
               SELECT ?fact ?doc ?start ?end ?quote WHERE { GRAPH ?g {
                 ?fact prov:wasDerivedFrom ?doc ; ag:evidence ?span .
                 ?span oa:start ?start ; oa:end ?end ; oa:exact ?quote } }"""
        )
    )
    facts = {str(row["fact"]) for row in rows}
    assert len(facts) == 57
    for row in rows:
        text = texts[row["doc"].value]
        assert text[int(row["start"].value) : int(row["end"].value)] == row["quote"].value
    kinds = "ag:OfficeHolding ag:Membership ag:Candidacy ag:Endorsement ag:RecognitionStance ag:Turnout"
    without = store.query(
        f"PREFIX ag: <https://w3id.org/actorgraph/ns#> ASK {{ VALUES ?kind {{ {kinds} }} GRAPH ?g {{ ?f a ?kind FILTER NOT EXISTS {{ ?f ag:evidence ?s }} }} }}"
    )
    assert not bool(without), "a fact without evidence"


def test_two_builds_are_byte_identical(tmp_path):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path / "a")
    build(corpus, tmp_path / "b")
    for name in ("dataset.trig", "dataset.ttl", "dataset.jsonld", "validation-report.ttl", "resolution-log.txt"):
        assert (tmp_path / "a" / "out" / name).read_bytes() == (tmp_path / "b" / "out" / name).read_bytes(), name
    assert published_nquads(tmp_path / "a" / "store") == published_nquads(tmp_path / "b" / "store")


def test_changing_one_document_changes_only_its_graph_and_the_actors(tmp_path):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    before = graph_lines(tmp_path / "store")
    target = next(corpus.glob("2012-*.md"))
    target.write_text(
        target.read_text(encoding="utf-8") + "\nSyria recognised South Ossetia in 2018, said Zaur Gassiev.\n",
        encoding="utf-8",
    )
    summary = build(corpus, tmp_path)
    after = graph_lines(tmp_path / "store")
    changed = {g for g in before.keys() | after.keys() if before.get(g) != after.get(g)}
    assert changed == {
        "<https://w3id.org/actorgraph/data/document/2012-04-09-nbcnews-ex-kgb-officer-wins-election>",
        "<https://w3id.org/actorgraph/data/graph/actors>",
    }
    assert summary.validated == 2, "only the changed graphs are validated again"


def test_removed_document_loses_its_graph(tmp_path):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    next(corpus.glob("2012-*.md")).unlink()
    build(corpus, tmp_path)
    assert not any("2012-04-09" in g for g in graph_lines(tmp_path / "store") if "document/" in g)


def test_malformed_document_is_reported_and_the_others_built(tmp_path):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    bad = next(corpus.glob("2022-*.md"))
    bad.write_bytes(b"---\ntitle: [broken\n---\nText\n")
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    (corpus / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    summary = build(corpus, tmp_path)
    assert sorted(Path(i.source).name for i in summary.issues) == [
        "2022-04-11-urdupoint-bibilov-second-in-presidential-vote.md",
        "empty.txt",
        "latin.txt",
    ]
    assert summary.published and summary.documents == 2
    graphs = graph_lines(tmp_path / "store")
    assert any("2022-04-11" in g for g in graphs), "an unreadable document keeps its previous graph"


def test_cli_exit_code_and_one_line_per_bad_file(tmp_path):
    corpus = copy_corpus(tmp_path)
    (corpus / "broken.md").write_bytes(b"---\nid: [x\n---\nbody\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "actorgraph.cli",
            "build",
            str(corpus),
            "--store",
            str(tmp_path / "store"),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "broken.md" in line]
    assert len(lines) == 1 and "front matter is not valid YAML" in lines[0]
    assert result.stderr.strip().splitlines()[-1].startswith("built 3 documents (1 failed): facts 57")


def test_strict_build_with_violations_publishes_nothing(tmp_path, monkeypatch):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    generation = current_generation(tmp_path / "store")
    before = published_nquads(tmp_path / "store")
    import actorgraph.build as build_module

    monkeypatch.setattr(
        build_module,
        "decimal",
        lambda value: build_module.Literal(str(float(value) * 10), datatype=build_module.XSD.decimal),
    )
    target = next(corpus.glob("2012-*.md"))
    target.write_text(target.read_text(encoding="utf-8") + "\nTurnout was 40 percent.\n", encoding="utf-8")
    with pytest.raises(ValidationFailed):
        build_corpus(
            BuildOptions(paths=(corpus,), store=tmp_path / "store", out=tmp_path / "out", quiet=True, strict=True)
        )
    assert current_generation(tmp_path / "store") == generation
    assert published_nquads(tmp_path / "store") == before
    assert len(list((tmp_path / "store").glob("gen-*"))) == 1, "the unpublished generation is removed"


@pytest.mark.parametrize("where", ["bulk", "incremental"])
def test_a_failing_build_leaves_the_previous_store(tmp_path, monkeypatch, where):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    before = published_nquads(tmp_path / "store")
    import actorgraph.nquads_file as nquads_module
    import actorgraph.store as store_module

    def crash(*args):  # the disk fills up while the new generation's store is written
        raise OSError("No space left on device")

    if where == "bulk":
        monkeypatch.setattr(store_module, "INCREMENTAL_SHARE", 0.0)
        monkeypatch.setattr(store_module.Generation, "_bulk_load", crash)
    else:  # after the previous store was copied into the new generation
        monkeypatch.setattr(nquads_module.GraphBlocks, "read", crash)
    next(corpus.glob("2012-*.md")).unlink()
    with pytest.raises(OSError):
        build(corpus, tmp_path)
    assert published_nquads(tmp_path / "store") == before
    assert bool(open_read_only(tmp_path / "store").query("ASK { GRAPH ?g { ?s ?p ?o } }"))
    assert len(list((tmp_path / "store").glob("gen-*"))) == 1, "the unpublished generation is removed"


def test_kill_9_during_a_build_leaves_a_readable_store(tmp_path):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    before = published_nquads(tmp_path / "store")
    for number in range(60):  # a corpus big enough to be killed mid-build
        for source in list(corpus.glob("20*.md"))[:3]:
            text = source.read_text(encoding="utf-8").replace("id: ", f"id: copy-{number}-", 1)
            (corpus / f"copy-{number}-{source.name}").write_text(text, encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "actorgraph.cli",
            "build",
            str(corpus),
            "--store",
            str(tmp_path / "store"),
            "--no-out",
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(4)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while _processes_naming(str(tmp_path / "store")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_naming(str(tmp_path / "store")), "extraction workers outlived the killed build"
    after = published_nquads(tmp_path / "store")
    assert after == before or len(after) > len(before), "the store is either the old one or the complete new one"
    store = open_read_only(tmp_path / "store")
    count = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"]
    assert int(count.value) == len(after)


def _processes_naming(text: str) -> list[int]:
    """Live processes whose command line holds `text` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                status = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if status != "Z":  # a zombie has ended
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_base_iri_names_documents_and_graphs(tmp_path):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path, base="https://example.org/kg/")
    graphs = graph_lines(tmp_path / "store")
    assert "<https://example.org/kg/document/2011-11-28-dfwatch-south-ossetia-waits-for-runoff-results>" in graphs
    manifest = json.loads((current_generation(tmp_path / "store") / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["base"] == "https://example.org/kg/"
    assert isinstance(ox.Store.read_only(str(current_generation(tmp_path / "store") / "oxigraph")), ox.Store)


def test_duplicate_document_id_is_reported_and_skipped(tmp_path):
    corpus = copy_corpus(tmp_path)
    first = next(corpus.glob("2011-*.md"))
    (corpus / "zz-copy.md").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    summary = build(corpus, tmp_path)
    assert summary.published and summary.documents == 3
    [issue] = summary.issues
    assert issue.source.endswith("zz-copy.md") and "is also the id of" in issue.problem


def test_builds_in_separate_processes_are_byte_identical(tmp_path):
    """Hash randomisation differs between processes (set order, dict-of-set order); the files must not."""
    corpus = copy_corpus(tmp_path)
    runs = []
    for seed in ("1", "4242"):
        target = tmp_path / f"seed-{seed}"
        command = [sys.executable, "-m", "actorgraph.cli", "build", str(corpus), "--quiet"]
        command += ["--store", str(target / "store"), "--out", str(target / "out")]
        env = dict(os.environ, PYTHONHASHSEED=seed)
        runs.append((target, subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)))
    for target, process in runs:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, f"build in {target.name} failed: {stderr}"
    (a, _), (b, _) = runs
    names = sorted(p.name for p in (a / "out").iterdir())
    assert names == sorted(p.name for p in (b / "out").iterdir()) and "dataset.trig" in names
    for name in names:
        assert (a / "out" / name).read_bytes() == (b / "out" / name).read_bytes(), name
    generations = [current_generation(t / "store") for t in (a, b)]
    assert all(generations)
    for name in ("dataset.nq", "manifest.json"):
        assert (generations[0] / name).read_bytes() == (generations[1] / name).read_bytes(), name


def test_an_extractor_exception_is_one_named_error_and_the_others_build(tmp_path, monkeypatch, capsys):
    """A rule that raises on one document (here: on a sentence with a marker word) costs that document only."""
    from actorgraph.extract.recognition import RecognitionRules

    original = RecognitionRules.sentence

    def fragile(self, index):
        if "quagga" in self.flat[self.ctx.sentences[index].start : self.ctx.sentences[index].end]:
            raise KeyError("https://w3id.org/actorgraph/ref/georgia")
        original(self, index)

    monkeypatch.setattr(RecognitionRules, "sentence", fragile)
    corpus = copy_corpus(tmp_path)
    (corpus / "tbilisi.txt").write_text("The quagga vote was dismissed as illegitimate in Tbilisi.\n", "utf-8")
    summary = build(corpus, tmp_path)
    assert [Path(i.source).name for i in summary.issues] == ["tbilisi.txt"]
    assert "rule family 'recognition' failed on sentence 1: KeyError" in summary.issues[0].problem
    assert summary.published and summary.documents == 3
    errors = [line for line in capsys.readouterr().err.splitlines() if "tbilisi.txt" in line]
    assert len(errors) == 1 and errors[0].startswith("actorgraph: ")


def test_an_unreadable_document_keeps_its_graph_however_the_path_is_typed(tmp_path, monkeypatch):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    bad = next(corpus.glob("2022-*.md"))
    bad.write_bytes(b"---\ntitle: [broken\n---\nText\n")
    monkeypatch.chdir(tmp_path)
    summary = build_corpus(
        BuildOptions(paths=(Path("corpus"),), store=tmp_path / "store", out=tmp_path / "out", quiet=True)
    )
    assert [Path(i.source).name for i in summary.issues] == [bad.name]
    assert any("2022-04-11" in g for g in graph_lines(tmp_path / "store")), "typed relative, the graph is kept"


def test_output_files_are_sealed_as_one_set(tmp_path):
    import hashlib

    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    out = tmp_path / "out"
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in sums}
    assert set(listed) == {p.name for p in out.iterdir() if p.is_file() and p.name != "SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest


def test_a_kept_graph_keeps_its_actors_and_its_rows(tmp_path):
    from actorgraph.queries import load_query, run

    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    before = run(load_query("candidacies"), {}, tmp_path / "store").rows
    next(corpus.glob("2022-*.md")).write_bytes(b"---\ntitle: [broken\n---\nText\n")
    summary = build(corpus, tmp_path)
    assert len(summary.issues) == 1
    assert run(load_query("candidacies"), {}, tmp_path / "store").rows == before


def test_edited_shapes_revalidate_every_graph(tmp_path, monkeypatch):
    """Validation results are kept for unchanged graphs only while the shapes are unchanged."""
    from actorgraph import graph_writer

    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    assert build(corpus, tmp_path).validated == 0, "nothing changed: nothing revalidated"
    monkeypatch.setattr(graph_writer, "shapes_digest", lambda: "edited shapes")
    assert build(corpus, tmp_path).validated >= 4, "every graph is validated against the edited shapes"


def test_line_separators_inside_a_quote_survive_the_store_and_the_exports(tmp_path):
    """Form feed, NEL and U+2028 are raw in N-Triples literals: splitting quads on them (str.splitlines)
    broke the dataset file and the build died in the bulk load."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(
        "---\npublished: 2022-04-11\n---\nIn South Ossetia\u2028 Alan Gagloev won 38 percent in the presidential"
        " election.\x0c Anatoly Bibilov had 35 percent\x85 of the vote.\n",
        encoding="utf-8",
    )
    summary = build(corpus, tmp_path)
    assert summary.published and not summary.issues and summary.facts["candidacy"] == 2
    quotes = [line for line in published_nquads(tmp_path / "store") if "\u2028" in line or "\x0c" in line]
    assert quotes and all(line.endswith(" .") for line in quotes)
    ox.parse((tmp_path / "out" / "dataset.jsonld").read_bytes(), format=ox.RdfFormat.JSON_LD)


def _store_quads(root: Path) -> tuple[list[str], list[str]]:
    store = open_read_only(root)
    quads = sorted(str(q) for q in store.quads_for_pattern(None, None, None, None))
    return quads, sorted(str(g) for g in store.named_graphs())


def test_an_incremental_store_write_equals_a_bulk_load_of_the_same_corpus(tmp_path, monkeypatch):
    """Added, edited and removed documents: the copied store with the changed graphs replaced holds
    what a fresh build holds, quad for quad, with the same canonical file."""
    import actorgraph.store as store_module

    corpus = copy_corpus(tmp_path / "a")
    assert build(corpus, tmp_path / "a").store_write == "bulk"  # nothing to copy
    write_conflicting_documents(corpus)  # two added
    edited = next(corpus.glob("2012-*.md"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("Bibilov", "Bibilov Jr", 1), encoding="utf-8")
    next(corpus.glob("2022-*.md")).unlink()  # one removed
    monkeypatch.setattr(store_module, "INCREMENTAL_SHARE", 1.0)  # three example documents: every change is large
    again = build(corpus, tmp_path / "a")
    assert again.store_write == "incremental"
    fresh = build(corpus, tmp_path / "b")
    assert fresh.store_write == "bulk"
    assert published_nquads(tmp_path / "a" / "store") == published_nquads(tmp_path / "b" / "store")
    assert _store_quads(tmp_path / "a" / "store") == _store_quads(tmp_path / "b" / "store")
    # and the default share keeps a large change a bulk load
    monkeypatch.setattr(store_module, "INCREMENTAL_SHARE", 0.2)
    edited = next(corpus.glob("2011-*.md"))  # a new id: a third of the data changes
    edited.write_text(edited.read_text(encoding="utf-8").replace("id: ", "id: renamed-", 1), encoding="utf-8")
    assert build(corpus, tmp_path / "a").store_write == "bulk"


def test_an_incremental_store_write_leaves_the_previous_generation_s_files_as_they_were(tmp_path, monkeypatch):
    """The copy shares the previous store's files through hard links: writing it must not touch them.
    The build fails just before publishing, so the previous generation stays to be compared."""
    import hashlib

    import actorgraph.store as store_module

    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    previous = current_generation(tmp_path / "store")
    assert previous is not None

    def digests() -> dict[str, str]:
        return {
            str(path.relative_to(previous)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(previous.rglob("*"))
            if path.is_file()
        }

    before = digests()
    written: list[str] = []
    load_graphs = store_module.Generation.load_graphs

    def load_then_fail(self, *args):
        written.append(load_graphs(self, *args))
        raise OSError("the disk fills up as the manifest is written")

    monkeypatch.setattr(store_module, "INCREMENTAL_SHARE", 1.0)
    monkeypatch.setattr(store_module.Generation, "load_graphs", load_then_fail)
    write_conflicting_documents(corpus)
    with pytest.raises(OSError):
        build(corpus, tmp_path)
    assert written == ["incremental"]
    assert digests() == before
    assert current_generation(tmp_path / "store") == previous


def test_a_build_writes_its_graphs_in_canonical_order_so_the_file_is_not_rewritten(tmp_path, monkeypatch):
    """Reordering the blocks rewrites the whole dataset file (750 MB at 10,000 documents)."""
    import actorgraph.nquads_file as nquads_module

    orders: list[list[str]] = []
    canonical = nquads_module.GraphBlocks.canonical

    def recording(self) -> None:  # type: ignore[no-untyped-def]
        orders.append([f"<{block.graph}>" for block in self.blocks])
        canonical(self)

    monkeypatch.setattr(nquads_module.GraphBlocks, "canonical", recording)
    corpus = copy_corpus(tmp_path)
    (corpus / "curation.yaml").write_text("merge: []\n", encoding="utf-8")
    build(corpus, tmp_path)
    assert len(orders) == 1 and len(orders[0]) == 6  # three documents, actors, curation, ontology
    assert orders[0] == sorted(orders[0])


def test_a_build_that_reuses_no_extraction_keeps_them_on_disk_and_publishes_none(tmp_path):
    """Extractions wait on disk for their graphs (not in memory): with no cache (`--full`), in a
    folder of the new generation that does not outlive the build."""
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path / "cached")
    summary = build(corpus, tmp_path / "full", cache=False)
    assert summary.extracted == 3 and summary.reused == 0
    generation = current_generation(tmp_path / "full" / "store")
    assert generation is not None and sorted(p.name for p in generation.iterdir()) == [
        "dataset.nq",
        "dataset.nq.blocks",
        "manifest.json",
        "oxigraph",
        "texts.tsv",
    ]
    assert published_nquads(tmp_path / "full" / "store") == published_nquads(tmp_path / "cached" / "store")
