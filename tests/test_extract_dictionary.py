"""The reference actors' dictionary, kept between processes with the model it is built from."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.extract import dictionary
from actorgraph.extract.dictionary import Dictionary, build_dictionary, default_dictionary
from actorgraph.lexicon import lexicon_dir
from actorgraph.ontology import load_model


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and the process's dictionary forgotten before and after."""
    monkeypatch.setenv("ACTORGRAPH_CACHE", str(tmp_path / "cache"))
    default_dictionary.cache_clear()
    yield tmp_path
    default_dictionary.cache_clear()


def _no_building(actors: object) -> Dictionary:
    raise AssertionError("built again")


def test_a_later_process_takes_the_dictionary_an_earlier_one_built(fresh, monkeypatch):
    made = default_dictionary()
    assert made == build_dictionary(load_model().actors) and len(made.entries) > 100
    default_dictionary.cache_clear()  # as a new process
    monkeypatch.setattr(dictionary, "build_dictionary", _no_building)
    kept = default_dictionary()
    assert kept is not made and kept == made


def test_a_changed_lexicon_builds_the_dictionary_again(fresh, monkeypatch):
    default_dictionary()
    default_dictionary.cache_clear()
    changed = fresh / "lexicon"
    shutil.copytree(lexicon_dir(), changed)
    first = sorted(changed.glob("*.json"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(dictionary, "lexicon_dir", lambda: changed)
    monkeypatch.setattr(dictionary, "build_dictionary", _no_building)
    with pytest.raises(AssertionError, match="built again"):
        default_dictionary()
