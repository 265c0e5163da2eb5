"""corpus_index.py: files unchanged since the last build are not read again, and a build that
takes them from the index gives the store a build from nothing gives."""

from __future__ import annotations

import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from actorgraph import corpus_index, documents
from actorgraph.corpus_index import CorpusIndex
from actorgraph.file_status import FileStatus
from actorgraph.resolve_build import LocalActor, Summary
from actorgraph.store import current_generation, published_nquads
from actorgraph.texts import read_map

from . import hostile_corpus
from .build_helpers import build, copy_corpus


@pytest.fixture()
def settled(monkeypatch):
    """Files count as settled as soon as they are recorded (tests write them just before)."""
    monkeypatch.setattr(corpus_index, "RACY_SECONDS", 0)


@pytest.fixture()
def reads(monkeypatch) -> list[str]:
    """The files the build reads."""
    seen: list[str] = []
    read_file = documents.read_file

    def counting(path, shown=None):  # type: ignore[no-untyped-def]
        seen.append(Path(path).name)
        return read_file(path, shown)

    monkeypatch.setattr(documents, "read_file", counting)
    return seen


def test_a_rebuild_reads_only_the_files_that_gave_an_issue(tmp_path, settled, reads):
    corpus = copy_corpus(tmp_path)
    hostile_corpus.write(corpus)
    first = build(corpus, tmp_path, budget=3)
    reads.clear()
    again = build(corpus, tmp_path, budget=3)
    assert again.unchanged and again.reused == again.documents == first.documents
    failed = {Path(issue.source.split(":")[0]).name for issue in first.issues}
    assert set(reads) == failed and len(reads) == len(failed), "each bad file is read again, to report it again"
    assert [i.line() for i in again.issues] == [i.line() for i in first.issues]


def test_a_file_edited_to_the_same_size_and_modification_time_is_read_again(tmp_path, settled, reads):
    corpus = copy_corpus(tmp_path / "incremental")
    build(corpus, tmp_path / "incremental")
    path = sorted(corpus.glob("*.md"))[0]
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("presidential", "Presidential", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time still moves
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    build(corpus, tmp_path / "incremental")
    assert reads == [path.name]
    cold = copy_corpus(tmp_path / "cold")
    shutil.copy(path, cold / path.name)
    build(cold, tmp_path / "cold")
    assert published_nquads(tmp_path / "incremental" / "store") == published_nquads(tmp_path / "cold" / "store")


def test_files_changed_just_before_they_were_read_are_read_again(tmp_path, reads):
    """Within the clock's granularity a file may change again with the same status: a status taken
    less than RACY_SECONDS after the file last changed is not trusted."""
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    reads.clear()
    build(corpus, tmp_path)
    assert len(reads) == 3


def test_a_known_document_whose_actor_changed_is_built_again_from_its_cached_extraction(tmp_path, settled, reads):
    """Adding a document that renames an actor rebuilds the graphs of unchanged (unread) files that
    name it: their extractions come from the cache. Equal to a cold build."""
    one = (
        "---\nid: one\npublished: 2019-08-26\n---\nIn Abkhazia's presidential election, Zaur Kvarchia won 40 percent.\n"
    )
    two = (
        "---\nid: two\npublished: 2019-08-27\n---\nZaur Kvarchiya, an Abkhaz lawmaker, said Zaur Kvarchiya would "
        "run. Zaur Kvarchiya won 41 percent in Abkhazia's presidential election.\n"
    )
    corpus = copy_corpus(tmp_path / "incremental")
    (corpus / "one.md").write_text(one, encoding="utf-8")
    build(corpus, tmp_path / "incremental")
    (corpus / "two.md").write_text(two, encoding="utf-8")
    reads.clear()
    again = build(corpus, tmp_path / "incremental")
    assert reads == ["two.md"] and again.reused == 4
    cold = tmp_path / "cold" / "corpus"
    shutil.copytree(corpus, cold)
    build(cold, tmp_path / "cold")
    lines = published_nquads(tmp_path / "incremental" / "store")
    assert lines == published_nquads(tmp_path / "cold" / "store")
    assert not any("/actor/zaur-kvarchia>" in line for line in lines)
    texts = read_map(current_generation(tmp_path / "incremental" / "store"))
    assert texts == read_map(current_generation(tmp_path / "cold" / "store"))
    assert len(texts) == 5  # the unread documents keep the texts their offsets index


def test_a_document_whose_cached_extraction_is_gone_is_read_again(tmp_path, settled, reads):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    before = published_nquads(tmp_path / "store")
    for entry in (tmp_path / "store" / "extractions").glob("*/*.pickle"):
        entry.unlink()
    reads.clear()
    again = build(corpus, tmp_path)
    assert len(reads) == 3 and again.extracted == 3
    assert published_nquads(tmp_path / "store") == before


def test_removed_files_leave_the_index_and_another_base_ignores_it(tmp_path, settled, reads):
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    removed = sorted(corpus.glob("*.md"))[0]
    removed.unlink()
    build(corpus, tmp_path)
    index = CorpusIndex.load(tmp_path / "store" / "extractions", next(iter(_stamps(tmp_path))))
    assert len(index.files) == 2 and os.path.realpath(removed) not in index.files
    reads.clear()
    build(corpus, tmp_path, base="https://example.org/other/")
    assert len(reads) == 2  # the index holds for one base IRI


def _stamps(tmp_path: Path) -> set[str]:
    _, stamp, _, _ = pickle.loads((tmp_path / "store" / "extractions" / corpus_index.NAME).read_bytes())
    return {stamp}


def test_a_status_is_settled_only_well_after_the_last_change():
    status = FileStatus(size=1, modified=10_000_000_000, changed=10_000_000_000, inode=1, recorded=11_000_000_000)
    assert not corpus_index.settled(status)
    assert corpus_index.settled(FileStatus(1, 10_000_000_000, 10_000_000_000, 1, 12_500_000_000))
    assert not corpus_index.settled(FileStatus(1, 10_000_000_000, 12_000_000_000, 1, 12_500_000_000))  # changed late


def _a_build(index: CorpusIndex, paths: list[Path], read: set[Path]) -> None:
    """What a build does with the index: the files in `read` are read (new things taken from them),
    the others are known from the index (its very objects, as the pipeline takes them)."""
    origins = [(path, FileStatus.of(path)) for path in paths]
    taken: dict[Path, list] = {}
    for path in paths:
        entry = index.files.get(corpus_index._identity(path))
        taken[path] = (
            [f"taken from {path.name}: {path.read_text()}"] if path in read or entry is None else list(entry[1])
        )
    index.update(origins, taken)


def _indexed(tmp_path: Path, count: int, text: str) -> tuple[Path, list[Path], CorpusIndex]:
    """`count` files holding `text`, read by a first build that saves its index."""
    folder, paths = tmp_path / "index", [tmp_path / f"file-{n:02d}.md" for n in range(count)]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    index = CorpusIndex.load(folder, "stamp")
    _a_build(index, paths, set(paths))
    index.save(folder)
    return folder, paths, index


def test_a_build_that_changes_a_few_files_writes_their_changes_only(tmp_path, settled):
    folder, paths, index = _indexed(tmp_path, 30, "first")
    base = (folder / corpus_index.NAME).read_bytes()
    again = CorpusIndex.load(folder, "stamp")
    assert again.files == index.files
    paths[3].write_text("edited", encoding="utf-8")
    paths[5].unlink()
    paths.remove(paths[5])
    paths.append(tmp_path / "new.md")
    paths[-1].write_text("new", encoding="utf-8")
    _a_build(again, paths, {paths[3], paths[-1]})
    again.save(folder)
    assert (folder / corpus_index.NAME).read_bytes() == base, "the base is not written again"
    (change,) = folder.glob(corpus_index.CHANGES + "*")
    assert len(pickle.loads(change.read_bytes())[2]) == 3  # one edited, one removed, one added
    assert CorpusIndex.load(folder, "stamp").files == again.files
    again.save(folder)  # nothing changed since: nothing written
    assert len(list(folder.glob(corpus_index.CHANGES + "*"))) == 1


def test_change_files_give_way_to_a_new_base(tmp_path, settled, monkeypatch):
    monkeypatch.setattr(corpus_index, "MAX_DELTAS", 3)
    folder, paths, index = _indexed(tmp_path, 20, "0")
    counts = []
    for round in range(1, 6):
        index = CorpusIndex.load(folder, "stamp")
        paths[round].write_text(str(round), encoding="utf-8")
        _a_build(index, paths, {paths[round]})
        index.save(folder)
        counts.append(len(list(folder.glob(corpus_index.CHANGES + "*"))))
        assert CorpusIndex.load(folder, "stamp").files == index.files
    assert counts == [1, 2, 3, 0, 1]
    _a_build(index, paths, set(paths[:5]))  # a quarter of the files: a new base
    index.save(folder)
    assert list(folder.glob(corpus_index.CHANGES + "*")) == []


def test_an_old_change_file_is_not_read_and_a_damaged_one_distrusts_the_index(tmp_path, settled):
    folder, paths, index = _indexed(tmp_path, 20, "0")
    paths[0].write_text("1", encoding="utf-8")
    _a_build(index, paths, {paths[0]})
    index.save(folder)
    (change,) = folder.glob(corpus_index.CHANGES + "*")
    kept = change.read_bytes()
    _a_build(index, paths, set(paths))  # everything read: a new base numbered after the change file
    index.save(folder)
    change.write_bytes(kept)  # as if the build had been killed before removing it
    assert CorpusIndex.load(folder, "stamp").files == index.files
    change.with_name(f"{corpus_index.CHANGES}99999999.pickle").write_bytes(b"damaged")
    assert CorpusIndex.load(folder, "stamp").files == {}


def test_the_index_keeps_a_documents_id_and_file_not_its_metadata(tmp_path, settled):
    """A build holds each document's index entry to the end, and loads every entry: of the document,
    its id and source are all it needs (its graph is built from the cached extraction, with the
    metadata), not the title, publisher, date and address; the text's hash stays, so that
    content_hash is never the hash of the empty text the entry holds."""
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    index = CorpusIndex.load(tmp_path / "store" / "extractions", _stamp(tmp_path))
    documents_known = [known.document for _, entries in index.files.values() for known in entries]
    assert len(documents_known) == 3
    for document in documents_known:
        assert document.id and document.source.endswith(".md") and document.text == ""
        assert (document.title, document.publisher, document.published, document.url) == (None,) * 4
        assert document.digest is not None and document.content_hash == document.digest  # not the empty text's


def _stamp(root: Path) -> str:
    """The stamp the index in `root`'s store was written with."""
    found = pickle.loads((root / "store" / "extractions" / corpus_index.NAME).read_bytes())
    return str(found[1])


def test_the_index_is_pickled_into_its_file_not_made_whole_first(tmp_path, settled, monkeypatch):
    """At 100,000 documents the index pickles to 65 MB: made whole before writing, that was held
    on top of everything at the build's last peak."""

    def whole(*_args, **_kwargs):
        raise AssertionError("the index was pickled whole")

    monkeypatch.setattr(corpus_index.pickle, "dumps", whole)
    folder, _paths, index = _indexed(tmp_path, 5, "text")
    assert CorpusIndex.load(folder, "stamp").files == index.files


def test_the_index_is_written_before_the_graphs_and_in_place_only_when_published(tmp_path, settled, monkeypatch):
    """At 100,000 documents, pickling the index cost 276 MB of memo: written once the files are
    read, that is not on top of the graphs' memory. A build that fails after it leaves the last
    build's index as it was, and no file aside."""
    from actorgraph.build import GraphBuilder

    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    folder = tmp_path / "store" / "extractions"
    before = {p.name: p.read_bytes() for p in folder.glob("files*")}
    edited = sorted(corpus.glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    seen: list[bool] = []
    actor_triples = GraphBuilder.actor_triples

    def failing(self):  # type: ignore[no-untyped-def]
        seen.append((folder / corpus_index.PENDING).is_file())
        raise RuntimeError("the build fails in its graph phase")

    monkeypatch.setattr(GraphBuilder, "actor_triples", failing)
    with pytest.raises(RuntimeError):
        build(corpus, tmp_path)
    assert seen == [True], "the index is written before the graphs are built"
    assert {p.name: p.read_bytes() for p in folder.glob("files*")} == before
    monkeypatch.setattr(GraphBuilder, "actor_triples", actor_triples)
    build(corpus, tmp_path)
    assert not (folder / corpus_index.PENDING).exists()
    stamp = _stamp(tmp_path)
    status, _known = CorpusIndex.load(folder, stamp).files[corpus_index._identity(edited)]
    assert status.same_file(FileStatus.of(edited)), "the edit is in the index once published"


def test_a_file_left_aside_by_a_killed_build_is_not_read(tmp_path, settled):
    folder, paths, index = _indexed(tmp_path, 20, "text")
    (folder / corpus_index.PENDING).write_bytes(b"half written")
    assert CorpusIndex.load(folder, "stamp").files == index.files
    paths[0].write_text("edited", encoding="utf-8")
    _a_build(index, paths, {paths[0]})
    pending = index.prepare(folder)
    assert pending is not None and pending.number == 2 and not pending.base
    assert CorpusIndex.load(folder, "stamp").files != index.files  # not yet in place
    pending.commit()
    assert CorpusIndex.load(folder, "stamp").files == index.files
    assert sorted(p.name for p in folder.iterdir()) == [f"{corpus_index.CHANGES}00000002.pickle", corpus_index.NAME]


def test_a_status_from_the_listing_is_recorded_when_its_file_is_read(tmp_path, monkeypatch):
    """A file written just before a build counts as settled when it is read more than RACY_SECONDS
    later, as when its status was taken then: not when the folder was listed, at the build's start."""
    from actorgraph import file_status

    (tmp_path / "a.md").write_text("---\nid: a\n---\nText.\n", encoding="utf-8")
    listed: list[FileStatus | None] = []
    files = documents.discover([tmp_path], listed)
    later = time.time_ns() + 10**10  # read 10 s after the listing
    monkeypatch.setattr(file_status.time, "time_ns", lambda: later)
    origins: list = []
    list(CorpusIndex("stamp").read(files, lambda known: True, origins, listed))
    ((_path, status),) = origins
    assert listed[0] is not None and status is not None
    assert status.same_file(listed[0]) and status.recorded == later > listed[0].recorded
    assert corpus_index.settled(status) and not corpus_index.settled(listed[0])


def test_the_index_loads_each_documents_actors_compact_and_they_read_as_they_were_saved(tmp_path, settled):
    """Resolving from the kept state reads each document's actors less their document (`Summary`):
    made into LocalActors as the index loaded, they cost an add to 10,000 documents 0.17-0.3 s."""
    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    corpus_index._committed.clear()  # loaded from its files, not as this process committed it
    index = CorpusIndex.load(tmp_path / "store" / "extractions", _stamp(tmp_path))
    known = [known for _, entries in index.files.values() for known in entries]
    assert known and all(isinstance(k.summary, Summary) for k in known)
    for entry in known:
        summary = entry.summary
        assert isinstance(summary, Summary)
        actors = tuple(summary)
        assert actors and all(type(a) is LocalActor and a.document == entry.document.id for a in actors)
        assert summary.placeless == tuple(tuple(a)[1:] for a in actors)
        again = pickle.loads(pickle.dumps(entry))  # saved again from the compact form: the same
        assert again == entry and tuple(again.summary) == actors


def test_the_index_this_process_committed_is_taken_as_loaded_once(tmp_path, settled):
    corpus = copy_corpus(tmp_path)
    summary = build(corpus, tmp_path)
    folder = tmp_path / "store" / "extractions"
    stamp = pickle.loads((folder / corpus_index.NAME).read_bytes())[1]
    kept = corpus_index.CorpusIndex.load(folder, stamp)
    corpus_index._committed.clear()
    from_files = corpus_index.CorpusIndex.load(folder, stamp)
    assert kept is not from_files and summary.documents == 3

    def entries(index: CorpusIndex) -> dict[str, object]:
        return {
            path: (status[:4], [(k.document, k.key, k.misquoted, tuple(k.summary)) for k in known])
            for path, (status, known) in index.files.items()
        }

    assert entries(kept) == entries(from_files) and len(kept.files) == 3
    assert (kept.number, kept.deltas, kept.loaded.keys()) == (
        from_files.number,
        from_files.deltas,
        from_files.loaded.keys(),
    )
    # a build that changes nothing keeps the index it took: its files hold it as it is
    build(corpus, tmp_path)
    assert corpus_index._committed
    unchanged = corpus_index.CorpusIndex.load(folder, stamp)
    assert entries(unchanged) == entries(from_files) and not corpus_index._committed
    corpus_index._keep(folder, unchanged)
    # taken, not shared: a build that changes the index and fails before it commits leaves the
    # next one to load the files
    (corpus / "added.md").write_text("---\nid: added\n---\nSyria recognised Abkhazia.\n", encoding="utf-8")
    build(corpus, tmp_path)
    taken = corpus_index.CorpusIndex.load(folder, stamp)
    assert len(taken.files) == 4 and not corpus_index._committed
    taken.files.clear()  # what a failed build may have done to it
    again = corpus_index.CorpusIndex.load(folder, stamp)
    assert again is not taken and len(again.files) == 4
    # nor for another stamp
    (corpus / "added.md").unlink()
    build(corpus, tmp_path)
    assert corpus_index._committed
    assert corpus_index.CorpusIndex.load(folder, "another stamp").files == {}
    assert len(corpus_index.CorpusIndex.load(folder, stamp).files) == 3
