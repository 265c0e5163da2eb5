"""Spans whose quote is not the document's text at their offsets: a check run while extracting,
while the text is at hand (the shapes, without the text, can only compare lengths). What it finds
is kept with each document's extraction, so this module is part of the extraction's key
(`extracting.fingerprint`); the validation of graphs (validate.py) is not."""

from __future__ import annotations

from actorgraph.ids import Minter
from actorgraph.records import Extraction, ValidationResult

# The name of the build-time check that compares quotes with the text (not in shapes.ttl).
QUOTE_CHECK = "https://w3id.org/actorgraph/shapes#QuoteMatchesText"


def misquoted_spans(extraction: Extraction, minter: Minter) -> tuple[ValidationResult, ...]:
    """Spans whose quote is not the document's text at their offsets (the shapes, without the
    text, can only compare lengths). Run at build time, while the text is still at hand."""
    document = extraction.document
    spans = [(minter.mention(document.id, m.span.start, m.span.end), m.span) for m in extraction.mentions]
    spans += [
        (minter.span(document.id, span.start, span.end), span) for claim in extraction.claims for span in claim.evidence
    ]
    found: dict[str, ValidationResult] = {}
    for node, span in spans:
        actual = document.text[span.start : span.end]
        if actual != span.quote:
            found[str(node)] = ValidationResult(
                severity="Violation",
                message=f"The quote {span.quote!r} of span {span.start}-{span.end} is not the document's text "
                f"there, {actual!r}.",
                focus=str(node),
                focus_label=f"<{node}>",
                value=span.quote,
                document=document.id,
                shape=QUOTE_CHECK,
            )
    return tuple(found[key] for key in sorted(found))
