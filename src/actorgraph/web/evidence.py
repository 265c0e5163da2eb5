"""The evidence of facts as pages show it: spans of documents' texts, with the actor mentions
inside them, read for the spans a page shows and the latest kept for the generation."""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from actorgraph.web.reads import select_values
from actorgraph.web.records import Mention, Span
from actorgraph.web.source import Recent, Snapshot

# What a page shows of a fact's evidence: its spans with the actor mentions in them, the spans alone
# (where a page links to them), or nothing (where it counts facts).
Evidence = Literal["marked", "spans", "none"]
# Spans a snapshot keeps of each kind (marked, alone): about 0.8 kB each with their mentions, so a
# server browsed for long keeps some 80 MB of them however large the store (a million spans at 100,000).
SPANS_KEPT = 100_000


def spans(snapshot: Snapshot, iris: list[str], evidence: Evidence = "marked") -> dict[str, Span]:
    """These evidence spans, read as pages ask for them and the latest SPANS_KEPT of each kind kept
    for the snapshot: reading every span of a store of 10,000 documents took 14 s before a first page
    could show. Marked spans hold the mentions in them; spans alone may (when a page had read them
    marked) or may not. Spans alone are kept apart, and found first."""
    marked: Recent[str, Span] = snapshot.remember("_spans", lambda: Recent(SPANS_KEPT))
    kept = [marked] if evidence == "marked" else [snapshot.remember("_bare_spans", lambda: Recent(SPANS_KEPT)), marked]
    found: dict[str, Span] = {}
    for cache in kept:
        found.update(cache.pick(iri for iri in iris if iri not in found))
    wanted = sorted(set(iris) - found.keys())
    if wanted:
        read = read_spans(snapshot, "span", wanted, None if evidence == "marked" else defaultdict(list))
        kept[0].update(read)
        found.update(read)
    return {iri: found[iri] for iri in iris if iri in found}


def read_spans(
    snapshot: Snapshot, name: str, iris: list[str], marks: dict[str, list[Mention]] | None = None
) -> dict[str, Span]:
    """The evidence spans these IRIs pick (of spans, or of documents when `name` is "document"),
    with the mentions in them: those of their documents, read here unless `marks` gives them."""
    rows = select_values(
        snapshot,
        name,
        iris,
        lambda block: (
            f"""SELECT ?span ?document ?start ?end ?quote WHERE {{ {block} GRAPH ?document {{
          ?span a ag:EvidenceSpan ; oa:start ?start ; oa:end ?end ; oa:exact ?quote }} }}"""
        ),
    )
    by_document = mentions(snapshot, sorted({row["document"] for row in rows})) if marks is None else marks
    index: dict[str, Span] = {}
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        inside = sorted(
            (m for m in by_document[row["document"]] if start <= m.start and m.end <= end), key=lambda m: m.start
        )
        index[row["span"]] = Span(row["document"], start, end, row["quote"], tuple(inside))
    return index


def mentions(snapshot: Snapshot, documents: list[str]) -> dict[str, list[Mention]]:
    """The actor mentions of these documents, by document."""
    rows = select_values(
        snapshot,
        "document",
        documents,
        lambda block: (
            f"""SELECT ?document ?start ?end ?actor WHERE {{ {block} GRAPH ?document {{
          ?m a ag:Mention ; oa:start ?start ; oa:end ?end ; ag:refersTo ?actor }} }}"""
        ),
    )
    found: dict[str, list[Mention]] = defaultdict(list)
    for row in rows:
        found[row["document"]].append(Mention(int(row["start"]), int(row["end"]), row["actor"]))
    return found
