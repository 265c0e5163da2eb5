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
