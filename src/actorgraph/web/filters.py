"""How pages write values: links to pages, sentences with their mentions linked, JSON inside a
script element, page numbers asked for in a URL."""

from __future__ import annotations

import json
from collections.abc import Callable

from markupsafe import Markup, escape

from actorgraph.web import records


def highlight(span: records.Span, href: Callable[[str], str], marked: list[str] | None = None) -> Markup:
    """The span's sentence, escaped, with each actor mention wrapped in a link (marked ones emphasised)."""
    parts: list[str] = []
    position = span.start
    for mention in span.mentions:
        if mention.start < position:
            continue
        parts.append(str(escape(span.quote[position - span.start : mention.start - span.start])))
        text = escape(span.quote[mention.start - span.start : mention.end - span.start])
        cls = "mention key" if marked and mention.actor in marked else "mention"
        parts.append(f'<a class="{cls}" href="{escape(href(mention.actor))}">{text}</a>')
        position = mention.end
    parts.append(str(escape(span.quote[position - span.start :])))
    return Markup("".join(parts))


def page_of(iri: str, base: str) -> str:
    """The explorer's page for a thing of the graph, or its IRI when it has none."""
    if iri.startswith(base):
        path = iri[len(base) :]
        if path.startswith(("actor/", "election/", "document/")):
            return "/" + path
    return iri if iri.startswith(("https://", "http://")) else "#"  # never javascript: or data: links


def page_at(asked: str, total: int, size: int) -> tuple[int, int, int]:
    """The page a URL asks for of `total` items `size` a page: its number (from 1), how many pages
    there are (at least one) and its first item's index. Past the end asks for the last page;
    anything that is not a page number, for the first."""
    pages = max(1, -(-total // size))
    number = int(asked) if asked.isascii() and asked.isdigit() and 0 < len(asked) < 10 and int(asked) > 0 else 1
    number = min(number, pages)
    return number, pages, (number - 1) * size


def json_script(value: object) -> Markup:
    """JSON safe inside a <script type="application/json"> element: no '<', '>' or '&' left raw."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
