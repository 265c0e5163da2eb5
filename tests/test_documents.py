"""Reading documents: formats, ids, metadata, and one-line issues for bad inputs."""

from __future__ import annotations

import json
import os
import time

import pytest

from actorgraph import documents
from actorgraph.file_status import FileStatus
from actorgraph.records import Document, Issue

from .conftest import ROOT


def read_one(path):
    [item] = list(documents.read_file(path))
    return item


def test_markdown_front_matter(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(
        "---\nid: my-id\ntitle: A title\npublisher: Wire\npublished: 2011-11-28\nurl: https://e.org/a\n---\nBody text.\n",
        encoding="utf-8",
    )
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert (doc.id, doc.title, doc.publisher, doc.published, doc.url) == (
        "my-id",
        "A title",
        "Wire",
        "2011-11-28",
        "https://e.org/a",
    )
    assert doc.text == "Body text.\n"


def test_markdown_without_front_matter_takes_its_file_name(tmp_path):
    path = tmp_path / "plain-story.md"
    path.write_text("Just text.", encoding="utf-8")
    doc = read_one(path)
    assert doc.id == "plain-story" and doc.title is None


def test_text_file_and_crlf(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"Line one.\r\nLine two.\r\n")
    doc = read_one(path)
    assert doc.id == "note" and doc.text == "Line one.\nLine two.\n"


def test_html_keeps_the_article_and_drops_navigation(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        """<html><head><title>Page title</title><meta property="article:published_time" content="2019-09-09T10:00:00Z">
        <meta property="og:site_name" content="Example Wire"><script>var x = 1;</script></head>
        <body><nav>Home | World</nav><header>Site header</header>
        <article><h1>Khajimba wins</h1><p>Raul <b>Khajimba</b> won the runoff.</p><p>Turnout was 69%.</p></article>
        <footer>Copyright</footer></body></html>""",
        encoding="utf-8",
    )
    doc = read_one(path)
    assert doc.text == "Khajimba wins\n\nRaul Khajimba won the runoff.\n\nTurnout was 69%.\n"
    # the article's one <h1> is its headline, which trafilatura prefers to the window <title>
    assert (doc.title, doc.publisher, doc.published) == ("Khajimba wins", "Example Wire", "2019-09-09")


def test_jsonl_ids_from_field_or_line_number(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [
        {"id": "first", "text": "One.", "published": "2020"},
        {"text": "Two."},
        {"title": "no text"},
        "not an object",
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n", encoding="utf-8")
    items = list(documents.read_file(path))
    assert [d.id for d in items if isinstance(d, Document)] == ["first", "export-2"]
    issues = [i.line() for i in items if isinstance(i, Issue)]
    assert issues == [
        f"{path}:3: line has no 'text' string",
        f"{path}:4: line is not a JSON object",
        f"{path}:5: is not valid JSON: Expecting property name enclosed in double quotes",
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("latin1.txt", "Tbilisi caf\xe9".encode("latin-1"), "is not valid UTF-8 (byte 11"),
        ("empty.md", b"---\ntitle: Nothing\n---\n   \n", "document is empty"),
        ("broken.md", b"---\ntitle: [unclosed\n---\nText.\n", "front matter is not valid YAML at line 3"),
        ("unclosed.md", b"---\ntitle: x\nText without end.\n", "front matter is not closed"),
        ("list.md", b"---\n- a\n- b\n---\nText.\n", "front matter must be a mapping"),
        ("date.md", b"---\npublished: yesterday\n---\nText.\n", "metadata 'published' is not a date"),
        ("keys.md", b"---\nauthor: someone\n---\nText.\n", "unknown metadata key(s): author"),
        ("doc.pdf", b"%PDF", "unsupported file type '.pdf'"),
    ],
)
def test_bad_input_is_one_issue_naming_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    issue = read_one(path)
    assert isinstance(issue, Issue)
    assert issue.source == str(path) and problem in issue.problem
    assert "\n" not in issue.line()


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("x" * 50, encoding="utf-8")
    issue = read_one(path)
    assert isinstance(issue, Issue) and "too large (50 bytes" in issue.problem


def test_a_bad_file_does_not_stop_the_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\xfa")
    (tmp_path / "c.md").write_text("Third.", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = list(documents.read([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document", "Issue", "Document"]


def test_example_corpus_reads_with_gold_ids():
    gold = json.loads((ROOT / "tests" / "data" / "seeds.json").read_text(encoding="utf-8"))
    docs = [d for d in documents.read([ROOT / "corpus"]) if isinstance(d, Document)]
    assert sorted(d.id for d in docs) == sorted(g["id"] for g in gold["documents"])
    assert all(d.published and d.title and d.publisher for d in docs)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2011-11-28", "2011-11-28"),
        ("2011-11", "2011-11"),
        ("2011", "2011"),
        ("2019-09-09T10:00:00Z", "2019-09-09"),
        (None, None),
    ],
)
def test_published_dates_are_normalised(value, expected):
    assert documents.normalize_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("April 11, 2022", "2022-04-11"),
        ("Mon, 11 Apr 2022 09:30:00 GMT", "2022-04-11"),
        ("11 April 2022", "2022-04-11"),
    ],
)
def test_written_out_dates_parse(value, expected):
    assert documents.normalize_date(value) == expected


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("feb30.md", b"---\npublished: 2011-02-30\n---\nText.\n", "impossible value"),
        ("noyear.md", b"---\npublished: April 11\n---\nText.\n", "has no year"),
        ("space.md", b"---\nurl: http://x.org/a b\n---\nText.\n", "'url' is not an absolute IRI"),
        ("pct.md", b"---\nurl: http://x.org/%zz\n---\nText.\n", "'url' is not an absolute IRI"),
        ("bracket.md", b"---\nurl: http://x.org/[a\n---\nText.\n", "'url' is not an absolute IRI"),
        ("relative.md", b"---\nurl: just-a-path\n---\nText.\n", "'url' is not an absolute IRI"),
        ("surrogate.jsonl", b'{"text": "Bibilov \\ud800 won."}\n', "unpaired surrogate"),
        ("surrogate-key.jsonl", b'{"i\\ud800d": "s1", "text": "Won."}\n', "unknown metadata key(s): i\\ud800d (known"),
        ("deep.jsonl", b'{"text": "x", "id": ' + b"[" * 200_000 + b"]" * 200_000 + b"}\n", "nested too deeply"),
        ("dots.md", b"---\nid: ..\n---\nText.\n", "has no usable characters"),
        ("nomain.html", b"<html><body><nav>menu</nav></body></html>", "document is empty"),
    ],
)
def test_hostile_input_is_one_issue_naming_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    issue = read_one(path)
    assert isinstance(issue, Issue), issue
    assert issue.source.startswith(str(path)) and problem in issue.problem
    assert "\n" not in issue.line()
    issue.line().encode("utf-8")  # printable: no surrogate escapes left


def test_html_without_article_falls_back_to_main_then_body(tmp_path):
    (tmp_path / "main.html").write_text(
        "<html><body><nav>Menu</nav><main><p>Bibilov won.</p></main></body></html>", encoding="utf-8"
    )
    (tmp_path / "body.html").write_text("<html><body><p>Gagloev won.</p></body></html>", encoding="utf-8")
    assert read_one(tmp_path / "main.html").text == "Bibilov won.\n"
    assert read_one(tmp_path / "body.html").text == "Gagloev won.\n"


def test_html_drops_figure_captions(tmp_path):
    path = tmp_path / "fig.html"
    path.write_text(
        "<article><p>Bibilov won.</p><figure><img src=a.jpg><figcaption>Photo: Reuters</figcaption></figure></article>",
        encoding="utf-8",
    )
    assert read_one(path).text == "Bibilov won.\n"


def test_cyrillic_file_names_keep_distinct_ids(tmp_path):
    (tmp_path / "Выборы.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "Бибилов.txt").write_text("Two.", encoding="utf-8")
    ids = sorted(d.id for d in documents.read([tmp_path]) if isinstance(d, Document))
    assert ids == ["Бибилов", "Выборы"]


def test_file_name_that_is_not_utf8_is_named_printably(tmp_path):
    import os

    name = os.fsdecode(b"bad-\xff.txt")
    (tmp_path / name).write_bytes(b"")
    [issue] = list(documents.read([tmp_path]))
    assert isinstance(issue, Issue) and "bad-\\xff.txt" in issue.source
    issue.line().encode("utf-8")  # printable: no surrogate escapes left


# --- any input: a Document or one Issue line, never an exception ------------------------------------

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
_FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _one_of_each(items: list[Document | Issue]) -> None:
    for item in items:
        assert isinstance(item, Document | Issue)
        if isinstance(item, Issue):
            assert "\n" not in item.line()
            item.line().encode("utf-8")


@_FAST
@given(st.text(max_size=300), st.text(max_size=200))
def test_any_front_matter_reads_or_is_one_issue(tmp_path, front, body):
    path = tmp_path / "any.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
    _one_of_each(list(documents.read_file(path)))


@_FAST
@given(st.dictionaries(st.sampled_from([*documents.METADATA_KEYS, "text", "other"]), _SCALARS, max_size=6))
def test_any_metadata_reads_or_is_one_issue(tmp_path, metadata):
    import yaml

    path = tmp_path / "meta.md"
    path.write_text(f"---\n{yaml.safe_dump(metadata)}---\nBibilov won.\n", encoding="utf-8")
    _one_of_each(list(documents.read_file(path)))


_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@_FAST
@given(
    st.lists(
        st.one_of(_JSON, st.dictionaries(st.sampled_from(["id", "text", "url", "published"]), _SCALARS)), max_size=5
    )
)
def test_any_json_lines_read_or_are_one_issue_each(tmp_path, records):
    path = tmp_path / "any.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    _one_of_each(list(documents.read_file(path)))


@_FAST
@given(st.text(min_size=1, max_size=40))
@example("..")
@example("Выборы")
def test_any_document_id_gives_an_iri_that_reads_back(tmp_path, name):
    import pyoxigraph as ox
    from rdflib import Graph

    from actorgraph.ids import Minter

    try:
        item = documents.make_document("Text.", {"id": name}, default_id="x", source="s")
    except documents._Skip:
        return
    iri = Minter("https://example.org/kg/").document(item.id)
    ox.NamedNode(str(iri))
    graph = Graph().parse(data=f'<{iri}> <http://x/p> "1" .\n', format="nt")
    assert str(next(iter(graph))[0]) == str(iri)
    assert "/./" not in str(iri) and "/../" not in str(iri) and not str(iri).endswith(("/.", "/.."))


def test_real_paths_are_os_realpath_with_each_folder_resolved_once(tmp_path, monkeypatch):
    """RealPaths gives os.path.realpath's answer for plain files, linked files, linked folders,
    '..' and relative paths, resolving each folder once."""
    import os

    from actorgraph.documents import RealPaths

    (tmp_path / "real").mkdir()
    for name in ("a.md", "b.md", "target.md"):
        (tmp_path / "real" / name).write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "link.md").symlink_to(tmp_path / "real" / "target.md")
    monkeypatch.chdir(tmp_path)
    paths = [
        tmp_path / "real" / "a.md",
        tmp_path / "linked" / "b.md",
        tmp_path / "real" / "link.md",
        tmp_path / "linked" / ".." / "real" / "a.md",
        "linked/a.md",
        "a-file-that-is-not-there.md",
        tmp_path / "linked",
    ]
    real = RealPaths()
    assert [real(path) for path in paths] == [os.path.realpath(path) for path in paths]
    calls = []
    monkeypatch.setattr(os.path, "realpath", lambda path: calls.append(path) or str(path))
    real(tmp_path / "real" / "a.md"), real(tmp_path / "real" / "b.md")
    assert calls == [], "the folder was resolved before"
    looked: list[str] = []  # a build asks for each file's real path more than once
    monkeypatch.setattr(os.path, "islink", lambda path: looked.append(path) or False)
    real(tmp_path / "real" / "a.md"), real(tmp_path / "real" / "c.md"), real(tmp_path / "real" / "c.md")
    assert looked == [str(tmp_path / "real" / "c.md")], "each file is looked at once"
    monkeypatch.undo()
    real.clear()  # a new build: a file that became a link is seen
    (tmp_path / "real" / "c.md").symlink_to(tmp_path / "real" / "target.md")
    assert real(tmp_path / "real" / "c.md") == str(tmp_path / "real" / "target.md")


def test_discovering_the_working_folder_spells_files_as_paths_do(tmp_path, monkeypatch):
    """A build given "." lists "a.md", as `Path("./a.md")` is written, not "./a.md"."""
    from pathlib import Path

    (tmp_path / "sub").mkdir()
    for name in ("a.md", "sub/b.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    documents.forget_paths()
    expected = [str(p) for p in sorted(Path(".").rglob("*")) if p.is_file()]
    assert documents.discover(["."]) == expected == ["a.md", "sub/b.md"]
    assert [documents.real_path(found) for found in expected] == [os.path.realpath(found) for found in expected]


_NAMES = st.one_of(
    st.sampled_from(["a", "a.md", "..md", ".md", "b.MD", "c.txt", "d.", "e.html"]),
    st.text(alphabet="ab.MDmdtx", min_size=1, max_size=6).filter(lambda name: name not in (".", "..")),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.lists(_NAMES, max_size=2), _NAMES, st.sampled_from(["file", "dir", "link", "dirlink"]))))
@example([(["a"], "x.md", "file"), ([], "a.md", "file")])  # a/x.md before a.md, as paths sort (not as strings)
@example([([], "..md", "file"), ([], "b.md", "link")])  # a suffix as pathlib reads it; a dangling link
@example([(["a"], "x.md", "file"), ([], "b", "dirlink")])  # a linked folder
@example([([], "a.md", "link")])  # a link to itself
def test_discovering_a_folder_finds_what_rglob_finds(tmp_path_factory, entries):
    """discover() reads folders' entries instead of asking each file's status: it must find what
    `rglob("*")` and `is_file()` do, in the same order, linked files and folders included."""
    root = tmp_path_factory.mktemp("corpus")
    for folders, name, kind in entries:
        parent = root.joinpath(*folders)
        try:
            parent.mkdir(parents=True, exist_ok=True)
            target = parent / name
            if target.exists() or target.is_symlink():
                continue
            if kind == "file":
                target.write_text("x", encoding="utf-8")
            elif kind == "dir":
                target.mkdir()
            elif kind == "link":
                target.symlink_to(root / "a.md")  # to a file, or dangling
            else:
                target.symlink_to(root / folders[0] if folders else root)  # a linked folder is not entered
        except OSError:
            continue  # a name already taken by a file, or a folder under a link to itself
    expected = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in documents.SUFFIXES)
    documents.forget_paths()
    before = time.time_ns()
    statuses: list[FileStatus | None] = []
    assert documents.discover([root], statuses) == [str(path) for path in expected]  # as Paths spell them
    # each file's status from the folder's listing: the file's own, recorded no later than it was taken
    assert len(statuses) == len(expected)
    for path, status in zip(expected, statuses, strict=True):
        now = FileStatus.of(path)
        assert status is not None and now is not None and status.same_file(now)
        assert before <= status.recorded <= now.recorded
    # what the listing said of links, the real paths say: a linked file is its target's
    assert [documents.real_path(path) for path in expected] == [os.path.realpath(path) for path in expected]


def _source_file_by_pathlib(source: str, roots: list) -> str:
    """What source_file answered with Path.relative_to, before it compared strings."""
    from pathlib import Path

    resolved = Path(documents.real_path(source))
    for root in roots:
        try:
            return resolved.relative_to(root).as_posix()
        except ValueError:
            continue
    return Path(source).name


_PARTS = st.lists(st.sampled_from(["a", "b", "ab", "a.md", "c d", "é"]), max_size=3)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PARTS, min_size=1, max_size=3), _PARTS, st.sampled_from(["x.md", "ab.md"]))
@example([["a"]], ["ab"], "x.md")  # a sibling folder that begins like the root: not under it
@example([[]], ["a"], "x.md")  # the root is the whole temporary folder
def test_a_source_file_is_what_relative_to_gives(tmp_path, roots, folders, name):
    """source_file compares strings, not Paths: it must give Path.relative_to's answer for files
    under a root, beside it, under a folder that begins like it, and under none."""
    documents.forget_paths()
    source = tmp_path.joinpath(*folders, name)
    resolved_roots = [tmp_path.joinpath(*root).resolve() for root in roots]
    assert documents.source_file(str(source), resolved_roots) == _source_file_by_pathlib(str(source), resolved_roots)


def test_discovering_skips_the_folders_asked_however_they_are_spelled(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    for name in ("a.md", "store/texts/0a.txt", "store/b.md", "graph/report.txt", "storey/c.md"):
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text("text", encoding="utf-8")
    (tmp_path / "link").symlink_to(corpus / "graph")
    everything = documents.discover([corpus])
    assert len(everything) == 5
    skipped = documents.discover([corpus], skip=[corpus / "store", tmp_path / "link"])
    assert skipped == [str(corpus / "a.md"), str(corpus / "storey" / "c.md")]
    monkeypatch.chdir(corpus)
    assert documents.discover(["."], skip=["store", "graph"]) == ["a.md", "storey/c.md"]


def test_discovering_goes_into_no_store_or_outputs_a_build_wrote(tmp_path):
    corpus = tmp_path / "corpus"
    files = {
        "a.md": "text",
        "old/store/.lock": "",
        "old/store/texts/0a.txt": "a text a build kept",
        "old/graph/validation-report.txt": "Conforms.",
        "old/graph/validation-report.ttl": "",
        "downloads/x.md": "text",  # with a seal of its own: files from the web
        "locked/.lock": "",  # a lock but no published generation: no store
        "locked/d.md": "text",
    }
    for name, text in files.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "old" / "store" / "current").symlink_to("gen-000001")
    sums = "".join(f"{'0' * 64}  {name}\n" for name in ("validation-report.ttl", "validation-report.txt"))
    (corpus / "old" / "graph" / "SHA256SUMS").write_text(sums, encoding="utf-8")
    (corpus / "downloads" / "SHA256SUMS").write_text(f"{'0' * 64}  x.md\n", encoding="utf-8")
    found = documents.discover([corpus])
    assert found == [str(corpus / name) for name in ("a.md", "downloads/x.md", "locked/d.md")]
