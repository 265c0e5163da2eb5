"""The article in an HTML page: its text, title and publication date.

trafilatura finds the article (and reads title, site name, date and URL from meta tags and
JSON-LD); benchmarks/results/html-extraction.md measures it against the other libraries.
Before it runs, a few elements that are never article text are pruned (navigation, figures
and anything classed as a caption, credit, byline, related links, share bar, tags, cookie
notice or newsletter box), and afterwards a paragraph mostly made of links ("Read also: ...")
is dropped. Its paragraphs are joined with blank lines, a <br> is a line break, so the
sentence splitter sees the page's own boundaries. A page in which trafilatura finds no
article at all (broken markup, text of no article's shape) is read by the standard library
parser below: the text of <article>, else <main>, else <body>, without navigation, scripts,
headers, footers and figures.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import Any


@dataclass(frozen=True)
class Page:
    """What a news page gives a Document: the article's text and the front matter it implies."""

    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # as the page writes it; documents.normalize_date reads it
    url: str | None = None

    def metadata(self) -> dict[str, Any]:
        fields = {"title": self.title, "publisher": self.publisher, "published": self.published, "url": self.url}
        return {key: value for key, value in fields.items() if value}


# Elements that are never the article's text, whatever a page's layout: pruned before extraction.
_FURNITURE_CLASSES = ("caption", "credit", "byline", "related", "share", "tags", "cookie", "consent", "newsletter")
_PRUNE = (
    "//nav | //figure | //figcaption | //*[@role='dialog']"
    " | //*[" + " or ".join(f"contains(@class, '{name}')" for name in _FURNITURE_CLASSES) + "]"
    " | //*[contains(@data-component, 'byline')]"
)
# Dates only from the page's metadata (no guessing from its text or URL), in a fixed window so
# that the result does not depend on today's date (htmldate's default window ends today).
_DATES = {"extensive_search": False, "original_date": True, "min_date": "1900-01-01", "max_date": "2199-12-31"}
_LINKED_SHARE = 0.5  # a paragraph with at least this share of its words in links is a pointer elsewhere
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def article(html: str) -> Page:
    """The page's article text and metadata; the stdlib reader when trafilatura finds no article."""
    import lxml.etree
    import lxml.html
    import trafilatura

    _quiet_libraries()
    html = _NOT_XML.sub("", html)  # control characters: lxml refuses them in a tree, a browser shows nothing
    try:  # an XHTML page's XML declaration names an encoding, which lxml refuses in text already decoded
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (lxml.etree.ParserError, ValueError):  # nothing but whitespace or comments
        return stdlib_article(html)
    for element in _pruner()(tree):
        if element.getparent() is not None:  # the root itself cannot go (and is never furniture)
            element.drop_tree()
    _wrap_loose_text(tree)
    found = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,  # old sites lay a page out in a table; a results table reads as one cell per paragraph
        include_links=True,  # to tell link lists from paragraphs; the links themselves are not kept
        date_extraction_params=_DATES,
        config=_config(),
    )
    if not isinstance(found, trafilatura.settings.Document) or found.body is None or not (text := _text(found.body)):
        return stdlib_article(html)
    title = _without_site_name(found.title, found.sitename)
    return Page(
        text=text,
        title=title or None,
        publisher=found.sitename or None,
        published=found.date or None,
        url=found.url if found.url and _ABSOLUTE_URL.match(found.url) else None,
    )


_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ABSOLUTE_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


# Text straight in a <div> (or cell, section...) with <br> between its paragraphs, as older sites
# write articles: trafilatura 2.3 drops such a container's first run of text when <p>s come before
# it. Each run of loose text and inline elements becomes a <p> of its own, a double <br> ends one.
_LOOSE_TEXT_PARENTS = ("div", "td", "th", "section", "article", "main", "body", "center", "blockquote")
_BLOCK_TAGS = frozenset(
    {"p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article"}
    | {"main", "aside", "header", "footer", "nav", "figure", "pre", "form", "hr"}
)


def _wrap_loose_text(root: Any) -> None:
    for parent in list(root.iter(*_LOOSE_TEXT_PARENTS)):
        children = list(parent)
        if (parent.text or "").strip() or any((child.tail or "").strip() for child in children):
            _wrap_runs(parent, children)


def _wrap_runs(parent: Any, children: list[Any]) -> None:
    pieces: list[Any] = [parent.text]  # text and elements in document order
    for child in children:
        pieces += [child, child.tail]
        child.tail = None
        parent.remove(child)
    parent.text = None
    run: list[Any] = []
    for piece in pieces:
        if piece is None or piece == "":
            continue
        if not isinstance(piece, str) and piece.tag in _BLOCK_TAGS:
            _append_paragraph(parent, run)
            parent.append(piece)
            continue
        if not isinstance(piece, str) and piece.tag == "br":
            before = [p for p in run if not isinstance(p, str) or p.strip()]
            if before and not isinstance(before[-1], str) and before[-1].tag == "br":
                run.remove(before[-1])
                _append_paragraph(parent, run)  # a double <br> ends the paragraph
                continue
        run.append(piece)
    _append_paragraph(parent, run)


def _append_paragraph(parent: Any, run: list[Any]) -> None:
    """The run of text and inline elements as a <p> of the parent (none if it holds no text); empties run."""
    from lxml.html import Element

    if any(
        (not isinstance(piece, str) and piece.tag != "br") or (isinstance(piece, str) and piece.strip())
        for piece in run
    ):
        paragraph = Element("p")
        for piece in run:
            if not isinstance(piece, str):
                paragraph.append(piece)
            elif len(paragraph):
                paragraph[-1].tail = (paragraph[-1].tail or "") + piece
            else:
                paragraph.text = (paragraph.text or "") + piece
        parent.append(paragraph)
    run.clear()


@cache
def _quiet_libraries() -> None:
    """trafilatura and its helpers log a warning for every page they find nothing in ('discarding data'),
    which the CLI's logging would print for each such page; what counts, an empty document, the reader
    reports itself. Their errors still show."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.ERROR)


@cache
def _pruner() -> Any:
    import lxml.etree

    return lxml.etree.XPath(_PRUNE)


@cache
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # trafilatura's rescue of short extractions (under 250 characters) takes the whole page's
    # text, with navigation and with a line break at every inline tag; a short brief is kept as found.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _text(body: Any) -> str:
    """trafilatura's body as paragraphs separated by blank lines (see _blocks)."""
    kept = [p for p in _blocks(body) if p]
    return "\n\n".join(kept) + "\n" if kept else ""


_CONTAINERS = {"list", "table", "row", "cell", "quote", "div"}


def _blocks(element: Any) -> list[str]:
    """The paragraphs under a body, list, table (row, cell) or quote; an item, cell or quote of
    plain text is one block; a <p>, <head> or <item> is one block (two where a double <br> parts it)."""
    children = [child for child in element if child.tag != "lb"]
    if (
        element.tag in _CONTAINERS | {"body"}
        and children
        and all(c.tag in _CONTAINERS | _LEAVES for c in children)
        and not (element.text or "").strip()
        and not any((c.tail or "").strip() for c in children)
    ):
        return [p for child in children for p in _blocks(child)]
    return _paragraphs(element)


_LEAVES = {"p", "head", "item", "code", "graphic"}


def _paragraphs(block: Any) -> list[str]:
    """One block's paragraphs (a double <br> separates two), without those mostly made of links."""
    text: list[str] = []
    linked: list[str] = []  # the same characters, with those outside links blanked

    def walk(node: Any, in_link: bool) -> None:
        in_link = in_link or node.tag == "ref"
        if node.tag == "lb":
            text.append("\n")
            linked.append("\n")
        elif node.text:
            text.append(node.text)
            linked.append(node.text if in_link else " " * len(node.text))
        for child in node:
            walk(child, in_link)
            if child.tail:
                text.append(child.tail)
                linked.append(child.tail if in_link else " " * len(child.tail))

    walk(block, False)
    whole, links = "".join(text), "".join(linked)
    paragraphs: list[str] = []
    start = 0
    for stop, resume in [(m.start(), m.end()) for m in _BLANK_LINE.finditer(whole)] + [(len(whole), len(whole))]:
        words = len(whole[start:stop].split())
        if words and len(links[start:stop].split()) < _LINKED_SHARE * words:
            lines = (" ".join(line.split()) for line in whole[start:stop].split("\n"))
            paragraphs.append("\n".join(line for line in lines if line))
        start = resume
    return paragraphs


def _without_site_name(title: str | None, site: str | None) -> str | None:
    """'Headline - Site', 'Headline | Site' or 'Headline – Site' without the site's name."""
    if not title or not site:
        return title
    match = re.match(rf"^(.+?)\s+[-|–—:·]\s+{re.escape(site)}\s*$", title, re.IGNORECASE)
    return match.group(1) if match else title


# --- the standard library parser ----------------------------------------------------------------

_SKIPPED = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "template",
    "svg",
    "iframe",
    "figure",  # photographs and their captions ("Photo: Reuters") are not the article's text
    "figcaption",
    "button",
}
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "tr", "main"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track"}


class _ArticleText(HTMLParser):
    """The fallback reader: collects the text of <article> (else <main>, else <body>) minus navigation and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.open_regions: list[str] = []
        self.skip_depth = 0
        self.stack: list[str] = []
        self.title: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            attributes = {k: v or "" for k, v in attrs}
            name = attributes.get("property") or attributes.get("name") or ""
            if name and attributes.get("content"):
                self.meta.setdefault(name.lower(), attributes["content"])
            return
        if tag in _VOID:
            if tag == "br":
                self._emit("\n")
            return
        self.stack.append(tag)
        if tag in _SKIPPED:
            self.skip_depth += 1
        if tag == "title":
            self.in_title = True
        if tag in ("article", "main", "body"):
            self.open_regions.append(tag)
        if tag in _BLOCKS:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            closed = self.stack.pop()
            if closed in _SKIPPED:
                self.skip_depth -= 1
            if closed == "title":
                self.in_title = False
            if closed in ("article", "main", "body") and closed in self.open_regions:
                self.open_regions.remove(closed)
            if closed in _BLOCKS:
                self._emit("\n\n")
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skip_depth == 0:
            self._emit(re.sub(r"\s+", " ", data))

    def _emit(self, text: str) -> None:
        if self.skip_depth:
            return
        for region in set(self.open_regions):
            self.parts[region].append(text)


def stdlib_article(html: str) -> Page:
    """The text of <article>, else <main>, else <body>, without navigation, scripts, headers and footers."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    for region in ("article", "main", "body"):
        text = _tidy("".join(parser.parts[region]))
        if text.strip():  # an empty region tidies to "\n": fall back to the next
            break
    else:
        text = ""
    meta = parser.meta
    return Page(
        text=text,
        title=meta.get("og:title") or " ".join("".join(parser.title).split()) or None,
        publisher=meta.get("og:site_name"),
        published=meta.get("article:published_time") or meta.get("date") or meta.get("dc.date"),
        url=meta.get("og:url"),
    )


def _tidy(text: str) -> str:
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    kept = [p for p in paragraphs if p]
    return "\n\n".join(kept) + "\n" if kept else ""
