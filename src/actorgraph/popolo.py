"""Popolo JSON (https://www.popoloproject.com/): persons, organizations, memberships and posts.

The lingua franca of political data (EveryPolitician, OpenSanctions' positions). Read from the
store with queries/popolo/*.rq:
- persons: every resolved ag:Person, aliases as other_names, the documents that mention
  them as sources;
- organizations: parties, government bodies, media, other organisations, and states (which
  hold posts such as "President"), with a classification;
- memberships: ag:Membership facts, and office holdings as memberships that hold a post; the
  id is the fact's IRI, the source is the document with the evidence sentence as its note;
- posts: every ag:Post, in the body it belongs to, else its jurisdiction.
Ids are the graph's IRIs, so a Popolo record leads back to the RDF and its evidence.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from actorgraph import settings
from actorgraph.queries import parse_query_file, run
from actorgraph.store import open_read_only

CLASSIFICATION = {
    "PoliticalParty": "party",
    "GovernmentBody": "government body",
    "MediaOutlet": "media",
    "Organization": "organization",
    "State": "state",
}
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}){0,2}$")  # Popolo's date pattern: YYYY, YYYY-MM, YYYY-MM-DD


def _rows(name: str, database: ox.Store) -> list[dict[str, str | None]]:
    query = parse_query_file(settings.queries_dir() / "popolo" / f"{name}.rq")
    return run(query, {}, database).text_records()


def _link(document: str | None, url: str | None, note: str | None) -> dict[str, str]:
    link = {"url": url or str(document)}
    if note:
        link["note"] = note
    return link


def popolo(store: str | Path | ox.Store | None = None) -> dict[str, list[dict[str, Any]]]:
    """The store as one Popolo JSON document (a dict of four sorted lists)."""
    database = store if isinstance(store, ox.Store) else open_read_only(Path(store or ".actorgraph/store"))
    actors: dict[str, dict[str, Any]] = {}
    for row in _rows("actors", database):
        actor = str(row["actor"])
        record = actors.setdefault(actor, {"id": actor, "name": row["name"], "_type": row["type"], "_aliases": set()})
        if row["alias"] and row["alias"] != row["name"]:
            record["_aliases"].add(row["alias"])
    sources: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _rows("sources", database):
        sources[str(row["actor"])].append(_link(row["document"], row["url"], row["title"]))
    persons, organizations = [], []
    for actor, record in sorted(actors.items()):
        kind = record.pop("_type")
        aliases = sorted(record.pop("_aliases"))
        if aliases:
            record["other_names"] = [{"name": alias} for alias in aliases]
        record["sources"] = sources.get(actor, [])
        if kind == "Person":
            persons.append(record)
        else:
            record["classification"] = CLASSIFICATION[str(kind)]
            organizations.append(record)
    person_ids = {p["id"] for p in persons}
    memberships: dict[str, dict[str, Any]] = {}
    for row in _rows("memberships", database):
        fact = str(row["fact"])
        if fact in memberships:  # a second evidence sentence: one more source
            memberships[fact]["sources"].append(_link(row["document"], row["url"], row["quote"] or row["title"]))
            continue
        member = str(row["member"])
        membership: dict[str, Any] = {"id": fact}
        if member in person_ids:
            membership["person_id"] = member
        else:
            membership["member"] = {"@type": "Organization", "id": member}
        if row["organization"]:
            membership["organization_id"] = row["organization"]
        if row["role"]:
            membership["role"] = row["role"]
        if row["post"]:
            membership["post_id"] = row["post"]
        for key in ("start", "end"):
            value = row[key]
            if value and _DATE.match(value):
                membership[f"{key}_date"] = value
        membership["sources"] = [_link(row["document"], row["url"], row["quote"] or row["title"])]
        memberships[fact] = membership
    posts: dict[str, dict[str, Any]] = {}
    for row in _rows("posts", database):
        post: dict[str, Any] = {"id": row["post"], "label": row["label"], "role": row["label"]}
        if row["organization"]:
            post["organization_id"] = row["organization"]
        posts.setdefault(str(row["post"]), post)  # rows come sorted: the first of duplicates is kept
    return {
        "persons": persons,
        "organizations": organizations,
        "memberships": [memberships[k] for k in sorted(memberships)],
        "posts": [posts[k] for k in sorted(posts)],
    }


def popolo_json(store: str | Path | ox.Store | None = None) -> bytes:
    """Popolo JSON bytes: sorted keys and lists, so the same store gives the same file."""
    return (json.dumps(popolo(store), indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
