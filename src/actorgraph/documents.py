"""Read input files into Documents: .txt, .md (YAML front matter), .html, .jsonl.

A document's id is its metadata `id`, else its file name without extension (for
.jsonl: the line's `id`, else the file stem and line number). A file that cannot
be read becomes an Issue naming it; the rest of the corpus is still read.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

import yaml

from actorgraph import htmltext, layout
from actorgraph.file_status import FileStatus
from actorgraph.records import Document, Issue

T = TypeVar("T")

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
MAX_BYTES = 5_000_000  # a news article is tens of kilobytes; larger files are exports gone wrong
METADATA_KEYS = ("id", "title", "publisher", "published", "url", "language")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n", re.S | re.M)
_ID_SAFE = re.compile(r"[^\w.-]+")  # letters of any script stay: a Cyrillic file name keeps a distinct id
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NOT_IRI = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f]|%(?![0-9A-Fa-f]{2})")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\[\]]*(?:\[[0-9A-Fa-f:.]+\][^\[\]]*)?$")


class _Skip(Exception):
    """One input cannot be read; carries the problem in words."""


def discover(
    paths: Iterable[Path | str], statuses: list[FileStatus | None] | None = None, skip: Iterable[Path | str] = ()
) -> list[str]:
    """The document files under `paths`, in a stable order (a folder's, as `Path`s sort), as path
    strings: a corpus folder holds thousands of files, and making a Path of each took longer than
    listing the folder (a build makes one only of a file it reads). With `statuses`, each file's
    status as its folder was listed is appended there (None for a file named in `paths`, or gone):
    a corpus index needs one of every file. No folder of `skip` is gone into (a build's store and
    outputs: a corpus folder may hold them, and their texts and reports are no documents), nor any
    other store or output folder a build wrote (`layout.written_by_a_build`)."""
    found: list[str] = []
    skipped = frozenset(os.path.realpath(folder) for folder in skip)
    for path in map(Path, paths):
        if path.is_dir():
            listed = time.time_ns()  # before any status is taken: no status is younger than its time
            _list_folder(os.fspath(path), found, statuses, listed, skipped)
        else:
            found.append(os.fspath(path))
            if statuses is not None:
                statuses.append(None)
    return found


def _list_folder(
    folder: str, found: list[str], statuses: list[FileStatus | None] | None, listed: int, skipped: frozenset[str]
) -> None:
    """What `Path.rglob("*")` finds under `folder` that is a file with a document's suffix, in the
    order Paths sort (part by part: each folder's entries by name, "a/x.md" before "a.md"), from the
    folders' entries: no status is asked of a plain file. Like rglob, it goes into no linked folder
    and past no folder it may not read."""
    try:
        entries = sorted(os.scandir(folder), key=_name)
    except PermissionError:
        return
    for entry in entries:
        path = entry.name if folder == "." else entry.path  # as a Path spells it: "a.md", not "./a.md"
        if entry.is_dir(follow_symlinks=False):
            if skipped and os.path.realpath(path) in skipped:
                continue
            if layout.written_by_a_build(path):
                log.info("%s: not read, a store or output folder of a build", display_path(path))
                continue
            _list_folder(path, found, statuses, listed, skipped)
        elif has_document_suffix(entry.name) and _is_file(entry):
            found.append(path)
            if not entry.is_symlink():  # the folder's listing says so: not asked of the file again
                real_path.listed(folder, entry.name, path)
            if statuses is not None:
                statuses.append(_status(entry, listed))


_name: Callable[[os.DirEntry[str]], str] = attrgetter("name")


def _status(entry: os.DirEntry[str], listed: int) -> FileStatus | None:
    try:
        return FileStatus.from_stat(entry.stat(), listed)
    except OSError:  # gone since the folder was listed
        return None


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a link to itself, say: as Path.is_file, not a file
        return False


def has_document_suffix(name: str) -> bool:
    """Whether a file of this name is a document a build reads (by its suffix, in any case)."""
    return _suffix(name).lower() in SUFFIXES


def _suffix(name: str) -> str:
    """`PurePath(name).suffix`, without making a path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def read(paths: Iterable[Path | str]) -> Iterator[Document | Issue]:
    """Stream Documents (and Issues for inputs that cannot be read) from files and directories."""
    for path in discover(paths):
        yield from read_file(Path(path))


def read_file(path: Path, shown: Path | None = None) -> Iterator[Document | Issue]:
    """The documents of one file, named by `shown` (by default its path) in sources and issues."""
    shown = path if shown is None else shown
    source = display_path(shown)
    try:
        raw = _read_bytes(path)
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from _read_jsonl(shown, raw)
            return
        text = _decode(raw)
        if suffix in (".html", ".htm"):
            page = htmltext.article(text)
            body, metadata = page.text, page.metadata()
        elif suffix in (".md", ".markdown"):
            body, metadata = split_front_matter(text)
        elif suffix == ".txt":
            body, metadata = text, {}
        else:
            raise _Skip(f"unsupported file type {path.suffix!r} (supported: {', '.join(SUFFIXES)})")
        yield make_document(body, metadata, default_id=path.stem, source=source)
    except _Skip as problem:
        yield Issue(source, str(problem))


class Ids:
    """The document ids of a corpus so far: a document with an id seen before is reported like any
    bad input (the first keeps the id)."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def refuse(self, document: Document) -> Issue | None:
        if document.id in self.seen:
            return Issue(document.source, f"document id {document.id!r} is also the id of {self.seen[document.id]}")
        self.seen[document.id] = document.source
        return None


def unique_ids(items: Iterable[T], document_of: Callable[[T], Document | None] | None = None) -> Iterator[T | Issue]:
    """The items, with each document whose id was seen before replaced by its Issue (an item's
    document: `document_of` it, by default the item itself if it is a Document)."""
    ids = Ids()
    for item in items:
        document = document_of(item) if document_of else item if isinstance(item, Document) else None
        yield (ids.refuse(document) or item) if document is not None else item


def source_file(source: str, roots: list[Path]) -> str:
    """A document's file relative to the corpus root it was found under (else its name); `roots`
    resolved (`Path.resolve`), once for a corpus."""
    resolved = real_path(source)
    for root in roots:
        # as Path.relative_to, on the strings: both are real paths (asked for each document of a build)
        folder = os.fspath(root)
        prefix = folder if folder.endswith(os.sep) else folder + os.sep
        if resolved.startswith(prefix) and len(resolved) > len(prefix):
            relative = resolved[len(prefix) :]
            return relative if os.sep == "/" else Path(relative).as_posix()
    return Path(source).name


class RealPaths:
    """`os.path.realpath` of many files, each folder resolved once and each file looked at once: a
    corpus holds thousands of files in a few folders, resolving each path anew reads every folder of
    it again, and a build asks for each file's three times. Made for one build (a folder or file that
    becomes a link later is not seen)."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}
        self.files: dict[str, str] = {}

    def __call__(self, path: str | Path) -> str:
        text = os.fspath(path)
        found = self.files.get(text)
        if found is None:
            found = self.files[text] = self._resolve(text)
        return found

    def clear(self) -> None:
        self.folders.clear()
        self.files.clear()

    def listed(self, folder: str, name: str, path: str) -> None:
        """`path`, file `name` of `folder`, is known not to be a link (from the folder's listing): its
        real path is its folder's, and the file need not be looked at (a corpus holds thousands)."""
        if path not in self.files:
            self.files[path] = os.path.join(self._folder(folder), name)

    def _resolve(self, text: str) -> str:
        folder, name = os.path.split(text)
        if name in ("", ".", "..") or os.path.islink(text):
            return os.path.realpath(text)
        return os.path.join(self._folder(folder), name)

    def _folder(self, folder: str) -> str:
        found = self.folders.get(folder)
        if found is None:
            found = self.folders[folder] = os.path.realpath(folder or ".")
        return found


real_path = RealPaths()  # reset by each build (`forget_paths`)


def forget_paths() -> None:
    """A new build resolves folders and files afresh."""
    real_path.clear()


def display_path(path: Path | str) -> str:
    """The path as printable text: bytes of a file name that is not UTF-8 shown as escapes."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _Skip(f"cannot read: {error.strerror or error}") from error
    if size > MAX_BYTES:
        raise _Skip(f"file is too large ({size} bytes; the limit is {MAX_BYTES})")
    try:
        return path.read_bytes()
    except OSError as error:
        raise _Skip(f"cannot read: {error.strerror or error}") from error


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _Skip(f"is not valid UTF-8 (byte {error.start}: {raw[error.start : error.start + 1]!r})") from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """Body and metadata of a Markdown document; a front matter is optional."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        if text.startswith("---\n"):
            raise _Skip("front matter is not closed by a '---' line")
        return text, {}
    try:
        metadata = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 2}" if where is not None else ""
        problem = " ".join(str(getattr(error, "problem", None) or error).split())
        raise _Skip(f"front matter is not valid YAML{line}: {problem}") from error
    except ValueError as error:  # YAML reads 2011-02-30 as a timestamp and the date constructor refuses it
        raise _Skip(f"front matter has an impossible value: {error}") from error
    if not isinstance(metadata, dict):
        raise _Skip("front matter must be a mapping of keys to values")
    return text[match.end() :], metadata


def make_document(body: str, metadata: dict[str, Any], default_id: str, source: str) -> Document:
    if not body.strip():
        raise _Skip("document is empty")
    if _SURROGATE.search(body):
        raise _Skip("text holds an unpaired surrogate escape (not a Unicode character)")
    unknown = sorted(set(map(str, metadata)) - set(METADATA_KEYS) - {"text"})
    if unknown:
        shown = ", ".join(key.encode("utf-8", "backslashreplace").decode("utf-8") for key in unknown)  # "\\ud800"
        raise _Skip(f"unknown metadata key(s): {shown} (known: {', '.join(METADATA_KEYS)})")
    doc_id = _text_field(metadata, "id") or default_id
    clean_id = _ID_SAFE.sub("-", _SURROGATE.sub("", fold_accents(doc_id))).strip("-.")
    if not clean_id:
        raise _Skip(f"document id {doc_id!r} has no usable characters")
    return Document(
        id=clean_id,
        text=body,
        source=source,
        title=_text_field(metadata, "title"),
        publisher=_text_field(metadata, "publisher"),
        published=normalize_date(metadata.get("published")),
        url=_iri_field(metadata, "url"),
        language=_text_field(metadata, "language"),
    )


def fold_accents(text: str) -> str:
    """Latin letters without their accents ('Tiraspolé' -> 'Tiraspole'); other scripts as they are."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _iri_field(metadata: dict[str, Any], key: str) -> str | None:
    value = _text_field(metadata, key)
    if value is not None and (_NOT_IRI.search(value) or not _IRI.match(value)):
        raise _Skip(f"metadata {key!r} is not an absolute IRI: {value!r}")
    return value


def _text_field(metadata: dict[str, Any], key: str) -> str | None:
    value = metadata.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise _Skip(f"metadata {key!r} must be text, not {type(value).__name__}")
    text = " ".join(str(value).split())
    return text or None


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


def normalize_date(value: Any) -> str | None:
    """ISO date, year-month or year from YAML dates, datetimes and strings."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    match = _DATE.match(str(value).strip())
    if match is None:
        return _written_date(str(value))
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat()
        if month and not 1 <= int(month) <= 12:
            raise ValueError(month)
    except ValueError as error:
        raise _Skip(f"metadata 'published' is not a valid date: {value!r}") from error
    return f"{year}-{month}" if month else year


def _written_date(value: str) -> str:
    """A date written out, as feeds and pages do: 'April 11, 2022', 'Mon, 11 Apr 2022 09:30:00 GMT'."""
    from dateutil import parser as dateparser

    try:
        parsed = dateparser.parse(value, default=_NO_DEFAULT)
    except (ValueError, OverflowError) as error:
        raise _Skip(f"metadata 'published' is not a date (YYYY-MM-DD, or e.g. 'April 11, 2022'): {value!r}") from error
    if parsed.year == _NO_DEFAULT.year:  # no year given: the date cannot be placed
        raise _Skip(f"metadata 'published' has no year: {value!r}")
    return str(parsed.date().isoformat())


_NO_DEFAULT = dt.datetime(1, 1, 1)


def _read_jsonl(path: Path, raw: bytes) -> Iterator[Document | Issue]:
    text = _decode(raw)
    if not text.strip():
        raise _Skip("document is empty")
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise _Skip("line is not a JSON object")
            body = record.get("text")
            if not isinstance(body, str):
                raise _Skip("line has no 'text' string")
            metadata = {k: v for k, v in record.items() if k != "text"}
            yield make_document(body, metadata, default_id=f"{path.stem}-{number}", source=where)
        except json.JSONDecodeError as error:
            yield Issue(where, f"is not valid JSON: {error.msg}")
        except RecursionError:
            yield Issue(where, "is nested too deeply to read")
        except _Skip as problem:
            yield Issue(where, str(problem))
