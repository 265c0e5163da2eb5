"""What a process derives from files and keeps for the next process, in the user's cache folder.

Every command loads the model: three Turtle files parsed into rdflib graphs and checked, 0.10 s of
a build that adds one document to a store, whatever the store's size; validating compiles its shapes
(0.03 s) and extracting builds the reference dictionary (0.03 s). Each is a function of files' bytes
and of the code that reads them, so the first process keeps it (pickled) under a name made from a
digest of those, and a later process unpickles it: 0.05 s for the three.

The folder is `$ACTORGRAPH_CACHE`, else `$XDG_CACHE_HOME/actorgraph` (an absolute path), else
`~/.cache/actorgraph`; `ACTORGRAPH_CACHE` set to nothing, or no home to be found, keeps nothing. A
kept file that cannot be read (damaged, written by another version, gone) is made again, and one
that cannot be written is not kept: the cache changes how long a command takes, never what it
gives. Each kind keeps its `KEPT` most recent files (two checkouts with different models each find
theirs).
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from actorgraph.durable import write_atomically

log = logging.getLogger(__name__)

T = TypeVar("T")

FORMAT = "1"  # bump when what is kept changes shape in a way the code's digest does not show
KEPT = 8
# the libraries whose objects are pickled (rdflib's graphs) or that parse what is kept (pyoxigraph)
_LIBRARIES = ("rdflib", "pyoxigraph")


def folder() -> Path | None:
    """Where kept files go (None: keep nothing)."""
    chosen = os.environ.get("ACTORGRAPH_CACHE")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):  # the XDG rule: a relative path is ignored
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # no home to be found: keep nothing rather than write into the working folder
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "actorgraph"


def kept(kind: str, inputs: Iterable[bytes], code: Iterable[Path], make: Callable[[], T], expected: type[T]) -> T:
    """`make()`, or what an earlier process kept of it. `inputs` are the bytes it depends on (the
    files it reads, their folder's name), `code` the source files of what makes it; the Python
    version and those of the libraries in `_LIBRARIES` are added. A kept object that is not an
    `expected` is not trusted."""
    where = folder()
    if where is None:
        return make()
    digest = hashlib.sha256(f"{FORMAT}\0{kind}\0{sys.version}\0{_versions()}\0".encode())
    for part in inputs:
        digest.update(len(part).to_bytes(8, "little") + part)
    for path in code:
        source = path.read_bytes()
        digest.update(len(source).to_bytes(8, "little") + source)
    path = where / f"{kind}-{digest.hexdigest()[:32]}.pickle"
    try:
        found = pickle.loads(path.read_bytes())
        if isinstance(found, expected):
            return found
        log.debug("%s: not a %s; made again", path, expected.__name__)
    except FileNotFoundError:
        pass
    except Exception as error:  # damaged, or pickled by another version: made again
        log.debug("%s: unreadable (%s); made again", path, error)
    made = make()
    _keep(path, kind, made)
    return made


def file_inputs(paths: Iterable[Path]) -> list[bytes]:
    """Files as `kept`'s inputs: each one's name and bytes, or that it cannot be read (what makes the
    object then says what is wrong, and nothing is kept)."""
    found = []
    for path in paths:
        try:
            found.append(path.name.encode() + b"\0file\0" + path.read_bytes())
        except OSError:  # missing, or a folder
            found.append(path.name.encode() + b"\0unreadable")
    return found


def _keep(path: Path, kind: str, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        others = sorted((p for p in path.parent.glob(f"{kind}-*.pickle") if p != path), key=_age)
        for old in others[KEPT - 1 :]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as error:
        log.debug("%s: not kept (%s)", path, error)


def _age(path: Path) -> int:
    """Newest first."""
    try:
        return -path.stat().st_mtime_ns
    except OSError:
        return 0


def _versions() -> str:
    return " ".join(f"{name}={getattr(importlib.import_module(name), '__version__', '?')}" for name in _LIBRARIES)
