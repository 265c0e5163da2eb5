"""Closed namespace of the actorgraph ontology's terms.

Generated from ontology/actorgraph.ttl by `python -m actorgraph.ontology --write-vocab`;
a test fails when it is out of date. A misspelt term fails at import.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class AG(DefinedNamespace):
    _fail = True
    _NS = Namespace("https://w3id.org/actorgraph/ns#")

    Actor: URIRef
    Candidacy: URIRef
    Curation: URIRef
    Election: URIRef
    ElectionRound: URIRef
    Endorsement: URIRef
    EvidenceSpan: URIRef
    ExtractionActivity: URIRef
    Extractor: URIRef
    Fact: URIRef
    GovernmentBody: URIRef
    MediaOutlet: URIRef
    Membership: URIRef
    Mention: URIRef
    NewsArticle: URIRef
    OfficeHolding: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    PoliticalParty: URIRef
    Post: URIRef
    RecognitionStance: URIRef
    Role: URIRef
    State: URIRef
    Turnout: URIRef
    activeIn: URIRef
    attributedTo: URIRef
    attribution: URIRef
    candidate: URIRef
    capital: URIRef
    confidence: URIRef
    contentHash: URIRef
    curated: URIRef
    date: URIRef
    demonym: URIRef
    election: URIRef
    end: URIRef
    endorsed: URIRef
    endorser: URIRef
    evidence: URIRef
    extractedBy: URIRef
    holder: URIRef
    inDocument: URIRef
    jurisdiction: URIRef
    locatedIn: URIRef
    mode: URIRef
    nominatedBy: URIRef
    ofElection: URIRef
    office: URIRef
    ordinal: URIRef
    organization: URIRef
    outcome: URIRef
    partialCount: URIRef
    post: URIRef
    postIn: URIRef
    qualifier: URIRef
    recognizedPolity: URIRef
    recognizingState: URIRef
    referenceActor: URIRef
    refersTo: URIRef
    rejects: URIRef
    round: URIRef
    rule: URIRef
    sourceFile: URIRef
    stance: URIRef
    start: URIRef
    status: URIRef
    turnoutValue: URIRef
    voteShare: URIRef
    votes: URIRef
    year: URIRef
