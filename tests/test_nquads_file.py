"""The canonical N-Quads of a generation (nquads_file.py): graphs written as blocks, put in canonical
order, kept graphs left in the previous generation's files."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.nquads_file import (
    MAX_SEGMENTS,
    UNCOUNTED,
    Canonical,
    GraphBlocks,
    canonical_key,
    index_path,
    load_index,
    pieces,
    sort_lines,
)

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
    names = [block.graph for block in blocks.blocks]
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
    assert [block.graph for block in blocks.blocks] == [GRAPHS[1], GRAPHS[3]]
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


def write_generation(
    folder: Path, graphs: dict[str, list[str]], previous: Path | None = None, keep: set[str] = frozenset()
) -> GraphBlocks:
    """A generation as a build writes it: the graphs in `keep` linked from `previous`, the others written."""
    folder.mkdir(parents=True)
    before = Canonical(previous / "dataset.nq") if previous is not None else None
    with GraphBlocks(folder / "dataset.nq", previous) as blocks:
        for name in sorted(graphs):
            block = before.block(name) if before is not None and name in keep else None
            if block is not None:
                blocks.link(block)
            else:
                blocks.graph(name, graphs[name])
    blocks.canonical()
    blocks.save_index(index_path(blocks.path))
    return blocks


def dataset_lines(folder: Path) -> list[str]:
    return [line for _, lines in Canonical(folder / "dataset.nq").graphs() for line in lines]


def expected_lines(graphs: dict[str, list[str]]) -> list[str]:
    return sorted((line for lines in graphs.values() for line in lines), key=canonical_key)


def test_kept_graphs_stay_in_the_previous_file_shared_by_a_hard_link(tmp_path):
    first = {
        GRAPHS[0]: lines_of(GRAPHS[0], list("123456")),  # most of the file is kept
        GRAPHS[1]: lines_of(GRAPHS[1], ["2", "3"]),
        GRAPHS[3]: lines_of(GRAPHS[3], ["4"]),
    }
    write_generation(tmp_path / "gen-000001", first)
    second = first | {GRAPHS[1]: lines_of(GRAPHS[1], ["changed"]), GRAPHS[2]: lines_of(GRAPHS[2], ["new"])}
    blocks = write_generation(tmp_path / "gen-000002", second, tmp_path / "gen-000001", keep={GRAPHS[0], GRAPHS[3]})
    shared = tmp_path / "gen-000002" / "dataset.gen-000001.nq"
    assert shared.stat().st_ino == (tmp_path / "gen-000001" / "dataset.nq").stat().st_ino, "shared, not copied"
    own = (tmp_path / "gen-000002" / "dataset.nq").read_text(encoding="utf-8")
    assert own == "".join(line + "\n" for line in second[GRAPHS[1]] + second[GRAPHS[2]]), "only the new graphs"
    assert [block.segment for block in blocks.blocks] == [  # g/a (changed), g/a2 (new), g/b, h (kept)
        "dataset.nq",
        "dataset.nq",
        "dataset.gen-000001.nq",
        "dataset.gen-000001.nq",
    ]
    assert dataset_lines(tmp_path / "gen-000002") == expected_lines(second)
    assert b"".join(blocks.read(None, 1)) == "".join(line + "\n" for line in expected_lines(second)).encode()
    # the next generation shares both files, each under one name
    third = second | {GRAPHS[2]: lines_of(GRAPHS[2], ["again"])}
    write_generation(tmp_path / "gen-000003", third, tmp_path / "gen-000002", keep={GRAPHS[0], GRAPHS[1], GRAPHS[3]})
    names = sorted(path.name for path in (tmp_path / "gen-000003").iterdir())
    assert names == ["dataset.gen-000001.nq", "dataset.gen-000002.nq", "dataset.nq", "dataset.nq.blocks"]
    assert dataset_lines(tmp_path / "gen-000003") == expected_lines(third)
    assert dataset_lines(tmp_path / "gen-000002") == expected_lines(second), "the previous generation is unchanged"


def test_a_shared_file_mostly_replaced_is_copied_from_and_dropped(tmp_path):
    big = lines_of(GRAPHS[1], [str(n) for n in range(40)])
    first = {GRAPHS[0]: lines_of(GRAPHS[0], ["1"]), GRAPHS[1]: big}
    write_generation(tmp_path / "gen-000001", first)
    second = first | {GRAPHS[1]: lines_of(GRAPHS[1], ["small"])}  # the kept graph is a small part of its file
    blocks = write_generation(tmp_path / "gen-000002", second, tmp_path / "gen-000001", keep={GRAPHS[0]})
    assert {block.segment for block in blocks.blocks} == {"dataset.nq"}
    assert sorted(path.name for path in (tmp_path / "gen-000002").iterdir()) == ["dataset.nq", "dataset.nq.blocks"]
    assert dataset_lines(tmp_path / "gen-000002") == expected_lines(second)
    written = (tmp_path / "gen-000002" / "dataset.nq").read_text(encoding="utf-8")
    assert written == "".join(line + "\n" for line in expected_lines(second)), "one file, in canonical order"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(GRAPHS), st.one_of(st.none(), st.lists(st.text("xyz", max_size=2), max_size=3))
        ),
        min_size=1,
        max_size=12,
    )
)
def test_generation_after_generation_the_dataset_is_the_one_written_from_nothing(tmp_path_factory, builds):
    """Each build keeps what it does not mention (None: removes it), rewrites the others; however the
    blocks are spread over shared files, the dataset reads as a cold build of it would, the previous
    generation stays as it was, and no generation holds more than MAX_SEGMENTS files."""
    root = tmp_path_factory.mktemp("generations")
    graphs: dict[str, list[str]] = {}
    previous: Path | None = None
    for number, changes in enumerate(builds, start=1):
        before = dataset_lines(previous) if previous is not None else None
        for name, objects in changes.items():
            if objects is None:
                graphs.pop(name, None)
            else:
                graphs[name] = lines_of(name, objects)
        folder = root / f"gen-{number:06d}"
        kept = {name for name in graphs if name not in changes}
        write_generation(folder, graphs, previous, keep=kept)
        assert dataset_lines(folder) == expected_lines(graphs)
        assert load_index(folder / "dataset.nq") is not None
        assert len([p for p in folder.iterdir() if p.suffix == ".nq"]) <= MAX_SEGMENTS
        if previous is not None:
            assert dataset_lines(previous) == before
        previous = folder


def test_an_index_that_does_not_fit_its_files_is_not_used(tmp_path):
    """Then the file is read as a canonical file of its own (an older build's generation)."""
    graphs = {GRAPHS[1]: ['<s> <p> "one\u2028two" <https://example.org/g/a> .'], GRAPHS[3]: lines_of(GRAPHS[3], ["1"])}
    tmp_path = tmp_path / "gen"
    write_generation(tmp_path, graphs)
    quads, index = tmp_path / "dataset.nq", index_path(tmp_path / "dataset.nq")
    good = index.read_text(encoding="utf-8")
    assert load_index(quads) == Canonical(quads).blocks and len(Canonical(quads).blocks) == 2
    size = quads.stat().st_size
    for bad in (
        good.replace(f"\t{size - len(graphs[GRAPHS[3]][0]) - 1}\t", "\t3\t", 1),  # does not cover the file
        "".join(reversed(good.splitlines(True))),  # out of order
        good.replace("dataset.nq", "../dataset.nq", 1),  # not a file of the folder
        good.replace("dataset.nq", "missing.nq", 1),
        f"0\t{size - 1}\t{GRAPHS[1]}\n",  # an older build's index, not covering the file
    ):
        index.write_text(bad, encoding="utf-8")
        assert load_index(quads) is None, bad
        assert dataset_lines(tmp_path) == expected_lines(graphs)
    index.unlink()
    assert dataset_lines(tmp_path) == expected_lines(graphs)
    block = Canonical(quads).block(GRAPHS[1])
    assert block is not None and block.lines == 1 and Canonical(quads).block("https://example.org/none") is None
    assert Canonical(tmp_path / "none.nq").blocks == []
    assert list(Canonical(quads).graphs({GRAPHS[3], GRAPHS[1], "https://example.org/none"})) == [
        (GRAPHS[1], graphs[GRAPHS[1]]),
        (GRAPHS[3], graphs[GRAPHS[3]]),
    ]


def test_files_still_in_use_are_shared_up_to_max_segments(tmp_path):
    """Each build changes one graph that none changes again: every file it leaves stays in use,
    and the generation that would share MAX_SEGMENTS files copies all but the largest."""
    names = [f"https://example.org/g/{number:02d}" for number in range(12)]
    graphs = {name: lines_of(name, ["first"]) for name in names}
    write_generation(tmp_path / "gen-000000", graphs)
    counts = []
    for number, name in enumerate(names, start=1):
        graphs[name] = lines_of(name, ["second"])
        folder = tmp_path / f"gen-{number:06d}"
        write_generation(folder, graphs, tmp_path / f"gen-{number - 1:06d}", keep=set(names) - {name})
        assert dataset_lines(folder) == expected_lines(graphs)
        counts.append(len([path for path in folder.iterdir() if path.suffix == ".nq"]))
    assert max(counts) == MAX_SEGMENTS and counts.index(MAX_SEGMENTS) == MAX_SEGMENTS - 1
    assert counts[MAX_SEGMENTS] == 2, "the largest file shared, the others copied into the new one"


def test_an_index_written_before_line_counts_is_read_and_its_counts_made_when_shared(tmp_path):
    """An older build's index (offset, length, graph) is used as it is, not replaced by a pass over
    the file (seconds at 10,000 documents, on every rebuild that changes nothing); a build that
    keeps its graphs counts their lines once."""
    graphs = {GRAPHS[0]: lines_of(GRAPHS[0], ["1", "2"]), GRAPHS[3]: lines_of(GRAPHS[3], ["3"])}
    old = write_generation(tmp_path / "gen-000001", graphs)
    index_path(old.path).write_text("".join(f"{b.offset}\t{b.length}\t{b.graph}\n" for b in old.blocks), "utf-8")
    dataset = Canonical(old.path)
    assert [(b.graph, b.lines) for b in dataset.blocks] == [(GRAPHS[0], UNCOUNTED), (GRAPHS[3], UNCOUNTED)]
    new = write_generation(tmp_path / "gen-000002", graphs, tmp_path / "gen-000001", keep=set(graphs))
    assert [(b.graph, b.lines) for b in new.blocks] == [(GRAPHS[0], 2), (GRAPHS[3], 1)]
    assert [(b.graph, b.lines) for b in Canonical(new.path).blocks] == [(GRAPHS[0], 2), (GRAPHS[3], 1)]
    assert dataset_lines(tmp_path / "gen-000002") == expected_lines(graphs)
