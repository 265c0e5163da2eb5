"""Differential: the indexed spelling-variant passes against a visit of every pair."""

from __future__ import annotations

from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from actorgraph import name_variants
from actorgraph.extract.name_shapes import given_names
from actorgraph.normalize import fold, gendered_counterparts, given_name_key, name_parts, translit_key
from actorgraph.resolve import LocalActor

GIVEN = ["Alan", "Alana", "Alen", "Anatoly", "Anatoli", "Bela", "Zaur", "Zaura", "Batal", "Batala", "Maria"]
SURNAMES = ["Pliev", "Plieva", "Pliyev", "Kochiev", "Kochieva", "Kochiyev", "Bibilov", "Babilov", "Bibilova"]
SURNAMES += ["Gagloev", "Gagloyev", "Ivanov", "Ivanova", "Ivanovs", "Kowalski", "Kowalska", "Tibilov", "Ardzinba"]
SURNAMES += ["Zhirinovsky", "Zhirinovskaya", "Tolstoy", "Tolstaya"]  # gendered, more than one edit apart


def _every_pair_person_variants(locals_, merge, keep_apart):
    """The pass before the index: every pair of persons sharing a given name."""
    by_given = defaultdict(list)
    for index, local in enumerate(locals_):
        given, _ = name_parts(local.name)
        if local.type == "Person" and given:
            by_given[given_name_key(given)].append((index, local))
    for _given, members in sorted(by_given.items()):
        for position, (i, a) in enumerate(members):
            surname_a = name_parts(a.name)[1]
            for j, b in members[position + 1 :]:
                surname_b = name_parts(b.name)[1]
                key_a, key_b = translit_key(surname_a), translit_key(surname_b)
                if key_a == key_b or (a.reference and b.reference and a.reference != b.reference):
                    continue
                if gendered_counterparts(surname_a, surname_b):
                    keep_apart(a, b, "gendered")
                    continue
                if min(len(key_a), len(key_b)) >= 5 and Levenshtein.distance(key_a, key_b, score_cutoff=1) <= 1:
                    merge(i, j, "surname")


def _every_pair_given_name_variants(locals_, merge, keep_apart):
    genders = given_names()
    by_surname = defaultdict(list)
    for index, local in enumerate(locals_):
        given, surname = name_parts(local.name)
        if local.type == "Person" and given and len(translit_key(surname)) >= 6:
            by_surname[translit_key(surname)].append((index, local, given))
    for _surname, members in sorted(by_surname.items()):
        per_document = Counter(local.document for _, local, _ in members)
        members = [member for member in members if per_document[member[1].document] == 1]
        for position, (i, a, given_a) in enumerate(members):
            for j, b, given_b in members[position + 1 :]:
                key_a, key_b = given_name_key(given_a), given_name_key(given_b)
                if key_a == key_b or min(len(key_a), len(key_b)) < 4 or (a.reference and b.reference):
                    continue
                if Levenshtein.distance(key_a, key_b, score_cutoff=1) > 1:
                    continue
                gender_a, gender_b = genders.get(fold(given_a)), genders.get(fold(given_b))
                if gender_a and gender_b and gender_a != gender_b:
                    keep_apart(a, b, "gendered")
                    continue
                merge(i, j, "given")


def _calls(variants, locals_):
    calls: list[tuple] = []
    kept_apart: list[tuple] = []
    variants(locals_, lambda i, j, reason: calls.append((i, j)), lambda a, b, reason: kept_apart.append((a, b)))
    return calls, kept_apart


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(GIVEN),
            st.sampled_from(SURNAMES),
            st.integers(0, 5),
            st.sampled_from([None, None, None, "ref:a", "ref:b"]),
        ),
        max_size=40,
    )
)
def test_indexed_variant_passes_visit_the_pairs_a_visit_of_every_pair_does(people):
    locals_ = [
        LocalActor(f"d{document}", f"k{n}", "Person", f"{given_name} {surname}", reference=reference)
        for n, (given_name, surname, document, reference) in enumerate(people)
    ]
    for indexed, every_pair in (
        (name_variants.merge_person_variants, _every_pair_person_variants),
        (name_variants.merge_given_name_variants, _every_pair_given_name_variants),
    ):
        assert _calls(indexed, locals_) == _calls(every_pair, locals_), indexed.__name__
