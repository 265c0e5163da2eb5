"""Endorsement rules (extract/endorsement.py) on short sentences of our own (invented names, varied wording)."""

from __future__ import annotations

from .extraction_helpers import extract, facts, has, names_of

ELECTION = "Abkhazia President 2019"


def test_call_to_vote_with_pronoun_endorser():
    text = "Taimuraz Dzhusoev withdrew from the presidential race in Abkhazia. He urged his supporters to vote for Zaur Kochiev."
    found = facts(extract(text, published="2019-08-26"), "endorsement")
    assert has(found, endorser="Taimuraz Dzhusoev", endorsed="Zaur Kochiev", mode="support", election=ELECTION)


def test_direct_and_passive_backing_with_lists():
    text = "Kochiev's candidacy was backed by the Amtsakhara party, the veterans' union Aruaa and by the Abkhaz Foreign Ministry. The United Abkhazia party endorsed Zaur Kochiev."
    found = facts(extract(text), "endorsement")
    assert has(found, endorser="Amtsakhara", endorsed="Zaur Kochiev")
    assert has(found, endorser="Ministry of Foreign Affairs of Abkhazia", endorsed="Zaur Kochiev")
    assert has(found, endorser="United Abkhazia", endorsed="Zaur Kochiev", rule="endorsement.direct")


def test_nomination_and_first_person_in_quotes():
    text = "“I was nominated by the Renewal party,” Vadim Krasnoselsky said."
    found = facts(extract(text), "endorsement")
    assert has(found, endorser="Renewal", endorsed="Vadim Krasnoselsky", mode="nomination")


def test_backed_compounds_and_favourites():
    text = "Moscow-backed Zaur Kochiev led. Madina Tsoraeva was called a Western favourite. Observers call Kochiev the Kremlin's preferred candidate."
    found = facts(extract(text), "endorsement")
    assert has(found, endorser="Russia", endorsed="Zaur Kochiev", rule="endorsement.backed-compound")


def test_states_are_not_endorsed():
    assert facts(extract("Russia has backed Abkhazia and the U.S.-backed Georgia."), "endorsement") == []


def test_attribution_is_provenance():
    text = "According to the news agency Apsnypress, the Amtsakhara party supported Zaur Kochiev."
    [fact] = facts(extract(text), "endorsement")
    assert fact["attribution"] == "According to the news agency Apsnypress"


def test_a_party_s_candidate_is_its_nominee_and_support_can_be_had():
    text = (
        "In Abkhazia's presidential election, the PNDA candidate Zaur Kochiev and the Green Harvest Party's candidate "
        "Aslan Tarba finished first. Tarba enjoys the support of Russia and Syria."
    )
    found = facts(extract(text, published="2019-08-26"), "endorsement")
    assert has(found, endorser="PNDA", endorsed="Zaur Kochiev", mode="nomination")
    assert has(found, endorser="Green Harvest Party", endorsed="Aslan Tarba", mode="nomination")
    assert has(found, endorser="Russia", endorsed="Aslan Tarba", mode="support")
    assert has(found, endorser="Syria", endorsed="Aslan Tarba", mode="support")
    members = facts(extract(text, published="2019-08-26"), "membership")
    assert not has(members, person="Zaur Kochiev"), "a party's candidate need not be a member"


def test_the_subject_over_an_apposition_or_relative_clause_backs():
    text = (
        "In Abkhazia's presidential election, Inal Gitsba of the Amtsakhara party, who came third, threw his weight "
        "behind Zaur Kochiev. Oleg Tarba, the former minister who was backed by Aslan Bzhania, came fourth."
    )
    found = facts(extract(text, published="2019-08-26"), "endorsement")
    assert has(found, endorser="Inal Gitsba", endorsed="Zaur Kochiev")
    assert not has(found, endorser="Amtsakhara")
    assert has(found, endorser="Aslan Bzhania", endorsed="Oleg Tarba")


def test_a_bracketed_aside_inside_a_list_of_supporters():
    text = (
        "Transnistria elects a president on Sunday. Vadim Krasnov enjoys support of the Renewal party "
        "(which, like Moscow, took 75% of seats) and Tiras Holding."
    )
    found = facts(extract(text, published="2016-12-01"), "endorsement")
    assert has(found, endorser="Renewal", endorsed="Vadim Krasnov")
    assert has(found, endorser="Tiras Holding", endorsed="Vadim Krasnov")
    assert not has(found, endorser="Russia")  # named inside the aside, not in the list


def test_nominations_favourites_in_apposition_and_a_party_as_it():
    base = "Abkhazia held a presidential election on Sunday. "
    found = facts(extract(base + "Amtsakhara nominated Alkhas Kvitsinia for president."), "endorsement")
    assert has(found, endorser="Amtsakhara", endorsed="Alkhas Kvitsinia", mode="nomination")
    found = facts(extract(base + "Aslan Bzhania, Moscow's preferred candidate, won."), "endorsement")
    assert has(found, endorser="Russia", endorsed="Aslan Bzhania")
    found = facts(
        extract(base + "The United Abkhazia party said it would back Aslan Bzhania in the runoff."), "endorsement"
    )
    assert has(found, endorser="United Abkhazia", endorsed="Aslan Bzhania")
    # controls: congratulations are no endorsement; a generic "ruling party" names no endorser
    assert facts(extract(base + "Russian President Vladimir Putin congratulated Aslan Bzhania."), "endorsement") == []
    assert facts(extract(base + "The ruling party nominated Aslan Bzhania."), "endorsement") == []


def test_voters_and_negated_backing_are_no_endorsement():
    """The electorate is no endorser, and 'ruled out that he would back' is no backing; a named
    backer in the same shape still endorses (positive control)."""
    voters = extract(
        "In Ukraine's 2019 runoff, 45% of voters abroad supported Oleh Lysko, while most backed Ivan Pavlo."
    )
    assert not facts(voters, "endorsement")
    refused = extract("Renat Usko had ruled out that he would back Igor Dodon in Moldova's 2020 presidential runoff.")
    assert not facts(refused, "endorsement")
    control = extract("Renat Usko said that he would back Igor Dodon in Moldova's 2020 presidential runoff.")
    assert has(facts(control, "endorsement"), endorser="Renat Usko", endorsed="Igor Dodon")


def test_an_endorser_introduced_by_a_role_in_apposition():
    """'X Y, a former speaker of parliament, expressed support for Z': X Y is a person (an unknown
    given name, cued by the apposition) and the endorser, not the parliament inside the apposition."""
    found = extract(
        "Andrian Candu, a former speaker of Moldova's parliament, also expressed support for Maia Sandu in the runoff."
    )
    assert has(facts(found, "endorsement"), endorser="Andrian Candu", endorsed="Maia Sandu")
    assert "Andrian Candu" in names_of(found, "Person")


def test_a_party_candidate_in_apposition_is_a_nomination_and_a_backer_list_stops_at_a_clause():
    found = facts(extract("Alan Gagloev, the Nykhas party candidate, won 38 percent."), "endorsement")
    assert has(found, endorser="Nykhas", endorsed="Alan Gagloev", mode="nomination")
    backed = facts(
        extract("Vadim Krasnoselsky, backed by the Obnovlenie party, won the vote in Transnistria."), "endorsement"
    )
    assert has(backed, endorsed="Vadim Krasnoselsky", endorser="Renewal")
    assert not has(backed, endorser="Transnistria")


def test_a_share_of_the_voters_supporting_someone_is_no_endorser():
    found = extract(
        "In Ukraine's 2019 runoff, 54.7% of Ukrainians abroad cast their ballots for Petro Poroshenko, and "
        "44.8% (26,196 people) supported Volodymyr Zelensky."
    )
    assert not facts(found, "endorsement")
