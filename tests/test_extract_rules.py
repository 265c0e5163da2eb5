"""Each rule family on short sentences of its own (invented names, varied wording)."""

from __future__ import annotations

from .extraction_helpers import extract, facts, has

ELECTION = "Abkhazia President 2019"


# --- candidacies ------------------------------------------------------------------------------


def test_vote_shares_bind_to_the_candidate_they_follow():
    found = facts(
        extract(
            "In Abkhazia's presidential election, Zaur Kochiev has 41.5 percent, while rival Madina Tsoraeva got 38,2%.",
            published="2019-08-26",
        ),
        "candidacy",
    )
    assert has(found, person="Zaur Kochiev", vote_share=41.5, round=1, election=ELECTION)
    assert has(found, person="Madina Tsoraeva", vote_share=38.2)


def test_possessive_share_and_apposition():
    text = (
        "Zaur Kochiev, the mayor of Gagra, won Sunday's presidential election in Abkhazia with 55.1% of the vote "
        "against Madina Tsoraeva's 40.3 %."
    )
    found = facts(extract(text, published="2019-08-26"), "candidacy")
    assert has(found, person="Zaur Kochiev", vote_share=55.1, outcome="won")
    assert has(found, person="Madina Tsoraeva", vote_share=40.3)


def test_shares_in_words_and_partial_counts():
    text = "With 70 percent of ballots counted in the Abkhazia presidential election, Zaur Kochiev has twenty-five percent."
    found = facts(extract(text, published="2019-08-26"), "candidacy")
    assert has(found, person="Zaur Kochiev", vote_share=25.0, partial=True)
    assert not has(found, vote_share=70.0)


def test_district_results_are_not_election_shares():
    text = "Abkhazia held a presidential election. Results from the Gali district show Zaur Kochiev has 60 percent."
    assert facts(extract(text, published="2019-08-26"), "candidacy") == []


def test_won_n_percent_wins_only_with_a_majority():
    found = facts(
        extract(
            "In the first round of Abkhazia's presidential election, Zaur Kochiev won 31 percent.",
            published="2019-08-26",
        ),
        "candidacy",
    )
    assert has(found, person="Zaur Kochiev", vote_share=31.0, round=1)
    assert not has(found, outcome="won")


def test_runoff_winner_and_loser():
    text = "Zaur Kochiev won Sunday's presidential runoff in Abkhazia, defeating opposition candidate Madina Tsoraeva."
    found = facts(extract(text, published="2019-09-09"), "candidacy")
    assert has(found, person="Zaur Kochiev", round=2, outcome="won")
    assert has(found, person="Madina Tsoraeva", round=2, outcome="lost")


def test_runoff_candidates_advanced_from_the_first_round():
    text = (
        "In the first round of Abkhazia's presidential election, Zaur Kochiev took 35 percent and Madina Tsoraeva 30 percent. "
        "Kochiev will face Tsoraeva in a runoff."
    )
    found = facts(extract(text, published="2019-08-26"), "candidacy")
    assert has(found, person="Zaur Kochiev", round=1, vote_share=35.0, outcome="advanced")
    assert has(found, person="Madina Tsoraeva", round=1, vote_share=30.0, outcome="advanced")
    assert has(found, person="Madina Tsoraeva", round=2)


def test_hedged_victory_has_no_outcome():
    text = "Observers expect that opposition candidate Madina Tsoraeva will win the presidential election in Abkhazia."
    found = facts(extract(text, published="2019-08-26"), "candidacy")
    assert has(found, person="Madina Tsoraeva") and not has(found, outcome="won")


def test_barred_candidate_is_no_candidate():
    text = "Zaur Kochiev was not allowed to register for the presidential election in Abkhazia, so he lost the chance to run."
    assert facts(extract(text, published="2019-08-26"), "candidacy") == []


# --- offices and memberships ------------------------------------------------------------------


def test_title_before_name_with_demonym_and_status():
    found = facts(
        extract("Former Abkhaz foreign minister Viacheslav Chirikba and Moldovan Prime Minister Dorin Recean met."),
        "office",
    )
    assert has(found, person="Viacheslav Chirikba", office="Foreign Minister", jurisdiction="Abkhazia", status="former")
    assert has(found, person="Dorin Recean", office="Prime Minister of Moldova", status="current")


def test_apposition_with_organisation():
    found = facts(
        extract("Zarina Kochieva, chairwoman of Abkhazia's Central Election Commission, announced the result."),
        "office",
    )
    assert has(
        found,
        person="Zarina Kochieva",
        office="Chairman of the Central Election Commission",
        organization="Central Election Commission of Abkhazia",
    )


def test_predicate_office_with_dates():
    text = "Zaur Kochiev was interior minister of Abkhazia in 2005-2007. He has been mayor of Gagra since March 2015."
    found = facts(extract(text), "office")
    assert has(
        found, person="Zaur Kochiev", office="Minister of Internal Affairs", start="2005", end="2007", status="former"
    )
    assert has(found, person="Zaur Kochiev", office="Mayor of Gagra", start="2015-03", status="current")


def test_the_head_of_a_polity_is_its_president():
    found = facts(
        extract("The head of the self-proclaimed republic of Transnistria, Vadim Krasnoselsky, spoke."), "office"
    )
    assert has(found, person="Vadim Krasnoselsky", office="President of Transnistria")


def test_party_roles_are_memberships():
    text = "The leader of the Amtsakhara party, Alkhas Kvitsinia, and Justice party leader Masis Mayilyan met Ruslan Ajba, a member of the Aruaa movement."
    found = facts(extract(text), "membership")
    assert has(found, person="Alkhas Kvitsinia", organization="Amtsakhara", role="leader")
    assert has(found, person="Masis Mayilyan", organization="Justice", role="leader")
    assert not facts(extract(text), "office")


def test_incumbent_holds_the_contested_office():
    found = facts(extract("Incumbent Vadim Krasnoselsky ran in the Transnistria presidential election."), "office")
    assert has(found, person="Vadim Krasnoselsky", office="President of Transnistria", rule="office.incumbent")


# --- endorsements -------------------------------------------------------------------------------


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


# --- recognition ------------------------------------------------------------------------------


def test_recognised_by_a_list():
    found = facts(
        extract(
            "Transnistria is recognised only by Abkhazia, South Ossetia and the Caucasus republic of Nagorno-Karabakh."
        ),
        "recognition",
    )
    assert {f["state"] for f in found} == {"Abkhazia", "South Ossetia", "Nagorno-Karabakh"}
    assert all(f["recognized"] == "Transnistria" and f["stance"] == "recognizes" for f in found)


def test_active_recognition_with_date_and_pronoun():
    found = facts(extract("Abkhazia declared independence. Syria recognised it in May 2018."), "recognition")
    assert has(found, state="Syria", recognized="Abkhazia", stance="recognizes", date="2018-05")


def test_negation_and_withdrawal():
    text = "Moldova does not recognise Transnistria. Tuvalu and Vanuatu withdrew their recognition of Abkhazia in 2014."
    found = facts(extract(text), "recognition")
    assert has(found, state="Moldova", recognized="Transnistria", stance="does-not-recognize")
    assert has(found, state="Tuvalu", recognized="Abkhazia", stance="withdrew", date="2014")
    assert has(found, state="Vanuatu", recognized="Abkhazia", stance="withdrew")


def test_occupied_territory_and_part_of():
    text = "Georgia calls Abkhazia an occupied territory. Azerbaijan considers Nagorno-Karabakh part of Azerbaijan."
    found = facts(extract(text), "recognition")
    assert has(found, state="Georgia", recognized="Abkhazia", stance="does-not-recognize")
    assert has(found, state="Azerbaijan", recognized="Nagorno-Karabakh", stance="does-not-recognize")


def test_no_country_including():
    found = facts(extract("No UN member, including Russia, has recognized Transnistria."), "recognition")
    assert has(found, state="Russia", recognized="Transnistria", stance="does-not-recognize")
    assert not has(found, stance="recognizes")


def test_plural_anaphora_and_countries_that_include():
    text = "Abkhazia and South Ossetia broke away. Countries that have recognised both regions include Nauru and Syria."
    found = facts(extract(text), "recognition")
    assert {(f["state"], f["recognized"]) for f in found} == {
        ("Nauru", "Abkhazia"),
        ("Nauru", "South Ossetia"),
        ("Syria", "Abkhazia"),
        ("Syria", "South Ossetia"),
    }


# --- turnout ------------------------------------------------------------------------------------


def test_turnout_qualifiers():
    text = "Abkhazia held a presidential election. Turnout exceeded 60 per cent. By noon turnout stood at about 31%."
    found = facts(extract(text, published="2019-08-26"), "turnout")
    assert has(found, value=60.0, qualifier="over")
    assert not has(found, value=31.0, qualifier="about"), "one turnout per round: the first figure is kept"


def test_turnout_before_polls_closed_is_partial():
    found = facts(
        extract(
            "In Abkhazia's presidential vote, turnout was 45 percent three hours before polls closed.",
            published="2019-08-26",
        ),
        "turnout",
    )
    assert has(found, value=45.0, qualifier="partial", round=1)


# --- provenance ---------------------------------------------------------------------------------


def test_every_claim_has_evidence_at_its_offsets_and_a_rule():
    text = "Zaur Kochiev won the presidential election in Abkhazia with 55 percent. Syria recognised Abkhazia in 2018."
    found = extract(text, published="2019-08-26")
    assert found.claims
    for claim in found.claims:
        assert claim.rule and 0 < claim.confidence <= 1
        for span in claim.evidence:
            assert text[span.start : span.end] == span.quote


# --- found on further probes ---------------------------------------------------------------------


def test_the_other_candidates_of_a_decided_round_lost():
    text = "Zaur Kochiev won Sunday's presidential runoff in Abkhazia with 54.7% of the vote. His rival Madina Tsoraeva received 41.5%."
    found = facts(extract(text, published="2019-09-09"), "candidacy")
    assert has(found, person="Zaur Kochiev", outcome="won", round=2)
    assert has(found, person="Madina Tsoraeva", outcome="lost", round=2, vote_share=41.5)


def test_memberships_worded_as_verbs_and_of_phrases():
    text = "Madina Tsoraeva heads the Abkhaz People's Movement. Zaur Kochiev of the Amtsakhara party spoke. He is a member of the United Abkhazia party."
    found = facts(extract(text), "membership")
    assert has(found, person="Madina Tsoraeva", organization="Abkhaz People's Movement", role="leader")
    assert has(found, person="Zaur Kochiev", organization="Amtsakhara")
    assert has(found, person="Zaur Kochiev", organization="United Abkhazia", role="member")


def test_a_list_stops_at_a_clause():
    text = "Zaur Kochiev, who was backed by Moscow, had served as deputy under Aslan Bzhania."
    found = facts(extract(text), "endorsement")
    assert has(found, endorser="Russia", endorsed="Zaur Kochiev")
    assert not has(found, endorser="Aslan Bzhania")


def test_occupation_wording_and_implicit_withdrawal():
    text = "Georgia regards Abkhazia as Georgian territory under Russian occupation. Tuvalu later withdrew its recognition, in 2014."
    found = facts(extract(text), "recognition")
    assert has(found, state="Georgia", recognized="Abkhazia", stance="does-not-recognize")
    assert has(found, state="Tuvalu", recognized="Abkhazia", stance="withdrew")


def test_dates_stay_in_their_clause():
    text = "Zaur Kochiev, a former interior minister, has led the Amtsakhara party since 2012. Russia recognised Abkhazia in 2008, while Tuvalu withdrew its recognition in 2014."
    extraction = extract(text)
    assert has(facts(extraction, "office"), person="Zaur Kochiev", office="Minister of Internal Affairs") and not has(
        facts(extraction, "office"), start="2012"
    )
    assert has(facts(extraction, "recognition"), state="Russia", stance="recognizes", date="2008")
    assert has(facts(extraction, "recognition"), state="Tuvalu", stance="withdrew", date="2014")


def test_vote_counts_inaugurations_and_more_backing_phrases():
    text = (
        "In Abkhazia's presidential election, Zaur Kochiev received 45,112 votes, or 52.3 percent, with 90,000 votes counted. "
        "Kochiev was sworn in as president of Abkhazia in April. Former prime minister Sergei Shamba threw his weight behind Zaur Kochiev."
    )
    extraction = extract(text, published="2019-08-26")
    assert has(facts(extraction, "candidacy"), person="Zaur Kochiev", votes=45112, vote_share=52.3)
    assert not has(facts(extraction, "candidacy"), votes=90000)
    assert has(facts(extraction, "office"), person="Zaur Kochiev", office="President of Abkhazia")
    assert has(facts(extraction, "endorsement"), endorser="Sergei Shamba", endorsed="Zaur Kochiev")


def test_avoided_runoff_former_titles_and_reelection():
    text = (
        "Zaur Kochiev won Abkhazia's presidential election with 50.6 percent, avoiding a runoff. "
        "Former security service chief Aslan Bzhania came second with 35.9 percent, ahead of ex-defence minister Merab Kishmaria."
    )
    extraction = extract(text, published="2014-08-25")
    assert has(facts(extraction, "candidacy"), person="Zaur Kochiev", round=1, outcome="won")
    assert not has(facts(extraction, "candidacy"), round=2)
    assert has(facts(extraction, "office"), person="Aslan Bzhania", office="Chief of Security Service", status="former")
    assert has(facts(extraction, "office"), person="Merab Kishmaria", office="Minister of Defence", status="former")
    again = extract(
        "Vadim Krasnoselsky was re-elected president of Transnistria with 87 percent of the vote.",
        published="2021-12-13",
    )
    assert has(facts(again, "candidacy"), person="Vadim Krasnoselsky", outcome="won", vote_share=87.0)
    assert has(
        facts(again, "office"), person="Vadim Krasnoselsky", office="President of Transnistria", status="current"
    )
