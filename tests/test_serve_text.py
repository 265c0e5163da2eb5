"""A document's whole text as HTML: spans and mentions nest properly, whatever their overlaps, and all is escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from actorgraph.web.text import Mark, render


class Nesting(HTMLParser):
    """Checks every element closes in order, and collects the text outside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.links_inside_links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and "a" in self.stack:
            self.links_inside_links += 1
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> Nesting:
    parser = Nesting()
    parser.feed(html)
    parser.close()
    assert not parser.stack, f"left open: {parser.stack}"
    return parser


def span(start: int, end: int) -> Mark:
    return Mark(start, end, anchor=f"span-{start}-{end}", title="Fact")


def test_plain_text_is_escaped_and_kept_whole():
    text = '<script>alert(1)</script> & "quotes"\n\nNext paragraph.'
    html = str(render(text, []))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "".join(parsed(html).text) == text


def test_spans_and_mentions_wrap_their_text():
    text = "Alla Dzhioyeva won. Bibilov lost."
    html = str(render(text, [span(0, 19), Mark(0, 14, href="/actor/alla"), Mark(20, 27, href="/actor/b")]))
    assert html == (
        '<mark class="evidence span-0-19" id="span-0-19" title="Fact"><a class="mention" href="/actor/alla">'
        'Alla Dzhioyeva</a> won.</mark> <a class="mention" href="/actor/b">Bibilov</a> lost.'
    )


def test_crossing_spans_are_split_and_keep_one_anchor_each():
    text = "one two three four"
    html = str(render(text, [span(0, 13), span(4, 18), Mark(8, 18, href="/x")]))
    nesting = parsed(html)
    assert "".join(nesting.text) == text
    assert html.count('id="span-0-13"') == 1 and html.count('id="span-4-18"') == 1
    assert 'class="evidence cont span-4-18"' in html  # the part after span-0-13 closes
    assert html.count('href="/x"') == 2  # the mention, crossing span-0-13's end, is two links


def test_mentions_never_nest_and_bad_marks_are_dropped():
    text = "South Ossetia"
    html = str(render(text, [Mark(0, 13, href="/a"), Mark(6, 13, href="/b"), Mark(5, 99, href="/c"), span(3, 3)]))
    assert parsed(html).links_inside_links == 0
    assert 'href="/b"' not in html and 'href="/c"' not in html and "<mark" not in html


def test_the_same_span_twice_is_one_element():
    html = str(render("abc", [span(0, 3), span(0, 3)]))
    assert len(re.findall("<mark", html)) == 1


def test_offsets_count_characters_not_bytes():
    text = "😀 Syria recognised Abkhazia."
    html = str(render(text, [Mark(2, 7, href="/actor/syria")]))
    assert '<a class="mention" href="/actor/syria">Syria</a>' in html


def test_hostile_attributes_are_escaped():
    html = str(render("x", [Mark(0, 1, anchor='"><script>', title="<b>")]))
    assert "<script>" not in html and "<b>" not in html
