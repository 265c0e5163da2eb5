from __future__ import annotations

import pytest

from actorgraph import layout


def _folder(tmp_path, files, links=()):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    for name, target in links:
        (tmp_path / name).symlink_to(target)
    return str(tmp_path)


SEALED = b"".join(
    b"%s  %s\n" % (b"0" * 64, name.encode())
    for name in ("dataset.trig", "validation-report.ttl", "validation-report.txt")
)


# an output folder's files, in the order a build writes them, less its seal (written last)
UNSEALED = ("dataset.trig", "dataset.ttl", "dataset.jsonld", "validation-report.ttl", "validation-report.txt")


@pytest.mark.parametrize(
    ("files", "links", "written"),
    [
        ({".lock": b""}, [("current", "gen-000001")], True),  # a store (its link may dangle: only named)
        ({".lock": b""}, [], False),  # a lock, no published generation: nothing of a store to read
        ({"current": b""}, [], False),  # a file named current, no lock
        ({}, [("current", "gen-000001")], False),  # a link named current, no lock
        ({"SHA256SUMS": SEALED}, [], True),  # outputs, by their seal
        ({"SHA256SUMS": SEALED.replace(b"validation-report.ttl", b"report.ttl")}, [], False),
        ({"SHA256SUMS": b"0" * 64 + b"  validation-report.txt\n"}, [], False),  # one of the two
        ({"SHA256SUMS": b"0" * 64 + b"  article.md\n"}, [], False),  # a download's seal
        ({"SHA256SUMS": SEALED.replace(b"  ", b" *")}, [], False),  # another tool's binary mode
        ({"SHA256SUMS": b"\xff\xfe not text"}, [], False),
        (dict.fromkeys(UNSEALED, b""), [], True),  # outputs a killed build left without their seal
        (dict.fromkeys(UNSEALED[:-1], b""), [], False),  # killed before its last dataset file? no report then
        (dict.fromkeys(UNSEALED[1:], b""), [], False),  # the reports' text not written yet: nothing to read
        ({"validation-report.txt": b"", "validation-report.ttl": b"", "notes.md": b""}, [], False),
        ({}, [], False),
    ],
)
def test_a_folder_written_by_a_build_is_told_by_its_names(tmp_path, files, links, written):
    assert layout.written_by_a_build(_folder(tmp_path, files, links)) is written


def test_a_folder_that_is_gone_is_not_written_by_a_build(tmp_path):
    assert not layout.written_by_a_build(str(tmp_path / "gone"))
