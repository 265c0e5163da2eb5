"""Negative extraction cases, each paired with a positive control that differs in the one thing at issue.

A negative test alone passes when the rule never fires at all; its control proves the rule fires
on the nearly identical sentence, so the negative result is about the difference.
"""

from __future__ import annotations

from .extraction_helpers import extract, facts, has


def shares(text: str) -> list[dict[str, object]]:
    return facts(extract(text, published="2021-03-14"), "candidacy")


def test_a_share_over_100_percent_is_no_share():
    control = shares("In Transnistria's presidential election, Ilya Vornikov has 99.5 percent.")
    assert has(control, person="Ilya Vornikov", vote_share=99.5), control
    over = shares("In Transnistria's presidential election, Ilya Vornikov has 120 percent.")
    assert not any(fact.get("vote_share") == 120.0 for fact in over), over
    assert not has(over, person="Ilya Vornikov", vote_share=120.0)


def test_a_share_binds_to_the_nearest_earlier_candidate():
    text = "In Transnistria's presidential election, Ilya Vornikov conceded as Oksana Belenko has 47.3 percent."
    found = shares(text)
    assert has(found, person="Oksana Belenko", vote_share=47.3), found
    assert not has(found, person="Ilya Vornikov", vote_share=47.3), found


def test_two_shares_each_bind_to_their_own_candidate():
    text = (
        "In Transnistria's presidential election, Ilya Vornikov received 30.5 percent and "
        "Oksana Belenko received 52.25 percent."
    )
    found = shares(text)
    assert has(found, person="Ilya Vornikov", vote_share=30.5), found
    assert has(found, person="Oksana Belenko", vote_share=52.25), found
    assert len([f for f in found if "vote_share" in f]) == 2, found


def test_district_results_negative_and_its_control():
    control = shares("Transnistria held a presidential election. Ilya Vornikov has 60 percent.")
    assert has(control, person="Ilya Vornikov", vote_share=60.0), control
    negative = shares(
        "Transnistria held a presidential election. Results from the Rybnitsa district show Ilya Vornikov has 60 percent."
    )
    assert not has(negative, vote_share=60.0), negative


def test_reported_speech_negative_and_its_control():
    control = shares("In Transnistria's presidential election, Ilya Vornikov has 44 percent.")
    assert has(control, person="Ilya Vornikov", vote_share=44.0), control
    negative = shares("In Transnistria's presidential election, Ilya Vornikov said that turnout reached 44 percent.")
    assert not has(negative, person="Ilya Vornikov", vote_share=44.0), negative


def test_no_election_no_share_and_its_control():
    control = shares("In Transnistria's presidential election, Ilya Vornikov has 35 percent.")
    assert has(control, person="Ilya Vornikov", vote_share=35.0), control
    assert shares("Ilya Vornikov has 35 percent of the shares in the brewery.") == []


def test_won_with_a_minority_has_no_outcome_and_its_control():
    control = shares("In Transnistria's presidential election, Ilya Vornikov won 61 percent.")
    assert has(control, person="Ilya Vornikov", vote_share=61.0, outcome="won"), control
    minority = shares("In Transnistria's presidential election, Ilya Vornikov won 31 percent.")
    assert has(minority, person="Ilya Vornikov", vote_share=31.0), minority
    assert not has(minority, outcome="won"), minority
