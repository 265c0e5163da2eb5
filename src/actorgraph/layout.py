"""The names a build gives what it writes, and how a folder is known for one a build wrote.

A corpus folder may hold stores and output folders: the build's own (`.actorgraph/store` and
`graph/` under `actorgraph build .`) and other builds'. Their files have documents' suffixes (a
store's `texts/<hash>.txt`, the outputs' `validation-report.txt` and `resolution-log.txt`) and
are no documents, so listing a corpus goes into none of them (`documents.discover`). A folder is
taken for one a build wrote only by names no user's folder of articles has together:

- a store: the build lock file and the link to the published generation (`store.py`);
- outputs: the seal, and the validation report's two files among those it lists (`outputs.py`;
  every build writes them). A seal alone is no sign: `SHA256SUMS` comes with downloads of any
  files. A build killed while writing its outputs leaves them without a seal (`write_outputs`
  removes it first and writes it last); such a folder is known by the files themselves, every
  dataset file and both reports. Its text files (the report's and the resolution log) are written
  after all of those, so a killed build's folder that lacks one of them holds no text to be read.
"""

from __future__ import annotations

import os

LOCK = ".lock"  # a store's build lock: held while a build writes
CURRENT = "current"  # a store's link to its published generation
SEAL = "SHA256SUMS"  # written last in an output folder: the files it lists are one build's set
# the reports in an output folder: the validation report as text and as Turtle, and the resolution log
VALIDATION_REPORT = "validation-report.txt"
VALIDATION_GRAPH = "validation-report.ttl"
RESOLUTION_LOG = "resolution-log.txt"
_SEALED_REPORTS = frozenset((VALIDATION_REPORT, VALIDATION_GRAPH))
# the dataset as browsable files, by name and rdflib format: written first, in this order
DATASET_FILES = {"dataset.trig": "trig", "dataset.ttl": "ttl", "dataset.jsonld": "jsonld"}
_UNSEALED = (VALIDATION_REPORT, VALIDATION_GRAPH, *DATASET_FILES)  # the report's text first: one look, most folders


def written_by_a_build(folder: str) -> bool:
    """Whether `folder` is a store or an output folder of a build (see the module's docstring)."""
    return is_store(folder) or is_outputs(folder)


def is_store(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, LOCK)) and os.path.islink(os.path.join(folder, CURRENT))


def is_outputs(folder: str) -> bool:
    return _sealed_outputs(folder) or all(os.path.isfile(os.path.join(folder, name)) for name in _UNSEALED)


def _sealed_outputs(folder: str) -> bool:
    try:
        with open(os.path.join(folder, SEAL), encoding="utf-8") as seal:
            # each line "<SHA-256>  <name>" (outputs.write_outputs)
            listed = {line.rstrip("\n")[66:] for line in seal if line[64:66] == "  "}
    except (OSError, ValueError):  # none, or not text
        return False
    return listed >= _SEALED_REPORTS
