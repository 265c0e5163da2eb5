"""What a build keeps from the published generation for documents it could not read or extract.

Such a document keeps its named graph, and the actors that graph refers to keep their
descriptions in the actors graph (else its facts would vanish from queries that join on
actor names). Files are matched by real path, however the corpus path was typed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actorgraph.records import Document, Issue
from actorgraph.store import Manifest, graphs_nquads

_IRI = re.compile(r"<([^<>\s]*)>")


@dataclass
class Kept:
    entries: list[dict[str, Any]] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)  # graph IRI -> its published N-Quads lines
    actor_triples: list[str] = field(default_factory=list)  # N-Triples from the old actors graph

    def referenced(self) -> set[str]:
        return {iri for entry in self.entries for line in self.lines[entry["graph"]] for iri in _IRI.findall(line)}


def file_identity(source: str) -> str:
    """The file a source names, however the path was typed (relative, absolute, via links); JSON Lines keep ':N'."""
    path, colon, line = source.rpartition(":")
    if colon and line.isdigit() and not Path(source).exists():
        return f"{os.path.realpath(path)}:{line}"
    return os.path.realpath(source)


def kept_graphs(
    store: Path, previous: Manifest | None, issues: list[Issue], documents: list[Document], actors_graph: str
) -> Kept:
    """The previous graphs of documents that failed this time, and the old descriptions of the actors they name."""
    if previous is None or not issues:
        return Kept()
    failed = {file_identity(issue.source) for issue in issues}
    present = {d.id for d in documents}
    entries = [
        entry
        for entry in previous.graphs.values()
        if entry.get("document") is not None
        and (entry.get("file") or file_identity(entry.get("source") or "")) in failed
        and entry.get("document") not in present
    ]
    if not entries:
        return Kept()
    lines = graphs_nquads(store, {entry["graph"] for entry in entries} | {actors_graph})
    kept = Kept(entries, lines)
    referenced = kept.referenced()
    kept.actor_triples = [
        line[: line.rstrip(" .").rfind(" <")] + " ."
        for line in lines[actors_graph]
        if (subject := _IRI.match(line)) is not None and subject.group(1) in referenced
    ]
    return kept
