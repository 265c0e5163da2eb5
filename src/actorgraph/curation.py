"""An analyst's corrections, applied at build: `curation.yaml` next to the corpus.

    merge:                      # names of one actor that resolution keeps apart
      - [Franc Klincebish, Frants Klintsevich]
    split:                      # names resolution merges that are different actors
      - [Alan Gagloev, Alan Gagloyev]
    reject:                     # extracted facts to keep out of the graph, by IRI
      - https://w3id.org/actorgraph/data/fact/<document>/<kind>-<hash>
    add:                        # facts no document states in a way the rules read
      - kind: endorsement
        endorser: Dzambulat Tedeev
        endorsed: Alla Dzhioyeva
        election: {jurisdiction: South Ossetia, office: President, year: 2011}
        mode: support
        note: Confirmed by the candidate's office.

Curated facts live in their own named graph, derived from the curation file (an
ag:Curation) rather than from a document; rejections are recorded there too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from actorgraph.build import FACT_CLASSES, GraphBuilder, bind_prefixes
from actorgraph.errors import InputError
from actorgraph.normalize import match_key
from actorgraph.records import Election, RoleValue
from actorgraph.resolve import Overrides, Resolution
from actorgraph.vocab import AG

CURATION_FILE = "curation.yaml"  # found beside the corpus when no --curation is given
ACTOR_ROLES = {"person", "organization", "jurisdiction", "endorser", "endorsed", "state", "recognized", "nominated_by"}
REQUIRED = {
    "office": {"person", "office", "status"},
    "membership": {"person", "organization"},
    "candidacy": {"person", "election", "round"},
    "endorsement": {"endorser", "endorsed", "mode"},
    "recognition": {"state", "recognized", "stance"},
    "turnout": {"election", "round", "value"},
}


@dataclass(frozen=True)
class CuratedFact:
    kind: str
    roles: tuple[tuple[str, Any], ...]
    note: str | None
    entry: str  # "add[2]", for messages


@dataclass(frozen=True)
class Curation:
    path: Path
    overrides: Overrides
    rejects: tuple[str, ...]
    additions: tuple[CuratedFact, ...]


def find_curation(given: Path | None, corpus: Iterable[Path]) -> Curation | None:
    """The curation file `given`, else the `curation.yaml` beside the corpus (in its first folder
    that has one), else none."""
    if given is not None:
        return load_curation(given)
    for path in corpus:
        candidate = (path if path.is_dir() else path.parent) / CURATION_FILE
        if candidate.is_file():
            return load_curation(candidate)
    return None


def load_curation(path: Path) -> Curation:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(path, f"cannot read curation file: {' '.join(str(error).split())}") from error
    if not isinstance(data, dict):
        raise InputError(path, "a curation file is a mapping with merge, split, reject and add")
    unknown = sorted(set(data) - {"merge", "split", "reject", "add"})
    if unknown:
        raise InputError(path, f"unknown section(s): {', '.join(unknown)} (known: merge, split, reject, add)")
    pairs = {}
    for section in ("merge", "split"):
        entries = data.get(section) or []
        for index, pair in enumerate(entries):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(n, str) for n in pair)):
                raise InputError(path, f"{section}[{index}]: expected a pair of names, got {pair!r}")
        pairs[section] = tuple((a, b) for a, b in entries)
    rejects = data.get("reject") or []
    if not all(isinstance(r, str) and r.startswith(("http://", "https://")) for r in rejects):
        raise InputError(path, "reject: expected a list of fact IRIs")
    additions = []
    for index, entry in enumerate(data.get("add") or []):
        where = f"add[{index}]"
        if not isinstance(entry, dict) or entry.get("kind") not in REQUIRED:
            raise InputError(path, f"{where}: needs a kind among {', '.join(sorted(REQUIRED))}")
        missing = sorted(REQUIRED[entry["kind"]] - set(entry))
        if missing:
            raise InputError(path, f"{where}: a {entry['kind']} needs {', '.join(missing)}")
        roles = tuple(sorted((k, v) for k, v in entry.items() if k not in ("kind", "note")))
        additions.append(CuratedFact(entry["kind"], roles, entry.get("note"), where))
    return Curation(path, Overrides(merges=pairs["merge"], splits=pairs["split"]), tuple(rejects), tuple(additions))


def curation_graph(curation: Curation, builder: GraphBuilder, resolution: Resolution) -> Graph:
    """The curation file's own named graph: the curation, its rejections and its added facts."""
    minter = builder.minter
    graph = bind_prefixes(Graph(identifier=minter.curation_graph()))
    node = minter.curation(curation.path.name)
    graph.add((node, RDF.type, AG.Curation))
    graph.add((node, RDFS.label, Literal(curation.path.name)))
    for fact in curation.rejects:
        graph.add((node, AG.rejects, URIRef(fact)))
    names = _name_index(resolution)
    for addition in curation.additions:
        roles = _resolved_roles(curation.path, addition, names)
        digest = hashlib.sha256(
            repr((addition.kind, sorted(roles.items(), key=lambda r: r[0]))).encode("utf-8")
        ).hexdigest()[:12]
        fact = URIRef(f"{minter.curation_graph()}/fact/{addition.kind}-{digest}")
        graph.add((fact, RDF.type, FACT_CLASSES[addition.kind]))
        graph.add((fact, AG.curated, Literal(True)))
        graph.add((fact, PROV.wasDerivedFrom, node))
        graph.add((fact, AG.extractedBy, node))
        graph.add((fact, AG.rule, Literal("curation")))
        graph.add((fact, AG.confidence, Literal("1.0", datatype=XSD.decimal)))
        if addition.note:
            graph.add((fact, RDFS.comment, Literal(addition.note)))
        builder.add_roles(graph, fact, addition.kind, roles, minter.actor)
    return graph


def _name_index(resolution: Resolution) -> dict[str, str]:
    index: dict[str, str] = {}
    for actor in sorted(resolution.actors.values(), key=lambda a: a.id):
        for name in (actor.name, *actor.aliases):
            index.setdefault(match_key(name), actor.id)
    return index


def _resolved_roles(path: Path, addition: CuratedFact, names: dict[str, str]) -> dict[str, RoleValue | Election]:
    def actor(name: Any, role: str) -> str:
        found = names.get(match_key(str(name)))
        if found is None:
            raise InputError(path, f"{addition.entry}: {role} {name!r} is no actor of the corpus")
        return found

    roles: dict[str, RoleValue | Election] = {}
    for role, value in addition.roles:
        if role in ACTOR_ROLES:
            roles[role] = actor(value, role)
        elif role == "election":
            if not isinstance(value, dict) or not {"jurisdiction", "office", "year"} <= set(value):
                raise InputError(path, f"{addition.entry}: election needs jurisdiction, office and year")
            roles[role] = Election(
                actor(value["jurisdiction"], "election jurisdiction"), str(value["office"]), int(value["year"])
            )
        else:
            roles[role] = value
    return roles
