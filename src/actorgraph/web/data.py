"""The explorer's reads: every SPARQL string the pages use lives here (and in `evidence`, which
reads spans and mentions, and `network`, which reads endorsements as edges), bound with
substitutions (`reads`).

Routes call these functions and get typed records; they never build SPARQL themselves.
"""

from __future__ import annotations

from collections import defaultdict

from actorgraph.normalize import fold
from actorgraph.texts import read_text
from actorgraph.web import evidence as evidence_reads
from actorgraph.web.evidence import Evidence
from actorgraph.web.reads import AG, is_iri, local, looked_up, select, select_sorted, solutions, values, values_of
from actorgraph.web.records import Actor, Document, Election, Fact, Role, Stance
from actorgraph.web.source import Snapshot

_ATTRIBUTED = AG + "attributedTo"  # bookkeeping, but the page shows its label
_EVIDENCE = AG + "evidence"
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
# Properties of a fact node that are bookkeeping, shown apart from its roles.
_BOOKKEEPING = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    _DERIVED,
    "http://www.w3.org/ns/prov#wasGeneratedBy",
    AG + "extractedBy",
    _EVIDENCE,
    AG + "rule",
    AG + "confidence",
    AG + "attribution",
    _ATTRIBUTED,
}


def warm(snapshot: Snapshot) -> None:
    """The whole-store reads most pages make, made before a page asks (`StoreSource`'s warm): 1.5-1.7 s
    at 10,000 documents, that the first pages a visitor opens would otherwise wait for."""
    actors(snapshot), counts(snapshot), elections(snapshot), document_dates(snapshot)


def counts(snapshot: Snapshot) -> dict[str, int]:
    """Read once for the snapshot (a read of the whole store)."""
    return snapshot.remember("_counts", lambda: _counts_read(snapshot))


def _counts_read(snapshot: Snapshot) -> dict[str, int]:
    rows = select(
        snapshot,
        """SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
          { GRAPH ?g { ?x a ag:NewsArticle } BIND("documents" AS ?what) }
          UNION { GRAPH ?g { ?x ag:rule ?r } BIND("facts" AS ?what) }  # ag:rule has the domain ag:Fact
          UNION { GRAPH ?g { ?x a ag:Election } BIND("elections" AS ?what) }
          UNION { GRAPH ?g { ?x skos:prefLabel ?l } BIND("actors" AS ?what) }
        } GROUP BY ?what""",
    )
    return {row["what"]: int(row["n"]) for row in rows}


def actors(snapshot: Snapshot) -> dict[str, Actor]:
    return _actors(snapshot)


def _actors(snapshot: Snapshot) -> dict[str, Actor]:
    return snapshot.remember("_actors", lambda: _actors_read(snapshot))


def _actors_read(snapshot: Snapshot) -> dict[str, Actor]:
    # DISTINCT: a role's label is in every document graph (8,922 rows of 10,643 at 10,000 documents);
    # sorted here: Oxigraph's ORDER BY took 0.35 s of 0.61 s
    rows = select(
        snapshot,
        """SELECT DISTINCT ?actor ?name ?kind ?alias ?reference WHERE { GRAPH ?g {
          ?actor skos:prefLabel ?name ; a ?kind .
          OPTIONAL { ?actor skos:altLabel ?alias }
          OPTIONAL { ?actor ag:referenceActor ?reference }
        } }""",
    )
    rows.sort(key=lambda row: tuple(row.get(column, "") for column in ("actor", "alias", "name", "kind", "reference")))
    aliases: dict[str, list[str]] = defaultdict(list)
    first: dict[str, dict[str, str]] = {}
    for row in rows:
        first.setdefault(row["actor"], row)
        if "alias" in row and row["alias"] not in aliases[row["actor"]]:
            aliases[row["actor"]].append(row["alias"])
    return {
        iri: Actor(iri, row["name"], local(row["kind"]), tuple(aliases[iri]), row.get("reference"))
        for iri, row in first.items()
    }


def search(snapshot: Snapshot, text: str) -> list[Actor]:
    """Actors any of whose names contains the text, ignoring case and accents; best matches first."""
    wanted = " ".join(fold(text).split())
    if not wanted:
        return []
    found: list[tuple[int, str, Actor]] = []
    for actor in actors(snapshot).values():
        names = [fold(name) for name in (actor.name, *actor.aliases)]
        if any(name == wanted for name in names):
            found.append((0, actor.name, actor))
        elif any(name.startswith(wanted) for name in names):
            found.append((1, actor.name, actor))
        elif any(wanted in name for name in names):
            found.append((2, actor.name, actor))
    return [actor for _, _, actor in sorted(found, key=lambda item: (item[0], item[1]))]


def elections(snapshot: Snapshot) -> list[Election]:
    """Read once for the snapshot (a read of the whole store: 0.4 s at 10,000 documents)."""
    return snapshot.remember("_elections", lambda: _elections_read(snapshot))


def _elections_read(snapshot: Snapshot) -> list[Election]:
    rows = select_sorted(
        snapshot,
        """SELECT DISTINCT ?election ?name ?year WHERE { GRAPH ?g {
          ?election a ag:Election ; schema:name ?name . OPTIONAL { ?election ag:year ?year } } }""",
        ["year", "name", "election"],
    )
    seen: dict[str, Election] = {}
    for row in rows:
        seen.setdefault(row["election"], Election(row["election"], row["name"], row.get("year", "")))
    return list(seen.values())


NAMED = "{ ?thing schema:name ?value } UNION { ?thing rdfs:label ?value } UNION { ?thing skos:prefLabel ?value }"


def labels_of(snapshot: Snapshot, iris: set[str]) -> dict[str, str]:
    """A readable label for each of these IRIs that has one: an actor's name, else the least of the
    names and labels any graph gives it (a post, role or election), else a round's "round N of ...".
    Read for the IRIs a page shows, and kept for the snapshot: reading every label of a store of
    10,000 documents took 3.9 s before a first page could show."""
    known: dict[str, str | None] = snapshot.remember("_labels", dict)
    names = actors(snapshot)
    wanted = sorted(iri for iri in iris - known.keys() if iri not in names and is_iri(iri))
    if wanted:
        found = values_of(snapshot, wanted, NAMED)
        # a round's parts, each read by lookups (as one query, 0.4 s for a page's six rounds)
        ordinals = values_of(snapshot, wanted, "?thing ag:ordinal ?value")
        elections = values_of(snapshot, sorted(ordinals), "?thing ag:ofElection ?value")
        titles = values_of(snapshot, sorted(set().union(*elections.values())), "?thing schema:name ?value")
        for iri, numbers in ordinals.items():
            found[iri] |= {f"round {n} of {t}" for n in numbers for e in elections[iri] for t in titles[e]}
        known.update((iri, min(found[iri]) if found[iri] else None) for iri in wanted)
    labels = {iri: names[iri].name for iri in iris if iri in names}
    labels.update((iri, label) for iri in iris if iri not in labels and (label := known.get(iri)) is not None)
    return labels


def facts(snapshot: Snapshot, *, about: str | None = None, document: str | None = None) -> list[Fact]:
    """The facts naming an actor (in any role), or the facts of one document, with their evidence."""
    if about is not None:
        where = "?fact ?role ?about ."
        binding = {"about": about}
    elif document is not None:
        where = "?fact prov:wasDerivedFrom ?document ."
        binding = {"document": document}
    else:
        raise ValueError("facts() needs about= or document=")
    return _assemble(snapshot, _fact_rows(snapshot, where, binding))


def fact_kinds(snapshot: Snapshot, about: str) -> dict[str, list[str]]:
    """The facts that name an actor (in any role), by kind, each kind's in the order `facts` gives:
    what a page of an actor named by thousands reads first (then `facts_named` for one page). Its
    mentions (ag:refersTo, of an ag:Mention only) are left out before each node's kind and rule are
    looked up: the actor of 8,037 facts has 7,623 mentions (0.26-0.56 s -> 0.19-0.32 s, 3 rounds)."""
    rows = select(
        snapshot,
        """SELECT DISTINCT ?fact ?kind WHERE { GRAPH ?g { ?fact ?role ?about FILTER(?role != ag:refersTo)
          ?fact a ?kind ; ag:rule ?rule } }""",
        about=about,
    )
    kinds: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        kinds[local(row["kind"])].append(row["fact"])
    return {kind: sorted(iris) for kind, iris in sorted(kinds.items())}  # IRIs in SPARQL's order: code points


def facts_named(snapshot: Snapshot, iris: list[str]) -> list[Fact]:
    """These facts, with their evidence, in IRI order."""
    return _assemble(snapshot, _fact_rows(snapshot, values("fact", iris), {})) if iris else []


def facts_of_kind(snapshot: Snapshot, kind: str, *, evidence: Evidence = "marked") -> list[Fact]:
    """Every fact of a kind, with as much of their evidence as asked for: reading the mentions of the
    6,000 documents that 9,508 endorsements come from takes 9 s at 10,000 documents. No page reads a
    whole kind now (`every_stance` and `network.edges` read what they show); this is the whole read
    they are checked against."""
    return _assemble(snapshot, _fact_rows(snapshot, "?fact a ?kind .", {"kind": AG + kind}), evidence=evidence)


def candidacies_in(snapshot: Snapshot, election: str) -> list[Fact]:
    """The candidacies in the rounds of an election, with their evidence."""
    where = "?round ag:ofElection ?election . ?fact ag:round ?round ; a ag:Candidacy ."
    return _assemble(snapshot, _fact_rows(snapshot, where, {"election": election}))


def endorsements_in(snapshot: Snapshot, election: str) -> list[Fact]:
    """The endorsements that name an election, with their evidence."""
    where = "?fact ag:election ?election ; a ag:Endorsement ."
    return _assemble(snapshot, _fact_rows(snapshot, where, {"election": election}))


def every_stance(snapshot: Snapshot, polity: str | None = None) -> list[Stance]:
    """Every recognition stance (or every one on a polity) with what a timeline counts: its polity,
    state, stance and date, and its document. Its rule, confidence, title and evidence are not read:
    all its properties took 6-7 s at 10,000 documents (21,140 stances), these 1.0-1.2 s; a page
    reads the whole facts it shows (`facts_named`). Each property a subquery, joined by hashing; a
    stance with two polities (or states) is read as `facts` reads it."""
    chosen = "" if polity is None else values("polity", [polity])
    rows = select(
        snapshot,
        """SELECT ?fact ?document ?polity ?state ?stance ?date WHERE {
          { SELECT * WHERE { CHOSEN GRAPH ?g { ?fact ag:recognizedPolity ?polity } } }
          { SELECT * WHERE { GRAPH ?g { ?fact a ag:RecognitionStance } } }
          { SELECT * WHERE { GRAPH ?g { ?fact ag:rule ?rule } } }
          { SELECT * WHERE { GRAPH ?g { ?fact prov:wasDerivedFrom ?document } } }
          { SELECT * WHERE { GRAPH ?g { ?fact ag:recognizingState ?state } } }
          OPTIONAL { SELECT * WHERE { GRAPH ?g { ?fact ag:stance ?stance } } }
          OPTIONAL { SELECT * WHERE { GRAPH ?g { ?fact ag:date ?date } } }
        }""".replace("CHOSEN", chosen),
    )
    labels = labels_of(snapshot, {row[role] for row in rows for role in ("polity", "state")})
    first: dict[str, dict[str, str]] = {}
    for row in sorted(
        rows, key=lambda row: tuple(row.get(n, "") for n in ("fact", "polity", "state", "stance", "date"))
    ):
        first.setdefault(row["fact"], row)
    return [Stance(iri, row["document"], _stance_roles(row, labels)) for iri, row in first.items()]


def _stance_roles(row: dict[str, str], labels: dict[str, str]) -> tuple[Role, ...]:
    roles = [
        Role(name, labels.get(row[key], row[key]), row[key] if row[key] in labels else None) for name, key in _ROLES
    ]
    return tuple(roles + [Role(name, row[name]) for name in ("stance", "date") if name in row])


_ROLES = (("recognizedPolity", "polity"), ("recognizingState", "state"))


def _fact_rows(snapshot: Snapshot, where: str, bindings: dict[str, str]) -> list[dict[str, str]]:
    """Each property and value of the facts `where` picks, in the order of `ORDER BY ?fact ?p ?o`."""
    body = f"SELECT DISTINCT ?fact ?p ?o WHERE {{ GRAPH ?g {{ {where} ?fact ag:rule ?rule ; ?p ?o . }} }}"
    return select_sorted(snapshot, body, ["fact", "p", "o"], **bindings)


def _assemble(snapshot: Snapshot, rows: list[dict[str, str]], *, evidence: Evidence = "marked") -> list[Fact]:
    labels = labels_of(snapshot, {row["o"] for row in rows if row["p"] not in _BOOKKEEPING or row["p"] == _ATTRIBUTED})
    by_fact: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        by_fact[row["fact"]].append((row["p"], row["o"]))
    # read for all the facts at once: one query a fact took 11 of the 16 s an 8,037-fact page took
    titles = document_titles(snapshot, {row["o"] for row in rows if row["p"] == _DERIVED})
    found = (
        {}
        if evidence == "none"
        else evidence_reads.spans(snapshot, [row["o"] for row in rows if row["p"] == _EVIDENCE], evidence)
    )
    result: list[Fact] = []
    for iri, pairs in by_fact.items():
        props: dict[str, list[str]] = defaultdict(list)
        for p, o in pairs:
            props[p].append(o)
        document = props[_DERIVED][0]
        roles = tuple(
            Role(local(p), labels.get(o, o), o if o in labels else None) for p, o in pairs if p not in _BOOKKEEPING
        )
        attributed = props.get(_ATTRIBUTED, [None])[0]
        result.append(
            Fact(
                iri=iri,
                kind=local(props["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"][0]),
                document=document,
                document_title=titles.get(document, local(document)),
                rule=props[AG + "rule"][0],
                confidence=props.get(AG + "confidence", [""])[0],
                attribution=props.get(AG + "attribution", [None])[0],
                attributed_to=labels.get(attributed, attributed) if attributed else None,
                roles=roles,
                evidence=tuple(
                    sorted((found[i] for i in props.get(_EVIDENCE, []) if i in found), key=lambda s: s.start)
                ),
            )
        )
    return result


def document_titles(snapshot: Snapshot, documents: set[str]) -> dict[str, str]:
    """The titles of these documents (the least, should one have two), read once for the snapshot."""
    query = "SELECT ?d ?v WHERE {{ {} GRAPH ?d {{ ?d dcterms:title ?v }} }}".format
    return looked_up(snapshot, "_document_titles", documents, query, min)


def dates_of(snapshot: Snapshot, documents: set[str]) -> dict[str, str]:
    """The dates of these documents as `document_dates` gives them (the latest, should one have two;
    '' for an undated one), looked up for a page that dates some: all 9,922 took 0.5-0.7 s at 10,000
    documents, the 1,172 of one polity's stances 0.04 s (but those of 6,000 endorsements 0.7 s)."""
    every: dict[str, str] | None = snapshot.memo.get(_DOCUMENT_DATES)  # read already: not asked again
    if every is not None:
        return {iri: every[iri] for iri in documents if iri in every}
    # the OPTIONAL outside the GRAPH: inside it, Oxigraph read every document's date (0.63 s, not 0.04)
    query = """SELECT ?d ?v WHERE {{ {} GRAPH ?d {{ ?d a ag:NewsArticle ; dcterms:identifier ?id }}
      OPTIONAL {{ GRAPH ?d {{ ?d dcterms:issued ?issued }} }} BIND(COALESCE(?issued, "") AS ?v) }}""".format
    return looked_up(snapshot, "_dates_of", documents, query, max)


def document(snapshot: Snapshot, iri: str) -> Document | None:
    rows = select(
        snapshot,
        """SELECT ?id ?title ?issued ?publisher WHERE { GRAPH ?doc { ?doc dcterms:identifier ?id .
          OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:issued ?issued }
          OPTIONAL { ?doc dcterms:publisher ?publisher } } }""",
        doc=iri,
    )
    if not rows:
        return None
    row = rows[0]
    mentions = evidence_reads.mentions(snapshot, [iri])  # the page's, and those its spans hold
    shown = sorted(evidence_reads.read_spans(snapshot, "document", [iri], mentions).values(), key=lambda s: s.start)
    text = read_text(snapshot.generation, iri)
    if text is not None and any(text[s.start : s.end] != s.quote for s in shown):
        text = None  # not the text these offsets index: show the evidence sentences alone
    return Document(
        iri,
        row["id"],
        row.get("title", row["id"]),
        row.get("issued", ""),
        row.get("publisher", ""),
        shown,
        text,
        sorted(mentions[iri], key=lambda m: (m.start, m.end)),
    )


def documents(snapshot: Snapshot) -> list[Document]:
    """Read once for the snapshot (a read of the whole store: 0.5 s at 10,000 documents)."""
    return snapshot.remember("_documents", lambda: _documents_read(snapshot))


def _documents_read(snapshot: Snapshot) -> list[Document]:
    rows = select(
        snapshot,
        """SELECT ?doc ?id ?title ?issued WHERE { GRAPH ?doc { ?doc a ag:NewsArticle ; dcterms:identifier ?id .
          OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:issued ?issued } } } ORDER BY ?issued ?id""",
    )
    return [Document(r["doc"], r["id"], r.get("title", r["id"]), r.get("issued", ""), "") for r in rows]


def document_dates(snapshot: Snapshot) -> dict[str, str]:
    return snapshot.remember(_DOCUMENT_DATES, lambda: {d.iri: d.issued for d in documents(snapshot)})


_DOCUMENT_DATES = "_document_dates"  # every document's date, as the snapshot keeps it


def has_stances_on(snapshot: Snapshot, iri: str) -> bool:
    """Whether a state's stance on this polity is reported: whether it has a recognition timeline
    (`views.recognition_timelines` of every stance, which an actor's page need not make)."""
    answer = solutions(
        snapshot,
        """SELECT ?fact WHERE { GRAPH ?g { ?fact ag:recognizedPolity ?polity ; a ag:RecognitionStance ;
          ag:rule ?rule ; ag:recognizingState ?state } } LIMIT 1""",
        {"polity": iri},
    )
    return any(True for _ in answer)


def co_mentioned(snapshot: Snapshot, iri: str) -> list[tuple[Actor, int]]:
    """The actors mentioned in the documents that mention this one, with how many documents each, the
    most first. The documents are found first, each once: joined in each document, every mention of
    the actor met every other mention (0.27-0.29 s for the actor of 5,685 documents, 0.16-0.18 s so)."""
    rows = select(
        snapshot,
        """SELECT ?other (COUNT(?g) AS ?n) WHERE { { SELECT DISTINCT ?g ?other WHERE {
          { SELECT DISTINCT ?g WHERE { GRAPH ?g { ?m ag:refersTo ?about } } }
          GRAPH ?g { ?m2 ag:refersTo ?other } FILTER(?other != ?about) } } }
        GROUP BY ?other ORDER BY DESC(?n) ?other""",
        about=iri,
    )
    known = actors(snapshot)
    return [(known[r["other"]], int(r["n"])) for r in rows if r["other"] in known]
