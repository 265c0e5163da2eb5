"""extract --explain (extract/explain.py): what fired, what almost did, and the facts unchanged."""

from __future__ import annotations

from actorgraph.cli import main
from actorgraph.extract.explain import TRIGGERS, explain, lexicon_keys
from actorgraph.extract.mentions import MentionFinder
from actorgraph.records import Document

from .extraction_helpers import extract


def _explained(text: str, published: str | None = "2019-08-26"):
    return explain(Document(id="t", text=text, source="t", published=published), MentionFinder())


def test_fired_rules_are_the_drafts_of_their_sentence():
    explained = _explained("In Abkhazia's presidential election, Zaur Kochiev won 54.2%. Nauru recognised Abkhazia.")
    assert [rule for rule, _ in explained[0].fired] == ["candidacy.won", "candidacy.vote-share"]
    assert [rule for rule, _ in explained[1].fired] == ["recognition.active"]
    assert "vote_share=54.2" in explained[0].fired[1][1]


def test_near_misses_say_why():
    explained = _explained(
        "In Abkhazia's presidential election, the turnout was 60%. Some 54% backed him. "
        "Abkhazia and South Ossetia were recognised."
    )
    assert ("candidacy", "share '54%': no person named in the sentence") in explained[1].almost
    recognition = [reason for family, reason in explained[2].almost if family == "recognition"]
    assert recognition and "only contested polities named" in recognition[0]
    undated = _explained("Zaur Kochiev won 54% in the presidential election.", published=None)
    assert any("no election" in reason for _, reason in undated[0].almost)


def test_explaining_changes_no_fact():
    text = "In Abkhazia's presidential election, Zaur Kochiev won 54.2%, backed by Russia. Nauru recognised Abkhazia."
    drafted = {rule for found in _explained(text) for rule, _ in found.fired}
    claimed = {claim.rule for claim in extract(text, published="2019-08-26").claims}
    assert claimed <= drafted


def test_trigger_lists_exist_in_the_lexicon():
    assert lexicon_keys() == sorted({key for keys in TRIGGERS.values() for key in keys})


def test_cli_explains_a_sentence(capsys):
    assert main(["extract", "--sentence", "Nauru recognised Abkhazia in 2009."]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== sentence\n[1] Nauru recognised Abkhazia in 2009.")
    assert "fired   recognition.active" in out
