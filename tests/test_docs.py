"""The README tells the truth: its set-up commands, its verbs, the model documentation."""

from __future__ import annotations

import re

from actorgraph.cli import build_parser

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _verbs() -> set[str]:
    action = build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    return set(action.choices)


def test_readme_starts_with_exactly_two_setup_commands():
    block = re.match(r"# actorgraph\n\n```sh\n(.*?)\n```\n", README, re.S)
    assert block, "README must open with a sh block"
    commands = block.group(1).splitlines()
    assert len(commands) == 2
    assert "pip install" in commands[0] and "actorgraph" in commands[0]
    assert "pytest" in commands[1]


def test_every_verb_is_documented_in_the_readme():
    for verb in _verbs():
        assert f"`actorgraph {verb}" in README, f"README does not document `actorgraph {verb}`"


def test_every_verb_has_help_text():
    action = build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    for verb in _verbs():
        assert helps.get(verb), f"verb {verb} has no help text"


def test_ontology_readme_documents_every_class():
    text = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
    for name in [
        "Person",
        "PoliticalParty",
        "Candidacy",
        "Endorsement",
        "RecognitionStance",
        "Turnout",
        "EvidenceSpan",
    ]:
        assert f"`ag:{name}`" in text
    assert "worked example" in text.lower()
