"""Files replaced whole or not at all."""

from __future__ import annotations

import pytest

from actorgraph.durable import atomic_file, write_atomically


def test_a_file_written_in_pieces_replaces_the_old_one(tmp_path):
    target = tmp_path / "file.bin"
    write_atomically(target, b"old")
    with atomic_file(target, sync=True) as sink:
        sink.write(b"new ")
        assert target.read_bytes() == b"old"  # readers see the old file until the end
        sink.write(b"pieces")
    assert target.read_bytes() == b"new pieces"
    assert [p.name for p in tmp_path.iterdir()] == ["file.bin"]


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "file.bin"
    write_atomically(target, b"old")
    with pytest.raises(RuntimeError), atomic_file(target) as sink:
        sink.write(b"half")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.bin"]
