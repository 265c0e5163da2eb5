"""Where actorgraph finds its model files, and its default base IRI.

Nothing in a built graph reads the clock: the same input gives the same bytes, so no
build time (SOURCE_DATE_EPOCH or otherwise) is written into graph content.

The model files (ontology/, queries/) live at the top of the repository so users
can read and edit them; a wheel carries copies under actorgraph/data/.
ACTORGRAPH_HOME points at another checkout's top directory.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_BASE_IRI = "https://w3id.org/actorgraph/data/"
NAMESPACE = "https://w3id.org/actorgraph/ns#"
# What `actorgraph export` writes (here, not in export.py: the command line offers them without
# importing rdflib, which a query does not need)
EXPORT_FORMATS = ("trig", "nq", "ttl", "nt", "jsonld")  # the dataset's triples
NETWORK_FORMATS = ("graphml", "gexf")  # the actor networks `analyze` builds

_PACKAGE_DIR = Path(__file__).resolve().parent


def project_home() -> Path:
    """The directory that holds ontology/ and queries/."""
    override = os.environ.get("ACTORGRAPH_HOME")
    if override:
        return Path(override)
    checkout = _PACKAGE_DIR.parents[1]
    if (checkout / "ontology" / "actorgraph.ttl").is_file():
        return checkout
    return _PACKAGE_DIR / "data"


def ontology_dir() -> Path:
    return project_home() / "ontology"


def queries_dir() -> Path:
    return project_home() / "queries"


def output_directory(path: Path) -> Path:
    """`path` as a directory to write into, created if missing; an InputError (one line) if it cannot be."""
    from actorgraph.errors import InputError

    if path.exists() and not path.is_dir():
        raise InputError(path, "is not a directory (output goes into a directory; nothing was written)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(path, f"cannot create the output directory: {error.strerror or error}") from None
    return path
