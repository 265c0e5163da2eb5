"""The extraction stage (extracting.py): results in input order, the same for any number of
processes, and each unchanged document extracted once."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from actorgraph import documents as documents_module
from actorgraph import extracting, workers
from actorgraph.extract import get_extractor
from actorgraph.extracting import Extracted, ExtractionCache, document_key, extract_corpus, fingerprint
from actorgraph.graph_writer import shapes_digest
from actorgraph.records import Document, Issue

from .build_helpers import build, copy_corpus
from .conftest import ROOT


def corpus_documents(copies: int) -> list[Document]:
    originals = [
        d for d in documents_module.read(documents_module.discover([ROOT / "corpus"])) if isinstance(d, Document)
    ]
    return [replace(d, id=f"c{i}-{d.id}") for i in range(copies) for d in originals]


def test_any_number_of_processes_gives_the_same_results_in_input_order(monkeypatch):
    monkeypatch.setattr(extracting, "BATCH_PER_JOB", 2)  # several batches, and both workers busy
    monkeypatch.setattr(workers, "INLINE", 0)
    documents = corpus_documents(4)
    items: list[Document | Issue] = [*documents[:5], Issue("bad.md", "unreadable"), *documents[5:]]
    one = list(extract_corpus(items, "rules", "https://example.org/", None, ExtractionCache(None), jobs=1))
    two = list(extract_corpus(items, "rules", "https://example.org/", None, ExtractionCache(None), jobs=2))
    assert [r.extraction.document.id if isinstance(r, Extracted) else r.source for r in two] == [
        *[d.id for d in documents[:5]],
        "bad.md",
        *[d.id for d in documents[5:]],
    ]
    assert one == two  # equal records (pickles differ only in how shared objects are memoised)
    assert all(r.extraction.document.text == "" for r in two if isinstance(r, Extracted))  # text let go


def test_the_workers_have_the_next_batch_while_a_batch_is_taken(monkeypatch):
    monkeypatch.setattr(extracting, "BATCH_PER_JOB", 2)  # batches of 4 documents with two workers
    monkeypatch.setattr(workers, "INLINE", 0)
    documents = corpus_documents(4)  # 12 documents: 3 batches
    read: list[str] = []  # the documents taken from the input, as the build reads them

    def reading():
        for document in documents:
            read.append(document.id)
            yield document

    taken = []  # how many documents had been read when each result came
    for result in extract_corpus(reading(), "rules", "https://example.org/", None, ExtractionCache(None), jobs=2):
        assert isinstance(result, Extracted)
        taken.append(len(read))
    # the first batch's results come once the second batch is read and with the workers
    assert taken == [8, 8, 8, 8, 12, 12, 12, 12, 12, 12, 12, 12]


def test_a_build_with_two_processes_writes_the_same_files(tmp_path, monkeypatch):
    monkeypatch.setattr(extracting, "BATCH_PER_JOB", 1)  # three documents, two processes
    monkeypatch.setattr(workers, "INLINE", 0)
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path / "one", jobs=1)
    build(corpus, tmp_path / "two", jobs=2)
    first, second = tmp_path / "one" / "out", tmp_path / "two" / "out"
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert names and names == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_an_unchanged_document_is_not_extracted_again(tmp_path):
    corpus = copy_corpus(tmp_path)
    cold = build(corpus, tmp_path)
    assert (cold.extracted, cold.reused) == (3, 0)
    again = build(corpus, tmp_path)
    assert (again.extracted, again.reused) == (0, 3)
    assert again.facts == cold.facts
    changed = sorted(corpus.glob("*.md"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nVoter turnout was 61 percent.\n", encoding="utf-8")
    edited = build(corpus, tmp_path)
    assert (edited.extracted, edited.reused) == (1, 2)
    full = build(corpus, tmp_path, cache=False)
    assert (full.extracted, full.reused) == (3, 0)


def test_the_key_covers_the_text_the_metadata_and_what_shapes_extraction(tmp_path, monkeypatch):
    document = corpus_documents(1)[0]
    print_ = fingerprint(get_extractor("rules"))
    key = document_key(print_, "https://example.org/", document)
    assert key == document_key(print_, "https://example.org/", replace(document))
    assert key != document_key(print_, "https://example.org/", replace(document, text=document.text + " "))
    assert key != document_key(print_, "https://example.org/", replace(document, published="1999-01-01"))
    assert key != document_key(print_ + "x", "https://example.org/", document)
    # a lexicon edit changes the fingerprint
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    monkeypatch.setattr(extracting.settings, "ontology_dir", lambda: ontology)
    assert fingerprint(get_extractor("rules")) == print_  # the same files elsewhere
    # the shapes check graphs, not extractions: an edit of them keeps every extraction
    shapes = ontology / "shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint(get_extractor("rules")) == print_
    actors = ontology / "actors.ttl"  # the reference actors do shape it
    kept = actors.read_text(encoding="utf-8")
    actors.write_text(kept + "\n# edited\n", encoding="utf-8")
    assert fingerprint(get_extractor("rules")) != print_
    actors.write_text(kept, encoding="utf-8")
    lexicon = ontology / "lexicon" / "cues.json"
    lexicon.write_text(
        lexicon.read_text(encoding="utf-8").replace('"endorsed",', '"endorsed", "vouched for",', 1), encoding="utf-8"
    )
    assert fingerprint(get_extractor("rules")) != print_


def test_the_key_covers_the_code_of_what_is_kept_and_not_the_validation_of_graphs(tmp_path, monkeypatch):
    """What a cache entry holds is made by the rules and by the quote check, with node IRIs from
    ids.py: editing those changes every key; editing how graphs are validated does not."""
    before = fingerprint(get_extractor("rules"))
    package = tmp_path / "actorgraph"
    shutil.copytree(ROOT / "src" / "actorgraph", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(extracting, "__file__", str(package / "extracting.py"))
    assert fingerprint(get_extractor("rules")) == before  # the same code elsewhere

    def edited(name: str) -> str:
        path = package / name
        kept = path.read_bytes()
        path.write_bytes(kept + b"\n# edited\n")
        try:
            return fingerprint(get_extractor("rules"))
        finally:
            path.write_bytes(kept)

    assert edited("validate.py") == before
    assert edited("quotes.py") != before
    assert edited("ids.py") != before
    assert edited("records.py") != before
    assert edited("extract/office.py") != before


def test_edited_shapes_validate_every_graph_again_and_extract_nothing(tmp_path, monkeypatch):
    corpus = copy_corpus(tmp_path)
    cold = build(corpus, tmp_path)
    home = tmp_path / "home"  # the project's model and queries, the shapes edited
    for folder in ("ontology", "queries"):
        shutil.copytree(ROOT / folder, home / folder)
    shapes = home / "ontology" / "shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setenv("ACTORGRAPH_HOME", str(home))
    shapes_digest.cache_clear()  # read once a process: the next build is another process
    try:
        again = build(corpus, tmp_path)
    finally:
        shapes_digest.cache_clear()
    assert (again.extracted, again.reused) == (0, 3)
    assert again.validated >= 3 and again.reused_graphs == 0
    assert again.facts == cold.facts


def test_a_damaged_cache_entry_is_extracted_again(tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    document = corpus_documents(1)[0]
    results = list(extract_corpus([document], "rules", "https://example.org/", None, cache))
    assert isinstance(results[0], Extracted) and not results[0].reused
    entry = next((tmp_path / "cache").glob("*/*.pickle"))
    entry.write_bytes(b"not a pickle")
    again = ExtractionCache(tmp_path / "cache")
    results = list(extract_corpus([document], "rules", "https://example.org/", None, again))
    assert isinstance(results[0], Extracted) and not results[0].reused
    third = next(
        iter(extract_corpus([document], "rules", "https://example.org/", None, ExtractionCache(tmp_path / "cache")))
    )
    assert isinstance(third, Extracted) and third.reused


def test_entries_no_build_asked_for_are_pruned(tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    list(extract_corpus(corpus_documents(1), "rules", "https://example.org/", None, cache))
    assert len(list((tmp_path / "cache").glob("*/*.pickle"))) == 3
    smaller = ExtractionCache(tmp_path / "cache")
    list(extract_corpus(corpus_documents(1)[:1], "rules", "https://example.org/", None, smaller))
    assert smaller.prune() == 2
    assert len(list((tmp_path / "cache").glob("*/*.pickle"))) == 1


def test_a_build_that_listed_its_entries_prunes_from_that_listing(tmp_path, monkeypatch):
    """`has` lists the folders once as a build begins; pruning drops what it listed and no one asked
    for, without listing 10,000 entries again, and keeps what was written since (it was asked for)."""
    cache = ExtractionCache(tmp_path / "cache")
    written = [r for r in extract_corpus(corpus_documents(1), "rules", "https://example.org/", None, cache)]
    listings = []
    listed = extracting._entry_keys
    monkeypatch.setattr(extracting, "_entry_keys", lambda folder: listings.append(folder) or listed(folder))
    later = ExtractionCache(tmp_path / "cache")
    assert later.has(written[0].key) and not later.has("0" * 64)  # listed here, once
    (new,) = extract_corpus(corpus_documents(2)[3:4], "rules", "https://example.org/", None, later)  # written now
    assert later.prune() == 2 and len(listings) == 1
    assert {p.stem for p in (tmp_path / "cache").glob("*/*.pickle")} == {written[0].key, new.key}
    assert ExtractionCache(tmp_path / "cache").prune() == 2  # nothing listed: the folders are, now


@pytest.mark.parametrize("jobs", ["0", "two"])
def test_jobs_must_be_a_positive_whole_number(jobs, capsys):
    from actorgraph.cli import main

    assert main(["build", "--jobs", jobs, str(ROOT / "corpus")]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_a_rebuild_with_nothing_changed_leaves_store_and_outputs_as_they_were(tmp_path):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    generation = (tmp_path / "store" / "current").resolve()
    outputs = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()}
    again = build(corpus, tmp_path)
    assert again.unchanged and again.published
    assert (tmp_path / "store" / "current").resolve() == generation
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()} == outputs
    (tmp_path / "out" / "dataset.ttl").write_text("damaged", encoding="utf-8")
    repaired = build(corpus, tmp_path)  # a damaged output set is written again, store untouched
    assert repaired.unchanged and (tmp_path / "out" / "dataset.ttl").read_text(encoding="utf-8") != "damaged"
    first = sorted(corpus.glob("*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nVoter turnout was 61 percent.\n", encoding="utf-8")
    edited = build(corpus, tmp_path)
    assert not edited.unchanged and (tmp_path / "store" / "current").resolve() != generation


def test_the_cache_tells_its_entries_from_one_listing(tmp_path, monkeypatch):
    """`has` answers from the folders listed when it is first asked (a build asks it of every
    document it knows unchanged), counts what it finds as used, and sees no entry written since."""
    import os

    assert not ExtractionCache(tmp_path / "none").has("ab" * 32) and not ExtractionCache(None).has("ab")
    documents = corpus_documents(1)
    written = list(extract_corpus(documents[:2], "rules", "https://example.org/", None, ExtractionCache(tmp_path)))
    keys = [entry.key for entry in written if isinstance(entry, Extracted)]
    (tmp_path / keys[0][:2] / ".tmp-left-by-a-killed-build").write_bytes(b"")
    cache = ExtractionCache(tmp_path)
    listed: list[str] = []
    real_listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda path: listed.append(path) or real_listdir(path))
    assert [cache.has(key) for key in keys] == [True, True] and not cache.has("ab" * 32)
    assert cache.used == set(keys) and len(listed) == len({key[:2] for key in keys})
    later = next(iter(extract_corpus(documents[2:], "rules", "https://example.org/", None, ExtractionCache(tmp_path))))
    assert isinstance(later, Extracted) and not cache.has(later.key), "written after the listing"
    assert ExtractionCache(tmp_path).has(later.key)


def test_the_extractor_makes_its_mention_finder_only_when_it_extracts():
    """A build asks its extractor's name and version (the fingerprint) in a process that may
    extract nothing (a rebuild with nothing changed): the finder (0.09 s) is not made for that."""
    extractor = get_extractor("rules")
    fingerprint(extractor)
    assert "finder" not in vars(extractor)
    extractor(corpus_documents(1)[0])
    assert "finder" in vars(extractor)
