"""The election context stage (extract/election.py) on short texts of our own."""

from __future__ import annotations

from .extraction_helpers import extract, facts, has


def test_a_demonym_and_a_date_beside_the_phrase_name_the_election():
    text = (
        "Voters in Yerevan turned out for the March 4, 2018, Armenian presidential ballot, which Karabakh leaders watched. "
        "Official returns gave Aram Petrosyan 51.2% of the vote."
    )
    found = facts(extract(text, published="2019-01-10"), "candidacy")
    assert has(found, person="Aram Petrosyan", election="Armenia President 2018", vote_share=51.2)
    control = facts(
        extract("Official returns gave Aram Petrosyan 51.2% of the presidential vote.", published="2019-01-10"),
        "candidacy",
    )
    assert not has(control, election="Armenia President 2018")


def test_a_runoff_still_to_come_does_not_make_shares_second_round():
    text = (
        "In Abkhazia's presidential election, a runoff has been scheduled for April 8 between Zaur Kochiev, "
        "who polled 42.5 percent, and Aslan Tarba, who finished second with 24.6 percent."
    )
    found = facts(extract(text, published="2019-03-26"), "candidacy")
    assert has(found, person="Zaur Kochiev", round=1, vote_share=42.5)
    assert has(found, person="Aslan Tarba", round=1, vote_share=24.6)
    held = facts(
        extract("In Abkhazia's presidential runoff, Zaur Kochiev won with 54.1 percent.", published="2019-04-09"),
        "candidacy",
    )
    assert has(held, person="Zaur Kochiev", round=2, vote_share=54.1)


def test_the_phrase_after_the_election_word_names_the_polity():
    text = "The presidential election in Moldova went to a runoff. Maia Sandu led with 36 percent."
    found = facts(extract(text, published="2020-11-02"), "candidacy")
    assert has(found, person="Maia Sandu", election="Moldova President 2020", vote_share=36.0)


def test_a_text_naming_no_country_is_about_the_polity_its_known_politicians_act_in():
    text = "With all ballots counted, Maia Sandu gained 36.2% of the vote, while Igor Dodon won 32.6%."
    found = facts(extract(text, published="2020-11-02"), "candidacy")
    assert has(found, person="Maia Sandu", election="Moldova President 2020", vote_share=36.2)
    assert has(found, person="Igor Dodon", election="Moldova President 2020", vote_share=32.6)
    unknown = facts(
        extract("With all ballots counted, Ana Pop gained 36.2% of the vote.", published="2020-11-02"), "candidacy"
    )
    assert unknown == []


def test_in_a_states_breakaway_region_the_vote_is_the_regions():
    text = "Zaur Kochiev has won the presidency in Georgia's breakaway region of South Ossetia with 54 percent."
    found = facts(extract(text, published="2012-04-09"), "candidacy")
    assert found and all(f["election"] == "South Ossetia President 2012" for f in found)


def test_a_past_election_dated_in_passing():
    base = "South Ossetia held a presidential election on Sunday. "
    found = facts(
        extract(
            base + "Anatoly Bibilov, who was elected in 2017 with 54.8 percent, ran again.", published="2022-04-12"
        ),
        "candidacy",
    )
    assert has(found, person="Anatoly Bibilov", election="South Ossetia President 2017", vote_share=54.8)
    found = facts(extract(base + "In 2017 Bibilov defeated Tibilov.", published="2022-04-12"), "candidacy")
    assert has(found, person="Leonid Tibilov", election="South Ossetia President 2017", outcome="lost")
    # control: a year in another clause, about another thing, leaves the share in this election
    found = facts(
        extract(base + "Bibilov, who was prime minister in 2017, won 40 percent.", published="2022-04-12"), "candidacy"
    )
    assert has(found, person="Anatoly Bibilov", election="South Ossetia President 2022", vote_share=40.0)
