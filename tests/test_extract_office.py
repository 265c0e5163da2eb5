"""Office rules (extract/office.py) on short sentences of our own (invented names, varied wording)."""

from __future__ import annotations

from .extraction_helpers import extract, facts, has


def test_title_before_name_with_demonym_and_status():
    found = facts(
        extract("Former Abkhaz foreign minister Viacheslav Chirikba and Moldovan Prime Minister Dorin Recean met."),
        "office",
    )
    assert has(found, person="Viacheslav Chirikba", office="Foreign Minister", jurisdiction="Abkhazia", status="former")
    assert has(found, person="Dorin Recean", office="Prime Minister of Moldova", status="current")


def test_apposition_with_organisation():
    found = facts(
        extract("Zarina Kochieva, chairwoman of Abkhazia's Central Election Commission, announced the result."),
        "office",
    )
    assert has(
        found,
        person="Zarina Kochieva",
        office="Chairman of the Central Election Commission",
        organization="Central Election Commission of Abkhazia",
    )


def test_predicate_office_with_dates():
    text = "Zaur Kochiev was interior minister of Abkhazia in 2005-2007. He has been mayor of Gagra since March 2015."
    found = facts(extract(text), "office")
    assert has(
        found, person="Zaur Kochiev", office="Minister of Internal Affairs", start="2005", end="2007", status="former"
    )
    assert has(found, person="Zaur Kochiev", office="Mayor of Gagra", start="2015-03", status="current")


def test_the_head_of_a_polity_is_its_president():
    found = facts(
        extract("The head of the self-proclaimed republic of Transnistria, Vadim Krasnoselsky, spoke."), "office"
    )
    assert has(found, person="Vadim Krasnoselsky", office="President of Transnistria")


def test_incumbent_holds_the_contested_office():
    found = facts(extract("Incumbent Vadim Krasnoselsky ran in the Transnistria presidential election."), "office")
    assert has(found, person="Vadim Krasnoselsky", office="President of Transnistria", rule="office.incumbent")
