"""Slotted records pickled as a call of their class: the same values back, without the slow path."""

from __future__ import annotations

import pickle
from dataclasses import dataclass

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
        FileStatus(10, 20, 30, 40, 50),
        Known(Document("doc", "", "a.md", title="T", digest="d"), "key", (), (actor,)),
        One("only field"),
    ]
    for record in records:
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        assert pickle.loads(data) == record
        # not copyreg.__newobj__ and a state for __setstate__: a Python call per record, twice as slow to load
        assert record.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is type(record), type(record).__name__


def test_local_actors_come_back_equal_and_are_built_in_c():
    """The corpus index holds one per actor of each document: each is made by `tuple.__new__`, a C
    call, not by a Python `__new__` or `__init__` (half the time of loading a 10,000-document index)."""
    actor = LocalActor("doc", "person:x", "Person", "Alan Gagloev", ("Alan Gagloev", "Gagloev"), None)
    data = pickle.dumps([actor, actor], protocol=pickle.HIGHEST_PROTOCOL)
    loaded = pickle.loads(data)
    assert loaded == [actor, actor] and type(loaded[0]) is LocalActor and loaded[0] is loaded[1]
    assert actor.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is tuple.__new__
