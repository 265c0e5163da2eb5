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
        office="Chairwoman of the Central Election Commission",
        organization="Central Election Commission of Abkhazia",
    )


def test_predicate_office_with_dates():
    text = "Zaur Kochiev was interior minister of Abkhazia in 2005-2007. He has been mayor of Gagra since March 2015."
    found = facts(extract(text), "office")
    assert has(found, person="Zaur Kochiev", office="Interior Minister", start="2005", end="2007", status="former")
    assert has(found, person="Zaur Kochiev", office="Mayor of Gagra", start="2015-03", status="current")


def test_the_head_of_a_polity_is_its_president():
    found = facts(
        extract("The head of the self-proclaimed republic of Transnistria, Vadim Krasnoselsky, spoke."), "office"
    )
    assert has(found, person="Vadim Krasnoselsky", office="President of Transnistria")


def test_incumbent_holds_the_contested_office():
    found = facts(extract("Incumbent Vadim Krasnoselsky ran in the Transnistria presidential election."), "office")
    assert has(found, person="Vadim Krasnoselsky", office="President of Transnistria", rule="office.incumbent")


def test_labels_follow_the_text_s_wording():
    text = (
        "Zaur Kochiev, a former interior minister, spoke. Lawmaker Aslan Tarba agreed, and Inal Gitsba, an MP, left. "
        "Outgoing Abkhaz leader Beslan Kvarchia and ex-Prime Minister Oleg Ardzinba came to Abkhazia."
    )
    found = facts(extract(text), "office")
    assert has(found, person="Zaur Kochiev", office="Interior Minister", status="former")
    assert has(found, person="Aslan Tarba", office="Member of Parliament")
    assert has(found, person="Inal Gitsba", office="Member of Parliament (MP)")
    assert has(found, person="Beslan Kvarchia", office="Leader of Abkhazia")
    assert has(found, person="Oleg Ardzinba", office="Prime Minister of Abkhazia", status="former")


def test_titles_of_bodies_plural_titles_and_of_phrases_before_names():
    text = (
        "Supreme Council Chairman Anatol Kamin spoke with Chair of the Central Election Commission Zarina Kochieva. "
        "Former prime ministers Oleg Ardzinba and Inal Gitsba (3.2%) attended in Abkhazia."
    )
    found = facts(extract(text), "office")
    assert has(found, person="Anatol Kamin", office="Chairman of the Supreme Council")
    assert has(found, person="Zarina Kochieva", office="Chair of the Central Election Commission")
    assert has(found, person="Oleg Ardzinba", office="Prime Minister of Abkhazia", status="former")
    assert has(found, person="Inal Gitsba", office="Prime Minister of Abkhazia", status="former")


def test_no_office_from_party_roles_campaigns_or_a_neighbours_title():
    text = (
        "United Ossetia leader Alan Tadtayev spoke. The head of his campaign, Artur Mikvabia, agreed. "
        "The candidates were Aslan Bzhania, former interior minister Leonid Dzapshba, and others."
    )
    found = facts(extract(text), "office")
    assert not has(found, person="Alan Tadtayev")
    assert not has(found, person="Artur Mikvabia")
    assert not has(found, person="Aslan Bzhania", office="Interior Minister")
    assert has(found, person="Leonid Dzapshba", office="Interior Minister", status="former")
