"""Cross-document resolution: one identity per actor, with logged reasons; curated overrides."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.records import Document, Extraction, Mention, Span
from actorgraph.resolve import Overrides, resolve


def extraction(doc_id: str, *names: tuple[str, str]) -> Extraction:
    text = " ; ".join(name for name, _ in names)
    mentions, position = [], 0
    for name, kind in names:
        key = f"{kind}:{name}"
        mentions.append(Mention(Span(position, position + len(name), name), kind, key, name))  # type: ignore[arg-type]
        position += len(name) + 3
    return Extraction(Document(doc_id, text, doc_id), tuple(mentions), ())


def identity(resolution, doc_id: str, name: str, kind: str = "Person") -> str:
    return resolution.actor_of[(doc_id, f"{kind}:{name}")]


def test_transliterations_and_typos_merge_with_reasons():
    resolution = resolve(
        [
            extraction("a", ("Alan Gagloyev", "Person"), ("Anatoli Bibilov", "Person")),
            extraction("b", ("Alan Gagloev", "Person"), ("Anatoli Babilov", "Person")),
        ]
    )
    assert identity(resolution, "a", "Alan Gagloyev") == identity(resolution, "b", "Alan Gagloev")
    assert identity(resolution, "a", "Anatoli Bibilov") == identity(resolution, "b", "Anatoli Babilov")
    reasons = {d.reason for d in resolution.decisions if d.action == "merge"}
    assert {"same transliterated full name", "same given name, surname one edit apart"} <= reasons


def test_never_merge_different_given_names_or_gendered_surnames():
    resolution = resolve(
        [
            extraction("a", ("Bela Plieva", "Person"), ("Leonid Tibilov", "Person")),
            extraction("b", ("Alexander Pliev", "Person"), ("Anatoly Bibilov", "Person"), ("Bela Pliev", "Person")),
        ]
    )
    assert identity(resolution, "a", "Bela Plieva") != identity(resolution, "b", "Alexander Pliev")
    assert identity(resolution, "a", "Bela Plieva") != identity(resolution, "b", "Bela Pliev")
    assert identity(resolution, "a", "Leonid Tibilov") != identity(resolution, "b", "Anatoly Bibilov")
    assert any(
        d.action == "keep-apart" and d.reason == "surnames differ by a gendered ending" for d in resolution.decisions
    )


def test_dictionary_identity_is_preferred():
    doc = Document("a", "Moscow and the Kremlin", "a")
    russia = "https://w3id.org/actorgraph/ref/state/russia"
    mentions = (
        Mention(Span(0, 6, "Moscow"), "State", russia, "Russia", russia),
        Mention(Span(15, 22, "Kremlin"), "State", russia, "Russia", russia),
    )
    resolution = resolve([Extraction(doc, mentions, ())])
    actor = resolution.actor("a", russia)
    assert actor.name == "Russia" and actor.reference == russia and actor.id == "russia"
    assert set(actor.aliases) == {"Moscow", "Kremlin"}


def test_other_actors_merge_on_type_and_name():
    resolution = resolve(
        [
            extraction("a", ("Nykhas", "PoliticalParty")),
            extraction("b", ("Nykhas", "PoliticalParty"), ("Nykhas", "Person")),
        ]
    )
    assert identity(resolution, "a", "Nykhas", "PoliticalParty") == identity(
        resolution, "b", "Nykhas", "PoliticalParty"
    )
    assert identity(resolution, "b", "Nykhas", "Person") != identity(resolution, "b", "Nykhas", "PoliticalParty")


def test_curated_merge_and_split_override_the_rules():
    docs = [
        extraction("a", ("Franc Klincebish", "Person")),
        extraction("b", ("Frants Klintsevich", "Person"), ("Alan Gagloev", "Person")),
        extraction("c", ("Alan Gagloyev", "Person")),
    ]
    plain = resolve(docs)
    assert identity(plain, "a", "Franc Klincebish") != identity(plain, "b", "Frants Klintsevich")
    curated = resolve(
        docs,
        Overrides(merges=(("Franc Klincebish", "Frants Klintsevich"),), splits=(("Alan Gagloev", "Alan Gagloyev"),)),
    )
    assert identity(curated, "a", "Franc Klincebish") == identity(curated, "b", "Frants Klintsevich")
    assert identity(curated, "b", "Alan Gagloev") != identity(curated, "c", "Alan Gagloyev")
    assert {d.reason for d in curated.decisions} >= {"curated merge", "curated split"}


def test_identifiers_are_deterministic_slugs():
    docs = [extraction("a", ("Dzambulat Tedeev", "Person")), extraction("b", ("Dzambulat Tedeev", "Person"))]
    first, second = resolve(docs), resolve(list(reversed(docs)))
    assert set(first.actors) == set(second.actors) == {"dzambulat-tedeev"}


def test_given_names_one_edit_apart_merge_across_documents_only():
    resolution = resolve(
        [
            extraction(
                "a", ("Tamaz Okrubadze", "Person"), ("Nodar Pertaia", "Person"), ("Nodar Pertaiashvili", "Person")
            ),
            extraction("b", ("Tamazi Okrubadze", "Person"), ("Nodari Pertaia", "Person"), ("Nodaro Pertaia", "Person")),
            extraction("c", ("Tamar Kvarchelia", "Person")),
            extraction("d", ("Tamaz Kvarchelia", "Person")),
        ]
    )
    assert identity(resolution, "a", "Tamaz Okrubadze") == identity(resolution, "b", "Tamazi Okrubadze")
    assert identity(resolution, "b", "Nodari Pertaia") != identity(resolution, "b", "Nodaro Pertaia"), "same document"
    assert identity(resolution, "a", "Nodar Pertaia") != identity(resolution, "a", "Nodar Pertaiashvili")
    assert identity(resolution, "c", "Tamar Kvarchelia") != identity(resolution, "d", "Tamaz Kvarchelia"), "she and he"


def test_namesakes_with_different_patronymics_stay_apart():
    resolution = resolve(
        [
            extraction("a", ("Alan Eduardovich Kochiev", "Person")),
            extraction("b", ("Alan Zaurovich Kochiev", "Person")),
            extraction("c", ("Alan Kochiev", "Person")),
            extraction("d", ("Kochiev Alan Eduardovich", "Person")),
        ]
    )
    first, second = (
        identity(resolution, "a", "Alan Eduardovich Kochiev"),
        identity(resolution, "b", "Alan Zaurovich Kochiev"),
    )
    assert first != second
    assert identity(resolution, "d", "Kochiev Alan Eduardovich") == first  # one patronymic, in either name order
    assert identity(resolution, "c", "Alan Kochiev") in (first, second)
    assert any(d.reason == "different patronymics" for d in resolution.decisions)


def test_resolution_from_summaries_in_any_order_is_the_resolution_of_the_corpus():
    """A cluster's reduce step gets the documents' summaries in the order its partitions finish."""
    import random

    from actorgraph.documents import read
    from actorgraph.extract import get_extractor
    from actorgraph.records import Document as Doc
    from actorgraph.resolve import resolve_summaries, summarize

    from .conftest import ROOT

    extractor = get_extractor()
    extractions = [extractor(d) for d in read([ROOT / "corpus"]) if isinstance(d, Doc)]
    extractions += [extraction("x1", ("Anatoli Bibilov", "Person"), ("Alla Dzhioeva", "Person"))]
    expected = resolve(extractions, Overrides(splits=(("Anatoly Bibilov", "Anatoli Bibilov"),)))
    summaries = [summarize(e) for e in extractions]
    for seed in range(5):
        random.Random(seed).shuffle(summaries)
        found = resolve_summaries(summaries, Overrides(splits=(("Anatoly Bibilov", "Anatoli Bibilov"),)))
        assert found == expected


def test_a_patronymic_learnt_by_a_merge_keeps_the_next_namesake_apart():
    """The first document names 'Alan Kochiev' without a patronymic; once the second ('Alan
    Eduardovich Kochiev') joins it, the group carries that patronymic, and the third ('Alan
    Zaurovich Kochiev') is another person."""
    resolution = resolve(
        [
            extraction("a", ("Alan Kochiev", "Person")),
            extraction("b", ("Alan Eduardovich Kochiev", "Person")),
            extraction("c", ("Alan Zaurovich Kochiev", "Person")),
        ]
    )
    group = identity(resolution, "a", "Alan Kochiev")
    assert identity(resolution, "b", "Alan Eduardovich Kochiev") == group
    assert identity(resolution, "c", "Alan Zaurovich Kochiev") != group


def test_summaries_share_their_repeated_strings_and_keep_surfaces_sorted():
    """The corpus index and resolution hold a summary of every actor of every document: a type
    read back from the extraction cache (unpickled: a string of its own) is kept as one string."""
    import pickle
    import sys

    from actorgraph.resolve import summarize

    first, second = (pickle.loads(pickle.dumps(extraction(doc, ("Alan Gagloev", "Person")))) for doc in ("a", "b"))
    assert summarize(first)[0].type is summarize(second)[0].type is sys.intern("Person")
    mentions = tuple(
        Mention(Span(start, start + len(surface), surface), "Person", "person:x", name)
        for start, surface, name in ((0, "Gagloev", "Alan Gagloev"), (10, "Alan Gagloev", "Gagloev"))
    )
    (local,) = summarize(Extraction(Document("c", "Gagloev.  Alan Gagloev", "c"), mentions, ()))
    assert (local.name, local.surfaces) == ("Alan Gagloev", ("Alan Gagloev", "Gagloev"))


def test_a_build_without_a_resolution_log_keeps_no_decisions():
    from actorgraph.resolve import resolve_summaries, summarize

    extractions = [
        extraction("a", ("Alan Eduardovich Kochiev", "Person")),
        extraction("b", ("Alan Zaurovich Kochiev", "Person")),
        extraction("c", ("Alan Kochiev", "Person")),
    ]
    logged = resolve_summaries(map(summarize, extractions))
    bare = resolve_summaries(map(summarize, extractions), decisions_kept=False)
    assert logged.decisions and bare.decisions == ()
    assert (bare.actors, bare.actor_of) == (logged.actors, logged.actor_of)


def test_documents_that_name_an_actor_alike_share_its_strings():
    """The corpus index keeps every document's actors: the same key, name and spellings in two
    documents are one object each, so the index is pickled and loaded with each once."""
    import pickle

    from actorgraph.resolve import summarize

    # names built at run time, as an extraction makes them (literals would be shared anyway)
    first, second = (summarize(extraction(doc, ("".join(["Alan ", "Gagloev"]), "Person")))[0] for doc in ("a", "b"))
    assert first.name == second.name and first.name is second.name
    assert first.key is second.key and first.surfaces is second.surfaces
    alone = len(pickle.dumps(first))
    assert len(pickle.dumps((first, second))) < alone + len(first.name) + len(first.key)


def test_a_resolution_keeps_one_map_per_document_and_the_graph_builder_reads_it():
    """Each actor of each document was kept twice (a pair of strings in the resolution, and again in
    the graph builder's maps): 1 KB a document. One map per document now, shared."""
    import pytest

    from actorgraph.build import GraphBuilder
    from actorgraph.ids import Minter

    resolution = resolve(
        [
            extraction("a", ("Alan Gagloyev", "Person"), ("Anatoli Bibilov", "Person")),
            extraction("b", ("Alan Gagloev", "Person")),
        ]
    )
    pairs = {("a", "Person:Alan Gagloyev"), ("a", "Person:Anatoli Bibilov"), ("b", "Person:Alan Gagloev")}
    assert set(resolution.actor_of) == pairs and len(resolution.actor_of) == 3
    assert resolution.actor_of[("b", "Person:Alan Gagloev")] == resolution.by_document["b"]["Person:Alan Gagloev"]
    with pytest.raises(KeyError):
        resolution.actor_of[("c", "Person:Alan Gagloev")]
    assert "c" not in resolution.by_document  # asking gave no document an entry
    builder = GraphBuilder(resolution, Minter("https://example.org/"))
    assert builder.by_document is resolution.by_document
    assert builder.by_document["no actors"] == {}


_GIVEN = ["Alan", "Alen", "Anatoly", "Anatoli", "Zaur", "Batal", "Batala"]
_PATRONYMICS = ["", "", "", "Eduardovich ", "Zaurovich "]
_SURNAMES = ["Kochiev", "Kochiyev", "Kochieva", "Bibilov", "Babilov", "Gagloev", "Gagloyev", "Pliev"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 6),
            st.sampled_from(_GIVEN),
            st.sampled_from(_PATRONYMICS),
            st.sampled_from(_SURNAMES),
            st.booleans(),
        ),
        max_size=30,
    ),
    st.booleans(),
)
def test_a_resolution_without_its_log_is_the_resolution_with_it(people, split):
    """Without decisions to log and no curated split, a group joins its first member at once (no
    refusal to look for): namesakes with and without patronymics, typos, organisations alike."""
    from actorgraph.resolve import resolve_summaries, summarize

    by_document: dict[int, list[tuple[str, str]]] = {}
    for document, given_name, patronymic, surname, organisation in people:
        kind = "Organization" if organisation else "Person"
        by_document.setdefault(document, []).append((f"{given_name} {patronymic}{surname}", kind))
    extractions = [extraction(f"d{n}", *dict.fromkeys(names)) for n, names in sorted(by_document.items())]
    overrides = None
    if split:  # one transliterated name, two people: the group pass must refuse it
        overrides = Overrides(splits=(("Alan Gagloev", "Alan Gagloyev"),))
        extractions += [extraction("s1", ("Alan Gagloev", "Person")), extraction("s2", ("Alan Gagloyev", "Person"))]
    logged = resolve_summaries(map(summarize, extractions), overrides)
    bare = resolve_summaries(map(summarize, extractions), overrides, decisions_kept=False)
    assert (bare.actors, dict(bare.actor_of)) == (logged.actors, dict(logged.actor_of))


def _per_actor(summaries, overrides: Overrides, decisions_kept: bool):
    """The rules applied actor by actor (as resolution did before it worked on shapes): the
    actors, each document's map and the decisions, all in order."""
    from collections import Counter, defaultdict

    from actorgraph.name_variants import merge_given_name_variants, merge_person_variants
    from actorgraph.normalize import fold, match_key, person_key
    from actorgraph.resolve import Decision, _family, _patronymics
    from actorgraph.resolve_build import _slug

    locals_ = sorted((local for summary in summaries for local in summary), key=lambda a: (a.document, a.key))
    parent, decisions = list(range(len(locals_))), []
    split_pairs = {frozenset((match_key(a), match_key(b))) for a, b in overrides.splits}
    patronymics = {i: _patronymics(a.name, a.surfaces) for i, a in enumerate(locals_) if a.type == "Person"}

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    def merge(i, j, reason):
        root_i, root_j, a, b = find(i), find(j), locals_[i], locals_[j]
        if root_i == root_j:
            return
        own, other = patronymics.get(root_i, frozenset()), patronymics.get(root_j, frozenset())
        if any(frozenset((match_key(x), match_key(y))) in split_pairs for x in _spellings(a) for y in _spellings(b)):
            decisions.append(Decision("keep-apart", (a, b), "curated split"))
        elif own and other and not own & other:
            decisions.append(Decision("keep-apart", (a, b), "different patronymics"))
        else:
            parent[max(root_i, root_j)] = min(root_i, root_j)
            patronymics[min(root_i, root_j)] = own | other
            decisions.append(Decision("merge", (a, b), reason))

    groups = defaultdict(list)
    for i, a in enumerate(locals_):
        by_type = ("person", person_key(a.name)) if a.type == "Person" else (_family(a.type), match_key(a.name))
        groups[("reference", a.reference) if a.reference else by_type].append(i)
    reasons = {"reference": "same dictionary entry", "person": "same transliterated full name"}
    for (kind, _), members in sorted(groups.items()):
        for j in members[1:]:
            merge(members[0], j, reasons.get(kind, "same type and name"))
    for variants in (merge_person_variants, merge_given_name_variants):
        variants(
            locals_, merge, lambda a, b, reason: decisions.append(Decision("keep-apart", (a.name, b.name), reason))
        )
    for first, second in overrides.merges:
        a, b = (
            [i for i, x in enumerate(locals_) if match_key(n) in map(match_key, _spellings(x))] for n in (first, second)
        )
        for i in a[:1]:
            for j in b:
                if find(i) != find(j):
                    parent[max(find(i), find(j))] = min(find(i), find(j))
                    decisions.append(Decision("merge", (first, second), "curated merge"))
    clusters, found, by_document = defaultdict(list), [], defaultdict(dict)
    for i, a in enumerate(locals_):
        clusters[find(i)].append(a)
    for _, members in sorted(clusters.items()):
        reference = next((m.reference for m in members if m.reference), None)
        types, names = Counter(m.type for m in members), Counter(m.name for m in members)
        entity_type = max(sorted(types), key=lambda t: types[t])
        name = next((m.name for m in members if m.reference == reference), None) if reference else None
        name = name or max(sorted(names), key=lambda n: (names[n], len(n)))
        aliases = sorted({n for m in members for n in _spellings(m)} - {name}, key=lambda n: (fold(n), n))
        documents = tuple(dict.fromkeys(m.document for m in members))
        found.append(((entity_type, name, tuple(aliases), reference, documents), members))
    # ids: a name's slug, numbered among the actors whose names give it: first those of a dictionary
    # entry, by entry, then the others in the order of their first documents
    actors = []
    for position, ((entity_type, name, aliases, reference, documents), members) in enumerate(found):
        slug = _slug(name) or "actor"
        same = [
            (other[3] is None, other[3] or "", place)
            for place, (other, _) in enumerate(found)
            if (_slug(other[1]) or "actor") == slug
        ]
        number = sorted(same).index((reference is None, reference or "", position)) + 1
        identifier = slug if number == 1 else f"{slug}-{_slug(entity_type)}-{number}"
        actors.append((identifier, (entity_type, name, aliases, reference, documents)))
        for m in members:
            by_document[m.document][m.key] = identifier
    return actors, [(d, list(keys.items())) for d, keys in by_document.items()], decisions if decisions_kept else []


def _spellings(local):
    return {local.name, *local.surfaces}


_PEOPLE = "Alan Kochiev|Alan Eduardovich Kochiev|Kochiev Alan Eduardovich|Alan Zaurovich Kochiev|Alan Kochiyev|Pliev"
_PEOPLE += "|Alen Kochiev|Alana Kochieva|Zaur Kochiev|Anatoli Bibilov|Anatoly Babilov|Batal Tarba|Batala Tarba"
_SPELLINGS = [(), (), ("Kochiev",), ("Alan Eduardovich Kochiev",), ("Alan Zaurovich Kochiev", "Kochiev")]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(
                st.sampled_from(["Person", "Person", "Person", "Organization", "GovernmentBody"]),
                st.sampled_from(_PEOPLE.split("|")),
                st.sampled_from(_SPELLINGS),
                st.sampled_from([None, None, None, None, "ref:kochiev", "ref:tarba"]),
            ),
            max_size=6,
        ),
        max_size=8,
    ),
    st.lists(st.tuples(st.sampled_from(_PEOPLE.split("|")), st.sampled_from(_PEOPLE.split("|"))), max_size=2),
    st.lists(st.tuples(st.sampled_from(_PEOPLE.split("|")), st.sampled_from(_PEOPLE.split("|"))), max_size=2),
    st.randoms(use_true_random=False),
)
def test_resolution_by_shapes_is_the_resolution_actor_by_actor(documents, merges, splits, random):
    """Actors of one shape (all but document and key) are resolved as one, unless a group refuses
    some of them (a curated split, patronymics): whatever the order of the summaries, the result is
    that of the rules applied to each actor."""
    from actorgraph.resolve import LocalActor, resolve_summaries

    summaries = [
        [
            LocalActor(f"d{n}", f"k{k}", kind, name, surfaces, reference)
            for k, (kind, name, surfaces, reference) in enumerate(actors)
        ]
        for n, actors in enumerate(documents)
    ]
    overrides = Overrides(tuple(merges), tuple(splits))
    random.shuffle(summaries)
    for decisions_kept in (True, False):
        found = resolve_summaries(summaries, overrides, decisions_kept)
        actors = [(i, (a.type, a.name, a.aliases, a.reference, a.documents)) for i, a in found.actors.items()]
        by_document = [(d, list(keys.items())) for d, keys in found.by_document.items()]
        assert (actors, by_document, list(found.decisions)) == _per_actor(summaries, overrides, decisions_kept)
