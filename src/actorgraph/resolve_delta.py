"""Documents added to a corpus resolved against the last resolution, with the result a resolution of
every document gives; or, where that is not certain, every document resolved again, and why.

A build with an extraction cache keeps its resolution's state beside the file index (`STATE`): each
document's extraction key (its actors follow from it) and, for each shape (an actor but its document
and key: type, name, spellings, dictionary entry), its first actor, how many actors have it, its
actor, and whether that actor's cluster is *settled*. The rules read shapes: an added actor of a
known shape meets in every rule only pairs that its shape's actors met, and joins their cluster,
unless one of those pairs was refused (then the order of the merges decides; without a refusal,
the clusters are the joins' connected parts, in any order). So a build whose documents are the
state's, unchanged, and some more is resolved from the state when each added actor

- has a known shape whose cluster is settled: no refusal touched it (different patronymics, a
  curated split, a group that could refuse), its persons carry at most one set of patronymics,
  and a name the given-name pass considered was compared through some actor (that pass leaves out
  a document that names two persons of one surname);
- or is written a new way (a new shape) and joins at once a known group (`resolve.group_key`: a
  dictionary entry, a person's transliterated name, a type and folded name) whose actor is
  settled, or makes a group of its own, a new actor whose id (its name's slug) no actor has;
  carrying no patronymics other than its actor's, as a person whose name, if new, the surname
  pass merges with none and the given-name pass does not consider, and with no spelling that a
  curated merge or split names (they match any spelling of an actor);

and no actor's identity (type, name and entry, read from how many actors have each of its shapes
and which comes first) changes, nor its id: of the actors whose names give one slug, those of no
dictionary entry are numbered in the order of their first documents (after those of one, whose order
is their entries', `resolve_build._identifiers`), so an added document that comes first for an actor
of no entry, and puts it before another of no entry and the same slug, resolves every document. So
does anything else (a document removed or changed, another curation, other code or rules, the
resolution log asked for), and the build says why.
`tests/test_resolve_delta.py` holds the two equal over generated corpora.
"""

from __future__ import annotations

import logging
import pickle
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple, cast

from actorgraph.durable import write_atomically
from actorgraph.file_status import KeptByFile, written
from actorgraph.name_variants import merge_given_name_variants, merge_person_variants
from actorgraph.resolve import (
    Actor,
    LocalActor,
    Overrides,
    Resolution,
    carried_patronymics,
    group_key,
    match_key,
    resolve_summaries,
)
from actorgraph.resolve_build import Shape, Summary, Trace, aliases_of, identity, slug_of
from actorgraph.reuse import files_digest

log = logging.getLogger(__name__)

STATE = "resolution.pickle"
FORMAT = 1
# the code of the rules (the extraction's fingerprint, in the index's stamp, covers names' keys and the dictionary)
_CODE = ("resolve.py", "resolve_build.py", "resolve_delta.py", "name_variants.py")


class Kept(NamedTuple):
    """What the state keeps of a shape."""

    first: tuple[str, str]  # its first actor's document and key
    actor: str | None  # its actors' actor (None: they are in several, see `State.split`)
    size: int  # how many actors have it
    settled: bool  # an added actor of this shape joins its actor's cluster, and changes nothing else


@dataclass(frozen=True)
class State:
    stamp: str  # the code, rules, base IRI and curation it holds for
    keys: dict[str, str]  # document id -> extraction key
    shapes: dict[Shape, Kept]
    split: dict[tuple[str, str], str]  # (document, key) -> actor id, for each actor of a shape with several
    parts: dict[str, frozenset[Shape]]  # a settled actor -> its shapes, to read its identity again
    actors: dict[str, Actor]
    # the group each shape joins at once (`resolve.group_key`) -> its actor, if settled: a new way
    # of writing a known actor joins it
    groups: dict[tuple[str, str], str | None]
    carries: dict[str, frozenset[str]]  # a settled actor -> the patronymics its persons carry (one set)
    curated: frozenset[str]  # the match keys of the names the curation merges or splits
    slugs: dict[str, int]  # how many actors' names give each slug (ids of one are numbered in order of first actors)


@dataclass
class Resolved:
    resolution: Resolution
    how: str  # "incremental", or "every document: <why>"
    state: State | None  # to keep for the next build (None: the kept one is still true)

    def save(self, folder: Path) -> None:
        if self.state is not None:
            write_atomically(folder / STATE, pickle.dumps((FORMAT, self.state.stamp, self.state), protocol=5))
            _saved.keep(written(folder / STATE), self.state)


# The state this process last saved or read: a process that builds again (`build --watch`) takes it,
# not unpickling the file again. A State is not changed once made (`extend` makes another).
_saved: KeptByFile[State] = KeptByFile()


def resolve_corpus(
    summaries: Sequence[Sequence[LocalActor]],
    keys: Mapping[str, str],
    overrides: Overrides | None,
    decisions_kept: bool,
    folder: Path | None,
    index_stamp: str,
) -> Resolved:
    """The resolution of these documents (each one's summary, and its extraction key by id): from the
    state kept in `folder` when it allows, else of every document (with a state to keep, if a folder)."""
    stamp = files_digest(Path(__file__).with_name(name) for name in _CODE) + f"\0{index_stamp}\0{overrides!r}"
    state = None if folder is None or decisions_kept else load(folder, stamp)
    if decisions_kept or folder is None or not (folder / STATE).is_file():
        why = "the resolution log is written" if decisions_kept else "no resolution kept"
    else:
        why = "the kept resolution is of other code, rules or curation"
    if state is not None:
        extended = extend(state, summaries, keys)
        if not isinstance(extended, str):
            return Resolved(*extended)
        why = extended
    log.info("resolving every document: %s", why)
    trace = Trace()
    resolution = resolve_summaries(summaries, overrides, decisions_kept, trace)
    return Resolved(resolution, f"every document: {why}", record(trace, resolution, keys, stamp, overrides))


def load(folder: Path, stamp: str) -> State | None:
    path = folder / STATE
    if not path.is_file():
        return None
    identity = written(path)  # taken before reading: a file replaced since has another, and is read again
    kept = _saved.get(identity)
    if kept is not None:
        return kept if kept.stamp == stamp else None
    try:
        found = pickle.loads(path.read_bytes())
    except Exception:  # a damaged state is never trusted: every document is resolved
        log.warning("resolution state %s unreadable: every document is resolved", path)
        return None
    if isinstance(found, tuple) and len(found) == 3 and found[:2] == (FORMAT, stamp) and isinstance(found[2], State):
        _saved.keep(identity, found[2])
        return found[2]
    return None


def record(
    trace: Trace, resolution: Resolution, keys: Mapping[str, str], stamp: str, overrides: Overrides | None = None
) -> State:
    """The state of a resolution of every document, from what it saw."""
    locals_ = trace.locals_
    # persons whose name the given-name pass considered, and those it compared through some actor
    considered = {_person(_shape(locals_[i])) for candidates, _ in trace.considered for i in candidates}
    compared = {_person(_shape(locals_[i])) for _, members in trace.considered for i in members}
    actors_of: dict[Shape, set[str]] = defaultdict(set)
    settled_actors: set[str] = set()
    parts: dict[str, frozenset[Shape]] = {}
    carries: dict[str, frozenset[str]] = {}
    for cluster in trace.clusters.values():
        first = locals_[cluster[0][1][0]]
        actor = resolution.by_document[first.document][first.key]
        shapes = [shape for shape, _ in cluster]
        patronymics = {trace.carried[shape] for shape in shapes if shape in trace.carried}
        if len(patronymics) < 2 and trace.refused.isdisjoint(shapes):
            settled_actors.add(actor)
            parts[actor], carries[actor] = frozenset(shapes), next(iter(patronymics), frozenset())
        for shape in shapes:
            actors_of[shape].add(actor)
    kept: dict[Shape, Kept] = {}
    split: dict[tuple[str, str], str] = {}
    for shape, found in trace.shapes.items():
        first = locals_[found[0]]
        (actor, *others) = actors_of[shape]
        settled = not others and actor in settled_actors
        if shape[0] == "Person" and (person := _person(shape)) in considered and person not in compared:
            settled = False
        if others:
            split.update(
                ((local.document, local.key), resolution.by_document[local.document][local.key])
                for local in map(locals_.__getitem__, found)
            )
        kept[shape] = Kept((first.document, first.key), None if others else actor, len(found), settled)
    # a group's shapes are one actor's, unless the group could refuse, and then that actor is not settled
    groups = {group_key(shape): entry.actor if entry.actor in settled_actors else None for shape, entry in kept.items()}
    pairs = (*overrides.merges, *overrides.splits) if overrides is not None else ()
    curated = frozenset(match_key(name) for pair in pairs for name in pair)
    slugs = dict(Counter(slug_of(actor.name) for actor in resolution.actors.values()))
    return State(stamp, dict(keys), kept, split, parts, dict(resolution.actors), groups, carries, curated, slugs)


def extend(
    state: State, summaries: Sequence[Sequence[LocalActor]], keys: Mapping[str, str]
) -> tuple[Resolution, str, State | None] | str:
    """The resolution of the state's documents and the added ones, with its description and the state
    to keep (None: the same), or why it needs every document resolved."""
    if not state.keys.items() <= keys.items():
        gone = next(document for document, key in state.keys.items() if keys.get(document) != key)
        return f"{gone} was {'changed' if gone in keys else 'removed'}"
    compact = [Summary.of(summary) for summary in summaries if summary]  # as the index keeps them: no LocalActors
    added = [local for summary in compact if summary.document not in state.keys for local in summary]
    tallies: Counter[Shape] = Counter()
    firsts: dict[Shape, tuple[str, str]] = {}  # an added actor before its shape's first
    new: dict[Shape, list[LocalActor]] = defaultdict(list)
    for local in added:
        kept = state.shapes.get(shape := _shape(local))
        if kept is None:
            new[shape].append(local)
            continue
        if not kept.settled:
            return f"{local.document} names {local.name!r}, whose identity a refusal or a spelling pass decided"
        tallies[shape] += 1
        if (at := (local.document, local.key)) < firsts.get(shape, kept.first):
            firsts[shape] = at
    placed = _placed(state, new) if new else _Placed({}, {}, {})
    if isinstance(placed, str):
        return placed
    shapes = dict(state.shapes)
    for shape, count in tallies.items():
        kept = shapes[shape]
        shapes[shape] = kept._replace(first=firsts.get(shape, kept.first), size=kept.size + count)
    shapes.update(placed.shapes)
    parts, carries, actors = dict(state.parts), dict(state.carries), {**state.actors, **placed.actors}
    for shape, kept in placed.shapes.items():
        actor_id = cast(str, kept.actor)
        parts[actor_id] = parts.get(actor_id, frozenset()) | {shape}
        carries[actor_id] = carries.get(actor_id) or carried_patronymics(shape)
        if actor_id not in placed.actors:
            before = actors[actor_id]
            spellings = {*before.aliases, before.name, shape[1], *shape[2]}
            actors[actor_id] = replace(before, aliases=aliases_of(spellings, before.name))
    documents: dict[str, set[str]] = defaultdict(set)
    for local in added:
        documents[cast(str, shapes[_shape(local)].actor)].add(local.document)  # settled: one actor
    for actor_id, found in documents.items():
        before = actors[actor_id]
        if len(parts[actor_id]) > 1:
            tally = [(shape, shapes[shape].size, shapes[shape].first) for shape in parts[actor_id]]
            if identity(tally) != (before.type, before.name, before.reference):
                return f"{before.name!r} would be named or typed otherwise"
        # of no dictionary entry, its first actor decides where its id is numbered among actors of the same slug
        earliest = min(shapes[shape].first for shape in parts[actor_id])
        if (
            actor_id in state.parts
            and before.reference is None
            and state.slugs[slug := slug_of(before.name)] > 1
            and earliest < min(state.shapes[s].first for s in state.parts[actor_id])
            and _renumbered(state, slug, parts, shapes)
        ):
            return f"{min(found)} names {before.name!r} before its first document, and ids of that name would be numbered otherwise"
        actors[actor_id] = replace(before, documents=tuple(sorted(found.union(before.documents))))
    actor_of = {shape: kept.actor for shape, kept in shapes.items() if kept.actor is not None}
    by_document: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for summary in compact:
        by_document[summary.document] = _actor_map(summary, actor_of, state.split)
    resolution = Resolution(actors, by_document, ())
    if len(keys) == len(state.keys):
        return resolution, "incremental", None
    groups, slugs = {**state.groups, **placed.groups}, {**state.slugs, **dict.fromkeys(placed.actors, 1)}
    kept_state = replace(
        state, keys=dict(keys), shapes=shapes, parts=parts, actors=actors, carries=carries, groups=groups, slugs=slugs
    )
    return resolution, "incremental", kept_state


class _Placed(NamedTuple):
    shapes: dict[Shape, Kept]  # each new shape, with its actor
    actors: dict[str, Actor]  # the actors no document named before (their documents still to add)
    groups: dict[tuple[str, str], str]  # and their groups


def _renumbered(state: State, slug: str, parts: Mapping[str, frozenset[Shape]], shapes: Mapping[Shape, Kept]) -> bool:
    """Whether the known actors of no dictionary entry whose names give `slug` (their ids numbered in
    the order of their first actors) come in another order with the added documents."""
    named = [
        actor_id for actor_id, actor in state.actors.items() if actor.reference is None and slug_of(actor.name) == slug
    ]
    if any(actor_id not in state.parts for actor_id in named):
        return True  # an unsettled actor's first actor is not the state's to know

    def order(parts: Mapping[str, frozenset[Shape]], shapes: Mapping[Shape, Kept]) -> list[str]:
        return sorted(named, key=lambda actor_id: min(shapes[shape].first for shape in parts[actor_id]))

    return order(state.parts, state.shapes) != order(parts, shapes)


def _placed(state: State, new: dict[Shape, list[LocalActor]]) -> _Placed | str:
    """Added actors written in a new way, each joining the settled actor of its group, or a new
    actor of a new group, or why not."""
    for shape in new if state.curated else ():
        if state.curated.intersection(map(match_key, (shape[1], *shape[2]))):
            return f"{min(new[shape]).document} writes {shape[1]!r} in a new way, with a spelling the curation merges or splits"
    persons = {_person(s): kept.settled for s, kept in state.shapes.items() if s[0] == "Person"}
    names = {_person(s) for s in new if s[0] == "Person"} - persons.keys()
    if names and (paired := _paired(persons.keys() | names, names)):
        return f"the spelling passes would pair {paired!r}, a name no other document has, with another"
    placed = _Placed({}, {}, {})
    by_group: dict[tuple[str, str], list[Shape]] = defaultdict(list)
    for shape in new:
        by_group[group_key(shape)].append(shape)
    for group, shapes in by_group.items():
        local = min(min(new[shape]) for shape in shapes)
        if shapes[0][0] == "Person" and not all(persons.get(_person(s), True) for s in shapes):
            return f"{local.document} names {local.name!r}, whose identity a refusal or a spelling pass decided"
        carried = {patronymics for shape in shapes if (patronymics := carried_patronymics(shape))}
        if group in state.groups:
            if (actor := state.groups[group]) is None:
                return f"{local.document} names {local.name!r}, whose identity a refusal or a spelling pass decided"
            carried |= {state.carries[actor]} - {frozenset()}
        else:
            tally = [(shape, len(new[shape]), min(new[shape])[:2]) for shape in shapes]
            entity_type, name, reference = (
                identity(tally) if len(shapes) > 1 else (local.type, local.name, local.reference)
            )
            if (actor := slug_of(name)) in state.slugs or actor in placed.actors:
                return f"{local.document} names {name!r}, an actor no other document names, whose id another has"
            spellings = {n for shape in shapes for n in (shape[1], *shape[2])}
            placed.actors[actor] = Actor(actor, entity_type, name, aliases_of(spellings, name), reference, ())
            placed.groups[group] = actor
        if len(carried) > 1:
            return f"{local.document} names {local.name!r} with other patronymics"
        for shape in shapes:
            placed.shapes[shape] = Kept(min(new[shape])[:2], actor, len(new[shape]), True)
    return placed


def _paired(persons: set[tuple[str, str | None]], names: set[tuple[str, str | None]]) -> str | None:
    """A person's name of `names` that the surname pass would merge with another, or that the
    given-name pass would consider (a given name one edit from another under its surname: whether it
    is compared, and merged, depends on the documents), if any. Each person is put in a document of
    its own. A pair kept apart changes nothing."""
    everyone = sorted(persons, key=lambda p: (p[0], p[1] or ""))
    locals_ = [LocalActor(str(i), "", "Person", name, (), reference) for i, (name, reference) in enumerate(everyone)]
    found: list[str] = []

    def merged(*positions: int) -> None:
        found.extend(locals_[i].name for i in positions if _person(_shape(locals_[i])) in names)

    considered: list[tuple[list[int], list[int]]] = []
    merge_person_variants(locals_, lambda i, j, _: merged(i, j), lambda *_: None)
    merge_given_name_variants(locals_, lambda *_: None, lambda *_: None, considered=considered)
    for candidates, _ in considered:
        merged(*candidates)
    return min(found, default=None)


def _actor_map(summary: Summary, actor_of: dict[Shape, str], split: dict[tuple[str, str], str]) -> dict[str, str]:
    """A document's map of its actors' keys to their actors' ids."""
    try:
        return {actor[0]: actor_of[actor[1:]] for actor in summary.placeless}
    except KeyError:  # an actor of a shape whose actors are in several clusters
        document = summary.document
        return {actor[0]: actor_of.get(actor[1:]) or split[(document, actor[0])] for actor in summary.placeless}


def _person(shape: Shape) -> tuple[str, str | None]:
    """A person's name and dictionary entry: what the spelling passes tell persons by."""
    return shape[1], shape[3]


def _shape(local: LocalActor) -> Shape:
    return local[2:]
