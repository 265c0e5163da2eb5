"""The reference actors (ontology/actors.ttl) as an index the mention finder can scan with."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, SKOS, Graph, URIRef

from actorgraph import lexicon as lexicon_module
from actorgraph import normalize, user_cache
from actorgraph.lexicon import lexicon, lexicon_dir
from actorgraph.normalize import fold, person_key, translit_key
from actorgraph.ontology import load_model
from actorgraph.records import EntityType
from actorgraph.vocab import AG

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]\w*(?:-[A-Z]\w*)+|\w+(?:[./&]\w+)*|['’]s\b|\S")


def word_tokens(text: str) -> list[str]:
    return [fold(t) for t in TOKEN.findall(text)]


@dataclass(frozen=True)
class Entry:
    iri: str
    type: EntityType
    label: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Dictionary:
    by_tokens: dict[tuple[str, ...], tuple[Entry, ...]]
    max_tokens: int
    longest_from: dict[str, int]  # first folded token -> the most tokens a name starting with it has
    by_person_key: dict[str, Entry]
    by_surname_key: dict[str, tuple[Entry, ...]]
    demonyms: dict[str, Entry]  # folded demonym -> state
    state_of_place: dict[str, str]  # place IRI -> state IRI (capital or location)
    capital_of: dict[str, str]  # capital IRI -> state IRI ("Moscow recognised ..." speaks for Russia)
    active_in: dict[str, str]  # person or party IRI -> the state whose politics it takes part in
    entries: dict[str, Entry]
    partially_recognized: frozenset[str]  # state IRIs

    def state_for(self, iri: str) -> str | None:
        entry = self.entries.get(iri)
        if entry is None:
            return None
        if entry.type == "State":
            return iri
        return self.state_of_place.get(iri)


_TYPES: dict[URIRef, EntityType] = {
    AG.Person: "Person",
    AG.PoliticalParty: "PoliticalParty",
    AG.Organization: "Organization",
    AG.GovernmentBody: "GovernmentBody",
    AG.MediaOutlet: "MediaOutlet",
    AG.State: "State",
    AG.Place: "Place",
}


@cache
def default_dictionary() -> Dictionary:
    """The reference actors' dictionary, as an earlier process built it from the same loaded model
    and lexicon files with this code (`user_cache`: 0.03 s a process), else built now."""
    model = load_model()
    if not model.token:
        return build_dictionary(model.actors)
    inputs = [model.token.encode(), *user_cache.file_inputs(sorted(lexicon_dir().glob("*.json")))]
    code = [Path(__file__), Path(normalize.__file__), Path(lexicon_module.__file__)]
    return user_cache.kept("dictionary", inputs, code, lambda: build_dictionary(model.actors), Dictionary)


def build_dictionary(actors: Graph) -> Dictionary:
    by_tokens: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    by_person_key: dict[str, Entry] = {}
    by_surname: dict[str, list[Entry]] = defaultdict(list)
    entries: dict[str, Entry] = {}
    for subject in sorted(set(actors.subjects(RDF.type, None)), key=str):
        kinds = [_TYPES[t] for t in actors.objects(subject, RDF.type) if isinstance(t, URIRef) and t in _TYPES]
        if not kinds:
            continue
        label = str(actors.value(subject, SKOS.prefLabel))
        aliases = sorted(str(a) for a in actors.objects(subject, SKOS.altLabel))
        entry = Entry(str(subject), kinds[0], label, (label, *aliases))
        entries[entry.iri] = entry
        for name in entry.labels:
            tokens = tuple(word_tokens(name))
            if tokens and entry not in by_tokens[tokens]:
                by_tokens[tokens].append(entry)
            if entry.type == "Person":
                by_person_key.setdefault(person_key(name), entry)
        if entry.type == "Person":
            surname = label.split()[-1]
            surname_entries = by_surname[translit_key(surname)]
            if entry not in surname_entries:
                surname_entries.append(entry)
    demonyms: dict[str, Entry] = {}
    state_of_place: dict[str, str] = {}
    capital_of: dict[str, str] = {}
    for state in actors.subjects(RDF.type, AG.State):
        for demonym in actors.objects(state, AG.demonym):
            demonyms.setdefault(fold(str(demonym)), entries[str(state)])
        for capital in actors.objects(state, AG.capital):
            state_of_place[str(capital)] = str(state)
            capital_of[str(capital)] = str(state)
    active_in = {str(actor): str(state) for actor, state in actors.subject_objects(AG.activeIn)}
    for place, state in actors.subject_objects(AG.locatedIn):
        state_of_place.setdefault(str(place), str(state))
    partial_names = {fold(name) for name in lexicon()["partially_recognized"]}
    partially = frozenset(e.iri for e in entries.values() if e.type == "State" and fold(e.label) in partial_names)
    return Dictionary(
        by_tokens={k: tuple(v) for k, v in by_tokens.items()},
        max_tokens=max(len(k) for k in by_tokens),
        longest_from=_longest_from(by_tokens),
        by_person_key=by_person_key,
        by_surname_key={k: tuple(v) for k, v in by_surname.items()},
        demonyms=demonyms,
        state_of_place=state_of_place,
        capital_of=capital_of,
        active_in=active_in,
        entries=entries,
        partially_recognized=partially,
    )


def _longest_from(by_tokens: dict[tuple[str, ...], list[Entry]]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for tokens in by_tokens:
        longest[tokens[0]] = max(longest.get(tokens[0], 0), len(tokens))
    return longest
