"""A build's read stage: each file's documents, read or known unchanged from the file index, their
texts kept in the new generation, and extracted or their extraction found in the cache."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from actorgraph import documents
from actorgraph.corpus_index import CorpusIndex, Known
from actorgraph.extracting import Extracted, ExtractionCache, extract_corpus
from actorgraph.file_status import FileStatus
from actorgraph.ids import Minter
from actorgraph.records import Document, Issue
from actorgraph.resolve import summarize
from actorgraph.store import Generation
from actorgraph.texts import documents_with_texts


@dataclass(frozen=True)
class Reading:
    index: CorpusIndex
    cache: ExtractionCache
    generation: Generation  # where each document's text goes
    before: Path | None  # the published generation, whose texts unchanged documents keep
    minter: Minter

    def __call__(
        self,
        files: Sequence[str],
        statuses: Iterable[FileStatus | None],
        origins: list[tuple[str, FileStatus | None]],
        extractor: str,
        budget: float | None,
        jobs: int,
    ) -> Iterator[Extracted | Issue | Known]:
        """Each file's items, in order (`CorpusIndex.read` appends the file of each to `origins`),
        a document whose id was seen before replaced by its issue."""
        usable = partial(_usable, self.cache, documents_with_texts(self.before), self.minter)
        read = documents.unique_ids(self.index.read(files, usable, origins, statuses), _document_of)
        texts = self._keeping_texts(read)
        return extract_corpus(texts, extractor, self.minter.base, budget, self.cache, jobs)

    def _keeping_texts(self, items: Iterable[Document | Issue | Known]) -> Iterator[Document | Issue | Known]:
        """Each document's text, exactly as read (its offsets index it), into the new generation; a
        document known unchanged keeps the previous generation's."""
        for item in items:
            if isinstance(item, Document):
                self.generation.texts.write(self.minter.document_name(item.id), item.text)
            elif isinstance(item, Known):
                self.generation.texts.keep(self.before, self.minter.document_name(item.document.id))
            yield item


def known(item: Extracted) -> Known:
    """What a build keeps of a document it extracted, as of one the index knows."""
    # of the document, a build needs its id and file (its graph is built from the cached extraction);
    # its text's hash stays, so that content_hash does not tell the hash of an empty text
    document = item.extraction.document
    named = Document(document.id, "", document.source, digest=document.digest)
    return Known(named, item.key, item.misquoted, tuple(summarize(item.extraction)))


def _document_of(item: Document | Issue | Known) -> Document | None:
    return item.document if isinstance(item, Known) else item if isinstance(item, Document) else None


def _usable(cache: ExtractionCache, texts: Set[str], minter: Minter, known: Known) -> bool:
    """A document known unchanged is taken as known when its extraction is in the cache (its graph
    may have to be built again) and its text in the previous generation (`texts`: its documents)."""
    return cache.has(known.key) and minter.document_name(known.document.id) in texts
