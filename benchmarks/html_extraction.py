"""Article text from HTML: quality and speed of the candidate libraries against the stdlib parser.

    python benchmarks/html_extraction.py [--seconds 2] [--out benchmarks/results]

Runs every candidate that is installed in the running Python on the hand-written news pages of
`tests/data/html/` (publishers' markup, no real article text) and scores each against
`tests/data/html/expected.json`:

- sentences: the expected body paragraphs, split into sentences by `actorgraph.sentences`, found
  as whole sentences of the extracted text (whitespace folded), and in order;
- furniture: page furniture strings (captions, credits, bylines, navigation, related links,
  share bars, newsletters, comments, cookie banners, footers) that leaked into the text;
- title and date: equal to what front matter would give;
- deterministic: two runs give the same text;
- speed: pages per second over the pages as written, and over "heavy" copies that carry the
  weight of a real page (200 kB of inline script and state, a 300-link menu).

The candidates are not all dependencies of actorgraph: install them into a scratch virtualenv
with actorgraph (`pip install -e .`, then one `pip install NAME` each; pip 23 fails to resolve
readability-lxml's and newspaper4k's `lxml[html-clean]` together with the others in one command).
`--install` also installs each candidate alone into a fresh virtualenv and reports whether that
succeeds and imports, how long it takes and how much it adds to site-packages.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import RESULTS, ROOT, machine, report

from actorgraph import sentences
from actorgraph.documents import normalize_date

PAGES = ROOT / "tests" / "data" / "html"
Result = tuple[str, str | None, str | None]  # text, title, date (YYYY-MM-DD)
_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "tr", "main", "ul"}


# --- candidates -------------------------------------------------------------------------------


def stdlib_before(html: str) -> Result:
    """The parser actorgraph used before: html.parser, <article>/<main>/<body> minus fixed tags."""
    from actorgraph.htmltext import stdlib_article

    page = stdlib_article(html)
    return page.text, page.title, normalize_date(page.published)


def actorgraph_now(html: str) -> Result:
    from actorgraph.htmltext import article

    page = article(html)
    return page.text, page.title, normalize_date(page.published)


def trafilatura_default(html: str) -> Result:
    return _trafilatura(html)


def trafilatura_fast(html: str) -> Result:
    return _trafilatura(html, fast=True)


def trafilatura_precision(html: str) -> Result:
    return _trafilatura(html, favor_precision=True)


def _trafilatura(html: str, **options: Any) -> Result:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
        **options,
    )
    if doc is None:
        return "", None, None
    return "\n\n".join(_tei_blocks(doc.body)), doc.title, doc.date


def _tei_blocks(body: Any) -> list[str]:
    """trafilatura's XML body (p, head, list/item, quote, lb) as paragraphs; lb is a line break."""
    blocks: list[str] = []
    for element in body:
        if element.tag == "list":
            blocks.extend(_flat(item) for item in element.iter("item"))
        elif element.tag == "quote" and len(element):
            blocks.extend(_tei_blocks(element))
        else:
            blocks.append(_flat(element))
    return [b for b in blocks if b]


def _flat(element: Any) -> str:
    parts: list[str] = []
    for node in element.iter():
        if node is not element and node.tag == "lb":
            parts.append("\n")
        if node.text and node.tag != "lb":
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip())


_SELECTOLAX_DROP = ",".join(
    [
        "script", "style", "noscript", "template", "svg", "iframe", "nav", "header", "footer", "aside", "form",
        "button", "figure", "figcaption", "time", "address", "details",
        "[class*=caption]", "[class*=byline]", "[class*=related]", "[class*=share]", "[class*=cookie]",
        "[id*=cookie]", "[class*=consent]", "[class*=newsletter]", "[class*=comment]", "[id*=comments]",
        "[class*=tags]", "[class*=breadcrumb]", "[class*=widget]", "[class*=meta]", "[class*=photo]",
        "[class*=inject]", "[class*=submeta]", "[data-component*=byline]", "[data-component*=links]",
        "[data-component*=topic]", "[data-component*=newsletter]", "[role=dialog]",
    ]
)  # fmt: skip


def selectolax_rules(html: str) -> Result:
    """selectolax (lexbor) plus boilerplate rules of our own: what we would have to keep up."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    meta = {
        (node.attributes.get("property") or node.attributes.get("name") or "").lower(): node.attributes.get("content")
        for node in tree.css("meta")
    }
    ld_date = None
    for node in tree.css('script[type="application/ld+json"]'):
        match = re.search(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})', node.text() or "")
        ld_date = ld_date or (match.group(1) if match else None)
    tree.strip_tags(_SELECTOLAX_DROP.split(","))
    for node in tree.css(_SELECTOLAX_DROP):
        node.decompose()
    region = tree.css_first("article") or tree.css_first("main") or tree.body
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                parts.append(re.sub(r"\s+", " ", child.text_content or ""))
            elif child.tag == "br":
                parts.append("\n")
            else:
                block = child.tag in _BLOCK
                parts.append("\n\n" if block else "")
                walk(child)
                parts.append("\n\n" if block else "")

    if region is not None:
        walk(region)
    text = _paragraphs("".join(parts))
    date = (meta.get("article:published_time") or meta.get("date") or ld_date or "")[:10] or None
    return text, meta.get("og:title"), date


def readability_lxml(html: str) -> Result:
    from readability import Document

    doc = Document(html)
    return _html_blocks(doc.summary(html_partial=True)), doc.short_title(), None


def justext_paragraphs(html: str) -> Result:
    import justext

    language = "Russian" if 'lang="ru"' in html else "English"  # jusText needs the language up front
    kept = [
        p.text for p in justext.justext(html.encode("utf-8"), justext.get_stoplist(language)) if not p.is_boilerplate
    ]
    return "\n\n".join(kept), None, None


def newspaper4k(html: str) -> Result:
    from newspaper import Article

    page = Article("https://example.org/article", fetch_images=False)
    page.download(input_html=html)
    page.parse()
    date = page.publish_date.date().isoformat() if page.publish_date else None
    return page.text, page.title or None, date


def _html_blocks(fragment: str) -> str:
    import lxml.html

    parts: list[str] = []

    def walk(element: Any) -> None:
        if not isinstance(element.tag, str):
            return
        block = element.tag in _BLOCK
        parts.append("\n\n" if block else "")
        if element.tag == "br":
            parts.append("\n")
        parts.append(re.sub(r"\s+", " ", element.text or ""))
        for child in element:
            walk(child)
            parts.append(re.sub(r"\s+", " ", child.tail or ""))
        parts.append("\n\n" if block else "")

    walk(lxml.html.fromstring(fragment))
    return _paragraphs("".join(parts))


def _paragraphs(text: str) -> str:
    blocks = [
        "\n".join(" ".join(line.split()) for line in b.split("\n") if line.strip()) for b in re.split(r"\n\s*\n", text)
    ]
    return "\n\n".join(b for b in blocks if b)


CANDIDATES: dict[str, tuple[str | None, Callable[[str], Result]]] = {
    "stdlib html.parser (before)": (None, stdlib_before),
    "actorgraph now (trafilatura, stdlib fallback)": ("trafilatura", actorgraph_now),
    "trafilatura 2 (default)": ("trafilatura", trafilatura_default),
    "trafilatura 2 (fast=True)": ("trafilatura", trafilatura_fast),
    "trafilatura 2 (favor_precision)": ("trafilatura", trafilatura_precision),
    "selectolax + own rules": ("selectolax", selectolax_rules),
    "readability-lxml": ("readability", readability_lxml),
    "jusText": ("justext", justext_paragraphs),
    "newspaper4k": ("newspaper", newspaper4k),
}


# --- scoring ----------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(text.split())


def score(pages: dict[str, str], expected: dict[str, Any], extract: Callable[[str], Result]) -> dict[str, Any]:
    found = total = in_order = leaked = furniture = titles = dates = 0
    stable = True
    notes: list[str] = []
    for name, html in pages.items():
        want = expected[name]
        text, title, date = extract(html)
        stable = stable and extract(html) == (text, title, date)
        got = [_fold(s.text) for s in sentences.split(text)]
        position, ordered = 0, True
        for paragraph in want["paragraphs"]:
            for sentence in sentences.split(paragraph):
                total += 1
                target = _fold(sentence.text)
                if target in got:
                    found += 1
                    index = got.index(target)
                    ordered = ordered and index >= position
                    position = index
                else:
                    notes.append(f"{name}: missing or cut: {target[:60]!r}")
        in_order += ordered
        for item in want["absent"]:
            furniture += 1
            if item in text:
                leaked += 1
                notes.append(f"{name}: leaked {item!r}")
        titles += title == want["title"]
        dates += date == want["published"]
    return {
        "sentences": f"{found}/{total}",
        "ordered": f"{in_order}/{len(pages)}",
        "leaked": f"{leaked}/{furniture}",
        "titles": f"{titles}/{len(pages)}",
        "dates": f"{dates}/{len(pages)}",
        "deterministic": "yes" if stable else "no",
        "notes": notes,
    }


def heavy(html: str) -> str:
    """The page with the weight of a real one: inline state and scripts, a long menu."""
    state = json.dumps(
        {"items": [{"id": n, "headline": f"Story number {n}", "teaser": "x" * 120} for n in range(1200)]}
    )
    menu = (
        "<ul class='mega-menu'>" + "".join(f"<li><a href='/s/{n}'>Section {n}</a></li>" for n in range(300)) + "</ul>"
    )
    return html.replace("<body", f"<script>window.__STATE__={state}</script><body", 1).replace(
        "</body>", f"<div class='menu-overlay'>{menu}</div></body>", 1
    )


def rate(pages: list[str], extract: Callable[[str], Result], seconds: float) -> float:
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for html in pages:
            extract(html)
        count += len(pages)
    return count / (time.perf_counter() - started)


INSTALLS = {
    "trafilatura": ("trafilatura", "trafilatura"),
    "trafilatura + lxml-html-clean (as actorgraph installs it)": ("trafilatura lxml-html-clean", "trafilatura"),
    "selectolax": ("selectolax", "selectolax"),
    "readability-lxml": ("readability-lxml", "readability"),
    "jusText": ("justext", "justext"),
    "newspaper4k": ("newspaper4k", "newspaper"),
}


def install_sizes() -> list[str]:
    """Each candidate alone in a fresh virtualenv: does it install and import, in what time, at what size."""
    import subprocess
    import tempfile
    import venv

    lines = [
        "| package | installs | imports | seconds | adds to site-packages | distributions |",
        "|---|---|---|---:|---:|---:|",
    ]
    for label, (requirement, module) in INSTALLS.items():
        with tempfile.TemporaryDirectory() as scratch:
            venv.create(scratch, with_pip=True)
            python = str(Path(scratch) / "bin" / "python")
            site = next(Path(scratch).glob("lib/python3*/site-packages"))
            before = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
            started = time.monotonic()
            pip = subprocess.run([python, "-m", "pip", "install", "-q", *requirement.split()], capture_output=True)
            seconds = time.monotonic() - started
            imports = subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0
            after = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
            frozen = subprocess.run([python, "-m", "pip", "freeze"], capture_output=True, text=True).stdout.split()
            lines.append(
                f"| {label} | {'yes' if pip.returncode == 0 else 'no'} | {'yes' if imports else 'no'} | {seconds:.0f} | "
                f"{(after - before) / 2**20:.0f} MiB | {len(frozen)} |"
            )
    return lines


READING = """## Reading

- "actorgraph now" is what `actorgraph.htmltext.article` does: trafilatura (balanced, tables on,
  comments off, links kept only to measure link density), after pruning navigation, figures and
  elements classed as captions, credits, bylines, related links, share bars, tags, cookie notices
  and newsletters, with loose `<div>` text wrapped into paragraphs (trafilatura 2.3 drops the first
  run of such text), paragraphs mostly made of links dropped, a fixed date window, and the stdlib
  reader as fallback when trafilatura finds no article.
- Why trafilatura: only it and newspaper4k read title and date from meta tags and JSON-LD, and
  out of the box the two keep every body sentence and leak about as much. trafilatura gives its
  body as structure (p, head, list items, line breaks, links), which maps onto the sentence
  splitter and lets link lists be told from paragraphs; newspaper4k gives flat text. trafilatura
  is about twice as fast on plain pages (alike on heavy ones) and pulls in fewer distributions
  (no Pillow, feedparser or requests).
  readability-lxml keeps captions and reads no dates; jusText needs the page's language up front
  and drops short paragraphs; selectolax is the fastest parser, but the boilerplate rules would be
  ours to keep up, and a first set of them still leaks more furniture than trafilatura with a few.
- The cost: trafilatura is several times slower than the old parser (still well under the
  per-document build time of `build-throughput.md`), and installs babel, dateparser and regex
  through htmldate. With pip 23 trafilatura imports only with lxml-html-clean installed besides
  (jusText's `lxml[html_clean]` extra is skipped), which actorgraph's dependencies name.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per speed measurement")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--install", action="store_true", help="also measure each candidate's install alone")
    args = parser.parse_args()
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
    pages = {name: (PAGES / name).read_text(encoding="utf-8") for name in expected if not name.startswith("_")}
    weighty = [heavy(html) for html in pages.values()]
    size = sum(map(len, pages.values())) // len(pages) // 1000
    heavy_size = sum(map(len, weighty)) // len(weighty) // 1000
    lines = [
        "# Article text from HTML",
        "",
        machine(),
        f"Pages: the {len(pages)} hand-written news pages of `tests/data/html/` ({size} kB each on average; heavy copies "
        f"{heavy_size} kB), scored against `expected.json`. Command: `python benchmarks/html_extraction.py`.",
        "",
        "| extractor | sentences kept whole | in order | furniture leaked | titles | dates | deterministic | pages/s | heavy pages/s |",
        "|---|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    notes: list[str] = []
    for label, (module, extract) in CANDIDATES.items():
        if module is not None and importlib.util.find_spec(module) is None:
            lines.append(f"| {label} | not installed | | | | | | | |")
            continue
        result = score(pages, expected, extract)
        speed = rate(list(pages.values()), extract, args.seconds)
        heavy_speed = rate(weighty, extract, args.seconds)
        lines.append(
            f"| {label} | {result['sentences']} | {result['ordered']} | {result['leaked']} | {result['titles']} | "
            f"{result['dates']} | {result['deterministic']} | {speed:.0f} | {heavy_speed:.0f} |"
        )
        notes.extend(f"- {label}: {note}" for note in result["notes"])
    if args.install:
        lines += ["", "Installed alone into a fresh virtualenv (pip 23.2, Python 3.11):", "", *install_sizes()]
    lines += ["", READING, "What each one got wrong:", "", *notes, ""]
    report(args.out, "html-extraction.md", lines)


if __name__ == "__main__":
    main()
