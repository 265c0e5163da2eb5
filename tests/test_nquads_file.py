"""The canonical N-Quads file (nquads_file.py): graphs written as blocks, put in canonical order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.nquads_file import GraphBlocks, canonical_key, pieces, sort_lines

GRAPHS = ["https://example.org/g/b", "https://example.org/g/a", "https://example.org/g/a2", "https://example.org/h"]


def lines_of(graph: str, objects: list[str]) -> list[str]:
    return sorted({f'<https://example.org/s> <https://example.org/p> "{o}" <{graph}> .' for o in objects})


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(GRAPHS), st.lists(st.text("xyé\\", max_size=3), max_size=4)), max_size=6))
def test_blocks_in_canonical_order_are_the_sorted_lines(tmp_path_factory, written):
    """Whatever order the graphs come in (a graph written twice included), the file ends as the
    bounded-memory sort of its lines makes it, and the blocks say where each graph is."""
    folder = tmp_path_factory.mktemp("blocks")
    with GraphBlocks(folder / "blocks.nq") as blocks:
        for graph, objects in written:
            blocks.graph(graph, lines_of(graph, objects))
    reference = folder / "reference.nq"
    reference.write_bytes((folder / "blocks.nq").read_bytes())
    sort_lines(reference, canonical_key)
    blocks.canonical()
    assert (folder / "blocks.nq").read_bytes() == reference.read_bytes()
    names = [name for name, _, _ in blocks.blocks]
    assert names == sorted(set(names), key=lambda name: f"<{name}>")
    for name in names:
        expected = "".join(
            line for line in reference.read_text(encoding="utf-8").splitlines(True) if f"<{name}> ." in line
        )
        assert b"".join(blocks.read({name}, 1)) == expected.encode("utf-8")
    assert blocks.size == reference.stat().st_size
    assert sorted(p.name for p in folder.iterdir()) == ["blocks.nq", "reference.nq"]  # nothing left beside it


def test_blocks_already_in_order_are_left_as_written(tmp_path):
    path = tmp_path / "blocks.nq"
    with GraphBlocks(path) as blocks:
        blocks.graph(GRAPHS[1], lines_of(GRAPHS[1], ["1"]))
        blocks.graph(GRAPHS[0], [])  # an empty graph writes nothing
        blocks.graph(GRAPHS[3], lines_of(GRAPHS[3], ["2", "3"]))
    written = path.read_bytes()
    inode = path.stat().st_ino
    blocks.canonical()
    assert path.read_bytes() == written and path.stat().st_ino == inode, "no rewrite when already in order"
    assert [name for name, _, _ in blocks.blocks] == [GRAPHS[1], GRAPHS[3]]
    assert list(blocks.read({GRAPHS[3], GRAPHS[1]}, 10**6)) == [written]
    assert list(blocks.read({"https://example.org/none"}, 1)) == []
    one, three = list(blocks.read({GRAPHS[3], GRAPHS[1]}, 1))  # whole graphs: one a piece
    assert one + three == written and one.decode().count("\n") == 1


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.text(alphabet='ab <>"g', min_size=0, max_size=6), max_size=12),
    chunk=st.integers(min_value=1, max_value=5),
)
def test_sort_lines_in_runs_equals_a_sort_in_memory(tmp_path_factory, lines, chunk):
    """The bounded-memory sort (runs of `chunk` lines, merged) is the plain sort without duplicates."""
    path = tmp_path_factory.mktemp("sort") / "lines.nq"
    path.write_text("\n".join(lines), encoding="utf-8")
    sort_lines(path, canonical_key, chunk=chunk)
    expected = sorted({line for line in lines if line.strip()}, key=canonical_key)
    assert path.read_text(encoding="utf-8") == "".join(line + "\n" for line in expected)
    assert [p.name for p in path.parent.iterdir()] == ["lines.nq"]  # no run left behind


def test_lines_are_merged_without_duplicates_across_runs(tmp_path):
    path = tmp_path / "lines.nq"
    path.write_text("b\na\n\n  \nb\nc", encoding="utf-8")
    sort_lines(path, lambda line: line, chunk=2)
    assert path.read_text(encoding="utf-8") == "a\nb\nc\n"
    sort_lines(path, lambda line: line)
    assert path.read_text(encoding="utf-8") == "a\nb\nc\n"


def test_a_file_in_pieces_ends_each_piece_at_a_line_end(tmp_path):
    path = tmp_path / "lines.nq"
    path.write_bytes(b"aaaa\nbb\ncccccc\nd")
    assert list(pieces(path, 5)) == [b"aaaa\nbb\n", b"cccccc\n", b"d"]
    assert b"".join(pieces(path, 1 << 20)) == path.read_bytes()
