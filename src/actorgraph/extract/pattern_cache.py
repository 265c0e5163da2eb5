"""The rules' large regular expressions, compiled once per store rather than once per process.

The lexicon's lists become alternations of hundreds of phrases (every office title, around each
name, in five contexts), and Python compiles a pattern in Python code: 0.1 s of the 0.15 s that a
fresh process's first extraction takes, in a build that adds one document to a store of 10,000.
What the compiler makes of a pattern (its code, a list of integers, with the group names and flags)
does not depend on the process. A build names the folder beside its extraction cache and the rules'
fingerprint (`use`), each extraction keeps there what it compiled (`save`, in a worker process too;
the file of other rules goes), and a later process makes each pattern from it with `_sre.compile`,
the C call `re.compile` ends with.

That call and the compiler are CPython's private API: the kept file is named for the interpreter's
version and the regular-expression engine's magic number, `_sre.compile` checks the code it is given,
and anything unexpected (another interpreter, a damaged or foreign file, a refusal) compiles the
pattern as `re.compile` does. A pattern made from the kept code is equal (`==`: same pattern, flags
and code) to the one `re.compile` returns; the tests check it for every pattern the rules ask for.
"""

from __future__ import annotations

import importlib
import logging
import marshal
import re
import sys
from array import array
from pathlib import Path
from typing import Any

from actorgraph.durable import write_atomically

log = logging.getLogger(__name__)

MAX_KEPT = 4096  # the rules compile about 300; a rule that made one per document would not fill the file
# what compiling a pattern gives: flags, code (as array("I") bytes), groups, group index, index group
Compiled = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

try:
    _sre: Any = importlib.import_module("_sre")
    _parser: Any = importlib.import_module("re._parser")
    _compiler: Any = importlib.import_module("re._compiler")
    ENGINE: str | None = (
        f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
        if sys.implementation.name == "cpython" and array("I").itemsize == _sre.CODESIZE
        else None
    )
except (ImportError, AttributeError):  # another interpreter, or another layout of `re`: not kept
    ENGINE = None


def file_name(rules: str = "") -> str | None:
    """The kept file's name: for this engine and these rules (a fingerprint of them, if given)."""
    return None if ENGINE is None else f"patterns-{ENGINE}{'-' + rules[:16] if rules else ''}.marshal"


FILE = file_name()


class PatternCache:
    """Patterns compiled from kept code where there is some, else compiled and their code kept."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.kept: dict[tuple[str, int], Compiled] = {}
        self.made: dict[tuple[str, int], re.Pattern[str]] = {}  # asked for again (once a document): the same
        self.added = 0  # patterns compiled here since `use`: `save` writes them

    def use(self, folder: Path | None, rules: str = "") -> None:
        """Keep compiled patterns in `folder` (None: keep none), taking what it holds for these
        `rules` (a fingerprint of the rules and their lexicon)."""
        name = file_name(rules)
        self.path = folder / name if folder is not None and name is not None else None
        self.kept, self.made, self.added = {}, {}, 0
        if self.path is None or not self.path.is_file():
            return
        try:
            kept = marshal.loads(self.path.read_bytes())
            if not isinstance(kept, dict):
                raise ValueError("not a table of patterns")
            self.kept = kept
        except (OSError, ValueError, EOFError, TypeError):
            log.warning("%s: kept patterns unreadable: they are compiled again", self.path)

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """`re.compile(pattern, flags)`, from kept code when there is some."""
        if self.path is None:
            return re.compile(pattern, flags)
        key = (pattern, int(flags))  # a flag is a RegexFlag: kept as the number it is
        made = self.made.get(key)
        if made is None:
            made = self.made[key] = self._from_kept(key) or self._compiled(*key)
        return made

    def _from_kept(self, key: tuple[str, int]) -> re.Pattern[str] | None:
        found = self.kept.get(key)
        if found is None:
            return None
        try:
            flags, code, groups, groupindex, indexgroup = found
            made: re.Pattern[str] = _sre.compile(
                key[0], flags, array("I", code).tolist(), groups, groupindex, indexgroup
            )
            return made
        except (TypeError, ValueError, RuntimeError):  # not what this engine makes: compiled anew
            del self.kept[key]
            return None

    def _compiled(self, pattern: str, flags: int) -> re.Pattern[str]:
        """`re._compiler.compile`, its parts kept as they go to `_sre.compile`."""
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        state = parsed.state
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        groupindex = dict(state.groupdict)
        parts: Compiled = (
            flags | state.flags,
            array("I", code).tobytes(),
            state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        made: re.Pattern[str] = _sre.compile(pattern, parts[0], code, *parts[2:])
        if len(self.kept) < MAX_KEPT:
            self.kept[(pattern, flags)] = parts
            self.added += 1
        return made

    def save(self) -> None:
        """Write the kept patterns if this process compiled any, and remove the files kept for other
        rules (their patterns are not asked for again). A failure is only logged: they are compiled
        again next time."""
        if self.path is None or not self.added:
            return
        try:
            write_atomically(self.path, marshal.dumps(self.kept))
            self.added = 0
            for other in self.path.parent.glob("patterns-*.marshal"):
                if other != self.path:
                    other.unlink(missing_ok=True)
        except (OSError, ValueError) as error:
            log.warning("%s: kept patterns not written: %s", self.path, getattr(error, "strerror", None) or error)


PATTERNS = PatternCache()  # the process's: the rules compile through it, a build says where it keeps them
compiled = PATTERNS.compile
