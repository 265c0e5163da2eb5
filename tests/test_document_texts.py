"""Each document's text is kept with the store generation it was built into, for the explorer's document page."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from actorgraph.documents import discover, read
from actorgraph.records import Document
from actorgraph.store import current_generation, published_nquads
from actorgraph.texts import FOLDER, MAP, read_map, read_text
from actorgraph.web.app import ServeOptions, create_app

from .build_helpers import build, copy_corpus

BASE = "https://w3id.org/actorgraph/data/"


def corpus_documents(corpus: Path) -> list[Document]:
    return [d for d in read(discover([corpus])) if isinstance(d, Document)]


def test_every_document_text_is_kept_exactly_with_its_generation(tmp_path):
    corpus = copy_corpus(tmp_path)
    (corpus / "zz-odd.md").write_text(
        "---\npublished: 2019-08-26\ntitle: Odd text\n---\n😀 <b>Syria</b> recognised Abkhazia.\r\nSecond line.\n",
        encoding="utf-8",
    )
    build(corpus, tmp_path)
    generation = current_generation(tmp_path / "store")
    assert generation is not None
    documents = corpus_documents(corpus)
    assert len(documents) == 4
    for document in documents:
        assert read_text(generation, BASE + "document/" + document.id) == document.text, document.id
    assert set(read_map(generation)) == {BASE + "document/" + d.id for d in documents}
    assert len(list((tmp_path / "store" / FOLDER).iterdir())) == 4, "each text once, in the store's folder"


def test_the_document_page_marks_spans_of_a_built_text(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "odd.md").write_text(
        "---\npublished: 2019-08-26\ntitle: Odd text\n---\n😀 <b>Nauru</b> says: Syria recognised Abkhazia.\n",
        encoding="utf-8",
    )
    build(corpus, tmp_path)
    with TestClient(create_app(ServeOptions(tmp_path / "store"))) as client:
        page = client.get("/document/odd").text
    text = page[page.index('<div class="fulltext"') :]
    assert "😀 &lt;b&gt;" in text and "<b>Nauru" not in text
    assert '<a class="mention" href="/actor/syria">Syria</a>' in text  # offsets in characters, past the emoji
    assert '<a class="mention" href="/actor/abkhazia">Abkhazia</a>' in text
    assert 'title="RecognitionStance"' in text


def test_an_unreadable_document_keeps_its_text_with_its_graph(tmp_path):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    bad = next(corpus.glob("2022-*.md"))
    document = next(d for d in corpus_documents(corpus) if d.source == str(bad))
    bad.write_bytes(b"---\ntitle: [broken\n---\nText\n")
    summary = build(corpus, tmp_path)
    assert len(summary.issues) == 1
    generation = current_generation(tmp_path / "store")
    assert generation is not None and generation.name == "gen-000002"
    assert read_text(generation, BASE + "document/" + document.id) == document.text


def test_a_failing_build_leaves_the_previous_texts(tmp_path, monkeypatch):
    import actorgraph.store as store_module

    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    before = current_generation(tmp_path / "store")
    assert before is not None
    texts = {p.name: p.read_bytes() for p in (tmp_path / "store" / FOLDER).iterdir()}
    mapped = read_map(before)
    quads = published_nquads(tmp_path / "store")

    def crash(*args):
        raise OSError("No space left on device")

    monkeypatch.setattr(store_module.Generation, "load_graphs", crash)
    for source in corpus.glob("*.md"):
        source.write_text(source.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    with pytest.raises(OSError):
        build(corpus, tmp_path)
    assert current_generation(tmp_path / "store") == before
    assert read_map(before) == mapped
    assert {p.name: p.read_bytes() for p in (tmp_path / "store" / FOLDER).iterdir()} == texts, "the new ones went too"
    assert published_nquads(tmp_path / "store") == quads
    assert [p.name for p in (tmp_path / "store").glob("gen-*")] == [before.name], "the failed generation is gone"


def test_texts_are_written_and_read_without_newline_translation(tmp_path):
    from actorgraph.store import Generation

    generation = Generation(tmp_path)
    generation.texts.write(BASE + "document/x", "a\r\nb\rc\n")  # offsets count every character
    generation.texts.save()
    assert read_text(generation.path, BASE + "document/x") == "a\r\nb\rc\n"


def test_an_unchanged_rebuild_adds_texts_a_store_built_before_them_lacks(tmp_path):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    old = current_generation(tmp_path / "store")
    assert old is not None
    (old / MAP).unlink()  # as built before texts were kept
    summary = build(corpus, tmp_path)
    assert not summary.unchanged, "same graphs, but the texts are missing: publish a generation that has them"
    new = current_generation(tmp_path / "store")
    assert new is not None and new != old and len(read_map(new)) == 3
    assert build(corpus, tmp_path).unchanged  # and then nothing to do


def test_a_document_that_fails_without_a_previous_graph_leaves_no_text(tmp_path, monkeypatch):
    import actorgraph.extracting as extracting_module
    from actorgraph.records import Issue

    corpus = copy_corpus(tmp_path)
    real = extracting_module.extract_guarded

    def failing(extractor, document, budget):
        if document.id.startswith("2022-"):
            return Issue(document.source, "the rules failed")
        return real(extractor, document, budget)

    monkeypatch.setattr(extracting_module, "extract_guarded", failing)
    summary = build(corpus, tmp_path, cache=False)
    assert len(summary.issues) == 1 and summary.published
    generation = current_generation(tmp_path / "store")
    assert generation is not None
    documents = corpus_documents(corpus)
    assert set(read_map(generation)) == {BASE + "document/" + d.id for d in documents if not d.id.startswith("2022-")}
    assert len(list((tmp_path / "store" / FOLDER).iterdir())) == 2, "its text is not kept"
