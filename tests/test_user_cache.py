"""What one process derives and a later one takes instead of deriving it again."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph import user_cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ACTORGRAPH_CACHE", str(folder))
    return folder


class Maker:
    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def _kept(make: Maker, inputs: list[bytes], code: list[Path], expected: type = dict) -> object:
    return user_cache.kept("thing", inputs, code, make, expected)


@pytest.fixture
def code(tmp_path: Path) -> Path:
    path = tmp_path / "maker.py"
    path.write_text("def make(): ...\n", encoding="utf-8")
    return path


def test_a_later_call_takes_what_the_first_kept(cache, code):
    first = Maker({"a": [1, 2]})
    assert _kept(first, [b"input"], [code]) == {"a": [1, 2]} and first.calls == 1
    later = Maker({"other": 0})
    found = _kept(later, [b"input"], [code])
    assert found == {"a": [1, 2]} and found is not first.value  # unpickled, not made
    assert later.calls == 0
    assert len(list(cache.glob("thing-*.pickle"))) == 1


@pytest.mark.parametrize("change", ["inputs", "split", "code"])
def test_other_inputs_or_code_are_made_again(cache, code, change):
    _kept(Maker({"v": 1}), [b"ab", b"c"], [code])
    inputs = [b"ab", b"c"]
    if change == "inputs":
        inputs = [b"ab", b"d"]
    elif change == "split":  # the same bytes cut otherwise are other inputs
        inputs = [b"a", b"bc"]
    else:
        code.write_text("def make(): return 2\n", encoding="utf-8")
    again = Maker({"v": 2})
    assert _kept(again, inputs, [code]) == {"v": 2} and again.calls == 1


def test_a_damaged_file_is_made_again_and_replaced(cache, code):
    _kept(Maker({"v": 1}), [b"x"], [code])
    (kept,) = cache.glob("thing-*.pickle")
    kept.write_bytes(b"\x80\x05not a pickle")
    again = Maker({"v": 1})
    assert _kept(again, [b"x"], [code]) == {"v": 1} and again.calls == 1
    third = Maker({"v": 3})
    assert _kept(third, [b"x"], [code]) == {"v": 1} and third.calls == 0


def test_a_kept_object_of_another_type_is_not_trusted(cache, code):
    _kept(Maker(["a list"]), [b"x"], [code], expected=list)
    again = Maker({"v": 1})
    assert _kept(again, [b"x"], [code], expected=dict) == {"v": 1} and again.calls == 1


def test_nothing_is_kept_when_the_cache_is_set_to_nothing(tmp_path, monkeypatch, code):
    monkeypatch.setenv("ACTORGRAPH_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache.folder() is None
    for _ in range(2):
        make = Maker({"v": 1})
        assert _kept(make, [b"x"], [code]) == {"v": 1} and make.calls == 1
    assert not (tmp_path / "xdg").exists()


def test_a_folder_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch, code):
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("ACTORGRAPH_CACHE", str(blocked / "cache"))
    for _ in range(2):
        make = Maker({"v": 1})
        assert _kept(make, [b"x"], [code]) == {"v": 1} and make.calls == 1


def test_each_kind_keeps_its_most_recent_files(cache, code):
    for number in range(user_cache.KEPT + 3):
        _kept(Maker({"v": number}), [str(number).encode()], [code])
    assert len(list(cache.glob("thing-*.pickle"))) == user_cache.KEPT
    latest = Maker({})
    assert _kept(latest, [str(user_cache.KEPT + 2).encode()], [code]) == {"v": user_cache.KEPT + 2}
    assert latest.calls == 0


def test_the_default_folder_follows_xdg_then_home(tmp_path, monkeypatch):
    monkeypatch.delenv("ACTORGRAPH_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache.folder() == tmp_path / "xdg" / "actorgraph"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache.folder() == tmp_path / "home" / ".cache" / "actorgraph"


def test_no_home_and_a_relative_xdg_folder_keep_nothing(tmp_path, monkeypatch):
    """A relative XDG_CACHE_HOME is ignored (the XDG rule), and without a home nothing is kept:
    never a '~' folder in the working folder."""
    monkeypatch.delenv("ACTORGRAPH_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache.folder() == tmp_path / "home" / ".cache" / "actorgraph"
    monkeypatch.setattr(user_cache.os.path, "expanduser", lambda path: path)  # as with no HOME and no user entry
    assert user_cache.folder() is None
