"""Extractions and their resolution -> RDF: one named graph per document, a graph of actors.

A document's graph holds the document, its extraction run, its mentions, its facts as
n-ary nodes with evidence spans, and the elections, rounds, posts and roles its facts
use. The actors graph holds every resolved actor with its type, names and link to the
reference dictionary. Nothing here reads the clock: the same input gives the same graph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from actorgraph.graph_terms import OA, ORG, SCHEMA, Triple, decimal, offset, partial_date, plain
from actorgraph.ids import Minter
from actorgraph.records import Claim, Document, Election, Extraction, RoleValue
from actorgraph.resolve import Actor, Resolution
from actorgraph.vocab import AG

ENTITY_CLASSES = {
    "Person": AG.Person,
    "PoliticalParty": AG.PoliticalParty,
    "Organization": AG.Organization,
    "GovernmentBody": AG.GovernmentBody,
    "MediaOutlet": AG.MediaOutlet,
    "State": AG.State,
    "Place": AG.Place,
}
FACT_CLASSES = {
    "office": AG.OfficeHolding,
    "membership": AG.Membership,
    "candidacy": AG.Candidacy,
    "endorsement": AG.Endorsement,
    "recognition": AG.RecognitionStance,
    "turnout": AG.Turnout,
}
# Role names of claims -> properties of the ontology (roles handled specially are absent).
ROLE_PROPERTIES = {
    "office": {
        "person": AG.holder,
        "organization": AG.organization,
        "jurisdiction": AG.jurisdiction,
        "status": AG.status,
    },
    "membership": {"person": ORG.member, "organization": ORG.organization},
    "candidacy": {
        "person": AG.candidate,
        "outcome": AG.outcome,
        "qualifier": AG.qualifier,
        "nominated_by": AG.nominatedBy,
    },
    "endorsement": {"endorser": AG.endorser, "endorsed": AG.endorsed, "election": AG.election, "mode": AG.mode},
    "recognition": {"state": AG.recognizingState, "recognized": AG.recognizedPolity, "stance": AG.stance},
    "turnout": {"qualifier": AG.qualifier},
}
ActorIRI = Callable[[str], URIRef]
_ADJECTIVES = {
    "President": "presidential",
    "Parliament": "parliamentary",
    "Mayor": "mayoral",
    "Governor": "gubernatorial",
}

_DESCRIBED = 1 << 14  # elections, rounds and posts a builder keeps described (GraphBuilder._described)


class TripleSink(Protocol):
    """Where the builder adds triples: an rdflib Graph, or a TripleSet."""

    def add(self, triple: Triple, /) -> object: ...


class TripleSet:
    """A document graph's triples as the builder adds them: a set. rdflib's in-memory store (its
    contexts, events and indexes) cost more than building the graph itself; the graph's lines
    (`graph_lines`) come from the triples, and an rdflib Graph is made only when one is asked for."""

    __slots__ = ("triples",)

    def __init__(self) -> None:
        self.triples: set[Triple] = set()

    def add(self, triple: Triple, /) -> None:
        self.triples.add(triple)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)


@dataclass(frozen=True)
class DocumentGraph:
    document: Document
    name: URIRef
    triples: TripleSet
    facts: Counter[str]

    @property
    def graph(self) -> Graph:
        """The triples as an rdflib Graph named for the document, with the usual prefixes."""
        graph = bind_prefixes(Graph(identifier=self.name))
        for triple in self.triples:
            graph.add(triple)
        return graph


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in (
        ("ag", str(AG)),
        ("oa", str(OA)),
        ("org", str(ORG)),
        ("schema", str(SCHEMA)),
        ("prov", str(PROV)),
        ("dcterms", str(DCTERMS)),
        ("skos", str(SKOS)),
    ):
        graph.bind(prefix, namespace, override=True)
    return graph


class GraphBuilder:
    def __init__(
        self, resolution: Resolution, minter: Minter, extractor: str = "rules", extractor_version: str = "0.1.0"
    ) -> None:
        self.resolution = resolution
        self.minter = minter
        self.extractor = extractor
        self.extractor_version = extractor_version
        self._nodes: dict[tuple[object, ...], tuple[URIRef, tuple[Triple, ...]]] = {}  # see _described
        # document -> key -> actor id ({} for a document without actors): the resolution's own maps
        self.by_document: defaultdict[str, dict[str, str]] = (
            resolution.by_document
            if isinstance(resolution.by_document, defaultdict)
            else defaultdict(dict, resolution.by_document)
        )

    # --- actors -----------------------------------------------------------------------------------

    def actor_iri(self, document_id: str, key: str) -> URIRef:
        return self.minter.actor(self.by_document[document_id][key])

    def actor_triples(self) -> TripleSet:
        """The actors graph's triples (as rdflib: `actors_graph.ActorsGraph(...).graph()`)."""
        triples = TripleSet()
        for actor in self.resolution.actors.values():
            self._describe_actor(triples, actor)
        return triples

    def _describe_actor(self, graph: TripleSink, actor: Actor) -> None:
        node = self.minter.actor(actor.id)
        graph.add((node, RDF.type, ENTITY_CLASSES[actor.type]))
        graph.add((node, SKOS.prefLabel, Literal(actor.name)))
        for alias in actor.aliases:
            graph.add((node, SKOS.altLabel, Literal(alias)))
        if actor.reference:
            graph.add((node, AG.referenceActor, URIRef(actor.reference)))

    # --- documents --------------------------------------------------------------------------------

    def document_graph(
        self, extraction: Extraction, source_file: str | None = None, rejected: Iterable[URIRef] = ()
    ) -> DocumentGraph:
        document = extraction.document
        name = self.minter.document_graph(document.id)
        graph = TripleSet()
        doc = self.minter.document(document.id)
        self._describe_document(graph, doc, document, source_file)
        extractor = self.minter.extractor(self.extractor)
        activity = self.minter.activity(document.id)
        graph.add((extractor, RDF.type, AG.Extractor))
        graph.add((extractor, RDFS.label, Literal(f"{self.extractor} extractor {self.extractor_version}")))
        graph.add((activity, RDF.type, AG.ExtractionActivity))
        graph.add((activity, PROV.used, doc))
        graph.add((activity, PROV.wasAssociatedWith, extractor))
        for mention in extraction.mentions:
            node = self.minter.mention(document.id, mention.span.start, mention.span.end)
            graph.add((node, RDF.type, AG.Mention))
            self._span(graph, node, doc, mention.span.start, mention.span.end, mention.span.quote)
            graph.add((node, AG.refersTo, self.actor_iri(document.id, mention.key)))
        skip = set(rejected)
        facts: Counter[str] = Counter()
        for claim in extraction.claims:
            fact = self.fact_iri(document.id, claim)
            if fact in skip:
                continue
            self._describe_fact(graph, fact, document.id, claim, doc, extractor, activity)
            facts[claim.kind] += 1
        return DocumentGraph(document, name, graph, facts)

    def fact_iri(self, document_id: str, claim: Claim) -> URIRef:
        return self.minter.fact(document_id, claim, self.by_document[document_id])

    def _describe_document(self, graph: TripleSink, doc: URIRef, document: Document, source_file: str | None) -> None:
        graph.add((doc, RDF.type, AG.NewsArticle))
        graph.add((doc, DCTERMS.identifier, Literal(document.id)))
        if document.title:
            graph.add((doc, DCTERMS.title, Literal(document.title)))
        if document.publisher:
            graph.add((doc, DCTERMS.publisher, Literal(document.publisher)))
        if document.published:
            graph.add((doc, DCTERMS.issued, partial_date(document.published)))
        if document.url:
            graph.add((doc, SCHEMA.url, URIRef(document.url)))
        if document.language:
            graph.add((doc, DCTERMS.language, Literal(document.language)))
        graph.add((doc, AG.contentHash, Literal(document.content_hash)))
        if source_file:
            graph.add((doc, AG.sourceFile, Literal(source_file)))

    def _span(self, graph: TripleSink, node: URIRef, doc: URIRef, start: int, end: int, quote: str) -> None:
        graph.add((node, AG.inDocument, doc))
        graph.add((node, OA.start, offset(start)))
        graph.add((node, OA.end, offset(end)))
        graph.add((node, OA.exact, Literal(quote)))

    def _describe_fact(
        self,
        graph: TripleSink,
        fact: URIRef,
        document_id: str,
        claim: Claim,
        doc: URIRef,
        extractor: URIRef,
        activity: URIRef,
    ) -> None:
        graph.add((fact, RDF.type, FACT_CLASSES[claim.kind]))
        graph.add((fact, PROV.wasDerivedFrom, doc))
        graph.add((fact, AG.rule, plain(claim.rule)))
        graph.add((fact, AG.confidence, decimal(round(claim.confidence, 2))))
        graph.add((fact, AG.extractedBy, extractor))
        graph.add((fact, PROV.wasGeneratedBy, activity))
        if claim.attributed_to:
            graph.add((fact, AG.attributedTo, self.actor_iri(document_id, claim.attributed_to)))
        if claim.attribution:
            graph.add((fact, AG.attribution, Literal(claim.attribution)))
        for span in claim.evidence:
            node = self.minter.span(document_id, span.start, span.end)
            graph.add((node, RDF.type, AG.EvidenceSpan))
            self._span(graph, node, doc, span.start, span.end, span.quote)
            graph.add((fact, AG.evidence, node))
        self.add_roles(graph, fact, claim.kind, claim.role_map, lambda key: self.actor_iri(document_id, key))

    # --- roles shared by extracted and curated facts ----------------------------------------------

    def add_roles(
        self, graph: TripleSink, fact: URIRef, kind: str, roles: dict[str, RoleValue | Election], to_iri: ActorIRI
    ) -> None:
        """Write a fact's roles as properties; `to_iri(key)` gives the IRI of an actor key."""
        properties = ROLE_PROPERTIES[kind]
        for role, value in sorted(roles.items(), key=lambda item: item[0]):
            if value is None:
                continue
            if role in properties:
                if isinstance(value, Election):
                    graph.add((fact, properties[role], self.election(graph, value, to_iri)))
                elif role in ("status", "outcome", "qualifier", "mode", "stance"):
                    graph.add((fact, properties[role], plain(str(value))))
                else:
                    graph.add((fact, properties[role], to_iri(str(value))))
            elif role in ("start", "end", "date"):
                graph.add((fact, AG[role], partial_date(str(value))))
            elif role in ("vote_share", "value"):
                graph.add((fact, AG.voteShare if role == "vote_share" else AG.turnoutValue, decimal(float(value))))  # type: ignore[arg-type]
            elif role == "votes":
                graph.add((fact, AG.votes, Literal(int(value), datatype=XSD.nonNegativeInteger)))  # type: ignore[arg-type]
            elif role == "partial":
                graph.add((fact, AG.partialCount, Literal(bool(value))))
            elif role == "office":
                jurisdiction = roles.get("jurisdiction")
                organization = roles.get("organization")
                place = to_iri(jurisdiction) if isinstance(jurisdiction, str) else None
                body = to_iri(organization) if isinstance(organization, str) else None
                graph.add((fact, AG.post, self.post(graph, str(value), place, body)))
            elif role == "role":
                node = self.minter.role(str(value))
                graph.add((node, RDF.type, AG.Role))
                graph.add((node, SKOS.prefLabel, Literal(str(value))))
                graph.add((fact, ORG.role, node))
        if kind in ("candidacy", "turnout"):
            election = roles["election"]
            assert isinstance(election, Election)
            ordinal = roles.get("round")
            graph.add((fact, AG.round, self.round(graph, election, ordinal if isinstance(ordinal, int) else 1, to_iri)))

    def election(self, graph: TripleSink, election: Election, to_iri: ActorIRI) -> URIRef:
        jurisdiction = to_iri(election.jurisdiction)
        key = ("election", jurisdiction, election.office, election.year)
        return self._described(graph, key, lambda sink: self._election(sink, election, jurisdiction))

    def _election(self, graph: TripleSink, election: Election, jurisdiction: URIRef) -> URIRef:
        node = self.minter.election(str(jurisdiction).rsplit("/", 1)[-1], election.office, election.year)
        place = self.label_of(jurisdiction)
        adjective = _ADJECTIVES.get(election.office, election.office.lower())
        graph.add((node, RDF.type, AG.Election))
        graph.add((node, SCHEMA.name, Literal(f"{election.year} {place} {adjective} election")))
        graph.add((node, AG.jurisdiction, jurisdiction))
        graph.add((node, AG.office, self.post(graph, f"{election.office} of {place}", jurisdiction, None)))
        graph.add((node, AG.year, Literal(str(election.year), datatype=XSD.gYear)))
        return node

    def round(self, graph: TripleSink, election: Election, ordinal: int, to_iri: ActorIRI) -> URIRef:
        node = self.election(graph, election, to_iri)
        return self._described(graph, ("round", node, ordinal), lambda sink: self._rounds(sink, node, ordinal))

    def _rounds(self, graph: TripleSink, node: URIRef, ordinal: int) -> URIRef:
        for number in range(1, ordinal + 1):  # a runoff implies the first round
            round_node = self.minter.round(node, number)
            graph.add((round_node, RDF.type, AG.ElectionRound))
            graph.add((round_node, AG.ofElection, node))
            graph.add((round_node, AG.ordinal, Literal(number, datatype=XSD.positiveInteger)))
        return self.minter.round(node, ordinal)

    def post(self, graph: TripleSink, label: str, jurisdiction: URIRef | None, organization: URIRef | None) -> URIRef:
        key = ("post", label, jurisdiction, organization)
        return self._described(graph, key, lambda sink: self._post(sink, label, jurisdiction, organization))

    def _post(self, graph: TripleSink, label: str, jurisdiction: URIRef | None, organization: URIRef | None) -> URIRef:
        node = self.minter.post(label, str(jurisdiction).rsplit("/", 1)[-1] if jurisdiction else None)
        graph.add((node, RDF.type, AG.Post))
        graph.add((node, SCHEMA.name, Literal(label)))
        if jurisdiction is not None:
            graph.add((node, AG.jurisdiction, jurisdiction))
        if organization is not None:
            graph.add((node, AG.postIn, organization))
        return node

    def _described(
        self, graph: TripleSink, key: tuple[object, ...], describe: Callable[[TripleSink], URIRef]
    ) -> URIRef:
        """The node `describe` names, with its triples added to `graph`: described once for the builder
        (the same elections, rounds and posts recur in document after document), at most _DESCRIBED."""
        found = self._nodes.get(key)
        if found is None:
            if len(self._nodes) >= _DESCRIBED:
                self._nodes.clear()
            made = TripleSet()
            found = self._nodes[key] = (describe(made), tuple(made))
        node, triples = found
        for triple in triples:
            graph.add(triple)
        return node

    def label_of(self, actor: URIRef) -> str:
        actor_id = str(actor)[len(str(self.minter.actor(""))) :]
        known = self.resolution.actors.get(actor_id)
        return known.name if known else actor_id


def referenced_actor_descriptions(graph: Graph, actors: Graph) -> Graph:
    """The descriptions (from the actors graph) of the actors a document graph refers to."""
    subset = Graph()
    nodes = {o for o in graph.objects() if isinstance(o, URIRef)} | {
        s for s in graph.subjects() if isinstance(s, URIRef)
    }
    for node in nodes:
        for triple in actors.triples((node, None, None)):
            subset.add(triple)
    return subset
