"""export --format popolo: valid against the Popolo JSON Schemas (vendored in tests/data/popolo)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from actorgraph.cli import main
from actorgraph.pipeline import BuildOptions, build_corpus
from actorgraph.popolo import popolo

from .conftest import DATA, ROOT, scratch

SCHEMAS = DATA / "popolo"
COLLECTIONS = {"persons": "person", "organizations": "organization", "memberships": "membership", "posts": "post"}


@cache
def store() -> Path:

    root = scratch("actorgraph-popolo-")
    build_corpus(BuildOptions(paths=(ROOT / "corpus",), store=root / "store", out=None, quiet=True))
    return root / "store"


def validators() -> dict[str, object]:
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    from referencing.jsonschema import DRAFT3

    schemas = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMAS.glob("*.json")}
    registry = referencing.Registry().with_resources(
        (schema["id"], DRAFT3.create_resource(schema)) for schema in schemas.values()
    )
    checker = jsonschema.Draft3Validator.FORMAT_CHECKER
    return {
        name: jsonschema.Draft3Validator(schemas[schema], registry=registry, format_checker=checker)
        for name, schema in COLLECTIONS.items()
    }


def test_the_popolo_schemas_are_vendored_with_their_licence():
    assert {p.stem for p in SCHEMAS.glob("*.json")} >= set(COLLECTIONS.values())
    assert "Creative Commons Attribution 4.0" in (SCHEMAS / "README.md").read_text(encoding="utf-8")


def test_export_validates_against_the_popolo_schemas(tmp_path):
    path = tmp_path / "popolo.json"
    assert main(["export", "--format", "popolo", "--store", str(store()), "-o", str(path)]) == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    checked = 0
    for name, validator in validators().items():
        assert document[name], f"no {name}"
        for record in document[name]:
            errors = sorted(str(e.message) for e in validator.iter_errors(record))  # type: ignore[attr-defined]
            assert not errors, f"{name} {record.get('id')}: {errors}"
            checked += 1
    assert checked == sum(len(document[name]) for name in COLLECTIONS)


def test_the_validation_catches_a_bad_record():
    bad = {"id": "x", "name": "X", "other_names": [{"note": "no name"}], "sources": [{"note": "no url"}]}
    errors = list(validators()["persons"].iter_errors(bad))  # type: ignore[attr-defined]
    assert len(errors) == 2, "the vendored schemas and their references are really applied"


def test_popolo_content_and_references():
    document = popolo(store())
    persons = {p["id"]: p for p in document["persons"]}
    organizations = {o["id"]: o for o in document["organizations"]}
    posts = {p["id"]: p for p in document["posts"]}
    bibilov = persons["https://w3id.org/actorgraph/data/actor/anatoly-bibilov"]
    assert bibilov["name"] == "Anatoly Bibilov" and {"name": "Anatoli Bibilov"} in bibilov["other_names"]
    assert len(bibilov["sources"]) == 2, "the two documents that mention him (2011, 2022)"
    assert organizations["https://w3id.org/actorgraph/data/actor/unity-party"]["classification"] == "party"
    for membership in document["memberships"]:
        assert membership["id"].startswith("https://w3id.org/actorgraph/data/fact/")
        assert membership.get("person_id") in persons or membership["member"]["id"] in organizations
        assert membership["organization_id"] in organizations
        assert membership.get("post_id") is None or membership["post_id"] in posts
        assert membership["sources"] and all(s["note"] for s in membership["sources"])
    [gugava] = [m for m in document["memberships"] if m.get("person_id", "").endswith("/georgi-gugava")]
    assert gugava["role"] == "political secretary"
    assert gugava["organization_id"].endswith("/labour-party-of-georgia")
    assert any(m.get("start_date") == "2008-11" for m in document["memberships"])
    assert all(p.get("organization_id") in organizations for p in posts.values())


def test_popolo_export_is_deterministic(capsysbinary):
    assert main(["export", "--format", "popolo", "--store", str(store())]) == 0
    first = capsysbinary.readouterr().out
    assert main(["export", "--format", "popolo", "--store", str(store())]) == 0
    assert capsysbinary.readouterr().out == first
