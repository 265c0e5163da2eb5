"""reuse.py: document graphs kept from the previous generation when nothing they are built from
changed, and a store built that way equal, byte for byte, to one built from nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actorgraph.store import published_nquads, read_manifest

from .build_helpers import build, copy_corpus

NEW = (
    "---\nid: added\npublished: 2022-05-09\n---\nIn South Ossetia's presidential election, Alan Gagloev won "
    "the runoff with 54 percent, according to the election commission.\n"
)


def test_adding_a_document_reuses_the_others_and_equals_a_cold_build(tmp_path):
    corpus = copy_corpus(tmp_path / "incremental")
    first = build(corpus, tmp_path / "incremental")
    assert first.reused_graphs == 0
    (corpus / "added.md").write_text(NEW, encoding="utf-8")
    again = build(corpus, tmp_path / "incremental")
    cold_corpus = copy_corpus(tmp_path / "cold")
    shutil.copy(corpus / "added.md", cold_corpus / "added.md")
    cold = build(cold_corpus, tmp_path / "cold")
    assert published_nquads(tmp_path / "incremental" / "store") == published_nquads(tmp_path / "cold" / "store")
    assert again.facts == cold.facts and again.triples == cold.triples
    assert again.reused_graphs >= 1 and cold.reused_graphs == 0
    manifest = read_manifest(tmp_path / "incremental" / "store")
    assert manifest is not None and all(e["inputs"] for e in manifest.graphs.values() if e["document"] is not None), (
        "every document graph records what it was built from"
    )


def test_a_changed_actor_rebuilds_the_graphs_that_name_it(tmp_path):
    """A document that changes the name (so the IRI) another document's actor resolves to makes that
    document's graph be built again, not copied with the old IRI: still equal to a cold build."""
    one = (
        "---\nid: one\npublished: 2019-08-26\n---\nIn Abkhazia's presidential election, Zaur Kvarchia won 40 percent.\n"
    )
    two = (
        "---\nid: two\npublished: 2019-08-27\n---\nZaur Kvarchiya, an Abkhaz lawmaker, said Zaur Kvarchiya would "
        "run. Zaur Kvarchiya won 41 percent in Abkhazia's presidential election.\n"
    )
    corpus = tmp_path / "incremental" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "one.md").write_text(one, encoding="utf-8")
    build(corpus, tmp_path / "incremental")
    assert any("/actor/zaur-kvarchia>" in line for line in published_nquads(tmp_path / "incremental" / "store"))
    (corpus / "two.md").write_text(two, encoding="utf-8")
    again = build(corpus, tmp_path / "incremental")
    cold_corpus = tmp_path / "cold" / "corpus"
    shutil.copytree(corpus, cold_corpus)
    build(cold_corpus, tmp_path / "cold")
    lines = published_nquads(tmp_path / "incremental" / "store")
    assert lines == published_nquads(tmp_path / "cold" / "store")
    assert not any("/actor/zaur-kvarchia>" in line for line in lines) and again.reused_graphs == 0


def test_a_rebuild_with_the_same_data_records_new_inputs_for_the_next(tmp_path, monkeypatch):
    """New inputs (here: the builder's code) that give the same data leave the store as it was but
    record the new inputs, so the build after reuses every document graph."""
    import actorgraph.reuse

    corpus = copy_corpus(tmp_path)
    build(corpus, tmp_path)
    monkeypatch.setattr(actorgraph.reuse, "builder_fingerprint", lambda: "another builder")
    same = build(corpus, tmp_path)
    assert same.unchanged and same.reused_graphs == 0
    again = build(corpus, tmp_path)
    assert again.unchanged and again.reused_graphs == again.documents == 3


@pytest.mark.parametrize("module", ["build.py", "graph_terms.py"])
def test_the_builder_fingerprint_covers_the_graph_code_and_not_how_graphs_are_read_back(tmp_path, module):
    """An edit to reuse.py must not rebuild and revalidate every graph of a store (150 s at 10,000
    documents); an edit to the code that writes a graph's lines must."""
    import actorgraph.build
    from actorgraph.reuse import builder_fingerprint

    package = Path(actorgraph.build.__file__).parent
    code = tmp_path / "code"
    shutil.copytree(package, code, ignore=shutil.ignore_patterns("__pycache__", "static"))
    before = builder_fingerprint(code)
    with (code / "reuse.py").open("a", encoding="utf-8") as source:
        source.write("\n# read graphs back another way\n")
    assert builder_fingerprint.__wrapped__(code) == before
    with (code / module).open("a", encoding="utf-8") as source:
        source.write("\n# serialise lines another way\n")
    assert builder_fingerprint.__wrapped__(code) != before


def _inputs_by_json_dumps(extraction_key, document_id, resolution, actor_of, source_file, rejected, base):
    """What graph_inputs hashed when it called json.dumps (a store's manifest holds such digests)."""
    import hashlib
    import json

    from actorgraph.reuse import builder_fingerprint

    actors = {
        key: [actor_id, *((actor.name, actor.type) if (actor := resolution.actors.get(actor_id)) else ())]
        for key, actor_id in sorted(actor_of.items())
    }
    inputs = {
        "builder": builder_fingerprint(),
        "extraction": extraction_key,
        "document": document_id,
        "actors": actors,
        "source": source_file,
        "rejected": sorted(rejected),
        "base": base,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(max_size=12)  # quotes, backslashes, controls and non-ASCII included


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(_TEXT, st.tuples(_TEXT, st.booleans()), max_size=5),
    st.dictionaries(_TEXT, st.tuples(_TEXT, _TEXT), max_size=5),
    st.one_of(st.none(), _TEXT),
    st.lists(_TEXT, max_size=3),
    _TEXT,
)
def test_graph_inputs_are_the_digest_json_dumps_gave(mentions, named, source, rejected, text):
    """graph_inputs writes its JSON out by hand: the digest must stay what json.dumps gave, or every
    store's graphs would all be built again once."""
    from actorgraph.resolve import Actor, Resolution
    from actorgraph.reuse import graph_inputs

    actors = {actor_id: Actor(actor_id, type_, name, (), None, ()) for actor_id, (name, type_) in named.items()}
    # an actor id the resolution knows, or one it does not
    actor_of = {
        key: (next(iter(named), actor_id) if known else actor_id) for key, (actor_id, known) in mentions.items()
    }
    resolution = Resolution(actors, {}, ())  # graph_inputs is given each document's map
    arguments = (text, text[::-1], resolution, actor_of, source, rejected, "https://example.org/" + text)
    assert graph_inputs(*arguments) == _inputs_by_json_dumps(*arguments)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from("abc"), st.sampled_from(["x", "y", "unresolved"]), max_size=3), max_size=6
    ),
    st.lists(_TEXT, max_size=2),
)
def test_one_graph_inputs_for_many_documents_gives_each_documents_digest(maps, rejected):
    """A build asks one GraphInputs for every document's digest; it keeps each (key, actor) pair's
    entry for the documents after: each must get what graph_inputs alone gives it."""
    from actorgraph.resolve import Actor, Resolution
    from actorgraph.reuse import GraphInputs, graph_inputs

    actors = {"x": Actor("x", "Person", "Ann Bee", (), None, ()), "y": Actor("y", "Party", "Bee Party", (), None, ())}
    resolution = Resolution(actors, {}, ())
    many = GraphInputs(resolution, rejected, "https://example.org/")
    for n, actor_of in enumerate(maps):
        arguments = (f"key{n}", f"doc{n}", actor_of, f"doc{n}.md" if n % 2 else None)
        assert many(*arguments) == graph_inputs(
            f"key{n}", f"doc{n}", resolution, actor_of, arguments[3], rejected, "https://example.org/"
        )
        assert many(*arguments) == _inputs_by_json_dumps(
            f"key{n}", f"doc{n}", resolution, actor_of, arguments[3], rejected, "https://example.org/"
        )
