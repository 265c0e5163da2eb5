"""The evidence behind one fact, for reading: its sentence with the actors' mentions marked.

`queries/evidence.rq` gives the document, quote (the evidence sentence), offsets, attribution,
rule and confidence; the mentions of the fact's actors inside that sentence are looked up
with the fact bound as a term, and marked [like this] in the printed quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from actorgraph.errors import QueryError
from actorgraph.queries import load_query, run
from actorgraph.store import open_read_only

# Mentions, in the fact's own graph, of any actor the fact names in a role.
_MENTIONS = """
PREFIX ag: <https://w3id.org/actorgraph/ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT DISTINCT ?fact ?start ?end WHERE {
  GRAPH ?g {
    ?fact ?role ?actor .
    ?mention a ag:Mention ; ag:refersTo ?actor ; oa:start ?start ; oa:end ?end .
  }
}
"""


@dataclass(frozen=True)
class Evidence:
    fact: str
    document: str
    quote: str | None
    start: int | None
    end: int | None
    attribution: str | None
    attributed_to: str | None
    rule: str
    confidence: float
    marks: tuple[tuple[int, int], ...]  # document offsets of the actors' mentions inside the quote

    def marked_quote(self, left: str = "[", right: str = "]") -> str:
        """The quote with each mention of the fact's actors between `left` and `right`."""
        if self.quote is None or self.start is None:
            return ""
        text, cursor, pieces = self.quote, 0, []
        for start, end in self.marks:
            a, b = start - self.start, end - self.start
            if a < cursor:  # overlapping mentions: keep the first
                continue
            pieces += [text[cursor:a], left, text[a:b], right]
            cursor = b
        pieces.append(text[cursor:])
        return "".join(pieces)

    def lines(self) -> Iterator[str]:
        yield f"fact        {self.fact}"
        yield f"document    {self.document}" + (f"  [{self.start}:{self.end}]" if self.start is not None else "")
        yield f"rule        {self.rule}  (confidence {self.confidence:g})"
        if self.attribution or self.attributed_to:
            source = f" ({self.attributed_to})" if self.attributed_to else ""
            yield f"attribution {self.attribution or ''}{source}".rstrip()
        yield f"evidence    {self.marked_quote() or '(no evidence span)'}"


def evidence(fact: str, store: str | Path | ox.Store | None = None) -> list[Evidence]:
    """One Evidence per evidence span (and source) of `fact`; QueryError when the store has no such fact."""
    database = store if isinstance(store, ox.Store) else open_read_only(Path(store or ".actorgraph/store"))
    rows = run(load_query("evidence"), {"fact": fact}, database).records()
    if not rows:
        raise QueryError(f"no fact {fact} in the store (fact IRIs are in the `fact` column of the fact queries)")
    found = database.query(_MENTIONS, substitutions={ox.Variable("fact"): ox.NamedNode(fact)})
    assert isinstance(found, ox.QuerySolutions)
    mentions = sorted((int(s["start"].value), int(s["end"].value)) for s in found)
    result = []
    for row in rows:
        start, end = row["start"], row["end"]
        marks = tuple((a, b) for a, b in mentions if start is not None and end is not None and start <= a and b <= end)
        result.append(
            Evidence(
                fact,
                row["document"],
                row["quote"],
                start,
                end,
                row["attribution"],
                row["attributed_to"],
                row["rule"],
                row["confidence"],
                marks,
            )
        )
    return result
