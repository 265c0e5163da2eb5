"""The shared base of the rule families (extract/base.py): evidence, lists on short sentences of our own (invented names, varied wording)."""

from __future__ import annotations

from functools import cache

import pytest

from actorgraph.extract.base import Draft, Drafting, Family, claims, identity, merge
from actorgraph.extract.context import DocumentContext
from actorgraph.extract.mentions import MentionFinder
from actorgraph.records import Document, Mention, Span

from .extraction_helpers import extract, facts, has


def test_every_claim_has_evidence_at_its_offsets_and_a_rule():
    text = "Zaur Kochiev won the presidential election in Abkhazia with 55 percent. Syria recognised Abkhazia in 2018."
    found = extract(text, published="2019-08-26")
    assert found.claims
    for claim in found.claims:
        assert claim.rule and 0 < claim.confidence <= 1
        for span in claim.evidence:
            assert text[span.start : span.end] == span.quote


def test_a_list_stops_at_a_clause():
    text = "Zaur Kochiev, who was backed by Moscow, had served as deputy under Aslan Bzhania."
    found = facts(extract(text), "endorsement")
    assert has(found, endorser="Russia", endorsed="Zaur Kochiev")
    assert not has(found, endorser="Aslan Bzhania")


# --- Family's span helpers on sentences of our own (the fast tests mutation testing runs against base.py) ---


@cache
def _finder() -> MentionFinder:
    return MentionFinder()


def family(text: str) -> Family:
    document = Document(id="test", text=text, source="test", published="2020-05-01")
    return Family(Drafting(DocumentContext(document, _finder())))


def short(keys: list[str] | str | None) -> list[str] | str | None:
    """The last part of actor keys: 'nauru' for .../state/nauru."""
    if keys is None or isinstance(keys, str):
        return keys and keys.rsplit("/", 1)[-1]
    return [key.rsplit("/", 1)[-1] for key in keys]


def test_a_list_of_actors_stops_at_the_end_of_its_sentence():
    text = "Recognised by Nauru, Nicaragua and Venezuela. And Syria, and Russia."
    f = family(text)
    start = text.index("Nauru")
    assert short(f.actor_list(start, len(text))) == ["nauru", "nicaragua", "venezuela"]
    assert short(f.actor_list(start, text.index(" and Venezuela"))) == ["nauru", "nicaragua"], "or at `end`"
    said = "Recognised by Nauru and Nicaragua according to Venezuela and Syria"
    assert short(family(said).actor_list(said.index("Nauru"), len(said))) == ["nauru", "nicaragua"]


def test_a_list_skips_descriptions_and_places():
    text = "Recognised by Nauru, the leader of Abkhazia, and Venezuela in Tskhinvali, Russia"
    f = family(text)
    assert short(f.actor_list(text.index("Nauru"), len(text))) == ["nauru", "venezuela", "russia"]
    assert short(f.actor_list(text.index("Nauru"), len(text), ("State",))) == ["nauru", "venezuela", "russia"]


def test_a_list_of_states_ends_at_an_actor_of_another_kind():
    text = "Backed by Nauru, Alla Dzhioyeva and Venezuela"
    f = family(text)
    start = text.index("Nauru")
    assert short(f.actor_list(start, len(text), ("State",))) == ["nauru"]
    assert short(f.actor_list(start, len(text), ("State", "Person"))) == ["nauru", "alla-dzhioyeva", "venezuela"]
    assert short(f.actor_list(start, len(text), ("Person",))) == ["alla-dzhioyeva"], "only states end a list"
    first = "Backed by Alla Dzhioyeva, Nauru and Venezuela"
    assert short(family(first).actor_list(first.index("Alla"), len(first), ("State",))) == ["nauru", "venezuela"]


def test_the_subject_of_a_verb_is_read_over_a_relative_clause():
    text = "Russia, Nauru, Oleg Arshba, the former minister of Abkhazia who was backed by Syria"
    f = family(text)
    position = text.index("Syria")
    assert f.clause_subject(position, 0) == "person:oleg arshba"
    assert f.clause_subject(position, 0, ("State",)) == "https://w3id.org/actorgraph/ref/state/abkhazia"
    plain = "Alla Dzhioyeva and Russia backed"
    assert short(family(plain).clause_subject(plain.index(" backed"), 0, ("Person",))) == "alla-dzhioyeva"
    assert short(family(plain).clause_subject(plain.index(" backed"), 0)) == "russia"


def test_the_actor_after_a_verb_is_the_first_named_or_a_pronoun():
    pronoun = "Alla Dzhioyeva won. Russia backed her."
    f = family(pronoun)
    assert short(f.actor_after(pronoun.index(" her"), 20, ("Person",))) == "alla-dzhioyeva"
    assert f.actor_after(pronoun.index(" her"), 20, ("State",)) is None
    quoted = 'Alla Dzhioyeva said: "Russia backed me."'
    assert short(family(quoted).actor_after(quoted.index(" me"), 5, ("Person",))) == "alla-dzhioyeva", "the speaker"
    text = "Syria met in Tskhinvali, Nauru."
    f = family(text)
    assert f.actor_after(text.index(" in Tskhinvali"), 30, ("State",)) is None, "a place comes first"
    assert short(f.actor_after(text.index(" Nauru"), 30, ("State",))) == "nauru"


def test_coordinated_mentions_are_linked_by_commas_and_and():
    text = "Nauru, Nicaragua and the Venezuela x Syria"
    f = family(text)
    nauru, nicaragua, venezuela, syria = (
        Mention(Span(text.index(n), text.index(n) + len(n), n), "State", n.lower(), n)
        for n in ("Nauru", "Nicaragua", "Venezuela", "Syria")
    )
    assert f.coordinated_with(venezuela, [nauru, nicaragua]) == [nauru, nicaragua]
    assert f.coordinated_with(venezuela, [nauru, nicaragua, syria]) == [nauru, nicaragua], "mentions after are ignored"
    assert f.coordinated_with(syria, [nauru, nicaragua, venezuela]) == []
    owned = "Nauru and New Way's Syria"
    g = family(owned)
    first = Mention(Span(0, 5, "Nauru"), "State", "nauru", "Nauru")
    last = Mention(Span(owned.index("Syria"), len(owned), "Syria"), "State", "syria", "Syria")
    assert g.coordinated_with(last, [first]) == []
    assert g.coordinated_with(last, [first], words_between=2) == [first]
    touching = Mention(Span(3, 5, "ru"), "State", "ru", "ru")
    assert g.coordinated_with(Mention(Span(5, 9, " and"), "State", "x", "x"), [first, touching]) == []


def test_list_items_are_bounded_by_distance_and_end():
    text = "Backed by Nauru and Venezuela"
    f = family(text)
    start = text.index("Nauru")
    assert short(f.actor_list(start, len(text) - 1)) == ["nauru", "venezuela"], "a name cut by one character"
    assert short(f.actor_list(start, len(text) - 2)) == ["nauru"]
    for filler, listed in ((45, ["nauru", "venezuela"]), (46, ["nauru"])):
        far = "Backed by Nauru, " + "x" * (filler - 1) + " Venezuela"  # Venezuela `filler` characters into its item
        assert short(family(far).actor_list(far.index("Nauru"), len(far))) == listed, filler
    placed = "Backed by Nauru, in Tskhinvali, and Venezuela"
    assert short(family(placed).actor_list(placed.index("Nauru"), len(placed), ("State",))) == ["nauru", "venezuela"]


def test_the_subject_before_a_verb_is_looked_for_80_characters_back():
    text = "Alla Dzhioyeva " + "x " * 40
    f = family(text)
    assert short(f.clause_subject(80, 0)) == "alla-dzhioyeva"
    assert f.clause_subject(81, 0) is None


def test_hedges_are_read_between_start_and_end():
    text = "Russia backed Alla Dzhioyeva. Syria is expected to follow."
    f = family(text)
    assert not f.hedged(0, text.index("."))
    assert f.hedged(0, len(text))


def _draft(roles: dict[str, object], evidence: tuple[Span, ...] = (), confidence: float = 0.5) -> Draft:
    return Draft("candidacy", dict(roles), 10, "rule", confidence, list(evidence))  # type: ignore[arg-type]


def test_merging_two_readings_keeps_every_figure():
    one, two = Span(0, 3, "one"), Span(4, 7, "two")
    kept = _draft({"person": "p", "votes": None, "share": None, "partial": False, "mode": "x"}, (one,), 0.6)
    other = _draft({"votes": None, "share": 40.0, "partial": True, "mode": "former", "extra": 1}, (one, two), 0.7)
    merged = merge(kept, other)
    assert merged.roles == {"person": "p", "votes": None, "share": 40.0, "partial": True, "mode": "x", "extra": 1}
    assert merged.evidence == [one, two] and merged.confidence == pytest.approx(0.75)
    assert kept.roles["share"] is None, "the kept draft is not changed"
    assert merge(_draft({}, confidence=0.93), _draft({}, confidence=0.5)).confidence == 0.95


@pytest.mark.parametrize(
    ("kept", "other", "result"),
    [
        ("advanced", "won", "won"),
        ("won", "lost", "won"),
        ("lost", "won", "lost"),
        ("won", "advanced", "won"),
        (None, "eliminated", "eliminated"),
        ("unheard-of", "also-unheard-of", "unheard-of"),
        ("unheard-of", "advanced", "advanced"),
        ("advanced", "unheard-of", "advanced"),
    ],
)
def test_merging_outcomes_keeps_the_strongest(kept, other, result):
    assert merge(_draft({"outcome": kept}), _draft({"outcome": other})).roles["outcome"] == result


def test_merging_other_roles_keeps_the_first_but_partial_and_former():
    assert merge(_draft({"note": "advanced"}), _draft({"note": "won"})).roles["note"] == "advanced"
    for kept, other, result in ((False, True, True), (True, False, True), (False, False, False), (True, True, True)):
        assert merge(_draft({"partial": kept}), _draft({"partial": other})).roles["partial"] is result
    assert merge(_draft({"status": "current"}), _draft({"status": "former"})).roles["status"] == "former"
    assert merge(_draft({"status": "former"}), _draft({"status": "current"})).roles["status"] == "former"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Alla Dzhioyeva won. Russia said she backed it", "alla-dzhioyeva"),  # the pronoun is nearer
        ("Zaur Kochiev won. We said he backed it", "person:zaur kohiev"),  # "we" is passed over
        ('Alla Dzhioyeva said: "Russia and me backed it"', "alla-dzhioyeva"),  # the speaker
        ('Alla Dzhioyeva said: "Russia and I backed it"', "alla-dzhioyeva"),
        ('Alla Dzhioyeva said: "Russia and we backed it"', "russia"),
        ("Alla Dzhioyeva said Russia and I backed it", "russia"),  # "I" outside a quotation is no one
        ('Alla Dzhioyeva said: "They backed it"', None),  # not the speaker: outside the quotation
    ],
)
def test_the_subject_before_a_verb_is_the_nearest_actor_or_pronoun(text, subject):
    floor = text.index(".") + 1 if "." in text else 0
    assert short(family(text).subject_before(text.index(" backed"), floor)) == subject


def test_a_figure_is_qualified_by_the_words_just_before_it():
    for spaces, qualifier in ((21, "over"), (22, None)):  # within 25 characters
        text = "It was over" + " " * spaces + "50 percent"
        assert family(text).qualifier(text.index("50"), 0) == qualifier
    for text, qualifier in (("It was under 50 percent", "under"), ("It was about 50 percent", "about")):
        assert family(text).qualifier(text.index("50"), 0) == qualifier
    assert family("Over 50 percent").qualifier(5, 1) is None, "not before `floor`"


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        ("Alla Dzhioyeva of the Unity Party has won", " " * 19),  # the party she is "of" is part of her
        ("Alla Dzhioyeva of Russia has won", " of russia"),  # only a party
        ("Alla Dzhioyeva (a former minister) has won", "  "),
        ("Alla Dzhioyeva, a former minister, has won", " "),
        ("Alla Dzhioyeva, a former minister, of Russia has won", "  of russia"),
        ("Alla Dzhioyeva said Unity Party has won", " said unity party"),
    ],
)
def test_the_gap_after_a_person_leaves_out_asides_and_party(text, gap):
    alla = "https://w3id.org/actorgraph/ref/person/alla-dzhioyeva"
    f = family(text)
    assert f.gap(alla, text.index(" has")) == gap
    assert f.gap("nobody", text.index(" has")) == ""


def test_a_claim_carries_its_attribution():
    [claim] = extract("Nauru recognised Abkhazia, according to Alla Dzhioyeva.").claims
    assert claim.attributed_to == "https://w3id.org/actorgraph/ref/person/alla-dzhioyeva"
    assert claim.attribution == "according to Alla Dzhioyeva"
    [plain] = extract("Nauru recognised Abkhazia.").claims
    assert plain.attributed_to is None and plain.attribution is None


def test_claims_in_one_place_are_ordered_by_kind_then_roles():
    f = family("Alla Dzhioyeva and Zaur Kochiev joined the Unity Party.")
    span = Span(0, 14, "Alla Dzhioyeva")
    for person in ("zaur", "alla"):
        f.drafts.append(Draft("membership", {"person": person, "organization": "unity"}, 0, "r", 0.5, [span]))
    f.drafts.append(Draft("endorsement", {"endorser": "x", "endorsed": "y"}, 0, "r", 0.5, [span]))
    found = claims(f.drafting)
    assert [(c.kind, dict(c.roles).get("person")) for c in found] == [
        ("endorsement", None),
        ("membership", "alla"),
        ("membership", "zaur"),
    ]


def test_the_identity_of_a_fact_names_its_kind_and_defining_roles():
    def key(kind: str, **roles: object) -> tuple[object, ...]:
        return identity(Draft(kind, roles, 0, "r", 0.5))  # type: ignore[arg-type]

    assert key("endorsement", endorser="a", endorsed="b", election="e1") != key(
        "endorsement", endorser="a", endorsed="b", election="e2"
    )
    assert key("endorsement", endorser="a", endorsed="b") == ("endorsement", "a", "b", None)
    assert key("office", person="p", office="Head of State") == key("office", person="p", office="head of state")
    assert key("membership", person="p", organization="o") != key("office", person="p", office="o")
    assert key("turnout", election="e", round=1) == ("turnout", "e", 1)


def test_talk_of_recognition_is_read_between_start_and_end():
    for text in ("Russia met Syria. Nauru recognised Abkhazia.", "Russia met Syria. Its recognition came later."):
        f = family(text)
        assert not f.talks_of_recognition(0, text.index("."))
        assert f.talks_of_recognition(0, len(text))


def test_rules_compile_no_pattern_per_sentence(monkeypatch):
    """Rules ask for the same patterns sentence after sentence: each is compiled once (cached), not
    built and looked up again. About 700 compiles a document took a tenth of extraction's time. The
    one pattern made per document is the breakaway one, from the document's own dictionary."""
    import re

    text = (
        "Zaur Kochiev won the presidential election in Abkhazia with 55 percent, ahead of Alan Pliev. "
        "Kochiev and Pliev will face each other in a runoff between the two. Syria recognised Abkhazia "
        "as an independent state in 2018; Georgia calls it occupied territory. Vanuatu withdrew its "
        "recognition. The leader of the party, Mara Liss, backed Kochiev."
    )
    extract(text, published="2019-08-26")  # the first document fills the caches
    compiled: list[str] = []
    real = re.compile

    def counting(pattern, flags=0):  # type: ignore[no-untyped-def]
        compiled.append(str(pattern)[:60])
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    found = extract(text.replace("Kochiev", "Gagloev"), published="2019-08-26")
    assert found.claims
    assert len(compiled) <= 1, compiled
