"""The rules' patterns made from code kept by an earlier process: the same patterns, the same extractions."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.extract import get_extractor
from actorgraph.extract.pattern_cache import FILE, PATTERNS, PatternCache, file_name
from actorgraph.extracting import fingerprint

from .build_helpers import build, copy_corpus

ROOT = Path(__file__).resolve().parents[1]

# Extracts the example corpus in a fresh process (every rule pattern compiled there), keeping
# patterns in the folder given; prints how many it compiled and the extractions.
_EXTRACT = """
import json, sys
from pathlib import Path
from actorgraph import documents
from actorgraph.extract import get_extractor
from actorgraph.extract.pattern_cache import PATTERNS
PATTERNS.use(Path(sys.argv[1]))
extractor = get_extractor("rules")
extractions = [repr(extractor(doc)) for path in sorted(Path(sys.argv[2]).iterdir()) for doc in documents.read_file(path)]
added = PATTERNS.added
PATTERNS.save()
print(json.dumps({"added": added, "extractions": extractions}))
"""


def _build(corpus: Path, store: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`actorgraph build CORPUS --store STORE --no-out OPTIONS` in a fresh process (its rules compile there)."""
    command = [sys.executable, "-m", "actorgraph.cli", "build", str(corpus), "--store", str(store), "--no-out"]
    return subprocess.run([*command, *options], capture_output=True, text=True, check=True, cwd=store.parent)


pytestmark = pytest.mark.skipif(FILE is None, reason="patterns are kept on CPython only")


def _extract(folder: Path) -> dict[str, object]:
    found = subprocess.run(
        [sys.executable, "-c", _EXTRACT, str(folder), str(ROOT / "corpus")],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(found.stdout)
    return result


def test_a_process_with_kept_patterns_compiles_none_and_extracts_the_same(tmp_path):
    first = _extract(tmp_path)
    assert isinstance(first["added"], int) and first["added"] > 100  # the rules' patterns, kept
    assert (tmp_path / str(FILE)).is_file()
    second = _extract(tmp_path)
    assert second["added"] == 0  # every pattern made from kept code
    assert second["extractions"] == first["extractions"] and first["extractions"]


def test_every_kept_pattern_equals_what_re_compile_makes(tmp_path):
    """Differential: a pattern made from kept code and `re.compile`'s are equal (same pattern,
    flags and code), for every pattern the rules compile."""
    _extract(tmp_path)
    cache = PatternCache()
    cache.use(tmp_path)
    assert len(cache.kept) > 100
    for pattern, flags in list(cache.kept):
        made = cache.compile(pattern, flags)
        assert made == re.compile(pattern, flags), pattern[:80]
        assert made.groupindex == re.compile(pattern, flags).groupindex
    assert cache.added == 0


def test_flags_groups_and_lookbehinds_come_back(tmp_path):
    patterns = [
        (r"(?P<verb>won|lost)\s+(?:the\s+)?(?P<contest>\w+)", 0),
        (r",\s*(?:known as|called)\s+$", re.IGNORECASE),
        (r"(?<![\w-])incumbent\s+(?:president\s+)?", 0),
        (r"(?i)abc|d(?=e)", 0),
    ]
    writer = PatternCache()
    writer.use(tmp_path)
    for pattern, flags in patterns:
        assert writer.compile(pattern, flags) == re.compile(pattern, flags)
    writer.save()
    reader = PatternCache()
    reader.use(tmp_path)
    for pattern, flags in patterns:
        made = reader.compile(pattern, flags)
        assert made == re.compile(pattern, flags) and made.groupindex == re.compile(pattern, flags).groupindex
        assert made is reader.compile(pattern, flags)  # asked again: the same object
    assert reader.added == 0
    assert reader.compile(r",\s*(?:known as|called)\s+$", re.IGNORECASE).search("Ivanov, Known As ")


def test_a_damaged_file_or_foreign_code_is_compiled_again(tmp_path, caplog):
    (tmp_path / str(FILE)).write_bytes(b"not marshal data")
    cache = PatternCache()
    with caplog.at_level(logging.WARNING):
        cache.use(tmp_path)
    assert "unreadable" in caplog.text
    assert cache.compile(r"a+b") == re.compile(r"a+b")
    cache.save()
    # code this engine refuses (or a table of something else) is compiled again, not trusted
    cache = PatternCache()
    cache.use(tmp_path)
    flags, code, groups, groupindex, indexgroup = cache.kept[("a+b", 0)]
    cache.kept[("a+b", 0)] = (flags, bytes(len(code)), groups, groupindex, indexgroup)
    cache.kept[("c", 0)] = ("not", "a", "compiled", "pattern")  # type: ignore[assignment]
    assert cache.compile(r"a+b") == re.compile(r"a+b") and cache.compile("c") == re.compile("c")
    assert cache.added == 2


def test_the_file_is_kept_for_one_version_of_the_rules(tmp_path):
    """Patterns are kept for the rules' fingerprint: rules edited keep theirs in a new file, and the
    old one (whose patterns the new rules may never ask for again) goes when it is written."""
    old = PatternCache()
    old.use(tmp_path, "a" * 64)
    old.compile(r"old\s+rules")
    old.save()
    assert [p.name for p in tmp_path.iterdir()] == [file_name("a" * 64)]
    new = PatternCache()
    new.use(tmp_path, "b" * 64)
    assert new.kept == {}  # not the old rules' patterns
    new.compile(r"new\s+rules")
    new.save()
    assert [p.name for p in tmp_path.iterdir()] == [file_name("b" * 64)] != [file_name("a" * 64)]


def test_without_a_folder_patterns_are_re_compiles():
    cache = PatternCache()
    cache.use(None)
    assert cache.compile(r"x(?P<y>y)") is re.compile(r"x(?P<y>y)")
    cache.save()  # nothing to write, nowhere
    assert cache.kept == {}


def test_a_build_keeps_the_patterns_its_extraction_compiled_beside_its_cache(tmp_path):
    store = tmp_path / "store"
    built = _build(ROOT / "corpus", store)
    assert "patterns" not in built.stderr  # the first extraction of a new store keeps its patterns too
    cache = PatternCache()
    cache.use(store / "extractions", fingerprint(get_extractor("rules")))
    assert len(cache.kept) > 100


def test_a_build_in_this_process_leaves_no_folder_to_keep_patterns_in(tmp_path):
    """The store may go once built (a test's, a temporary one): later extractions here keep nothing there."""
    build(copy_corpus(tmp_path), tmp_path)
    assert PATTERNS.path is None


def test_a_cold_build_keeps_the_patterns_its_worker_processes_compiled(tmp_path):
    """A cold build extracts in worker processes (18 documents, `--jobs 2`): they keep what they
    compile, so the first document added later finds the patterns compiled."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    originals = sorted((ROOT / "corpus").glob("*.md"))
    for copy in range(6):
        for original in originals:
            text = original.read_text(encoding="utf-8").replace("\nid: ", f"\nid: c{copy}-", 1)  # ids apart
            (corpus / f"c{copy}-{original.name}").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    built = _build(corpus, store, "--jobs", "2")
    assert "18 documents extracted" in built.stderr
    cache = PatternCache()
    cache.use(store / "extractions", fingerprint(get_extractor("rules")))
    assert len(cache.kept) > 100
