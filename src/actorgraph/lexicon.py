"""Word lists the rules read: ontology/lexicon/*.json, loaded once and merged.

Each file holds top-level keys (names.json: given_names, surname_endings...); a key
may be defined by one file only, and keys starting with "_" are comments.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from actorgraph import settings
from actorgraph.errors import OntologyError


def lexicon_dir() -> Path:
    return settings.ontology_dir() / "lexicon"


@cache
def lexicon() -> dict[str, Any]:
    return load_lexicon(lexicon_dir())


def load_lexicon(directory: Path) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    origin: dict[str, Path] = {}
    files = sorted(directory.glob("*.json"))
    if not files:
        raise OntologyError(directory, "holds no lexicon files (*.json)")
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise OntologyError(path, f"is not valid JSON: {error}") from error
        if not isinstance(data, dict):
            raise OntologyError(path, "must hold a JSON object")
        for key, value in data.items():
            if key.startswith("_"):
                continue
            if key in merged:
                raise OntologyError(path, f"defines {key!r}, already defined in {origin[key].name}")
            merged[key] = value
            origin[key] = path
    return merged
