"""resolve_delta.py: documents added to a kept resolution give what resolving every document gives
(differential, over generated corpora whose names meet every rule), or a full resolution and why."""

from __future__ import annotations

import logging
import os
import pickle
from collections import Counter
from dataclasses import replace

from hypothesis import event, given, settings
from hypothesis import strategies as st

from actorgraph.resolve import LocalActor, Overrides, Resolution, resolve_summaries
from actorgraph.resolve_build import Shape, Trace
from actorgraph.resolve_delta import STATE, State, extend, load, record, resolve_corpus

# Shapes (type, name, spellings, dictionary entry) whose names meet each rule: transliterations
# (Gagloev/Gagloyev), a surname one edit apart (Bibilov/Babilov), a given name one edit apart
# (Batal/Batala), gendered surnames (Pliev/Plieva), patronymics that differ (Kochiev), two persons
# of one surname in a document (Alan and Zaur Kochiev), dictionary entries, one name as two types,
# and known actors written another way.
SHAPES: list[Shape] = [
    ("Person", "Alan Gagloev", ("Alan Gagloev",), None),
    ("Person", "Alan Gagloev", ("Alan Gagloev", "Gagloev"), None),
    ("Person", "Alan Gagloyev", ("Alan Gagloyev",), None),
    ("Person", "Anatoly Bibilov", ("Anatoly Bibilov",), "bibilov"),
    ("Person", "Anatoly Bibilov", ("Anatoly Bibilov", "Bibilov"), None),
    ("Person", "Anatoly Babilov", ("Anatoly Babilov",), None),
    ("Person", "Batal Kobakhia", ("Batal Kobakhia",), None),
    ("Person", "Batala Kobakhia", ("Batala Kobakhia",), None),
    ("Person", "Zaur Pliev", ("Zaur Pliev",), None),
    ("Person", "Zaur Plieva", ("Zaur Plieva",), None),
    ("Person", "Alan Eduardovich Kochiev", ("Alan Eduardovich Kochiev",), None),
    ("Person", "Alan Vadimovich Kochiev", ("Alan Vadimovich Kochiev",), None),
    ("Person", "Alan Kochiev", ("Alan Kochiev",), None),
    ("Person", "Alana Kochiev", ("Alana Kochiev",), None),
    ("Person", "Zaur Kochiev", ("Zaur Kochiev",), None),
    ("Party", "United Ossetia", ("United Ossetia",), None),
    ("Party", "Unity Party", ("Unity Party",), None),
    ("Party", "Unity party", ("Unity party",), None),
    ("Organization", "Central Election Commission", ("CEC", "Central Election Commission"), None),
    ("GovernmentBody", "Central Election Commission", ("Central Election Commission",), None),
    ("Polity", "South Ossetia", ("South Ossetia",), "south-ossetia"),
    # known actors written another way
    ("Party", "United Ossetia", ("UO", "United Ossetia"), None),
    ("Person", "Alan Kochiev", ("Alan Eduardovich Kochiev", "Alan Kochiev"), None),
    ("Person", "Alan Kochiev", ("Alan Kochiev", "Alan Vadimovich Kochiev"), None),
    ("Person", "Alan Gagloev", ("Alan Gagloev", "Alan Gagloyev"), None),
    ("Organization", "South Ossetia", ("South Ossetia",), None),  # the polity's slug
]
# namesakes and near-namesakes only: their documents meet the refusals and spelling passes more often
PERSONS = [shape for shape in SHAPES if "Kochiev" in shape[1] or "Gagloev" in shape[1] or "Kobakhia" in shape[1]]
OVERRIDES = [
    None,
    Overrides(merges=(("United Ossetia", "Unity Party"),)),
    Overrides(splits=(("Alan Gagloev", "Alan Gagloyev"),)),
]


def _documents(shapes: list[Shape]) -> st.SearchStrategy[dict[str, list[Shape]]]:
    return st.dictionaries(
        st.text("abcdefg", min_size=1, max_size=3),  # ids: an added document comes anywhere in the order
        st.lists(st.sampled_from(shapes), max_size=4),
        max_size=8,
    )


def _summaries(documents: dict[str, list[Shape]]) -> list[list[LocalActor]]:
    return [
        [LocalActor(document, f"k{i}", *shape) for i, shape in enumerate(shapes)]
        for document, shapes in documents.items()
    ]


def _keys(documents: dict[str, list[Shape]]) -> dict[str, str]:
    return {document: f"key of {document}: {shapes}" for document, shapes in documents.items()}


def _state(documents: dict[str, list[Shape]], overrides: Overrides | None = None) -> tuple[State, Resolution]:
    trace = Trace()
    resolution = resolve_summaries(_summaries(documents), overrides, decisions_kept=False, trace=trace)
    return record(trace, resolution, _keys(documents), "stamp", overrides), resolution


@settings(max_examples=400, deadline=None)
@given(st.one_of(_documents(SHAPES), _documents(PERSONS)), st.data())
def test_documents_added_to_a_kept_resolution_resolve_as_every_document_does(documents, data):
    overrides = data.draw(st.sampled_from(OVERRIDES))
    added = data.draw(st.sets(st.sampled_from(sorted(documents)))) if documents else set()
    base = {document: shapes for document, shapes in documents.items() if document not in added}
    state, _ = _state(base, overrides)
    everything = _summaries(documents)
    found = extend(state, everything, _keys(documents))
    event("incremental" if not isinstance(found, str) else "every document")
    if isinstance(found, str):
        return
    resolution, how, kept = found
    full_state, full = _state(documents, overrides)
    assert how == "incremental"
    assert resolution == full  # the actors (with their documents) and each document's map
    assert (kept or state) == full_state  # and the state it keeps is the one a full resolution records


def test_a_document_naming_known_actors_is_resolved_against_the_state():
    documents = {"a": [SHAPES[0], SHAPES[15]], "b": [SHAPES[0], SHAPES[3], SHAPES[20]]}
    state, _ = _state(documents)
    more = {**documents, "c": [SHAPES[3], SHAPES[15], SHAPES[0]]}
    found = extend(state, _summaries(more), _keys(more))
    assert not isinstance(found, str)
    resolution, how, kept = found
    assert how == "incremental" and resolution == _state(more)[1]
    assert kept is not None and kept.keys == _keys(more)
    assert resolution.actors[resolution.by_document["c"]["k0"]].documents == ("b", "c")
    earlier = {**documents, "0": [SHAPES[0], SHAPES[15]]}  # before every document: no id changes
    found = extend(state, _summaries(earlier), _keys(earlier))
    assert not isinstance(found, str) and found[0] == _state(earlier)[1] and found[2] == _state(earlier)[0]
    nothing_new = extend(state, _summaries(documents), _keys(documents))
    assert not isinstance(nothing_new, str) and nothing_new[2] is None  # the kept state is still true


def test_what_the_state_cannot_answer_resolves_every_document():
    documents = {"b": [SHAPES[0], SHAPES[10]], "c": [SHAPES[11], SHAPES[15]]}
    state, _ = _state(documents)

    def why(more: dict[str, list[Shape]]) -> str:
        found = extend(state, _summaries(more), _keys(more))
        assert isinstance(found, str)
        return found

    # a transliteration joins Gagloev, and ties his two names: the longer would name him
    assert why({**documents, "d": [SHAPES[2]]}) == "'Alan Gagloev' would be named or typed otherwise"
    # a new person one edit from a known one, or a gendered counterpart: the spelling passes decide
    assert why({**documents, "d": [SHAPES[13]]}) == (
        "the spelling passes would pair 'Alana Kochiev', a name no other document has, with another"
    )
    assert why({**documents, "d": [SHAPES[3], SHAPES[5]]}) == (
        "the spelling passes would pair 'Anatoly Babilov', a name no other document has, with another"
    )
    assert why({"b": documents["b"]}) == "c was removed"
    changed = _keys(documents) | {"c": "another key"}
    assert extend(state, _summaries(documents), changed) == "c was changed"
    # the two Kochievs' patronymics differ: kept apart, so another of them is not the state's to place
    assert why({**documents, "d": [SHAPES[10]]}).endswith("whose identity a refusal or a spelling pass decided")
    # of the actors whose names give one slug, one of a dictionary entry comes first whatever the
    # documents' order: a document that comes first for the organisation of the polity's name, or for
    # the polity, numbers nothing otherwise
    polity, organisation = SHAPES[20], SHAPES[25]
    shared, _ = _state({"b": [polity], "c": [organisation]})
    for earlier in (
        {"a": [organisation], "b": [polity], "c": [organisation]},
        {"a": [polity], "b": [polity], "c": [organisation]},
    ):
        found = extend(shared, _summaries(earlier), _keys(earlier))
        assert not isinstance(found, str) and (found[0], found[2]) == (_state(earlier)[1], _state(earlier)[0])
        assert found[0].actors["south-ossetia"].type == "Polity"
        assert sorted(found[0].actors) == ["south-ossetia", "south-ossetia-organization-2"]
    # actors of no entry are numbered in the order of their first documents: one that comes first
    # for the second of them renumbers them
    party = ("Party", "South Ossetia", ("South Ossetia",), None)
    two, _ = _state({"b": [organisation], "c": [party]})
    assert sorted(_state({"b": [organisation], "c": [party]})[1].actors) == ["south-ossetia", "south-ossetia-party-2"]
    assert why_not(two, {"a": [party], "b": [organisation], "c": [party]}) == (
        "a names 'South Ossetia' before its first document, and ids of that name would be numbered otherwise"
    )
    assert _state({"a": [party], "b": [organisation], "c": [party]})[1].actors["south-ossetia"].type == "Party"
    # an unsettled actor of the name (two persons kept apart by their patronymics): its first actor
    # is not known, so neither is the numbering
    kochievs = {"b": [SHAPES[22]], "c": [SHAPES[23]], "d": [("Organization", "Alan Kochiev", ("Alan Kochiev",), None)]}
    three, _ = _state(kochievs)
    assert why_not(three, {**kochievs, "a": kochievs["d"]}).endswith("would be numbered otherwise")


def test_an_identity_that_would_change_resolves_every_document():
    """'Unity Party' and 'Unity party' are one party named as most documents write it: a document
    that tips the count renames it."""
    documents = {"a": [SHAPES[16]], "b": [SHAPES[16]], "c": [SHAPES[17]]}
    state, _ = _state(documents)
    more = {**documents, "d": [SHAPES[17]], "e": [SHAPES[17]]}
    assert extend(state, _summaries(more), _keys(more)) == "'Unity Party' would be named or typed otherwise"


def test_the_state_is_kept_and_read_back_only_for_the_same_stamp(tmp_path, caplog):
    documents = {"a": [SHAPES[0]], "b": [SHAPES[0], SHAPES[15]]}
    first = resolve_corpus(_summaries(documents), _keys(documents), None, False, tmp_path, "rules 1")
    assert first.how == "every document: no resolution kept" and first.state is not None
    first.save(tmp_path)
    more = {**documents, "c": [SHAPES[15]]}
    again = resolve_corpus(_summaries(more), _keys(more), None, False, tmp_path, "rules 1")
    assert again.how == "incremental" and again.resolution == _state(more)[1]
    other_rules = resolve_corpus(_summaries(more), _keys(more), None, False, tmp_path, "rules 2")
    assert other_rules.how == "every document: the kept resolution is of other code, rules or curation"
    curated = resolve_corpus(_summaries(more), _keys(more), OVERRIDES[1], False, tmp_path, "rules 1")
    assert curated.how == "every document: the kept resolution is of other code, rules or curation"
    logged = resolve_corpus(_summaries(more), _keys(more), None, True, tmp_path, "rules 1")
    assert logged.how == "every document: the resolution log is written" and logged.resolution.decisions
    (tmp_path / STATE).write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        damaged = resolve_corpus(_summaries(more), _keys(more), None, False, tmp_path, "rules 1")
    assert damaged.how == "every document: the kept resolution is of other code, rules or curation"
    assert "unreadable" in caplog.text
    assert damaged.resolution == again.resolution


def test_a_kept_state_of_another_format_is_not_read(tmp_path):
    documents = {"a": [SHAPES[0]]}
    state, _ = _state(documents)
    (tmp_path / STATE).write_bytes(pickle.dumps((0, "stamp", state)))
    assert load(tmp_path, "stamp") is None
    (tmp_path / STATE).write_bytes(pickle.dumps((1, "stamp", state)))
    assert load(tmp_path, "stamp") == state


def test_the_generated_corpora_reach_the_incremental_path():
    """The differential test above proves nothing if the state declines every corpus it is given."""
    counts: Counter[str] = Counter()
    for n in range(40):
        # the first four documents name each of these shapes; the later two, some of them again
        documents = {f"d{i:02d}": [SHAPES[(0, 1, 3)[(i + n) % 3]], SHAPES[15 + (i * n + n) % 2]] for i in range(6)}
        state, _ = _state({k: v for k, v in documents.items() if k < "d04"})
        found = extend(state, _summaries(documents), _keys(documents))
        counts["incremental" if not isinstance(found, str) else "every document"] += 1
        if not isinstance(found, str):
            assert found[0] == _state(documents)[1]
    assert counts["incremental"] >= 10, counts


def test_a_name_the_given_name_pass_left_out_everywhere_is_not_the_states_to_place():
    """'Batal' and 'Batala Kobakhia' named in one document are left out of the given-name pass; named
    apart in two added documents, they are one person, which only a full resolution finds."""
    documents = {"a": [SHAPES[6], SHAPES[7]], "b": [SHAPES[6]], "c": [SHAPES[7]]}
    state, _ = _state({"a": documents["a"]})
    assert len(_state(documents)[1].actors) == 1
    found = extend(state, _summaries(documents), _keys(documents))
    assert found == "b names 'Batal Kobakhia', whose identity a refusal or a spelling pass decided"


def test_an_actor_whose_persons_carry_two_sets_of_patronymics_is_not_settled():
    """Patronymics that differ keep namesakes apart, and whether two meet depends on the order of the
    merges: an actor that carries two sets (joined through a spelling that has both) is not settled."""
    one = ("Person", "Alan Eduardovich Kochiev", ("Alan Eduardovich Kochiev",), None)
    both = ("Person", "Alan Kocheev", ("Alan Eduardovich Kocheev", "Alan Vadimovich Kocheev"), None)
    state, resolution = _state({"a": [one], "b": [both], "c": [SHAPES[15]]})
    assert len(resolution.actors) == 2  # one person, and the party
    assert not state.shapes[one].settled and not state.shapes[both].settled and state.shapes[SHAPES[15]].settled


def test_actors_a_spelling_pass_kept_apart_are_not_settled():
    """Surnames one edit apart would merge these two, but their patronymics differ: the refusal
    leaves both actors to full resolutions, where the order of the merges decides."""
    one = ("Person", "Alan Eduardovich Kochiev", ("Alan Eduardovich Kochiev",), None)
    other = ("Person", "Alan Vadimovich Kocheev", ("Alan Vadimovich Kocheev",), None)
    state, resolution = _state({"a": [one], "b": [other], "c": [SHAPES[15]]})
    assert len(resolution.actors) == 3
    assert not state.shapes[one].settled and not state.shapes[other].settled and state.shapes[SHAPES[15]].settled


def test_a_build_resolves_an_added_document_against_the_kept_state_as_a_cold_build_does(tmp_path):
    """Through the pipeline: a document that names known actors (here an article again under a later
    id, a known name's transliteration, a person no document named) is resolved from the state; a
    document removed resolves every document. Each store equals, byte for byte, one built from
    nothing."""
    from actorgraph.pipeline import BuildOptions, build_corpus
    from actorgraph.store import published_nquads

    from .build_helpers import copy_corpus

    def run(corpus, root):
        return build_corpus(BuildOptions(paths=(corpus,), store=root / "store", out=None, quiet=True))

    def cold(corpus, root):
        build_corpus(BuildOptions(paths=(corpus,), store=root / "store", out=None, quiet=True, cache=False))
        return published_nquads(root / "store")

    corpus = copy_corpus(tmp_path / "kept")
    assert run(corpus, tmp_path / "kept").resolution == "every document: no resolution kept"
    name = "2022-04-11-urdupoint-bibilov-second-in-presidential-vote"
    again = (corpus / f"{name}.md").read_text(encoding="utf-8").replace(f"id: {name}", "id: zz-again")
    (corpus / "zz-again.md").write_text(again, encoding="utf-8")
    added = run(corpus, tmp_path / "kept")
    assert added.resolution == "incremental" and added.documents == 4
    assert published_nquads(tmp_path / "kept" / "store") == cold(corpus, tmp_path / "cold")
    # Gagloyev is the dictionary's Gagloev: a known actor written a new way
    (corpus / "zz-new.md").write_text(
        "---\nid: zz-new\npublished: 2022-05-09\n---\nIn South Ossetia's presidential election, Alan Gagloyev "
        "won the runoff with 54 percent.\n",
        encoding="utf-8",
    )
    spelled = run(corpus, tmp_path / "kept")
    assert spelled.resolution == "incremental"
    assert published_nquads(tmp_path / "kept" / "store") == cold(corpus, tmp_path / "cold-2")
    (corpus / "zz-newer.md").write_text(
        "---\nid: zz-newer\npublished: 2022-05-10\n---\nInal Tsorbaev, a lawmaker, said Alan Gagloev had "
        "won South Ossetia's presidential election.\n",
        encoding="utf-8",
    )
    unknown = run(corpus, tmp_path / "kept")  # a person no document named
    assert unknown.resolution == "incremental"
    assert published_nquads(tmp_path / "kept" / "store") == cold(corpus, tmp_path / "cold-3")
    (corpus / "zz-again.md").unlink()
    assert run(corpus, tmp_path / "kept").resolution == "every document: zz-again was removed"
    assert published_nquads(tmp_path / "kept" / "store") == cold(corpus, tmp_path / "cold-4")
    assert run(corpus, tmp_path / "kept").resolution == "incremental"  # nothing changed: the state holds


def test_a_known_actor_written_a_new_way_joins_it_with_the_new_spellings():
    documents = {"a": [SHAPES[15]], "b": [SHAPES[15], SHAPES[3]]}
    state, _ = _state(documents)
    more = {**documents, "c": [SHAPES[21]]}  # United Ossetia, also written "UO"
    found = extend(state, _summaries(more), _keys(more))
    assert not isinstance(found, str) and found[1] == "incremental"
    resolution, _, kept = found
    assert resolution == _state(more)[1] and kept == _state(more)[0]
    assert resolution.actors["united-ossetia"].aliases == ("UO",)
    earlier = {"0": [SHAPES[21]], **documents}
    found = extend(state, _summaries(earlier), _keys(earlier))
    assert not isinstance(found, str) and found[0] == _state(earlier)[1]


def why_not(state: State, documents: dict[str, list[Shape]]) -> str:
    found = extend(state, _summaries(documents), _keys(documents))
    assert isinstance(found, str)
    return found


def test_a_new_spelling_with_other_patronymics_than_its_actors_resolves_every_document():
    """A person written with a patronymic joins a namesake's actor only if that actor's spellings
    carry no other: the state keeps the one set each actor carries, and learns one an addition brings."""
    eduardovich, plain, with_e, with_v = SHAPES[10], SHAPES[12], SHAPES[22], SHAPES[23]
    state, _ = _state({"a": [eduardovich], "b": [plain]})
    assert why_not(state, {"a": [eduardovich], "b": [plain], "c": [with_v]}) == (
        "c names 'Alan Kochiev' with other patronymics"
    )
    state, _ = _state({"b": [plain]})
    documents = {"b": [plain], "c": [with_e]}
    found = extend(state, _summaries(documents), _keys(documents))
    assert not isinstance(found, str) and found[2] is not None
    assert found[2] == _state(documents)[0] and found[2].carries["alan-kochiev"]
    assert why_not(found[2], {**documents, "d": [with_v]}) == "d names 'Alan Kochiev' with other patronymics"


def test_a_new_spelling_the_curation_names_resolves_every_document_and_others_are_placed():
    """A curated split refuses a spelling that has both names ('Alan Gagloev', 'Alan Gagloyev'): a
    new way of writing an actor with a spelling a curated merge or split names (by its match key)
    is the full resolution's to place; one the curation does not name is placed from the state."""
    split, merge = OVERRIDES[2], OVERRIDES[1]
    state, _ = _state({"a": [SHAPES[0]]}, split)
    documents = {"a": [SHAPES[0]], "b": [SHAPES[24]]}
    assert len(_state(documents, split)[1].actors) == 2
    assert why_not(state, documents) == (
        "b writes 'Alan Gagloev' in a new way, with a spelling the curation merges or splits"
    )
    # United Ossetia written 'UO' too: named by the merge, not by the split
    parties = {"a": [SHAPES[0], SHAPES[15]], "b": [SHAPES[16]]}
    for overrides, placed in ((split, True), (merge, False)):
        state, _ = _state(parties, overrides)
        more = {**parties, "c": [SHAPES[21], ("Person", "Zaur Dzhioev", ("Zaur Dzhioev",), None)]}
        found = extend(state, _summaries(more), _keys(more))
        if placed:
            assert not isinstance(found, str) and (found[0], found[2]) == tuple(reversed(_state(more, overrides)))
        else:
            assert found == "c writes 'United Ossetia' in a new way, with a spelling the curation merges or splits"
    # a spelling other than the name: the curated merge takes this party in with the others
    alliance = ("Party", "Unity Alliance", ("Unity Alliance", "Unity party"), None)
    state, _ = _state(parties, merge)
    more = {**parties, "c": [alliance]}
    assert len(_state(more, merge)[1].actors) == 2  # Gagloev, and the three parties as one
    assert why_not(state, more) == (
        "c writes 'Unity Alliance' in a new way, with a spelling the curation merges or splits"
    )


def test_an_actor_no_document_named_is_added_from_the_state_unless_its_id_is_taken():
    documents = {"a": [SHAPES[0], SHAPES[15]], "b": [SHAPES[20]]}
    state, _ = _state(documents)
    more = {**documents, "c": [SHAPES[18], SHAPES[8], SHAPES[15]]}  # the commission, Zaur Pliev
    found = extend(state, _summaries(more), _keys(more))
    assert not isinstance(found, str) and found[1] == "incremental"
    assert found[0] == _state(more)[1] and found[2] == _state(more)[0]
    assert found[0].actors["central-election-commission"].aliases == ("CEC",)
    # an organisation of the polity's name would take the id 'south-ossetia-organization-2' only
    # after the polity: the state does not number ids
    assert why_not(state, {**documents, "c": [SHAPES[25]]}) == (
        "c names 'South Ossetia', an actor no other document names, whose id another has"
    )


def test_a_new_name_the_given_name_pass_considers_resolves_every_document():
    """'Ali' and 'Alo' are one edit apart but too short to merge: the given-name pass considers
    'Alo Kobakhia' and, in a document that also names Zaur Kobakhia, leaves him out; whether a name
    it considered was compared is for a full resolution to record."""
    ali, alo, zaur = (("Person", name, (name,), None) for name in ("Ali Kobakhia", "Alo Kobakhia", "Zaur Kobakhia"))
    state, _ = _state({"a": [ali]})
    documents = {"a": [ali], "b": [alo, zaur]}
    assert not _state(documents)[0].shapes[alo].settled
    assert why_not(state, documents) == (
        "the spelling passes would pair 'Alo Kobakhia', a name no other document has, with another"
    )


def test_a_known_person_the_given_name_pass_left_out_is_not_the_states_to_write_anew():
    """Batal Kobakhia is named only beside Batala, so the given-name pass never compared him; written
    a new way in a document of his own, he is compared, and merged with Batala."""
    batal, batala = SHAPES[6], SHAPES[7]
    batal_anew = ("Person", "Batal Kobakhia", ("Batal Kobakhia", "Kobakhia"), None)
    documents = {"a": [batal, batala], "c": [batala]}
    state, _ = _state(documents)
    more = {**documents, "b": [batal_anew]}
    assert len(_state(more)[1].actors) == 1
    assert why_not(state, more) == "b names 'Batal Kobakhia', whose identity a refusal or a spelling pass decided"


def test_the_state_this_process_saved_is_read_back_without_unpickling_until_its_file_changes(tmp_path):
    documents = {"a": [SHAPES[0]], "b": [SHAPES[0], SHAPES[15]]}
    first = resolve_corpus(_summaries(documents), _keys(documents), None, False, tmp_path, "rules 1")
    first.save(tmp_path)
    stamp = first.state.stamp if first.state else ""
    assert load(tmp_path, stamp) is first.state
    assert pickle.loads((tmp_path / STATE).read_bytes())[2] == first.state
    assert load(tmp_path, "another stamp") is None
    # another process saves a state there: its file is read
    other, _ = _state({"a": [SHAPES[0]]})
    other = replace(other, stamp=stamp)
    (tmp_path / "aside").write_bytes(pickle.dumps((1, stamp, other)))
    os.replace(tmp_path / "aside", tmp_path / STATE)
    found = load(tmp_path, stamp)
    assert found == other and found is not other and found is not first.state
    assert load(tmp_path, stamp) is found  # kept as read
