"""The evidence of facts as pages show it: spans of documents' texts, with the actor mentions
inside them, read for the spans a page shows and kept for the generation."""

from __future__ import annotations

from collections import ChainMap, defaultdict
from typing import Literal

from actorgraph.web.reads import select_values
from actorgraph.web.records import Mention, Span
from actorgraph.web.source import Snapshot

# What a page shows of a fact's evidence: its spans with the actor mentions in them, the spans alone
# (where a page links to them), or nothing (where it counts facts).
Evidence = Literal["marked", "spans", "none"]


def spans(snapshot: Snapshot, iris: list[str], evidence: Evidence = "marked") -> dict[str, Span]:
    """These evidence spans, read as pages ask for them and kept for the snapshot: reading every
    span of a store of 10,000 documents took 14 s before a first page could show. Marked spans hold
    the mentions in them; spans alone may (when a page had read them marked) or may not."""
    marked: dict[str, Span] = snapshot.remember("_spans", dict)
    # spans alone are kept apart (a ChainMap writes to its first map) and found in either
    known = marked if evidence == "marked" else ChainMap(snapshot.remember("_bare_spans", dict), marked)
    wanted = sorted(set(iris) - known.keys())
    if wanted:
        known.update(read_spans(snapshot, "span", wanted, None if evidence == "marked" else defaultdict(list)))
    return {iri: known[iri] for iri in iris if iri in known}


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
