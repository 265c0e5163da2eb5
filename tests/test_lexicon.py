"""lexicon.py: the word lists under ontology/lexicon/ merge into one mapping; a broken file is named."""

from __future__ import annotations

import json
import re

import pytest

from actorgraph.errors import OntologyError
from actorgraph.extract.lexicon_patterns import cue, cue_heads, words
from actorgraph.lexicon import lexicon, lexicon_dir, load_lexicon

from .conftest import ROOT


def test_the_shipped_lexicon_loads_with_the_keys_the_rules_read():
    words = lexicon()
    assert lexicon_dir() == ROOT / "ontology" / "lexicon"
    for key in ("given_names", "surname_endings", "share_verbs"):
        assert words.get(key), key
    assert not any(key.startswith("_") for key in words), "comment keys are dropped"


def test_files_merge_and_comments_are_skipped(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"_about": "x", "cues": ["won"]}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"names": ["Ilya"], "_about": "y"}), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    assert load_lexicon(tmp_path) == {"cues": ["won"], "names": ["Ilya"]}


@pytest.mark.parametrize(
    ("files", "culprit", "problem"),
    [
        ({}, None, "holds no lexicon files"),
        ({"a.json": '{"cues": [}'}, "a.json", "is not valid JSON"),
        ({"a.json": b"\xff\xfe{"}, "a.json", "is not valid JSON"),
        ({"a.json": "[1, 2]"}, "a.json", "must hold a JSON object"),
        (
            {"a.json": '{"cues": []}', "b.json": '{"cues": ["x"]}'},
            "b.json",
            "defines 'cues', already defined in a.json",
        ),
        # a key written twice in one file: JSON keeps the last list and the first is silently dead
        ({"a.json": '{"cues": ["won"], "names": [], "cues": ["lost"]}'}, "a.json", "defines 'cues' twice"),
    ],
)
def test_a_broken_lexicon_names_the_file_and_the_problem(tmp_path, files, culprit, problem):
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    with pytest.raises(OntologyError, match=problem) as error:
        load_lexicon(tmp_path)
    assert str(tmp_path / culprit if culprit else tmp_path) in str(error.value)


_INLINE_LIST = re.compile(r"\(\?:((?:[a-z][a-z\\ +s\-\[\]]*\|){4,}[a-z][^()|]*)\)")


def test_word_lists_of_the_rules_live_in_the_lexicon():
    """No rule spells out a list of five or more words inline: lists are data in ontology/lexicon/."""
    source = ROOT / "src" / "actorgraph" / "extract"
    inline = [
        f"{path.name}:{number}: {match.group(0)[:60]}"
        for path in sorted(source.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in _INLINE_LIST.finditer(line)
        if sum(1 for word in match.group(1).split("|") if len(word.replace("\\s+", "")) > 3) >= 5
    ]
    assert inline == []


def test_every_lexicon_list_is_read_by_a_rule():
    """A list no code reads is dead data: a wording added to it would change nothing."""
    code = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "src").rglob("*.py"))
    # read by name ("key"), or inside a pattern template of lexicon_patterns.cued ("...{key}...")
    unread = [key for key in lexicon() if f'"{key}"' not in code and "{" + key + "}" not in code]
    assert unread == []


def test_a_text_a_list_matches_in_holds_a_word_its_phrases_open_with():
    """DocumentContext.may_hold skips a list's pattern in a sentence holding none of the words its
    phrases open with (lexicon_patterns.cue_heads, words): it must never skip one the pattern matches."""
    keys = [
        key
        for key, value in lexicon().items()
        if isinstance(value, (list, dict)) and value and all(isinstance(phrase, str) for phrase in value)
    ]
    checked = 0
    for key in keys:
        heads = cue_heads(key)
        for phrase in lexicon()[key]:
            lowered = phrase.lower()
            for text in (lowered, f"x, {lowered}.", f"({lowered}-led)", f"the {lowered}'s", f"-{lowered} 2"):
                if cue(key).search(text):
                    checked += 1
                    assert heads is None or not heads.isdisjoint(words(text, 0, len(text))), (key, phrase, text)
    assert checked > 2000
