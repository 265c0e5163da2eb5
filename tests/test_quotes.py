"""quotes.py: every span whose quote is not the document's text at its offsets is reported once."""

from __future__ import annotations

from actorgraph.ids import Minter
from actorgraph.quotes import QUOTE_CHECK, misquoted_spans
from actorgraph.records import Claim, Document, Extraction, Mention, Span, ValidationResult


def test_every_mention_and_evidence_quote_is_compared_with_the_text():
    text = "Kokoev Tedeev won."
    document = Document(id="doc", text=text, source="doc.md")
    good, bad_mention, bad_evidence = Span(0, 6, "Kokoev"), Span(7, 13, "Tedeyv"), Span(14, 18, "lost")
    extraction = Extraction(
        document,
        (Mention(good, "Person", "k", "Kokoev"), Mention(bad_mention, "Person", "t", "Tedeev")),
        (
            Claim(kind="turnout", roles=(), evidence=(good, bad_evidence), rule="r", confidence=0.5),
            Claim(kind="turnout", roles=(), evidence=(bad_evidence,), rule="r2", confidence=0.5),
        ),
    )
    minter = Minter("https://example.org/")
    found = misquoted_spans(extraction, minter)
    mention_node, span_node = str(minter.mention("doc", 7, 13)), str(minter.span("doc", 14, 18))
    assert [r.focus for r in found] == sorted([mention_node, span_node]), "one result per node, sorted"
    by_focus = {r.focus: r for r in found}
    assert by_focus[span_node] == ValidationResult(
        severity="Violation",
        message="The quote 'lost' of span 14-18 is not the document's text there, 'won.'.",
        focus=span_node,
        focus_label=f"<{span_node}>",
        value="lost",
        document="doc",
        shape=QUOTE_CHECK,
    )
    assert (
        by_focus[mention_node].message == "The quote 'Tedeyv' of span 7-13 is not the document's text there, 'Tedeev'."
    )
    assert QUOTE_CHECK == "https://w3id.org/actorgraph/shapes#QuoteMatchesText"


def _extraction(text: str, quote: str) -> Extraction:
    document = Document(id="doc", text=text, source="doc.md")
    span = Span(7, 14, quote)
    claim = Claim(kind="turnout", roles=(), evidence=(span,), rule="test", confidence=0.5)
    return Extraction(document, (Mention(span=Span(0, 6, text[0:6]), type="Person", key="k", name="Kokoev"),), (claim,))


def test_misquoted_span_is_reported_with_the_text_it_should_be():
    minter = Minter("https://example.org/")
    [result] = misquoted_spans(_extraction("Kokoev Tedeev won.", "Tedeyev"), minter)
    assert result.focus == str(minter.span("doc", 7, 14))
    assert result.severity == "Violation" and result.shape == QUOTE_CHECK and result.document == "doc"
    assert "'Tedeyev'" in result.message and "'Tedeev '" in result.message


def test_quotes_equal_to_the_text_pass():
    assert misquoted_spans(_extraction("Kokoev Tedeev won.", "Tedeev "), Minter("https://example.org/")) == ()
