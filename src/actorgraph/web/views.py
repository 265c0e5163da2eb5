"""What the recognition pages show, and the dates filter the pages share (no HTTP, no SPARQL here)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from actorgraph.web.records import Fact, Stance

STANCES = ("recognizes", "withdrew", "does-not-recognize")


def within(date: str, since: str = "", until: str = "") -> bool:
    """Whether a date, perhaps partial ('2011', '2011-11'), can fall between two days (either may be '').

    A partial date is compared at its own precision: '2011-11' is within a range from 2011-11-15.
    An undated item passes only an open range. The page's script applies the same rule."""
    if not since and not until:
        return True
    if not date:
        return False
    return (not since or date >= since[: len(date)]) and (not until or date <= until[: len(date)])


@dataclass(frozen=True)
class Entry:
    """One reported stance of one state on a polity, dated by the fact or else by its document."""

    date: str
    stated: bool  # the date is the stance's own, not the report's
    state: str
    state_iri: str | None
    stance: str
    fact: Fact | Stance  # the whole fact where a page read it (`with_facts`)


@dataclass(frozen=True)
class Timeline:
    polity: str
    polity_iri: str | None
    entries: tuple[Entry, ...]

    def latest(self) -> list[Entry]:
        """Each state's most recently reported stance, states in name order."""
        last: dict[str, Entry] = {}
        for entry in self.entries:  # in date order: later reports replace earlier ones
            last[entry.state] = entry
        return [last[state] for state in sorted(last)]

    def tally(self) -> dict[str, int]:
        counts = dict.fromkeys(STANCES, 0)
        for entry in self.latest():
            counts[entry.stance] = counts.get(entry.stance, 0) + 1
        return counts


@dataclass(frozen=True)
class Tally:
    """A polity's line of the recognitions overview: what its timeline counts, without its entries."""

    polity: str
    polity_iri: str | None
    stances: dict[str, int]  # each state's latest stance, counted by stance (`Timeline.tally`)
    reports: int  # the stances reported


def tallies(timelines: dict[str, Timeline]) -> list[Tally]:
    """The overview's lines, in the timelines' order (by polity name)."""
    return [Tally(t.polity, t.polity_iri, t.tally(), len(t.entries)) for t in timelines.values()]


def recognition_timelines(facts: Sequence[Fact | Stance], dates: dict[str, str]) -> dict[str, Timeline]:
    """Per recognised polity (by IRI, or label when it has none), its stances in date order."""
    grouped: dict[str, list[Entry]] = defaultdict(list)
    names: dict[str, tuple[str, str | None]] = {}
    for fact in facts:
        polity, state, stance, date = (fact.role(n) for n in ("recognizedPolity", "recognizingState", "stance", "date"))
        if polity is None or state is None:
            continue
        key = polity.iri or polity.label
        names[key] = (polity.label, polity.iri)
        when, stated = (date.label, True) if date is not None else (dates.get(fact.document, ""), False)
        grouped[key].append(Entry(when, stated, state.label, state.iri, stance.label if stance else "", fact))
    return {
        key: Timeline(
            names[key][0],
            names[key][1],
            tuple(sorted(entries, key=lambda e: (e.date, not e.stated, e.state, e.fact.iri))),
        )
        for key, entries in sorted(grouped.items(), key=lambda item: names[item[0]][0])
    }


def with_facts(entries: tuple[Entry, ...] | list[Entry], facts: list[Fact]) -> list[Entry]:
    """The entries with their whole facts (title, evidence) where these hold them: a timeline is made
    of stances read without (`data.every_stance`), and a page reads the whole facts of those it shows."""
    whole = {fact.iri: fact for fact in facts}
    return [replace(entry, fact=whole.get(entry.fact.iri, entry.fact)) for entry in entries]
