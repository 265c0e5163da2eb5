"""The store's generations: old ones removed after a publish, `current` swapped atomically, never missing."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pyoxigraph as ox
import pytest

from actorgraph.errors import ActorgraphError, InputError
from actorgraph.layout import CURRENT
from actorgraph.nquads_file import canonical_key, graph_of
from actorgraph.store import (
    Generation,
    Manifest,
    build_lock,
    current_generation,
    graphs_nquads,
    open_read_only,
    published_nquads,
    read_manifest,
    refresh_manifest,
    remove_graphs,
)
from actorgraph.texts import read_text

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
    gone = Generation(tmp_path)
    gone.path.rmdir()
    gone.discard()  # already removed: nothing to do, no error


def test_manifest_round_trips_and_is_stable(tmp_path):
    graphs = {G2: {"hash": "b", "results": []}, G1: {"hash": "a", "document": "d", "results": ["x"]}}
    publish(tmp_path, quad("a", G1), graphs=graphs)
    manifest = read_manifest(tmp_path)
    assert manifest == Manifest(graphs=graphs, base="https://example.org/")
    text = manifest.to_json()
    assert text.index(G1) < text.index(G2) and text.endswith("}\n"), "keys sorted, one trailing newline"
    assert json.loads(text) == {"base": "https://example.org/", "graphs": graphs}
    assert [line for line in text.splitlines() if G1 in line] == [
        f'  "{G1}": {{"document":"d","hash":"a","results":["x"]}},'
    ], "one graph a line, its keys sorted"
    assert Manifest.from_json("{}") == Manifest()
    assert Manifest.from_json(Manifest().to_json()) == Manifest()


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


# --- manifests, locks and graph names (the fast tests mutation testing runs against store.py) ---


def test_refreshing_the_manifest_replaces_it_in_the_published_generation(tmp_path):
    refresh_manifest(tmp_path, Manifest(base="x"))  # no store: nothing happens
    assert list(tmp_path.iterdir()) == []
    generation = publish(tmp_path, quad("a", G1), graphs={G1: {"hash": "a"}})
    refreshed = Manifest(graphs={G1: {"hash": "a", "document": "d"}}, base="https://example.org/other/")
    refresh_manifest(tmp_path, refreshed)
    assert read_manifest(tmp_path) == refreshed
    assert sorted(p.name for p in generation.path.iterdir()) == ["dataset.nq", "manifest.json", "oxigraph", "texts.tsv"]


def test_taking_the_lock_removes_unpublished_generations_only(tmp_path):
    with build_lock(tmp_path):
        pass
    assert [p.name for p in tmp_path.iterdir()] == [".lock"]
    (tmp_path / "gen-000003").mkdir()
    with build_lock(tmp_path):
        assert not (tmp_path / "gen-000003").exists(), "no store yet: every generation is a leftover"
    kept = publish(tmp_path, quad("a", G1))
    (tmp_path / "gen-000007" / "oxigraph").mkdir(parents=True)
    (tmp_path / "gen-000008").write_text("not a generation", encoding="utf-8")  # rmtree fails: ignored
    with build_lock(tmp_path):
        assert sorted(p.name for p in tmp_path.glob("gen-*")) == [kept.path.name, "gen-000008"]
    assert published_nquads(tmp_path) == [quad("a", G1)]


def test_a_store_path_that_cannot_be_a_directory_is_an_input_error(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as raised, build_lock(tmp_path / "file"):
        pass
    assert str(raised.value).endswith("is not a directory (a store is a directory; nothing was changed)")
    with pytest.raises(InputError) as raised, build_lock(tmp_path / "file" / "store"):
        pass
    assert "cannot create the store: Not a directory" in str(raised.value)


def test_a_link_to_a_plain_directory_without_database_is_no_store(tmp_path):
    (tmp_path / CURRENT).mkdir()
    assert current_generation(tmp_path) is None
    (tmp_path / CURRENT / "oxigraph").mkdir()
    assert current_generation(tmp_path) == (tmp_path / CURRENT).resolve()
    assert read_manifest(tmp_path) is None, "no manifest file"


@pytest.mark.parametrize(
    ("line", "graph"),
    [
        ("<http://x/s> <http://x/p> <http://x/o> <http://x/g> .", "<http://x/g>"),
        ('<http://x/s> <http://x/p> "a b c" <http://x/g> .  ', "<http://x/g>"),
        ("<http://x/s> <http://x/p> <http://x/o> _:g1 .\n", "_:g1"),
        ("<http://x/s> <http://x/p> <http://x/o> .", ""),
        ('<http://x/s> <http://x/p> "a <b> c" .', ""),
        ('_:s <http://x/p> "two words" .', ""),
    ],
)
def test_graph_of_names_the_graph_of_a_line(line, graph):
    assert graph_of(line) == graph
    assert canonical_key(line) == (graph, line)


def test_the_manifest_is_json_with_a_graph_a_line_and_its_text_as_written():
    graphs = {G2: {"hash": "b"}, G1: {"hash": "a", "document": "\u00e9tude"}}
    text = Manifest(graphs=graphs, base="https://example.org/").to_json()
    assert text == (
        '{\n "base": "https://example.org/",\n "graphs": {\n'
        '  "https://example.org/g/one": {"document":"\u00e9tude","hash":"a"},\n'
        '  "https://example.org/g/two": {"hash":"b"}\n }\n}\n'
    )
    assert Manifest(base="b").to_json() == '{\n "base": "b",\n "graphs": {}\n}\n'


def test_no_store_errors_name_the_store(tmp_path):
    for reader in (open_read_only, published_nquads):
        with pytest.raises(InputError) as raised:
            reader(tmp_path)
        assert str(raised.value) == f"{tmp_path}: no built store here: run `actorgraph build` first"


def test_generations_are_numbered_after_the_highest_whatever_its_width(tmp_path):
    (tmp_path / "gen-1234567").mkdir()
    (tmp_path / "gen-x1").mkdir()  # not a generation: ignored
    assert Generation(tmp_path).path.name == "gen-1234568"


def test_any_file_of_n_quads_loads(tmp_path):
    generation = Generation(tmp_path)
    written = tmp_path / "written"  # no extension to guess the format from
    written.write_text(quad("a", G1) + "\n", encoding="utf-8")
    generation.load(written)
    generation.publish(Manifest())
    store = open_read_only(tmp_path)
    assert [row["o"].value for row in store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")] == ["a"]


def test_publishing_with_texts_and_leftovers_of_a_killed_build(tmp_path):
    publish(tmp_path, quad("a", G1))
    (tmp_path / "gen-000005").write_text("not a generation", encoding="utf-8")  # cannot be removed: ignored
    (tmp_path / f".{CURRENT}.{os.getpid()}").symlink_to("gen-000404")  # a dangling link a killed build left
    generation = Generation(tmp_path)
    generation.texts.write("d1", "text")
    generation.quads_file.write_text(quad("b", G1) + "\n", encoding="utf-8")
    generation.load(generation.quads_file)
    generation.publish(Manifest())
    assert current_generation(tmp_path) == generation.path.resolve()
    assert read_text(generation.path, "d1") == "text"  # the map is written with the generation
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == ["gen-000005", generation.path.name]
    assert not list(tmp_path.glob(f".{CURRENT}.*"))


def test_a_load_in_small_pieces_holds_what_one_bulk_load_does(tmp_path, monkeypatch):
    import pyoxigraph as ox

    import actorgraph.store as store_module

    lines = [quad(f"o{n}", G1 if n % 3 else G2) for n in range(40)]
    monkeypatch.setattr(store_module, "LOAD_PIECE_BYTES", 150)  # a few lines a piece
    publish(tmp_path / "pieces", *lines)
    reference = ox.Store()
    reference.load(input="\n".join(lines) + "\n", format=ox.RdfFormat.N_QUADS)
    loaded = open_read_only(tmp_path / "pieces")
    assert sorted(map(str, loaded)) == sorted(map(str, reference)) and len(reference) == 40


def test_a_manifest_is_written_an_entry_at_a_time(tmp_path):
    """`write` holds one entry's text at a time, not the whole text (63 MB at 100,000 graphs, held
    three times over when it was made whole), and writes what `to_json` gives."""
    graphs = {
        f"https://example.org/document/{i:05d}": {"sha256": f"{i:064x}", "results": [], "document": str(i)}
        for i in range(5000)
    }
    manifest = Manifest(graphs=graphs, base="https://example.org/")
    text = manifest.to_json()
    tracemalloc.start()
    try:
        manifest.write(tmp_path / "manifest.json")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (tmp_path / "manifest.json").read_text(encoding="utf-8") == text
    assert peak < len(text) / 2, (peak, len(text))


def test_the_manifest_this_process_published_is_read_without_parsing_until_its_file_changes(tmp_path):
    published = Manifest(graphs={G1: {"sha256": "a", "results": []}}, base="https://example.org/")
    generation = Generation(tmp_path)
    generation.quads_file.write_text(quad("a", G1) + "\n", encoding="utf-8")
    generation.load(generation.quads_file)
    generation.publish(published)
    path = generation.path / "manifest.json"
    assert read_manifest(tmp_path) is published  # kept: not parsed again
    assert Manifest.from_json(path.read_bytes()) == published  # and what the file holds
    # another process writes the generation's manifest anew: its file is another, and is read
    other = Manifest(graphs={G1: {"sha256": "b", "results": []}}, base="https://example.org/")
    other.write(path.with_name("manifest.other"))
    os.replace(path.with_name("manifest.other"), path)
    read = read_manifest(tmp_path)
    assert read == other and read_manifest(tmp_path) is read  # and kept as read
    refreshed = Manifest(graphs={G1: {"sha256": "c", "results": []}}, base="https://example.org/")
    refresh_manifest(tmp_path, refreshed)
    assert read_manifest(tmp_path) is refreshed


def test_graphs_are_removed_with_a_flush_every_hundred():
    """The removals a store holds until it flushes grow with the quads removed (2.46 GB for 12,826
    graphs of a 100,000-document store): a flush every REMOVED_PER_FLUSH bounds them."""

    class Recording:
        def __init__(self) -> None:
            self.calls: list[str] = []

        def remove_graph(self, graph: ox.NamedNode) -> None:
            self.calls.append(graph.value)

        def flush(self) -> None:
            self.calls.append("flush")

    recording = Recording()
    names = [f"https://example.org/g{number:03d}" for number in range(250)]
    remove_graphs(recording, names)  # type: ignore[arg-type]
    assert [call for call in recording.calls if call != "flush"] == names
    assert [position for position, call in enumerate(recording.calls) if call == "flush"] == [100, 201]


def test_removing_graphs_leaves_the_others(tmp_path):
    store = ox.Store(str(tmp_path / "db"))
    quads = [
        f'<https://example.org/s> <https://example.org/p> "{number}" <https://example.org/g{number}> .\n'
        for number in range(205)
    ]
    store.bulk_load(input="".join(quads).encode(), format=ox.RdfFormat.N_QUADS)
    remove_graphs(store, [f"https://example.org/g{number}" for number in range(0, 205, 2)])
    assert sorted(int(quad.object.value) for quad in store) == list(range(1, 205, 2))
