"""validate_batch.py: a graph found conforming in a batch has no results when validated alone."""

from __future__ import annotations

import pytest
from rdflib import Graph

from actorgraph.validate import validate_ntriples
from actorgraph.validate_batch import conforming
from actorgraph.vocab import AG

from .test_validate import CASES, SHAPES_DATA


def _nt(graph: Graph) -> str:
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


@pytest.fixture(scope="module")
def cases() -> list[tuple[str, str]]:
    """The valid graph, then every shape case (each breaks one constraint), as their own triples."""
    return [(_nt(Graph().parse(path)), "") for path in [SHAPES_DATA / "valid.ttl", *CASES]]


def test_every_shape_case_in_one_batch_is_judged_as_alone(cases, model):
    """Differential: in a batch of the valid graph and every case, no graph with results alone is
    found conforming, and every case is found to have results."""
    judged = conforming(cases, model)
    alone = [validate_ntriples(own, model).results for own, _ in cases]
    assert [position for position, ok in enumerate(judged) if ok and alone[position]] == []
    assert not alone[0] and not any(judged[1:])


def test_a_violation_in_another_graph_is_not_the_valid_graphs(cases, model):
    """The valid graph conforms in a batch with every case whose results are on nodes of its own
    (not on a class of the ontology, which every graph is validated with)."""
    own_results = [
        case
        for case in cases[1:]
        if not any(r.focus.startswith(str(AG)) for r in validate_ntriples(case[0], model).results)
    ]
    assert len(own_results) > 150
    judged = conforming([cases[0], *own_results], model)
    assert judged[0] and not any(judged[1:])


def test_two_copies_of_a_graph_are_kept_apart(cases, model):
    """The same nodes described by two graphs: renamed apart, so a maximum count of one value is
    not broken by the two graphs' values together."""
    valid, _ = cases[0]
    other = valid.replace('"', '"x', 1) if '"' in valid else valid
    assert conforming([(valid, ""), (valid, "")], model) == [True, True]
    assert conforming([(valid, ""), (other, "")], model)[0]


def test_a_result_on_a_shared_node_sends_the_graphs_that_hold_it_alone(model):
    """An actor without a label, shared by two graphs: both are validated alone; a third graph
    that does not name it still conforms in the batch."""
    actor = "<https://example.org/actor/a>"
    shared = f"{actor} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/actorgraph/ns#Person> .\n"
    judged = conforming([("", shared), ("", shared), ("", "")], model)
    assert judged == [False, False, True]
    assert validate_ntriples(shared, model).results


def test_a_graph_with_a_blank_node_is_validated_alone(cases, model):
    """Blank nodes cannot be renamed apart: a graph holding one, as subject or object, in its own
    triples or its actors', is never batched; the graphs beside it still are."""
    valid, _ = cases[0]
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    blank_subject = f'_:b {label} "x" .\n'
    blank_object = f"<https://example.org/thing> {label} _:b .\n"
    graphs = [(valid, ""), (valid + blank_subject, ""), (valid, blank_object), (valid + blank_object, "")]
    assert conforming(graphs, model) == [True, False, False, False]


def test_a_node_an_actor_description_holds_is_shared_even_beside_a_blank_node(model):
    """A graph's actors with a blank node still make their subjects shared nodes: another graph
    describing one of them in its own triples is then validated alone, not renamed apart."""
    actor = "<https://example.org/actor/a>"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    with_blank = f"{actor} {label} _:b .\n"
    describes = f'{actor} {label} "A" .\n'
    assert conforming([("", with_blank), (describes, "")], model) == [False, False]
    assert conforming([("", ""), (describes, "")], model) == [True, True]
