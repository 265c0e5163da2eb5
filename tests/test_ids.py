"""IRIs minted from content: exact values pinned, so a change to minting shows up as a failing test."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rdflib import URIRef

from actorgraph.ids import Minter, fact_hash, slug
from actorgraph.records import Claim, Election, Span

BASE = "https://w3id.org/actorgraph/data/"
CANDIDACY = Claim(
    kind="candidacy",
    roles=(
        ("candidate", "p1"),
        ("election", Election(jurisdiction="s1", office="President", year=2011)),
        ("round", 1),
        ("vote_share", 25.37),
        ("outcome", None),
    ),
    evidence=(Span(0, 5, "Alla "),),
    rule="candidacy.vote-share",
    confidence=0.85,
)
KEYS = {"p1": "alla-dzhioyeva", "s1": "south-ossetia"}
# printf 'candidacy\ncandidate=alla-dzhioyeva\nelection=south-ossetia|President|2011\nround=1\nvote_share=25.37\noutcome=None' | sha256sum
PINNED_HASH = "ef64f49f422d"


def test_slug():
    assert slug("Central Election Commission") == "central-election-commission"
    assert slug("  Alla Dzhioyeva  ") == "alla-dzhioyeva"
    assert slug("Ämter & Ökonomie") == "amter-okonomie"
    assert slug("--") == "x" and slug("") == "x"


@pytest.mark.parametrize(
    ("method", "args", "expected"),
    [
        ("document", ("2011-11-28-x",), "document/2011-11-28-x"),
        ("document", ("a b/c?d",), "document/a%20b%2Fc%3Fd"),
        ("document_graph", ("d1",), "document/d1"),
        ("actors_graph", (), "graph/actors"),
        ("curation_graph", (), "graph/curation"),
        ("ontology_graph", (), "graph/ontology"),
        ("curation", ("merge-1",), "curation/merge-1"),
        ("actor", ("anatoly-bibilov",), "actor/anatoly-bibilov"),
        ("extractor", ("rules",), "extractor/rules"),
        ("activity", ("d1",), "document/d1/extraction"),
        ("span", ("d1", 3, 17), "document/d1/span/3-17"),
        ("mention", ("d1", 3, 17), "document/d1/mention/3-17"),
        ("election", ("south-ossetia", "Head of State", 2011), "election/south-ossetia/head-of-state/2011"),
        ("post", ("Prime Minister", "abkhazia"), "post/prime-minister/abkhazia"),
        ("post", ("Mayor", None), "post/mayor/anywhere"),
        ("role", ("Party Leader",), "role/party-leader"),
    ],
)
def test_iris_are_pinned(method, args, expected):
    assert getattr(Minter(BASE), method)(*args) == URIRef(BASE + expected)


def test_round_and_fact_iris_are_pinned():
    minter = Minter(BASE)
    election = minter.election("south-ossetia", "President", 2011)
    assert minter.round(election, 2) == URIRef(BASE + "election/south-ossetia/president/2011/round/2")
    assert minter.fact("d1", CANDIDACY, KEYS) == URIRef(f"{BASE}fact/d1/candidacy-{PINNED_HASH}")


def test_fact_hash_is_pinned_and_reads_actors_as_resolved():
    assert fact_hash(CANDIDACY, KEYS) == PINNED_HASH
    # printf 'candidacy\ncandidate=p1\nelection=s1|President|2011\nround=1\nvote_share=25.37\noutcome=None' | sha256sum
    assert fact_hash(CANDIDACY, {}) == "ab0e9c3de1ac", "an unresolved key stands for itself"
    assert fact_hash(CANDIDACY, KEYS | {"p1": "another-person"}) != PINNED_HASH
    assert fact_hash(CANDIDACY, KEYS | {"s1": "abkhazia"}) != PINNED_HASH


def test_fact_hash_depends_on_what_the_fact_says_not_where_it_was_read():
    moved = Claim(
        kind="candidacy", roles=CANDIDACY.roles, evidence=(Span(90, 99, "elsewhere"),), rule="x", confidence=0.1
    )
    assert fact_hash(moved, KEYS) == PINNED_HASH
    for changed in (
        Claim(kind="endorsement", roles=CANDIDACY.roles, evidence=(), rule="x", confidence=1),
        Claim(
            kind="candidacy",
            roles=(*CANDIDACY.roles[:3], ("vote_share", 25.38), ("outcome", None)),
            evidence=(),
            rule="x",
            confidence=1,
        ),
        Claim(kind="candidacy", roles=(*CANDIDACY.roles[:4], ("outcome", "won")), evidence=(), rule="x", confidence=1),
        Claim(
            kind="candidacy",
            roles=(("candidate", "p1"), ("election", Election("s1", "President", 2012))),
            evidence=(),
            rule="x",
            confidence=1,
        ),
        Claim(
            kind="candidacy",
            roles=(("candidate", "p1"), ("election", Election("s1", "Parliament", 2011))),
            evidence=(),
            rule="x",
            confidence=1,
        ),
    ):
        assert fact_hash(changed, KEYS) != PINNED_HASH, changed


def test_role_names_and_values_are_not_interchangeable():
    a = Claim(kind="endorsement", roles=(("endorser", "p1"), ("endorsed", "p2")), evidence=(), rule="x", confidence=1)
    b = Claim(kind="endorsement", roles=(("endorser", "p2"), ("endorsed", "p1")), evidence=(), rule="x", confidence=1)
    assert fact_hash(a, {}) != fact_hash(b, {})


@pytest.mark.parametrize("seed", ["0", "1", "12345"])
def test_fact_hash_is_the_same_in_another_process(seed):
    """Hash randomisation changes set and dict-of-set order between processes; the hash must not follow it."""
    code = (
        "from tests.test_ids import CANDIDACY, KEYS; from actorgraph.ids import fact_hash; "
        "print(fact_hash(CANDIDACY, KEYS))"
    )
    env = dict(os.environ, PYTHONHASHSEED=seed)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == PINNED_HASH


@pytest.mark.parametrize("base", ["https://x.org/data", "x.org/data/", "https://x.org/a b/", "relative/"])
def test_a_bad_base_is_refused(base):
    with pytest.raises(ValueError, match="base IRI must be absolute"):
        Minter(base)


def test_a_base_ending_in_hash_is_accepted():
    assert Minter("https://x.org/data#").actor("a") == URIRef("https://x.org/data#actor/a")


@given(st.text(max_size=40))
@example("a b/ü?#%")
def test_a_document_iri_is_the_same_remembered_or_not(document_id):
    """Minter.document remembers what it minted (a build asks each document's IRI several times):
    always what minting the parts gives, for any base."""
    for base in (BASE, "https://x.org/data#"):
        minter = Minter(base)
        assert minter.document(document_id) == minter._iri("document", document_id)
        assert minter.document(document_id) == minter._iri("document", document_id), "asked again"
        assert minter.document_name(document_id) == str(minter._iri("document", document_id))


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=12))
@example("a-b_c.d~e")
@example("a/b")
@example("")
def test_a_document_name_is_quoted_as_every_iri_part(document_id):
    """The document's name skips `quote` for ids it leaves as they are: for any ASCII id, the same
    text as minting the parts gives."""
    assert Minter(BASE).document_name(document_id) == str(Minter(BASE)._iri("document", document_id))
