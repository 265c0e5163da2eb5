"""A build's read stage (reading.py): documents read or known, texts kept, extractions found."""

from __future__ import annotations

from actorgraph import documents
from actorgraph.extracting import Extracted, ExtractionCache, extract_corpus
from actorgraph.records import Document
from actorgraph.resolve import summarize

from .conftest import ROOT


def test_what_a_build_keeps_of_an_extracted_document_is_what_the_index_would_know():
    (document,) = [d for d in documents.read([sorted((ROOT / "corpus").glob("*.md"))[0]]) if isinstance(d, Document)]
    (extracted,) = extract_corpus([document], "rules", "https://example.org/", None, ExtractionCache(None))
    assert isinstance(extracted, Extracted)
    from actorgraph.reading import known

    kept = known(extracted)
    lean = extracted.extraction.document  # its text let go, its hash kept
    assert (kept.document.id, kept.document.source, kept.document.digest) == (document.id, document.source, lean.digest)
    assert kept.document.digest
    assert kept.document.text == "" and kept.key == extracted.key and kept.misquoted == extracted.misquoted
    assert kept.summary == tuple(summarize(extracted.extraction)) and kept.summary
