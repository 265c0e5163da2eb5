"""Membership rules (extract/membership.py) on short sentences of our own (invented names, varied wording)."""

from __future__ import annotations

from .extraction_helpers import extract, facts, has


def test_party_roles_are_memberships():
    text = "The leader of the Amtsakhara party, Alkhas Kvitsinia, and Justice party leader Masis Mayilyan met Ruslan Ajba, a member of the Aruaa movement."
    found = facts(extract(text), "membership")
    assert has(found, person="Alkhas Kvitsinia", organization="Amtsakhara", role="leader")
    assert has(found, person="Masis Mayilyan", organization="Justice", role="leader")
    assert not facts(extract(text), "office")


def test_memberships_worded_as_verbs_and_of_phrases():
    text = "Madina Tsoraeva heads the Abkhaz People's Movement. Zaur Kochiev of the Amtsakhara party spoke. He is a member of the United Abkhazia party."
    found = facts(extract(text), "membership")
    assert has(found, person="Madina Tsoraeva", organization="Abkhaz People's Movement", role="leader")
    assert has(found, person="Zaur Kochiev", organization="Amtsakhara")
    assert has(found, person="Zaur Kochiev", organization="United Abkhazia", role="member")


def test_party_possessives_from_phrases_roles_of_parties_and_founders():
    text = (
        "United Abkhazia's Zaur Kochiev came second. Inal Gitsba, an MP from the ruling Amtsakhara party, spoke. "
        "The leader of the Green Harvest Party Oleg Tarba agreed. "
        "The holding company Sheriff was established by entrepreneurs Viktor Gushan and Ilya Kazmaly."
    )
    found = facts(extract(text), "membership")
    assert has(found, person="Zaur Kochiev", organization="United Abkhazia")
    assert has(found, person="Inal Gitsba", organization="Amtsakhara")
    assert has(found, person="Oleg Tarba", organization="Green Harvest Party", role="leader")
    assert has(found, person="Viktor Gushan", organization="Sheriff", role="founder")
    assert has(found, person="Ilya Kazmaly", organization="Sheriff", role="founder")
    control = facts(extract("Georgia's Zaur Kochiev spoke from Tbilisi."), "membership")
    assert control == []
