"""Where actorgraph finds its model files and how it stamps builds.

The model files (ontology/, queries/) live at the top of the repository so users
can read and edit them; a wheel carries copies under actorgraph/data/.
ACTORGRAPH_HOME points at another checkout's top directory.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_BASE_IRI = "https://w3id.org/actorgraph/data/"
NAMESPACE = "https://w3id.org/actorgraph/ns#"

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


def build_time() -> datetime | None:
    """The build time from SOURCE_DATE_EPOCH, or None: graph content never reads the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    return datetime.fromtimestamp(int(epoch), tz=UTC)
