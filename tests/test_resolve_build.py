"""resolve_build.py: a document's actors in the index's compact form read as the LocalActors they were."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from actorgraph.resolve_build import LocalActor, Summary

_TYPES = st.sampled_from(["Person", "Party", "Organization", "Polity"])
_ACTORS = st.lists(
    st.builds(
        lambda key, kind, name, surfaces, reference: ("doc", key, kind, name, tuple(sorted(surfaces)), reference),
        st.text(max_size=3),
        _TYPES,
        st.text(max_size=5),
        st.lists(st.text(max_size=4), max_size=2),
        st.none() | st.text(max_size=3),
    ),
    min_size=1,
    max_size=5,
)


@given(_ACTORS)
def test_a_summary_reads_as_the_actors_it_was_made_of(fields):
    actors = tuple(LocalActor(*f) for f in fields)
    summary = Summary.of(actors)
    assert Summary.of(summary) is summary
    assert summary.document == "doc" and len(summary) == len(actors)
    assert tuple(summary) == actors and all(type(a) is LocalActor for a in summary)
    assert summary[0] == actors[0] and summary[-1] == actors[-1] and summary[1:] == actors[1:]
    assert summary == actors and summary == list(actors) and hash(summary) == hash(actors)
    assert summary != actors[:-1] and summary != "doc"
    assert pickle.loads(pickle.dumps(summary)) == actors
