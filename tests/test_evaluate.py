"""The evaluate command scores honestly, and the thresholds in a data file hold on the seed gold."""

from __future__ import annotations

import json
from functools import cache

import pytest

from actorgraph.cli import main
from actorgraph.evaluate import Report, best_match, load_gold, office_label_matches, run
from actorgraph.evaluation_report import _by_family

from .conftest import DATA

THRESHOLDS = json.loads((DATA / "evaluation-thresholds.json").read_text(encoding="utf-8"))
SEEDS = THRESHOLDS["seeds"]
KINDS = ["office", "membership", "candidacy", "endorsement", "recognition", "turnout"]


@cache
def seed_report() -> Report:
    return run(DATA / SEEDS["gold"], (DATA / SEEDS["documents"]).resolve())


def test_fact_micro_f1_on_the_seed_gold():
    assert seed_report().fact_micro.f1 >= SEEDS["fact_micro_f1"], seed_report().text()


@pytest.mark.parametrize("kind", KINDS)
def test_recall_on_every_fact_kind(kind):
    assert seed_report().facts[kind].recall >= SEEDS["fact_recall_per_kind"], seed_report().text()


def test_vote_shares_and_resolution():
    report = seed_report()
    assert report.vote_shares["correct"] / report.vote_shares["total"] >= SEEDS["vote_share_accuracy"]
    assert len(report.split_persons) <= SEEDS["max_split_persons"], report.split
    assert len(report.merged_persons) <= SEEDS["max_merged_persons"], report.merged


def test_gold_metadata_fills_a_plain_text_document(tmp_path):
    """A .txt excerpt has no date: the gold's publication date dates it, so its elections get their year."""
    (tmp_path / "doc.txt").write_text("Zaur Kochiev won the presidential election in Abkhazia with 54%.", "utf-8")
    gold = {
        "entities": [{"key": "kochiev", "type": "Person", "name": "Zaur Kochiev", "aliases": []}],
        "elections": [{"key": "e", "jurisdiction": "abkhazia", "office": "President", "rounds": {"1": "2011-08-26"}}],
        "documents": [
            {
                "id": "doc",
                "file": "doc.txt",
                "published": "2011-08-27",
                "mentions": {"kochiev": ["Zaur Kochiev"]},
                "facts": [{"kind": "candidacy", "person": "kochiev", "election": "e", "round": 1, "vote_share": 54}],
            }
        ],
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert run(tmp_path / "gold.json", tmp_path).facts["candidacy"].tp == 1
    gold["documents"][0]["published"] = None
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert run(tmp_path / "gold.json", tmp_path).facts["candidacy"].tp == 0


def test_misses_and_false_positives_are_grouped_by_rule_family():
    lines = [
        'd1: candidacy {"person": "x"} [candidacy.vote-share]',
        'd1: membership {"person": "y"} [office.apposition]',
        "d2: entity 'Z' (Person)",
    ]
    assert _by_family(lines) == {"candidacy": [lines[0]], "entity": [lines[2]], "office": [lines[1]]}


def test_a_failing_rule_is_a_named_issue_not_a_crash(tmp_path, monkeypatch):
    """One document the rules trip over is scored as finding nothing, and the report names it."""
    from actorgraph.extract.turnout import TurnoutRules

    def explode(self, index):
        raise KeyError("boom")

    monkeypatch.setattr(TurnoutRules, "sentence", explode)
    report = run(DATA / SEEDS["gold"], (DATA / SEEDS["documents"]).resolve())
    assert len(report.issues) == 3
    assert all("rule family 'turnout' failed on sentence 1: KeyError" in issue for issue in report.issues)
    assert report.fact_micro.tp == 0


@pytest.mark.parametrize(
    ("gold", "produced", "ok"),
    [
        ("Minister of Emergency Situations", "Emergency Situation Minister", True),
        ("Chairman of the Central Election Commission", "Chairman of the CEC", False),
        ("Deputy Foreign Minister", "Foreign Minister", True),
        ("President of South Ossetia", "Prime Minister", False),
    ],
)
def test_office_labels_match_on_half_the_content_words(gold, produced, ok):
    assert office_label_matches(gold, produced) is ok


def test_a_wrong_reading_is_counted_against_us(tmp_path):
    """The scorer can fail: a gold file that disagrees with the text yields misses and false positives."""
    (tmp_path / "doc.md").write_text(
        "---\nid: doc\npublished: 2020-01-01\n---\nSyria recognised Abkhazia in 2018.\n", encoding="utf-8"
    )
    gold = {
        "entities": [
            {"key": "syria", "type": "State", "name": "Syria", "aliases": []},
            {"key": "abkhazia", "type": "State", "name": "Abkhazia", "aliases": []},
            {"key": "nauru", "type": "State", "name": "Nauru", "aliases": []},
        ],
        "elections": [],
        "documents": [
            {
                "id": "doc",
                "file": "doc.md",
                "mentions": {"syria": ["Syria"], "abkhazia": ["Abkhazia"], "nauru": ["Nauru"]},
                "facts": [{"kind": "recognition", "state": "nauru", "recognized": "abkhazia", "stance": "recognizes"}],
            }
        ],
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    report = run(tmp_path / "gold.json", tmp_path)
    assert (report.facts["recognition"].tp, report.facts["recognition"].fp, report.facts["recognition"].fn) == (0, 1, 1)
    assert report.entities["State"].fn == 1 and report.entities["State"].tp == 2
    assert any("nauru" in miss for miss in report.misses)


def test_cli_prints_text_and_json(capsys):
    assert (
        main(["evaluate", "--gold", str(DATA / "seeds.json"), "--docs", str((DATA / SEEDS["documents"]).resolve())])
        == 0
    )
    assert capsys.readouterr().out.startswith("facts          precision  recall")
    assert (
        main(
            [
                "evaluate",
                "--gold",
                str(DATA / "seeds.json"),
                "--docs",
                str((DATA / SEEDS["documents"]).resolve()),
                "--format",
                "json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert set(data["facts"]) == {"office", "membership", "candidacy", "endorsement", "recognition", "turnout"}


def test_missing_gold_document_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "gold.json").write_text(
        json.dumps({"entities": [], "documents": [{"id": "absent", "file": "absent.md"}]}), encoding="utf-8"
    )
    assert main(["evaluate", "--gold", str(tmp_path / "gold.json")]) == 2
    assert "has no file for gold document 'absent'" in capsys.readouterr().err
    assert load_gold(DATA / "seeds.json").documents


def test_each_gold_office_takes_the_closest_produced_label():
    """Of the produced offices that match a gold office, the closest label pairs with it, so
    'President of Armenia' does not take the 'Prime Minister of Armenia' the next gold fact needs."""
    gold = load_gold(DATA / "seeds.json")
    fact = {"kind": "office", "person": "serzh", "office": "President of Armenia"}
    produced = [
        (0, {"person": "serzh", "office": "Prime Minister of Armenia"}),
        (1, {"person": "serzh", "office": "President of Armenia"}),
    ]
    assert best_match("office", fact, produced, gold) == 1
    assert best_match("office", fact, produced[:1], gold) == 0  # still a match when it is the only one
    assert best_match("office", fact, [(2, {"person": "other", "office": "President of Armenia"})], gold) is None
