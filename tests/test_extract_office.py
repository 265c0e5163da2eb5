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


def test_bodies_named_with_words_no_person_bears():
    text = (
        "The president named Central Bank Chairman Levon Arakelyan prime minister. "
        "The acting State Security Service chairman Aslan Kvarchia also stood."
    )
    found = facts(extract(text), "office")
    assert has(found, person="Levon Arakelyan", office="Chairman of the Central Bank")
    assert has(found, person="Aslan Kvarchia", office="Chairman of the State Security Service")


def test_coordinated_titles_before_one_name():
    text = (
        "Latvian First Deputy Prime Minister and Foreign Minister Ruvel Ostrom said on Friday that talks would go on."
    )
    found = facts(extract(text), "office")
    assert has(found, person="Ruvel Ostrom", office="First Deputy Prime Minister of Latvia", jurisdiction="Latvia")
    assert has(found, person="Ruvel Ostrom", office="Foreign Minister", jurisdiction="Latvia")


def test_a_counterpart_holds_the_same_office_for_another_state():
    text = "The treaty was signed by Estonian Foreign Minister Tarmo Kask and his Chilean counterpart Pedro Alvarez."
    found = facts(extract(text), "office")
    assert has(found, person="Tarmo Kask", office="Foreign Minister", jurisdiction="Estonia")
    assert has(found, person="Pedro Alvarez", office="Foreign Minister", jurisdiction="Chile")
    # control: a counterpart with no titled person before has no office to take
    assert facts(extract("He met his Chilean counterpart Pedro Alvarez."), "office") == []


def test_minister_for_a_capitalised_portfolio():
    found = facts(extract("Danish Minister for Nordic Cooperation Petra Holm visited Riga."), "office")
    assert has(found, person="Petra Holm", office="Minister for Nordic Cooperation", jurisdiction="Denmark")
    # control: "for" with a lower-case phrase is no portfolio
    found = facts(extract("He was foreign minister for two years, said Petra Holm."), "office")
    assert not has(found, person="Petra Holm")


def test_elected_to_the_post_of_a_title():
    found = facts(
        extract("Alan Tadtayev has been elected to the post of speaker of parliament.", published="2019-06-20"),
        "office",
    )
    assert has(found, person="Alan Tadtayev", office="Speaker of Parliament", status="current")


def test_a_persons_own_staff_is_no_public_office():
    text = "Arayik Harutyunyan's spokesperson Vahram Poghosyan said the count was over."
    assert not has(facts(extract(text), "office"), person="Vahram Poghosyan")
    # positive control: a state's spokesperson is an office
    found = facts(extract("Foreign Ministry spokesperson Maria Zakharova said so."), "office")
    assert has(found, person="Maria Zakharova")


def test_a_state_s_name_as_a_given_name_after_a_title():
    found = facts(extract("Chadian Interior Minister Chad Morrow condemned the move."), "office")
    assert has(found, person="Chad Morrow", office="Interior Minister", jurisdiction="Chad")
    # control: a state's name after a title and before a verb stays the state
    assert not has(facts(extract("The Prime Minister of Chad Said it was over."), "office"), person="Chad Said")


def test_a_second_title_coordinated_in_an_apposition():
    text = (
        "Inal Gitsba, chair of the opposition Aruaa party and the former vice mayor of the capital, Gagra (2005-2014), "
        "came second. Oleg Tarba, the former interior minister and ex-head of State Security Service, came third."
    )
    found = facts(extract(text), "office")
    assert has(found, person="Inal Gitsba", office="Vice Mayor of Gagra", start="2005", end="2014", status="former")
    assert has(found, person="Oleg Tarba", office="Interior Minister")
    # "head of State Security Service" is the head of a body, not a head of state
    assert has(found, person="Oleg Tarba", office="Head of the State Security Service")
    assert not has(found, person="Oleg Tarba", office="Head of State")


def test_pm_is_a_prime_minister():
    found = facts(extract("The deal was signed by PM Ruvel Ostrom in 2011."), "office")
    assert has(found, person="Ruvel Ostrom", office="Prime Minister")


def test_polity_leaders_local_heads_hyphenated_and_then_titles():
    text = (
        "Acting leader Badra Gunba spoke in Sukhum. Ruslan Ajba, head of the Gali district, agreed. "
        "Parliament vice-speaker Inal Gitsba abstained. The then-president Sergei Bagapsh objected."
    )
    found = facts(extract(text), "office")
    assert has(found, person="Badra Gunba", office="Leader of Abkhazia")
    assert has(found, person="Ruslan Ajba", office="Head of the Gali District")
    assert not has(found, person="Ruslan Ajba", office="President of Abkhazia")
    assert has(found, person="Inal Gitsba", organization="Parliament of Abkhazia")
    assert has(found, person="Sergei Bagapsh", status="former")
    # control: a party's leader with no polity wording stays a party role
    assert not facts(extract("Opposition leader Badra Gunba spoke in Sukhum."), "office")


def test_a_predicate_title_named_with_its_holder_is_not_the_subject_s():
    found = facts(extract("Alkhas Kvitsinia's running mate is MP Dmitry Dbar."), "office")
    assert has(found, person="Dmitry Dbar", office="Member of Parliament (MP)")
    assert not has(found, person="Alkhas Kvitsinia")
    # positive control: a predicate title with no name after it is the subject's
    found = facts(extract("Leonid Tibilov, who has been president since 2012, spoke in Tskhinval."), "office")
    assert has(found, person="Leonid Tibilov", start="2012")


def test_start_and_end_of_an_office_from_the_verb_and_a_body_named_in_the_title():
    base = "South Ossetia held a presidential election on Sunday. "
    found = facts(extract(base + "Alan Gagloev was sworn in as president on May 24, 2022."), "office")
    assert has(found, person="Alan Gagloev", start="2022-05-24", status="current")
    found = facts(extract(base + "Anatoly Bibilov resigned as president in 2022."), "office")
    assert has(found, person="Anatoly Bibilov", end="2022", status="former")
    found = facts(extract(base + "The CEC head, Bella Plieva, announced the results."), "office")
    assert has(found, person="Bella Plieva", office="Head of the Central Election Commission")
    # control: a date in another clause is not the office's
    found = facts(extract(base + "Alan Gagloev was elected president, and the vote was held on May 8, 2022."), "office")
    assert has(found, person="Alan Gagloev") and not has(found, start="2022-05-08")


def test_a_body_elects_a_person_as_a_title_and_a_holder_resigns():
    found = facts(extract("Artsakh's parliament elected Samvel Shahramanyan as president on Saturday."), "office")
    assert has(found, person="Samvel Shahramanyan", office="President of Nagorno-Karabakh", status="current")
    text = "The de facto president of Abkhazia, Aslan Bzhania, resigned on November 19, 2024 after protests."
    found = facts(extract(text, published="2024-11-20"), "office")
    assert has(found, person="Aslan Bzhania", status="former", end="2024-11-19")
    # control: a resignation threatened is no resignation
    text = "The de facto president of Abkhazia, Aslan Bzhania, may have resigned, some reports said."
    assert has(facts(extract(text, published="2024-11-20"), "office"), person="Aslan Bzhania", status="current")


def test_a_state_named_right_before_the_title_is_its_jurisdiction():
    """'US President X' is the United States' president, not the president of the polity named later."""
    found = facts(extract("US President Karl Brenner met Kosovo's president Vjosa Osmani in Washington."), "office")
    assert has(found, person="Karl Brenner", jurisdiction="United States")
    assert has(found, person="Vjosa Osmani", office="President of Kosovo", jurisdiction="Kosovo")
    assert not has(found, person="Karl Brenner", jurisdiction="Kosovo")
    found = facts(
        extract("The British foreign secretary, Tom Ashby, said London's position on Kosovo stood."), "office"
    )
    assert has(found, person="Tom Ashby", office="Foreign Secretary", jurisdiction="United Kingdom")


def test_a_title_given_again_without_its_state_keeps_the_state_named_before():
    text = (
        "US President Karl Brenner spoke to Morocco's King Mohammed VI on Thursday. King Mohammed VI agreed to "
        "resume diplomatic ties between his kingdom and Israel."
    )
    found = facts(extract(text, published="2020-12-10"), "office")
    assert has(found, person="Mohammed VI", jurisdiction="Morocco")
    assert not has(found, person="Mohammed VI", jurisdiction="Israel")


def test_serving_twice_as_a_title_is_a_former_office():
    found = facts(
        extract("Milo Djukanovic has served twice as Montenegro's president.", published="2023-03-20"), "office"
    )
    assert has(found, person="Milo Djukanovic", jurisdiction="Montenegro", status="former")


def test_an_office_ended_before_publication_is_former_and_leading_the_region_is_the_polity():
    text = (
        "Abkhazia votes on Sunday. Aslan Bzhania, the head of Abkhazia's State Security Service until 2016, "
        "withdrew. Raul Khajimba, a former KGB officer, has led the region since 2014."
    )
    found = facts(extract(text, published="2019-09-09"), "office")
    assert has(found, person="Aslan Bzhania", end="2016", status="former")
    assert has(found, person="Raul Khajimba", office="Leader of Abkhazia", start="2014", status="current")


def test_an_office_of_the_unrecognised_republic_is_of_the_polity_the_text_is_about():
    text = (
        "Arayik Harutyunyan, a former prime minister of the unrecognised republic, won Nagorno-Karabakh's "
        "presidential runoff."
    )
    found = facts(extract(text, published="2020-04-15"), "office")
    assert has(found, person="Arayik Harutyunyan", office="Prime Minister of Nagorno-Karabakh", status="former")


def test_head_of_a_states_body_in_lower_case_is_no_head_of_state():
    found = facts(
        extract("Aslan Bzhania, a former head of Abkhazia's security service, spoke.", published="2020-03-23"), "office"
    )
    assert has(found, person="Aslan Bzhania", office="Head of the Security Service", jurisdiction="Abkhazia")
    assert not has(found, person="Aslan Bzhania", office="President of Abkhazia")
    control = facts(extract("Anatoly Bibilov, the head of South Ossetia, spoke."), "office")
    assert has(control, person="Anatoly Bibilov", office="President of South Ossetia")
