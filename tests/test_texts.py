"""Documents' texts beside the store: each text once in the store's folder, each generation's map."""

from __future__ import annotations

import hashlib
import os

import pytest

from actorgraph.store import Generation, Manifest, build_lock, current_generation
from actorgraph.texts import (
    FOLDER,
    MAP,
    documents_with_texts,
    has_texts,
    legacy_text_name,
    read_map,
    read_text,
    remove_unused,
)

D1, D2 = "https://example.org/d/1", "https://example.org/d/\u00e9"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_text_is_kept_exactly_under_its_own_hash_and_mapped_from_its_document(tmp_path):
    generation = Generation(tmp_path)
    generation.texts.write(D1, "one\r\ntwo\n")
    generation.texts.write(D1, "one\r\nthree\r")  # read again: the map names the new text
    generation.texts.write(D2, "one\r\nthree\r")  # the same text: one file
    generation.texts.save()
    digest = sha(b"one\r\nthree\r")
    assert (tmp_path / MAP).exists() is False and (generation.path / MAP).read_text("utf-8") == (
        f"{D1}\t{digest}\n{D2}\t{digest}\n"
    ), "sorted, one line a document"
    assert (tmp_path / FOLDER / f"{digest}.txt").read_bytes() == b"one\r\nthree\r", "no newline translation"
    assert read_text(generation.path, D1) == read_text(generation.path, D2) == "one\r\nthree\r"
    assert read_text(generation.path, "https://example.org/d/3") is None
    assert has_texts(generation.path, {D1, D2}) and has_texts(generation.path, set())
    assert not has_texts(generation.path, {D1, "https://example.org/d/3"})
    assert documents_with_texts(generation.path) == {D1, D2} and documents_with_texts(None) == frozenset()


def test_a_text_is_written_aside_and_renamed(tmp_path, monkeypatch):
    """A killed build leaves no half-written text under a text's name."""
    renamed: list[tuple[str, str]] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: renamed.append((str(a), str(b))) or real_replace(a, b))
    generation = Generation(tmp_path)
    generation.texts.write(D1, "text")
    [(source, target)] = renamed
    assert os.path.basename(source).startswith(".tmp-") and target.endswith(sha(b"text") + ".txt")
    generation.texts.write(D2, "text")  # held already: not written again
    assert len(renamed) == 1


def test_reading_a_text_of_a_generation_without_texts_is_none(tmp_path):
    assert read_text(tmp_path, D1) is None
    (tmp_path / "texts").write_text("not a folder", encoding="utf-8")
    assert read_text(tmp_path, D1) is None
    assert not has_texts(tmp_path, {D1}) and documents_with_texts(tmp_path) == frozenset()


def test_a_kept_graph_keeps_the_previous_generations_text(tmp_path):
    previous = Generation(tmp_path)
    previous.texts.write("d1", "old one")
    previous.texts.write("d5", "old five")
    previous.texts.save()
    current = Generation(tmp_path)
    assert current.path.name == "gen-000002"
    current.texts.keep(previous.path, "d1")
    current.texts.keep(previous.path, "d5")
    current.texts.write("d2", "read this time")
    current.texts.keep(previous.path, "d2")  # the previous generation has no text of d2
    current.texts.write("d3", "read this time")
    current.texts.keep(None, "d3")  # no previous generation
    current.texts.keep(None, "d4")  # nothing to remove
    current.texts.save()
    assert read_map(current.path) == {"d1": sha(b"old one"), "d5": sha(b"old five")}
    assert read_text(current.path, "d1") == "old one" and read_text(current.path, "d2") is None


def test_a_generation_written_before_is_read_and_its_kept_texts_carried_over(tmp_path):
    """Before, each generation kept its texts in a folder of its own, named by the document IRI's hash."""
    old = tmp_path / "gen-000001"
    (old / "texts").mkdir(parents=True)
    (old / "texts" / legacy_text_name(D1)).write_bytes(b"old\r\ntext")
    assert legacy_text_name(D1) == sha(D1.encode()) + ".txt"
    assert read_text(old, D1) == "old\r\ntext" and read_text(old, D2) is None
    assert documents_with_texts(old) == frozenset(), "its documents are read again, once"
    current = Generation(tmp_path)
    current.texts.keep(old, D1)
    current.texts.keep(old, D2)
    current.texts.save()
    assert read_map(current.path) == {D1: sha(b"old\r\ntext")} and read_text(current.path, D1) == "old\r\ntext"


def test_pruning_keeps_only_the_texts_of_the_given_documents(tmp_path):
    generation = Generation(tmp_path)
    for document in ("d1", "d2", "d3"):
        generation.texts.write(document, document)
    generation.texts.prune({"d1", "d3", "d9"})
    generation.texts.save()
    assert read_map(generation.path) == {"d1": sha(b"d1"), "d3": sha(b"d3")}


def test_texts_no_published_generation_names_are_removed(tmp_path):
    """After a publish, and when a build takes the lock (a killed build's texts and half-written files)."""
    first = Generation(tmp_path)
    first.texts.write("d1", "one")
    first.texts.write("d2", "two")
    first.texts.save()
    (tmp_path / "current").symlink_to(first.path.name)
    (first.path / "oxigraph").mkdir()  # what current_generation asks of a published generation
    assert current_generation(tmp_path) == first.path
    second = Generation(tmp_path)
    second.texts.keep(first.path, "d1")
    second.texts.write("d3", "three")
    (tmp_path / FOLDER / ".tmp-half").write_bytes(b"th")
    names = sorted(p.name for p in (tmp_path / FOLDER).iterdir())
    assert len(names) == 4
    with build_lock(tmp_path):  # the second build was killed: its generation and texts go
        assert sorted(p.name for p in (tmp_path / FOLDER).iterdir()) == sorted(
            [f"{sha(b'one')}.txt", f"{sha(b'two')}.txt"]
        )
    assert remove_unused(tmp_path, None) == 2 and list((tmp_path / FOLDER).iterdir()) == []
    assert remove_unused(tmp_path / "nowhere", None) == 0


def test_taking_the_lock_lists_the_texts_only_after_a_killed_build(tmp_path, monkeypatch):
    """A build that failed removed what it wrote; only a killed one leaves a generation, and texts,
    behind. Without one, the lock does not list the texts folder (a file for each document)."""
    import actorgraph.store as store_module

    listed: list[object] = []
    monkeypatch.setattr(store_module.texts, "remove_unused", lambda *args: listed.append(args) or 0)
    first = Generation(tmp_path)
    first.texts.write("d1", "one")
    (tmp_path / "current").symlink_to(first.path.name)
    (first.path / "oxigraph").mkdir()
    with build_lock(tmp_path):
        assert listed == []
    Generation(tmp_path)  # a build killed after it made its generation
    with build_lock(tmp_path):
        assert listed == [(tmp_path, first.path)]
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == [first.path.name]


def test_publishing_writes_the_map_and_removes_the_texts_only_the_old_generation_named(tmp_path):
    def publish(texts: dict[str, str], kept: tuple[str, ...] = ()) -> Generation:
        before = current_generation(tmp_path)
        generation = Generation(tmp_path)
        for document, text in texts.items():
            generation.texts.write(document, text)
        for document in kept:
            generation.texts.keep(before, document)
        generation.quads_file.write_text(
            '<https://example.org/s> <https://example.org/p> "o" <https://example.org/g> .\n'
        )
        generation.load(generation.quads_file)
        generation.publish(Manifest(base="https://example.org/"))
        return generation

    first = publish({"d1": "one", "d2": "two"})
    assert read_map(first.path) == {"d1": sha(b"one"), "d2": sha(b"two")}
    second = publish({"d2": "two, edited"}, kept=("d1",))
    assert read_text(second.path, "d1") == "one" and read_text(second.path, "d2") == "two, edited"
    assert sorted(p.name for p in (tmp_path / FOLDER).iterdir()) == sorted(
        [f"{sha(b'one')}.txt", f"{sha(b'two, edited')}.txt"]
    ), "the first generation's text of d2 is gone with it"


@pytest.mark.parametrize(
    "damage", [b"no tab here\n", b"d1\tnot-a-hash\n", b"d1\t" + b"a" * 64 + b"\textra\n", b"\xff\n"]
)
def test_a_damaged_map_is_not_used_and_removes_nothing(tmp_path, damage):
    generation = Generation(tmp_path)
    generation.texts.write("d1", "one")
    generation.texts.save()
    (generation.path / MAP).write_bytes((generation.path / MAP).read_bytes() + damage)
    assert read_map(generation.path) == {} and read_text(generation.path, "d1") is None
    assert documents_with_texts(generation.path) == frozenset(), "its documents are read again"
    assert remove_unused(tmp_path, generation.path) == 0 and len(list((tmp_path / FOLDER).iterdir())) == 1


def test_a_map_is_parsed_once_for_each_state_of_its_file(tmp_path, monkeypatch):
    """A build asks for the previous generation's map several times (the documents it keeps, each
    kept text, whether nothing changed), the explorer for every document page."""
    import actorgraph.texts as texts_module

    generation = Generation(tmp_path)
    generation.texts.write("d1", "one")
    generation.texts.save()
    parsed: list[str] = []
    real_entry = texts_module._entry
    monkeypatch.setattr(texts_module, "_entry", lambda line: parsed.append(line) or real_entry(line))
    assert read_map(generation.path) == read_map(generation.path) == {"d1": sha(b"one")}
    assert read_text(generation.path, "d1") == "one" and documents_with_texts(generation.path) == {"d1"}
    assert len(parsed) == 1
    generation.texts.write("d2", "two")
    generation.texts.save()  # a new file in its place: read again
    assert read_map(generation.path) == {"d1": sha(b"one"), "d2": sha(b"two")}


def test_a_build_looks_up_the_previous_map_once_for_all_the_documents_it_keeps(tmp_path, monkeypatch):
    """Keeping 10,000 unchanged documents' texts looked at the previous map's file 10,000 times (a
    status call each, to know whether it had changed): it is looked up once in a build."""
    import actorgraph.texts as texts_module

    previous = Generation(tmp_path)
    for name in ("d1", "d2", "d3"):
        previous.texts.write(name, f"text of {name}")
    previous.texts.save()
    looked: list[object] = []
    real_mapped = texts_module._mapped
    monkeypatch.setattr(
        texts_module, "_mapped", lambda generation: looked.append(generation) or real_mapped(generation)
    )
    current = Generation(tmp_path)
    for name in ("d1", "d2", "d3"):
        current.texts.keep(previous.path, name)
    assert current.texts.entries == {name: sha(f"text of {name}".encode()) for name in ("d1", "d2", "d3")}
    assert looked == [previous.path]
