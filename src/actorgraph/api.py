"""The public Python API, re-exported by `actorgraph/__init__.py`: build, open, query, networks.

Paths may be given as `str` or `Path` everywhere. Heavy modules are imported when first used,
so `import actorgraph` stays quick.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actorgraph.errors import InputError

if TYPE_CHECKING:
    from actorgraph.analysis import Networks
    from actorgraph.evidence import Evidence
    from actorgraph.pipeline import BuildSummary
    from actorgraph.results import QueryResult

log = logging.getLogger(__name__)
FRONT_MATTER_KEYS = ("id", "title", "publisher", "published", "url", "language")


@dataclass(frozen=True)
class KnowledgeGraph:
    """A built store: run queries on it, get its networks, explain its facts, export it."""

    store: Path
    summary: BuildSummary | None = None  # set when this handle came from a build

    def query(
        self, query: str | Path, params: Mapping[str, str] | None = None, union: bool | None = None
    ) -> QueryResult:
        """A named query (`"candidacies"`) or a `.rq` file; see actorgraph.queries.run."""
        from actorgraph.queries import run

        return run(query, dict(params or {}), self.store, union=union)

    def networks(self, election: str | None = None, until: str | None = None) -> Networks:
        from actorgraph.analysis import networks

        return networks(self.store, election=election, until=until)

    def evidence(self, fact: str) -> list[Evidence]:
        from actorgraph.evidence import evidence

        return evidence(fact, self.store)

    def export(self, fmt: str = "trig") -> bytes:
        """The dataset as trig, nq, ttl, nt or jsonld."""
        from actorgraph.export import render
        from actorgraph.store import published_nquads, read_manifest

        manifest = read_manifest(self.store)
        return render(published_nquads(self.store), fmt, manifest.base if manifest else None)


def open_store(store: str | Path = ".actorgraph/store") -> KnowledgeGraph:
    """A store built before (`actorgraph build`); InputError when there is none."""
    from actorgraph.store import open_read_only

    open_read_only(Path(store))  # fails now, naming the directory, rather than at the first query
    return KnowledgeGraph(Path(store))


def build_paths(
    paths: str | Path | Iterable[str | Path] = "corpus",
    store: str | Path | None = None,
    out: str | Path | None = None,
    **options: Any,
) -> KnowledgeGraph:
    """Build documents (files or directories) into a store: by default a new temporary directory,
    so a notebook never overwrites the project's `.actorgraph/store`. `out` also writes the
    browsable files; other options are those of pipeline.BuildOptions (base, strict, curation,
    extractor)."""
    from actorgraph.pipeline import BuildOptions, build_corpus

    items = [paths] if isinstance(paths, str | Path) else list(paths)
    target = Path(store) if store is not None else Path(tempfile.mkdtemp(prefix="actorgraph-")) / "store"
    summary = build_corpus(
        BuildOptions(
            paths=tuple(Path(p) for p in items),
            store=target,
            out=None if out is None else Path(out),
            quiet=True,
            **options,
        )
    )
    for issue in summary.issues:
        log.warning("%s", issue.line())
    log.info("%s", summary.line())
    return KnowledgeGraph(target, summary)


def build_texts(
    texts: Iterable[str | Mapping[str, str]],
    store: str | Path | None = None,
    **options: Any,
) -> KnowledgeGraph:
    """Build texts into a store. Each item is a text, or a mapping with `text` and any of the
    front-matter keys (id, title, publisher, published, url, language). A text's document id is
    its `id`, else `text-1`, `text-2`... in order."""
    import yaml

    # the texts are written for the build only: the store keeps each document's text itself
    with tempfile.TemporaryDirectory(prefix="actorgraph-texts-") as scratch:
        folder = Path(scratch)
        for number, item in enumerate(texts, start=1):
            if isinstance(item, str):
                text, meta = item, {}
            else:
                if "text" not in item:
                    raise InputError(Path(f"text-{number}"), "a mapping needs a 'text' key")
                unknown = sorted(set(item) - {"text", *FRONT_MATTER_KEYS})
                if unknown:
                    raise InputError(Path(f"text-{number}"), f"unknown keys {', '.join(unknown)}")
                text, meta = item["text"], {k: str(item[k]) for k in FRONT_MATTER_KEYS if k in item}
            meta.setdefault("id", f"text-{number}")
            front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
            (folder / f"text-{number:06d}.md").write_text(f"---\n{front}---\n{text}\n", encoding="utf-8")
        return build_paths(folder, store=store, **options)
