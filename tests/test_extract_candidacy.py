"""Candidacy rules (extract/candidacy.py) on short sentences of our own (invented names, varied wording)."""

from __future__ import annotations

from .extraction_helpers import extract, facts, has

ELECTION = "Abkhazia President 2019"


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


def test_the_other_candidates_of_a_decided_round_lost():
    text = "Zaur Kochiev won Sunday's presidential runoff in Abkhazia with 54.7% of the vote. His rival Madina Tsoraeva received 41.5%."
    found = facts(extract(text, published="2019-09-09"), "candidacy")
    assert has(found, person="Zaur Kochiev", outcome="won", round=2)
    assert has(found, person="Madina Tsoraeva", outcome="lost", round=2, vote_share=41.5)


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
    assert has(facts(extraction, "office"), person="Aslan Bzhania", office="Security Service Chief", status="former")
    assert has(facts(extraction, "office"), person="Merab Kishmaria", office="Defence Minister", status="former")
    again = extract(
        "Vadim Krasnoselsky was re-elected president of Transnistria with 87 percent of the vote.",
        published="2021-12-13",
    )
    assert has(facts(again, "candidacy"), person="Vadim Krasnoselsky", outcome="won", vote_share=87.0)
    assert has(
        facts(again, "office"), person="Vadim Krasnoselsky", office="President of Transnistria", status="current"
    )


def test_shares_written_after_the_name_for_respectively_and_each():
    text = (
        "In Abkhazia's presidential election, official returns gave Zaur Kochiev 52.8% of the vote, compared with 21.5% for Aslan Tarba. "
        "Madina Tsoraeva and Oleg Gitsba took 11.2 percent and 8.1 percent respectively. "
        "Inal Ardzinba and Beslan Kvarchia garnered 2.3% each."
    )
    found = facts(extract(text, published="2019-08-26"), "candidacy")
    for person, share in (
        ("Zaur Kochiev", 52.8),
        ("Aslan Tarba", 21.5),
        ("Madina Tsoraeva", 11.2),
        ("Oleg Gitsba", 8.1),
        ("Inal Ardzinba", 2.3),
        ("Beslan Kvarchia", 2.3),
    ):
        assert has(found, person=person, vote_share=share), person
    assert not has(found, person="Zaur Kochiev", vote_share=21.5)


def test_a_share_after_an_apposition_is_its_heads():
    text = (
        "In Abkhazia's presidential election, Zaur Kochiev, the favourite of outgoing leader Aslan Tarba, "
        "garnered 52.8% of the vote."
    )
    found = facts(extract(text, published="2019-08-26"), "candidacy")
    assert has(found, person="Zaur Kochiev", vote_share=52.8)
    assert not has(found, person="Aslan Tarba")


def test_the_two_named_for_a_runoff_stand_in_round_two():
    text = (
        "In Abkhazia's presidential election, a runoff has been scheduled for April 8 between Zaur Kochiev, who polled "
        "42.5 percent, and Aslan Tarba, who finished second with 24.6 percent. Inal Gitsba and Oleg Kvarchia will "
        "face each other in the second round in Transnistria."
    )
    found = facts(extract(text, published="2019-03-26"), "candidacy")
    assert has(found, person="Zaur Kochiev", round=2) and has(found, person="Aslan Tarba", round=2)
    assert has(found, person="Zaur Kochiev", round=1, vote_share=42.5, outcome="advanced")
    assert has(found, person="Inal Gitsba", round=2) and has(found, person="Oleg Kvarchia", round=2)
    control = facts(
        extract("The runoff law was debated between sessions by Zaur Kochiev.", published="2019-03-26"), "candidacy"
    )
    assert not has(control, round=2)


def test_the_round_named_in_the_share_s_own_clause():
    text = (
        "Transnistria held a presidential runoff on Sunday. Ivan Bodnar and Oleg Sirbu faced off in the runoff "
        "after taking 38.5 percent and 26.3 percent of the vote respectively in the first round."
    )
    found = facts(extract(text, published="2024-12-26"), "candidacy")
    assert has(found, person="Ivan Bodnar", vote_share=38.5, round=1)
    assert has(found, person="Oleg Sirbu", vote_share=26.3, round=1)
    # control: with no round in its own clause, the runoff named in the sentence holds
    found = facts(
        extract("Transnistria held a presidential runoff on Sunday, where Ivan Bodnar took 60 percent."), "candidacy"
    )
    assert has(found, person="Ivan Bodnar", vote_share=60.0, round=2)


def test_shares_each_after_possessive_party_names_and_a_place_name_as_a_given_name():
    text = (
        "Moldova held a presidential election. United Moldova’s Ion Rusu and New Way’s Petru Lupu garnered 2.2% each. "
        "They were followed by former prosecutor Victoria Ceban with 1.5 %."
    )
    found = facts(extract(text, published="2024-10-21"), "candidacy")
    assert has(found, person="Ion Rusu", vote_share=2.2)
    assert has(found, person="Petru Lupu", vote_share=2.2)
    assert has(found, person="Victoria Ceban", vote_share=1.5)


def test_candidates_named_without_figures():
    base = "South Ossetia held a presidential election on Sunday. "
    found = facts(
        extract(
            base + "Four candidates - acting security chief Alan Tekhov, Anatoly Bibilov and Garri Muldarov - stood."
        ),
        "candidacy",
    )
    assert {f["person"] for f in found} == {"Alan Tekhov", "Anatoly Bibilov", "Garri Muldarov"}
    found = facts(extract(base + "Alan Gagloev and Anatoly Bibilov go to a runoff on May 8."), "candidacy")
    assert has(found, person="Alan Gagloev", round=1, outcome="advanced")
    assert has(found, person="Anatoly Bibilov", round=2)
    found = facts(extract(base + "Anatoly Bibilov, who came second, conceded."), "candidacy")
    assert has(found, person="Anatoly Bibilov", round=1)
    found = facts(extract(base + "Alan Gagloev and Anatoly Bibilov won about a quarter each."), "candidacy")
    assert has(found, person="Alan Gagloev", vote_share=25.0, qualifier="about")
    assert has(found, person="Anatoly Bibilov", vote_share=25.0, qualifier="about")
    # controls: a second term, candidates in general, and a margin are not candidacies or counts
    assert facts(extract(base + "Anatoly Bibilov was first elected in 2017."), "candidacy") == []
    assert facts(extract(base + "Candidates must be resident for ten years."), "candidacy") == []
    found = facts(extract(base + "Alan Gagloev won 40 percent, just 142 votes fewer than Bibilov."), "candidacy")
    assert not has(found, votes=142)


def test_a_count_in_brackets_after_a_share_is_that_candidate_s():
    text = (
        "South Ossetia held a presidential election on Sunday. "
        "Gagloev garnered 54.2% (24,456 votes) against Bibilov's 45.8% (20,632 votes)."
    )
    found = facts(extract(text, published="2022-04-12"), "candidacy")
    assert has(found, person="Alan Gagloev", vote_share=54.2, votes=24456)
    assert has(found, person="Anatoly Bibilov", vote_share=45.8, votes=20632)


def test_winners_named_by_who_they_beat_or_who_lost_to_them():
    found = facts(
        extract(
            "Moldova held a presidential runoff on Sunday. President Maia Sandu won, beating Ion Ceban with 55.4 percent.",
            published="2024-11-04",
        ),
        "candidacy",
    )
    assert has(found, person="Maia Sandu", vote_share=55.4, outcome="won")
    assert not has(found, person="Ion Ceban", vote_share=55.4)
    found = facts(
        extract(
            "South Ossetia held a presidential runoff. Leader Anatoly Bibilov lost to opposition candidate Alan Gagloev.",
            published="2022-05-09",
        ),
        "candidacy",
    )
    assert has(found, person="Alan Gagloev", outcome="won")
    assert has(found, person="Anatoly Bibilov", outcome="lost")
    # an office word in the election phrase names the office: Gagauzia's bashkan
    text = "Evghenia Gutul won the second round of the bashkan election in Gagauzia with 52.4 percent."
    found = facts(extract(text, published="2023-05-15"), "candidacy")
    assert has(found, person="Evghenia Gutul", election="Moldova Bashkan 2023", round=2)


def test_a_candidate_who_failed_to_reach_the_runoff():
    text = "Transnistria held a presidential election. Yevgeny Shevchuk, who has led Transnistria since 2011, failed to reach the runoff."
    found = facts(extract(text, published="2016-12-12"), "candidacy")
    assert has(found, person="Yevgeny Shevchuk", round=1, outcome="eliminated")
    offices = facts(extract(text, published="2016-12-12"), "office")
    assert has(offices, person="Yevgeny Shevchuk", office="Leader of Transnistria", start="2011", status="current")
    # control: a possible elimination is not one
    found = facts(
        extract("Transnistria held a presidential election. Shevchuk could be eliminated.", published="2016-12-12"),
        "candidacy",
    )
    assert not has(found, outcome="eliminated")


def test_winning_the_first_round_is_a_place_in_the_runoff():
    """'X won the first round' advances X when a runoff follows; a share named after the first
    round's in the sentence is the first round's too. 'Won in the first round' is outright."""
    found = facts(
        extract(
            "In Moldova's 2020 presidential election, Maia Sandu won the first round with 36 percent, "
            "ahead of Igor Dodon with 33 percent; the two meet in a runoff on November 15."
        ),
        "candidacy",
    )
    assert has(found, person="Maia Sandu", round=1, vote_share=36.0, outcome="advanced")
    assert has(found, person="Igor Dodon", round=1, vote_share=33.0)
    assert not has(found, outcome="won") and not has(found, round=2, vote_share=33.0)
    outright = extract(
        "In South Ossetia's 2017 presidential election, Anatoly Bibilov won in the first round with 57 percent."
    )
    assert has(facts(outright, "candidacy"), person="Anatoly Bibilov", outcome="won", vote_share=57.0)


def test_the_share_of_the_count_is_no_vote_share():
    """'with more than 95% of the vote counted' is progress of the count; '54 percent of the vote
    in Sunday's runoff' is a share (positive control)."""
    counted = extract(
        "Volodymyr Zelensky and Petro Poroshenko entered Ukraine's 2019 presidential runoff with more than 95% "
        "of the vote counted."
    )
    assert not any(f.get("vote_share") for f in facts(counted, "candidacy"))
    share = extract(
        "In Ukraine's 2019 presidential election, Volodymyr Zelensky won 73 percent of the vote in Sunday's runoff."
    )
    assert has(facts(share, "candidacy"), person="Volodymyr Zelensky", vote_share=73.0, round=2)


def test_a_report_of_a_runoff_lost_makes_the_runoff_the_documents_round():
    text = (
        "Milo Djukanovic lost Montenegro's presidential run-off on Sunday to Jakov Milatovic.\n\n"
        "Milatovic received 59% of the votes, while Djukanovic received only 41%."
    )
    found = facts(extract(text, published="2023-04-04"), "candidacy")
    assert has(found, person="Jakov Milatovic", round=2, vote_share=59.0)
    assert has(found, person="Milo Djukanovic", round=2, vote_share=41.0)
    assert not has(found, round=1)
    control = (
        "Milo Djukanovic will face Jakov Milatovic in Montenegro's presidential run-off.\n\nMilatovic received 29%."
    )
    assert has(facts(extract(control, published="2023-03-20"), "candidacy"), person="Jakov Milatovic", round=1)


def test_another_office_named_the_same_day_is_another_election_and_seats_are_no_share():
    text = (
        "Aleksandar Vucic won Serbia's 2022 presidential election with 59.6%. In the parliamentary vote held the "
        "same day, the United coalition led by Marinika Tepic came second with 13%."
    )
    found = facts(extract(text, published="2022-04-04"), "candidacy")
    assert has(found, person="Aleksandar Vucic", election="Serbia President 2022", vote_share=59.6)
    assert not has(found, person="Marinika Tepic", election="Serbia President 2022")
    seats = extract(
        "In Transnistria's presidential election, Vadim Krasnoselsky won 62 percent; at last year's parliamentary "
        "elections, his party took 75% of seats.",
        published="2016-12-12",
    )
    assert not has(facts(seats, "candidacy"), vote_share=75.0)


def test_those_who_ran_or_stood_are_candidates_unless_denied():
    found = facts(
        extract(
            "Oleg Khugaev, Alan Tadtaev and David Sanakoev also stood in South Ossetia's 2022 presidential election.",
            published="2022-04-11",
        ),
        "candidacy",
    )
    assert {f["person"] for f in found} == {"Oleg Khugaev", "Alan Tadtaev", "David Sanakoev"}
    denied = extract(
        "Eduard Kokoity did not run in South Ossetia's 2022 presidential election.", published="2022-04-11"
    )
    assert not facts(denied, "candidacy")


def test_an_aside_and_the_party_between_a_winner_and_the_verb():
    found = extract(
        "Lai Ching-te (賴清德) of the Democratic Progressive Party has won Taiwan's 2024 presidential election "
        "with 40% of the vote.",
        published="2024-01-14",
    )
    assert has(facts(found, "candidacy"), person="Lai Ching-te", outcome="won", vote_share=40.0)
    assert has(facts(found, "membership"), person="Lai Ching-te", organization="Democratic Progressive Party")


def test_making_it_into_the_runoff_is_no_runoff_result():
    text = (
        "Oleh Lysko and Ivan Pavlo have entered a runoff in Ukraine's presidential election.\n\n"
        "Lysko leads with 30.3%. All other candidates have lost their chance to make it into the runoff. "
        "Yulia Tymoshenko comes in third with 13.4%."
    )
    found = facts(extract(text, published="2019-04-01"), "candidacy")
    assert has(found, person="Yulia Tymoshenko", round=1, vote_share=13.4)
    assert not has(found, round=2, vote_share=13.4) and not has(found, round=2, vote_share=30.3)


def test_a_past_election_dated_with_its_month_in_passing():
    text = (
        "Vadim Krasnoselsky has won a second term in Transnistria's presidential election. Krasnoselsky, a former "
        "interior minister, first took office in December 2016 after defeating Yevgeny Shevchuk."
    )
    found = facts(extract(text, published="2021-12-13"), "candidacy")
    assert has(found, person="Yevgeny Shevchuk", outcome="lost", election="Transnistria President 2016")
    assert not has(found, person="Yevgeny Shevchuk", election="Transnistria President 2021")


def test_the_two_who_meet_in_a_runoff_and_those_who_trailed():
    text = (
        "In South Ossetia's presidential election, Alan Gagloev took 38.5 percent, while Anatoly Bibilov received "
        "33.5 percent and Alexander Pliev 13.9 percent. The two will meet in a runoff on May 8. Garri Muldarov, "
        "a former deputy minister, and Dmitry Tasoev, head of the Adamon Tsadis party, trailed far behind."
    )
    found = facts(extract(text, published="2022-04-11"), "candidacy")
    for person in ("Alan Gagloev", "Anatoly Bibilov"):
        assert has(found, person=person, round=1, outcome="advanced") and has(found, person=person, round=2)
    assert not has(found, person="Alexander Pliev", outcome="advanced")
    assert has(found, person="Garri Muldarov", round=1) and has(found, person="Dmitry Tasoev", round=1)


def test_winning_an_election_named_with_four_words_before_it():
    text = (
        "Aslan Bzhania won the breakaway region's snap presidential election in Abkhazia on Sunday with 56.5 percent."
    )
    found = facts(extract(text, published="2020-03-23"), "candidacy")
    assert has(found, person="Aslan Bzhania", outcome="won", vote_share=56.5)
