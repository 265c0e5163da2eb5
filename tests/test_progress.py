"""progress.py: bars only on a terminal, and what passes through them unchanged."""

from __future__ import annotations

import io

from actorgraph import progress as progress_module
from actorgraph.progress import progress, progress_bytes


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_or_off_a_terminal_nothing_is_shown_and_everything_passes(capsys):
    pieces = [b"ab", b"cde"]
    assert list(progress_bytes(True, "storing")(iter(pieces), 5)) == pieces
    assert list(progress_bytes(False, "storing")(iter(pieces), 5)) == pieces  # stderr is captured: no terminal
    assert list(progress(iter([1, 2]), False, "extracting")) == [1, 2]
    assert capsys.readouterr().err == ""


def test_on_a_terminal_the_bytes_stored_are_shown(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(progress_module.sys, "stderr", terminal)
    pieces = [b"x" * 1000, b"y" * 2000]
    assert list(progress_bytes(False, "storing")(iter(pieces), 3000)) == pieces
    assert "storing" in terminal.getvalue() and "3.00k" in terminal.getvalue()  # of 3.00kB
    quiet = _Terminal()
    monkeypatch.setattr(progress_module.sys, "stderr", quiet)
    assert list(progress_bytes(True, "storing")(iter(pieces), 3000)) == pieces
    assert quiet.getvalue() == ""
