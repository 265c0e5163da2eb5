"""The scores `actorgraph evaluate` reports: precision, recall and F1 per fact kind and entity type,
vote-share accuracy, split and merged identities, and misses and false positives by rule family."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

FACT_KINDS = ("office", "membership", "candidacy", "endorsement", "recognition", "turnout")
ENTITY_TYPES = ("Person", "PoliticalParty", "Organization", "MediaOutlet", "State", "Place")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    entities: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    facts: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    vote_shares: Counter[str] = field(default_factory=Counter)  # "correct", "total"
    split: dict[str, list[str]] = field(default_factory=dict)  # gold key -> identities
    merged: dict[str, list[str]] = field(default_factory=dict)  # identity -> gold keys
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    entity_types: dict[str, str] = field(default_factory=dict)
    issues: list[str] = field(default_factory=list)  # documents the extractor failed on

    @property
    def fact_micro(self) -> Score:
        total = Score()
        for score in self.facts.values():
            total.tp, total.fp, total.fn = total.tp + score.tp, total.fp + score.fp, total.fn + score.fn
        return total

    @property
    def split_persons(self) -> list[str]:
        return sorted(k for k in self.split if self.entity_types.get(k) == "Person")

    @property
    def merged_persons(self) -> list[str]:
        return sorted(i for i, keys in self.merged.items() if any(self.entity_types.get(k) == "Person" for k in keys))

    def as_dict(self) -> dict[str, Any]:
        return {
            "facts": {kind: self.facts[kind].as_dict() for kind in FACT_KINDS},
            "fact_micro": self.fact_micro.as_dict(),
            "entities": {kind: self.entities[kind].as_dict() for kind in ENTITY_TYPES},
            "vote_share_accuracy": round(self.vote_shares["correct"] / self.vote_shares["total"], 4)
            if self.vote_shares["total"]
            else None,
            "vote_shares": dict(self.vote_shares),
            "resolution": {
                "split": self.split,
                "merged": self.merged,
                "split_persons": self.split_persons,
                "merged_persons": self.merged_persons,
            },
            "misses": self.misses,
            "false_positives": self.false_positives,
            "misses_by_family": _by_family(self.misses),
            "false_positives_by_family": _by_family(self.false_positives),
            "issues": self.issues,
        }

    def text(self) -> str:
        lines = ["facts          precision  recall     f1   tp  fp  fn"]
        for kind in FACT_KINDS:
            lines.append(_row(kind, self.facts[kind]))
        lines.append(_row("micro", self.fact_micro))
        lines.append("")
        lines.append("entities       precision  recall     f1   tp  fp  fn")
        for kind in ENTITY_TYPES:
            lines.append(_row(kind, self.entities[kind]))
        shares = self.vote_shares
        accuracy = f"{shares['correct']}/{shares['total']}" if shares["total"] else "n/a"
        lines += ["", f"vote shares within 0.01: {accuracy}"]
        lines.append(
            f"gold actors split over several identities: {len(self.split)} ({', '.join(sorted(self.split)) or 'none'})"
        )
        lines.append(
            f"identities merging several gold actors: {len(self.merged)} ({', '.join(sorted(self.merged)) or 'none'})"
        )
        if self.issues:
            lines += [
                "",
                f"documents the extractor failed on ({len(self.issues)}):",
                *(f"  ! {i}" for i in self.issues),
            ]
        for title, entries, mark in (("misses", self.misses, "-"), ("false positives", self.false_positives, "+")):
            lines += ["", f"{title} ({len(entries)}), by rule family:"]
            for family, found in _by_family(entries).items():
                lines.append(f"  {family} ({len(found)}):")
                lines += [f"    {mark} {entry}" for entry in found]
        return "\n".join(lines) + "\n"


def _by_family(entries: Sequence[str]) -> dict[str, list[str]]:
    """Report lines grouped by the rule family that made (or should have made) them: the family of
    the rule named in brackets, else the fact kind (or 'entity') after the document id."""
    groups: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        rule = re.search(r"\[([\w-]+)(?:\.[\w-]+)*\]$", entry)
        kind = entry.split(": ", 1)[1].split(" ", 1)[0] if ": " in entry else "other"
        groups[rule.group(1) if rule else kind].append(entry)
    return dict(sorted(groups.items()))


def _row(name: str, score: Score) -> str:
    return f"{name:<14} {score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f} {score.tp:4d} {score.fp:3d} {score.fn:3d}"
