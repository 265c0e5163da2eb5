from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from actorgraph.ontology import Model, load_model

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from current output")


@pytest.fixture(scope="session")
def model() -> Model:
    return load_model(ROOT / "ontology")


def pytest_configure(config: pytest.Config) -> None:
    """What one process keeps for the next (actorgraph.user_cache) goes to a folder of the session's,
    for the processes the tests start too: none is written to the user's cache, and each run starts
    with none. (Here, not on import: a process a test starts may import this module.)

    Under mutmut each mutant runs in a fork of one process: empty the inherited caches so the mutant's code runs."""
    os.environ["ACTORGRAPH_CACHE"] = str(scratch("actorgraph-user-cache-"))
    if os.environ.get("MUTANT_UNDER_TEST"):
        import sys

        for name, module in list(sys.modules.items()):
            if name.startswith(("actorgraph", "tests")):
                for value in list(vars(module).values()):
                    clear = getattr(value, "cache_clear", None)
                    if callable(clear):
                        clear()


_SCRATCH: list[Path] = []
_SYSTEM_TEMPORARY = tempfile.gettempdir()  # not a test's own, when one points tempfile at its folder


def scratch(prefix: str) -> Path:
    """A directory for a store cached across tests; removed when the session ends (nothing left in /tmp)."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=_SYSTEM_TEMPORARY))
    _SCRATCH.append(path)
    return path


def _remove_scratch() -> None:
    while _SCRATCH:
        shutil.rmtree(_SCRATCH.pop(), ignore_errors=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _remove_scratch()


def pytest_unconfigure(config: pytest.Config) -> None:
    _remove_scratch()  # a run that stops before its session (bad options) leaves nothing either


def _tracked(folder: Path) -> dict[str, bytes]:
    import hashlib

    return {
        str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).digest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session", autouse=True)
def repository_left_as_found() -> object:
    """No test writes into the repository's corpus or committed graph (a build run from the
    repository's folder without --out writes graph/ there): each builds in a temporary folder."""
    before = {**_tracked(ROOT / "corpus"), **_tracked(ROOT / "graph")}
    yield
    after = {**_tracked(ROOT / "corpus"), **_tracked(ROOT / "graph")}
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"the tests changed files of the repository: {', '.join(changed)}"


@pytest.fixture()
def update_golden(request: pytest.FixtureRequest) -> bool:
    """--update-golden rewrites the reviewed files; in CI it is refused, so a regression cannot be regenerated away."""
    update = bool(request.config.getoption("--update-golden"))
    if update and os.environ.get("CI") == "true":
        pytest.fail("--update-golden is refused in CI: golden files are reviewed data, regenerate them locally")
    return update


def check_golden(path: Path, produced: str, update: bool) -> None:
    """Compare with the committed golden file; on --update-golden rewrite it and fail if it changed (review the diff)."""
    if update:
        before = path.read_text(encoding="utf-8") if path.is_file() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produced, encoding="utf-8")
        if before != produced:
            pytest.fail(f"{path.name} rewritten: review `git diff {path}` and commit it if right")
    assert path.is_file(), f"no golden file {path.name}: run pytest --update-golden and review it"
    assert produced == path.read_text(encoding="utf-8"), f"{path.name} differs from the reviewed golden file"
