"""Slotted records pickled as a call of their class: the same values back, without the slow path."""

from __future__ import annotations

import pickle
from dataclasses import dataclass

import pytest

from actorgraph.compact import pickled_by_fields
from actorgraph.corpus_index import Known
from actorgraph.file_status import FileStatus
from actorgraph.records import Document
from actorgraph.resolve import Decision, LocalActor


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class One:
    value: str


def test_records_come_back_equal_and_are_built_by_their_class():
    actor = LocalActor("doc", "person:x", "Person", "Alan Gagloev", ("Alan Gagloev", "Gagloev"), None)
    records = [
        Decision("merge", (actor, "Alan Gagloyev"), "same transliterated full name"),
        One("only field"),
    ]
    for record in records:
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        assert pickle.loads(data) == record
        # not copyreg.__newobj__ and a state for __setstate__: a Python call per record, twice as slow to load
        assert record.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is type(record), type(record).__name__


def test_a_known_document_comes_back_equal_its_actors_pickled_once_for_all_documents():
    """The corpus index holds each document's actors: an actor that two documents have is pickled
    once, less its document, and each comes back a LocalActor of its own document."""
    one, two = (LocalActor(d, "person:x", "Person", "Alan Gagloev", ("Gagloev",), None) for d in ("doc1", "doc2"))
    records = [
        Known(Document(d, "", f"{d}.md", digest="h"), "key", (), (a,)) for d, a in (("doc1", one), ("doc2", two))
    ]
    data = pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)
    loaded = pickle.loads(data)
    assert loaded == records and [type(k.summary[0]) for k in loaded] == [LocalActor, LocalActor]
    assert [k.summary[0].document for k in loaded] == ["doc1", "doc2"]
    # what is pickled of each: the same tuple for the actor both have (the pickler's memo writes it once)
    (first,), (second,) = (known.__reduce__()[1][3] for known in records)
    assert first is second and first == ("person:x", "Person", "Alan Gagloev", ("Gagloev",), None)


@pytest.mark.parametrize(
    "record",
    [
        LocalActor("doc", "person:x", "Person", "Alan Gagloev", ("Alan Gagloev", "Gagloev"), None),
        FileStatus(10, 20, 30, 40, 50),
    ],
)
def test_local_actors_and_file_statuses_come_back_equal_and_are_built_in_c(record):
    """The corpus index holds one per actor of each document, and one status per file: each is made
    by `tuple.__new__`, a C call, not by a Python `__new__` or `__init__` (half the time of loading a
    10,000-document index)."""
    data = pickle.dumps([record, record], protocol=pickle.HIGHEST_PROTOCOL)
    loaded = pickle.loads(data)
    assert loaded == [record, record] and type(loaded[0]) is type(record) and loaded[0] is loaded[1]
    assert record.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is tuple.__new__


class _OldStatus:
    """A status as an index written before FileStatus was a tuple pickled it: a call of the class."""

    def __reduce__(self) -> tuple[type[FileStatus], tuple[int, ...]]:
        return (FileStatus, (10, 20, 30, 40, 50))


def test_a_file_status_pickled_as_a_call_of_its_class_comes_back_a_status():
    status = pickle.loads(pickle.dumps(_OldStatus(), protocol=pickle.HIGHEST_PROTOCOL))
    assert type(status) is FileStatus and status == FileStatus(10, 20, 30, 40, 50) and status.recorded == 50
    assert status.same_file(FileStatus(10, 20, 30, 40, 99))  # recorded at another time: the same file
    assert not any(
        status.same_file(FileStatus(*other, 50))
        for other in ((11, 20, 30, 40), (10, 21, 30, 40), (10, 20, 31, 40), (10, 20, 30, 41))
    )
