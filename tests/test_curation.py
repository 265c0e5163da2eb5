"""An analyst's curation file: merge, split, reject and add, visible in provenance."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from actorgraph.curation import load_curation
from actorgraph.errors import InputError
from actorgraph.store import published_nquads, read_manifest

from .build_helpers import build, copy_corpus

AG = "https://w3id.org/actorgraph/ns#"
DATA = "https://w3id.org/actorgraph/data/"


def dataset(store) -> Dataset:
    data = Dataset(default_union=True)
    data.parse(data="\n".join(published_nquads(store)) + "\n", format="nquads")
    return data


def test_curation_is_applied_and_visible(tmp_path):
    corpus = copy_corpus(tmp_path)
    first = build(corpus, tmp_path / "plain")
    assert first.published
    plain = dataset(tmp_path / "plain" / "store")
    nominated = next(s for s in plain.subjects(URIRef(AG + "mode"), Literal("nomination")))
    (corpus / "curation.yaml").write_text(
        f"""
merge:
  - [Franc Klincebish, Frants Klintsevich]
split:
  - [Alan Gagloev, Anatoly Bibilov]
reject:
  - {nominated}
add:
  - kind: endorsement
    endorser: Franc Klincebish
    endorsed: Anatoly Bibilov
    election: {{jurisdiction: South Ossetia, office: President, year: 2011}}
    mode: support
    note: An analyst's reading of the interview.
""",
        encoding="utf-8",
    )
    summary = build(corpus, tmp_path / "curated")
    assert summary.violations == 0
    data = dataset(tmp_path / "curated" / "store")
    curation_graph = URIRef(DATA + "graph/curation")
    assert (URIRef(DATA + "curation/curation.yaml"), URIRef(AG + "rejects"), nominated) in data.graph(curation_graph)
    assert (nominated, None, None) not in data, "a rejected fact is kept out of the graph"
    added = list(data.graph(curation_graph).subjects(URIRef(AG + "curated"), Literal(True)))
    assert len(added) == 1
    assert (
        added[0],
        URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
        URIRef(DATA + "curation/curation.yaml"),
    ) in data
    assert (added[0], URIRef(AG + "endorser"), URIRef(DATA + "actor/franc-klincebish")) in data
    assert str(curation_graph) in read_manifest(tmp_path / "curated" / "store").graphs


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("merge: [[only one]]\n", "merge[0]: expected a pair of names"),
        ("approve: []\n", "unknown section(s): approve"),
        ("add:\n  - kind: endorsement\n    endorser: X\n", "add[0]: a endorsement needs endorsed, mode"),
        ("reject: [not-an-iri]\n", "reject: expected a list of fact IRIs"),
        ("merge: [unclosed\n", "cannot read curation file"),
    ],
)
def test_bad_curation_names_the_file_and_entry(tmp_path, content, problem):
    path = tmp_path / "curation.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_curation(path)
    assert str(path) in str(error.value) and problem in str(error.value)


def test_unknown_actor_in_an_added_fact_fails_the_build(tmp_path):
    corpus = copy_corpus(tmp_path)
    (corpus / "curation.yaml").write_text(
        "add:\n  - kind: membership\n    person: Nobody Known\n    organization: Nykhas\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="add\\[0\\]: person 'Nobody Known' is no actor of the corpus"):
        build(corpus, tmp_path)
    assert not (tmp_path / "store" / "current").exists(), "nothing is published"
