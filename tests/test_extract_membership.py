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


def test_party_names_that_hold_a_state_name_or_a_plural_possessive():
    text = (
        "Vakhtang Beridze is ahead with 48 percent, followed by Civic Alliance - Strong Abkhazia party's "
        "Lana Gogua with 12 percent and Free Moldova's Dorin Ceban with 4 percent. "
        "The leader of the Farmers’ Party Andrei Rusu took 2 percent."
    )
    found = facts(extract(text), "membership")
    assert has(found, person="Lana Gogua", organization="Civic Alliance - Strong Abkhazia")
    assert has(found, person="Dorin Ceban", organization="Free Moldova")
    assert has(found, person="Andrei Rusu", organization="Farmers’ Party", role="leader")
    # positive control: a state's possessive before a name is not a party
    assert facts(extract("Moldova's Dorin Ceban spoke in Chisinau."), "membership") == []


def test_party_name_made_of_a_determiner_and_its_head():
    found = facts(extract("Our Party chairman Ilie Lupu finished fourth with 6 percent."), "membership")
    assert has(found, person="Ilie Lupu", organization="Our Party", role="chairman")
    # the role may end the party's own name: "Our Party leader" reads as "Our Party" + "leader"
    found = facts(extract("Our Party leader Ilie Lupu spoke."), "membership")
    assert has(found, person="Ilie Lupu", organization="Our Party", role="leader")
    nominated = facts(extract("The Our Party's candidate Ilie Lupu gained 6 percent."), "endorsement")
    assert has(nominated, endorser="Our Party", endorsed="Ilie Lupu")


def test_person_of_an_organisation_in_a_results_list():
    text = (
        "Among the others, Tigran Avagyan of the Armenian Civic Federation won 3 percent, "
        "and Levon Sargsyan of ADP Hayrenik 2 percent."
    )
    found = facts(extract(text), "membership")
    assert has(found, person="Tigran Avagyan", organization="Armenian Civic Federation")
    assert has(found, person="Levon Sargsyan", organization="ADP Hayrenik")
    # control: "of" before a state is not a membership
    assert facts(extract("Tigran Avagyan of Armenia won 3 percent."), "membership") == []


def test_coordinated_roles_paired_respectively():
    text = (
        "Even the former ministers Ruslan Ajba and Inal Gitsba, who are chairmen of the Amtsakhara and "
        "Aruaa parties, respectively, were nominated by initiative groups."
    )
    found = facts(extract(text), "membership")
    assert has(found, person="Ruslan Ajba", organization="Amtsakhara")
    assert has(found, person="Inal Gitsba", organization="Aruaa")
    assert not has(found, person="Ruslan Ajba", organization="Aruaa")


def test_possessive_pronoun_and_the_party_of_a_person():
    text = (
        "Harutyun Poghosyan also did well in the parliamentary vote, where his Free Homeland Party won 30 percent. "
        "The party of former premier Anton Belyi, the Forward Movement, rejected the count."
    )
    found = facts(extract(text), "membership")
    assert has(found, person="Harutyun Poghosyan", organization="Free Homeland Party")
    assert has(found, person="Anton Belyi", organization="Forward Movement")


def test_the_party_refers_back_to_the_party_just_named():
    text = (
        "The Civic Union party rejected the results of the vote. "
        "This was said by the leader of the party, Maria Lisnic."
    )
    found = facts(extract(text), "membership")
    assert has(found, person="Maria Lisnic", organization="Civic Union", role="leader")
    # control: with no party named before, "the party" binds nothing
    alone = facts(extract("This was said by the leader of the party, Maria Lisnic."), "membership")
    assert alone == []


def test_founders_after_a_time_phrase_and_no_founder_across_a_clause():
    text = (
        "The holding company Sheriff was set up in the early 1990s, formally by businessmen Petru Gusan and Ion Caza."
    )
    found = facts(extract(text), "membership")
    assert has(found, person="Petru Gusan", organization="Sheriff", role="founder")
    far = (
        "The Renewal party, the main rival of president Yuri Shevel, won a majority. It can block the "
        "government, which is controlled by Shevel."
    )
    assert facts(extract(far), "membership") == []


def test_a_party_led_by_a_person_and_a_party_in_brackets_after_a_name():
    text = "The Nykhas party, led by Alan Gagloev, won ten seats. In district No. 3, Ruslan Ajba (Amtsakhara) won 48 percent."
    found = facts(extract(text), "membership")
    assert has(found, person="Alan Gagloev", organization="Nykhas", role="leader")
    assert has(found, person="Ruslan Ajba", organization="Amtsakhara")
    # controls: forces led by a person are no party; a bracketed note is no party
    assert (
        facts(extract("The opposition forces, led by Alan Gagloev, marched. Ruslan Ajba (aged 50) won."), "membership")
        == []
    )


def test_party_ties_said_in_other_ways():
    """Possessives with a role and a comma, a modified 'member of', 'represents'/'joined', a
    person's party, and parties named after a state ('X Alliance', 'Y Party of <state>')."""
    cases = {
        "The Amtsakhara party's chairman, Beslan Arshba, said it would contest the vote.": (
            "Beslan Arshba",
            "Amtsakhara",
            "chairman",
        ),
        "Beslan Arshba, a senior member of the opposition Amtsakhara movement, said he would run.": (
            "Beslan Arshba",
            "Amtsakhara",
            "member",
        ),
        "Beslan Arshba, who represents the United Abkhazia party, won 20 percent.": (
            "Beslan Arshba",
            "United Abkhazia",
            "member",
        ),
        "Beslan Arshba joined the Amtsakhara party in 2015.": ("Beslan Arshba", "Amtsakhara", "member"),
        "Former president Robert Kocharyan's Armenia Alliance took 21 percent.": (
            "Robert Kocharyan",
            "Armenia Alliance",
            None,
        ),
        "Arkady Manucharyan, a former member of the Democratic Party of Artsakh, said he would stand.": (
            "Arkady Manucharyan",
            "Democratic Party of Artsakh",
            "member",
        ),
    }
    for text, (person, party, role) in cases.items():
        found = facts(extract(text), "membership")
        assert has(found, person=person, organization=party, role=role), (text, found)
    # positive/negative pair: a rival is not the owner's party member
    assert not facts(extract("Anatoly Bibilov's rival Alan Gagloev won."), "membership")


def test_his_and_her_are_read_as_whole_words_only():
    """membership._HIS_HER tests for a word character before the "h" after it: the same matches as a
    test before it, but the engine can skip to each "h"."""
    from actorgraph.extract.membership import _HIS_HER

    text = "his party, this time, other men, her-own, -his rival, her ally"
    assert [(m.group(1), m.start()) for m in _HIS_HER.finditer(text)] == [("his", 0), ("her", 54)]
    assert [m.start() for m in _HIS_HER.finditer(text, 1)] == [54]  # a search from inside a word
