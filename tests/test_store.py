"""The store's generations: old ones removed after a publish, `current` swapped atomically, never missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.errors import ActorgraphError, InputError
from actorgraph.store import (
    CURRENT,
    Generation,
    Manifest,
    build_lock,
    canonical_key,
    current_generation,
    graphs_nquads,
    open_read_only,
    published_nquads,
    read_manifest,
    sort_lines,
)

G1 = "https://example.org/g/one"
G2 = "https://example.org/g/two"


def quad(subject: str, graph: str) -> str:
    return f'<https://example.org/{subject}> <https://example.org/p> "{subject}" <{graph}> .'


def publish(root: Path, *lines: str, graphs: dict[str, dict[str, object]] | None = None) -> Generation:
    generation = Generation(root)
    source = generation.quads_file
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    generation.load(source)
    generation.publish(Manifest(graphs=graphs or {}, base="https://example.org/"))
    return generation


def test_publish_points_current_at_the_new_generation_and_removes_the_old(tmp_path):
    first = publish(tmp_path, quad("a", G1))
    assert current_generation(tmp_path) == first.path.resolve()
    second = publish(tmp_path, quad("b", G1))
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == [second.path.name], "old generations are removed"
    assert (tmp_path / CURRENT).resolve() == second.path.resolve()
    assert published_nquads(tmp_path) == [quad("b", G1)]
    store = open_read_only(tmp_path)
    assert [row["o"].value for row in store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")] == ["b"]


def test_leftovers_of_an_interrupted_build_are_removed_by_the_next_publish(tmp_path):
    publish(tmp_path, quad("a", G1))
    (tmp_path / "gen-000041").mkdir()  # a killed build's half-written generation
    latest = publish(tmp_path, quad("b", G1))
    assert latest.path.name == "gen-000042", "numbering continues after the highest generation"
    assert [p.name for p in tmp_path.glob("gen-*")] == ["gen-000042"]


def test_current_is_replaced_never_removed(tmp_path, monkeypatch):
    """Unlinking `current` and then linking it again leaves a moment with no store: a reader fails."""
    old = publish(tmp_path, quad("a", G1))
    link = tmp_path / CURRENT
    seen: list[str] = []
    real_unlink, real_symlink_to, real_replace = Path.unlink, Path.symlink_to, os.replace

    def check(moment: str) -> None:
        assert link.is_symlink() and link.resolve() == old.path.resolve(), f"`current` missing at {moment}"
        seen.append(moment)

    def unlink(self: Path, missing_ok: bool = False) -> None:
        assert self != link, "`current` must be replaced by a rename, not unlinked"
        real_unlink(self, missing_ok=missing_ok)

    def symlink_to(self: Path, target: str | Path, target_is_directory: bool = False) -> None:
        check(f"symlink {self.name}")
        real_symlink_to(self, target, target_is_directory)

    def replace(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> None:
        if Path(destination) == link:
            check("rename")
        real_replace(source, destination)

    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr(Path, "symlink_to", symlink_to)
    monkeypatch.setattr(os, "replace", replace)
    new = publish(tmp_path, quad("b", G1))
    monkeypatch.undo()
    assert seen, "the swap was observed"
    assert link.is_symlink() and os.readlink(link) == new.path.name, "a relative link, so the store can move"
    assert not list(tmp_path.glob(f".{CURRENT}.*")), "no temporary link left behind"


def test_unpublished_generation_is_discarded_and_current_untouched(tmp_path):
    kept = publish(tmp_path, quad("a", G1))
    failed = Generation(tmp_path)
    failed.discard()
    assert not failed.path.exists()
    assert current_generation(tmp_path) == kept.path.resolve()
    kept.discard()  # a published generation is never discarded
    assert kept.path.exists()


def test_manifest_round_trips_and_is_stable(tmp_path):
    graphs = {G2: {"hash": "b", "results": []}, G1: {"hash": "a", "document": "d", "results": ["x"]}}
    publish(tmp_path, quad("a", G1), graphs=graphs)
    manifest = read_manifest(tmp_path)
    assert manifest == Manifest(graphs=graphs, base="https://example.org/")
    text = manifest.to_json()
    assert text.index(G1) < text.index(G2) and text.endswith("}\n"), "keys sorted, one trailing newline"
    assert Manifest.from_json("{}") == Manifest()


def test_quads_are_sorted_deduplicated_and_read_per_graph(tmp_path):
    publish(tmp_path, quad("b", G2), quad("a", G1), "", quad("b", G2), quad("c", G1))
    # graph by graph, then by line: each graph one run of the file
    assert published_nquads(tmp_path) == [quad("a", G1), quad("c", G1), quad("b", G2)]
    assert graphs_nquads(tmp_path, {G1, "https://example.org/g/none"}) == {
        G1: [quad("a", G1), quad("c", G1)],
        "https://example.org/g/none": [],
    }


def test_no_store_is_a_clear_error(tmp_path):
    assert current_generation(tmp_path) is None and read_manifest(tmp_path) is None
    for reader in (open_read_only, published_nquads):
        with pytest.raises(InputError, match="no built store here"):
            reader(tmp_path)
    (tmp_path / "gen-000001").mkdir()
    (tmp_path / CURRENT).symlink_to("gen-000001")
    assert current_generation(tmp_path) is None, "a generation without a database is not a store"


def test_a_second_writer_is_refused(tmp_path):
    refused = pytest.raises(ActorgraphError, match="another build is writing this store")
    with build_lock(tmp_path), refused, build_lock(tmp_path):
        pass
    with build_lock(tmp_path):
        pass  # released after the first writer


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
