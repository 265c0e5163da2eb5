"""The shared base of the rule families (extract/base.py): evidence, lists on short sentences of our own (invented names, varied wording)."""

from __future__ import annotations

from .extraction_helpers import extract, facts, has


def test_every_claim_has_evidence_at_its_offsets_and_a_rule():
    text = "Zaur Kochiev won the presidential election in Abkhazia with 55 percent. Syria recognised Abkhazia in 2018."
    found = extract(text, published="2019-08-26")
    assert found.claims
    for claim in found.claims:
        assert claim.rule and 0 < claim.confidence <= 1
        for span in claim.evidence:
            assert text[span.start : span.end] == span.quote


def test_a_list_stops_at_a_clause():
    text = "Zaur Kochiev, who was backed by Moscow, had served as deputy under Aslan Bzhania."
    found = facts(extract(text), "endorsement")
    assert has(found, endorser="Russia", endorsed="Zaur Kochiev")
    assert not has(found, endorser="Aslan Bzhania")
