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
            data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_unique_keys)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise OntologyError(path, f"is not valid JSON: {error}") from error
        except _DuplicateKey as error:
            raise OntologyError(path, f"defines {error.key!r} twice") from error
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


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different (json keeps the last of a repeated key silently)."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKey(key)
        data[key] = value
    return data
