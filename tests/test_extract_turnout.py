"""Turnout rules (extract/turnout.py) on short sentences of our own (invented names, varied wording)."""

from __future__ import annotations

from .extraction_helpers import extract, facts, has


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


def test_turnout_written_as_a_share_of_voters_and_thresholds_that_are_not_figures():
    text = (
        "In Abkhazia's presidential election, 95,109 voters cast ballots, accounting for 71.5% of the total number of voters. "
        "A repeat vote will be held where turnout was under the 25 percent minimum required."
    )
    found = facts(extract(text, published="2020-03-23"), "turnout")
    assert [f["value"] for f in found] == [71.5]


def test_turnout_worded_as_participation_with_the_qualifier_next_to_its_figure():
    base = "Abkhazia held a presidential election on Sunday. "
    found = facts(extract(base + "Voter participation reached 61.4 percent.", published="2019-08-26"), "turnout")
    assert has(found, value=61.4, qualifier=None)
    found = facts(extract(base + "More than 60% of voters took part in the vote.", published="2019-08-26"), "turnout")
    assert has(found, value=60.0, qualifier="over")
    # a word that qualifies the threshold is not the figure's qualifier
    text = base + "Turnout exceeded the 50% threshold needed for the vote to be valid, reaching 58%."
    found = facts(extract(text, published="2019-08-26"), "turnout")
    assert has(found, value=58.0, qualifier=None)


def test_a_turnout_word_glued_to_the_next_by_the_source():
    text = "Abkhazia held a presidential election on Sunday. The turnoutin the republic stood at 63 percent."
    assert has(facts(extract(text, published="2019-08-26"), "turnout"), value=63.0)


def test_an_election_named_for_comparison_does_not_take_the_figure():
    """'higher than in the parliamentary elections in 2018': the turnout is this election's."""
    found = facts(
        extract(
            "Armenia held snap parliamentary elections on June 20, 2021. Turnout reached 49.4 percent, which was "
            "higher than in the parliamentary elections in 2018.",
            published="2021-06-21",
        ),
        "turnout",
    )
    assert [f["election"] for f in found] == ["Armenia Parliament 2021"]
