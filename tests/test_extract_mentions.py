"""Mentions: dictionary names, unseen names by shape and cue, bodies with their state, coreference."""

from __future__ import annotations

from .extraction_helpers import extract, facts, has, names_of


def test_dictionary_names_and_variants():
    found = extract("Sergey Lavrov met Maia Sandu in Chisinau. The Kremlin and Tbilisi disagreed.")
    assert {"Sergei Lavrov", "Maia Sandu"} <= names_of(found, "Person")
    assert {"Russia", "Georgia"} <= names_of(found, "State")  # the Kremlin and Tbilisi stand for their states
    assert "Chisinau" in names_of(found, "Place")


def test_a_capital_acting_stands_for_its_state_and_a_capital_as_place_stays_a_city():
    acting = extract("Moscow recognised the vote, and Ankara backed Ersin Tatar. Oslo and Dublin will follow.")
    assert {"Russia", "Turkey", "Norway", "Ireland"} <= names_of(acting, "State")
    assert not names_of(acting, "Place")
    places = extract(
        "Talks were held in Ankara. Voters from Gagra and Sukhumi came to the capital Tbilisi "
        "and to a Tskhinvali clinic. TBILISI, March 3 (Reuters)."
    )
    assert {"Ankara", "Sukhumi", "Tbilisi", "Tskhinvali"} <= names_of(places, "Place")
    assert not names_of(places, "State")


def test_unseen_people_from_given_names_and_surname_endings():
    found = extract("Madina Tsoraeva and Zaurbek Kochiev spoke. Later Tsoraeva left.")
    assert {"Madina Tsoraeva", "Zaurbek Kochiev"} <= names_of(found, "Person")
    keys = {m.span.quote: m.key for m in found.mentions}
    assert keys["Tsoraeva"] == keys["Madina Tsoraeva"], "a bare surname refers back to the full name"


def test_role_cues_name_people_the_lists_do_not_know():
    found = extract("Opposition lawmaker Kvitsinia Abdulov criticised the vote. Ombudsman Beslan Quqa agreed.")
    assert {"Kvitsinia Abdulov", "Beslan Quqa"} <= names_of(found, "Person")


def test_russian_name_order_with_patronymic():
    found = extract("Kochiev Zaurbek Taimurazovich was registered.")
    assert "Zaurbek Kochiev" in names_of(found, "Person")


def test_coordination_extends_person_lists():
    found = extract("The delegation of Sergei Shoigu, Valentina Matviyenko and Oleksa Brumvich arrived.")
    assert "Oleksa Brumvich" in names_of(found, "Person")


def test_typo_of_a_named_person_is_the_same_person():
    found = extract("Aslan Bzhania spoke first. Later Aslan Bzhanya repeated it.")
    keys = {m.span.quote: m.key for m in found.mentions}
    assert keys["Aslan Bzhanya"] == keys["Aslan Bzhania"]


def test_gendered_surnames_are_different_people():
    found = extract("Zarina Tedeeva met Taimuraz Tedeev.")
    keys = {m.span.quote: m.key for m in found.mentions}
    assert keys["Zarina Tedeeva"] != keys["Taimuraz Tedeev"]


def test_party_and_media_cues():
    found = extract(
        "The Justice party and the Fatherland opposition party complained, the newspaper Ekho Kavkaza reported."
    )
    assert {"Justice", "Fatherland"} <= names_of(found, "PoliticalParty")
    assert "Ekho Kavkaza" in names_of(found, "MediaOutlet")


def test_generic_bodies_take_their_state():
    found = extract(
        "Abkhazia's election commission and the Russian foreign ministry spoke. "
        "The Defence Ministry of Transnistria did not.",
    )
    bodies = names_of(found, "GovernmentBody")
    assert {
        "Central Election Commission of Abkhazia",
        "Ministry of Foreign Affairs of Russia",
        "Ministry of Defence of Transnistria",
    } <= bodies


def test_generic_body_defaults_to_the_documents_polity():
    found = extract("Voters in Abkhazia went to the polls. The CEC said turnout was high.", title="Abkhazia votes")
    assert "Central Election Commission of Abkhazia" in names_of(found, "GovernmentBody")


def test_dateline_in_capitals_and_glued_words():
    found = extract("SUKHUMI, June 3 - The outlet quotedAslan Bzhania as saying so.")
    assert "Sukhumi" in names_of(found, "Place")
    assert "Aslan Bzhania" in names_of(found, "Person")


def test_every_mention_quote_is_the_text_at_its_offsets():
    text = "TSKHINVALI — Alan Gagloev’s Nykhas party and Russia’s Central Election Commission met Bela Kochieva."
    found = extract(text)
    assert found.mentions
    for mention in found.mentions:
        assert text[mention.span.start : mention.span.end] == mention.span.quote


def test_possessive_after_of_names_the_inner_polity():
    found = extract(
        "Vadim Krasnoselsky, the speaker of the Supreme Council of Moldova's separatist Transnistria region, won."
    )
    assert "Supreme Council of Transnistria" in names_of(found, "GovernmentBody")


def test_names_after_titles_and_demonyms_from_any_country():
    found = extract(
        "Chilean Foreign Minister Alberto Ramos met Danish Prime Minister Mette Lund. "
        "King Mohammed VI received them, and his Peruvian counterpart Eduardo Vidal joined."
    )
    assert {"Alberto Ramos", "Mette Lund", "Mohammed VI", "Eduardo Vidal"} <= names_of(found, "Person")
    assert has(facts(found, "office"), person="Mette Lund", office="Prime Minister of Denmark")
    control = extract("The Danish Refugee Council and the Abkhaz People's Movement protested.")
    assert not names_of(control, "Person")
    assert "Abkhaz People's Movement" in names_of(control, "PoliticalParty")


def test_a_body_name_running_into_a_person_name_is_split():
    found = extract("He was followed by the leader of the Green Harvest Movement Tamaz Kobalia with 3 percent.")
    assert "Tamaz Kobalia" in names_of(found, "Person")
    assert "Green Harvest Movement" in names_of(found, "PoliticalParty")


def test_a_demonym_and_title_before_an_unknown_name_are_its_cue():
    found = extract("The Danish Prime Minister Halvard Fennick met Latvian Ambassador Qor Umbat on Monday.")
    assert {"Halvard Fennick", "Qor Umbat"} <= names_of(found, "Person")
    alone = extract("The Danish Prime Minister said so, and the Latvian Ambassador agreed.")
    assert not names_of(alone, "Person"), "a title with no name after it names nobody"


def test_a_body_name_run_into_a_known_given_name_is_split():
    found = extract("Chairman of the Regional Water Board Otar Bagrua said turnout was high.")
    assert "Otar Bagrua" in names_of(found, "Person")
    assert not any("Board" in name for name in names_of(found, "Person"))
    negative = extract("The Regional Water Board Authority said turnout was high.")
    assert not names_of(negative, "Person")


def test_a_counterpart_after_a_comma_is_a_person():
    found = extract("Fennick phoned his Latvian counterpart, Ruvel Ostrom, on Tuesday.")
    assert "Ruvel Ostrom" in names_of(found, "Person")
    negative = extract("Fennick phoned his counterpart, then Baltic Shipping signed.")
    assert "Baltic Shipping" not in names_of(negative, "Person"), "only a comma stands between cue and name"


def test_the_word_candidate_is_a_cue_not_part_of_the_name():
    found = extract("Candidate Oskan Mirelian lost the vote.")
    assert "Oskan Mirelian" in names_of(found, "Person")
    assert not any("Candidate" in name for name in names_of(found, "Person"))
    assert not names_of(extract("Candidate Registration closed on Monday."), "Person")


def test_a_party_unknown_to_the_dictionary_is_found_after_a_party_cue():
    found = extract("Omar Gvazava of the opposition party Nartaa won. The ruling party United Nartaa lost.")
    assert {"Nartaa", "United Nartaa"} <= names_of(found, "PoliticalParty")
    person = extract("The ruling party Tina Bokuchava spoke.")
    assert "Tina Bokuchava" in names_of(person, "Person"), "a name shaped like a person's stays a person"
    assert not names_of(extract("The party Nartaa won."), "PoliticalParty"), "one word 'party' is too weak a cue"


def test_a_hyphenated_surname_is_one_word_of_the_name():
    found = extract("Nine candidates, including former president Arsen Ter-Grigoryan, registered.")
    assert "Arsen Ter-Grigoryan" in names_of(found, "Person")
    assert "Arsen Ter" not in names_of(found, "Person")
    spaced = extract("Candidate Kochiev - Grigoryan won, the first results show.")
    assert not any("Kochiev" in name and "Grigoryan" in name for name in names_of(spaced, "Person")), (
        "a spaced dash joins nothing"
    )


def test_credit_lines_and_line_breaks_make_no_names():
    text = (
        "Leaders met in May. Copyright AP Photo/Nikolai Tamarenko, Pool\nCopyright AP 2020\nLawmaker Otar Bagrua spoke."
    )
    persons = names_of(extract(text), "Person")
    assert "Otar Bagrua" in persons
    assert not any(word in name for name in persons for word in ("Pool", "Copyright", "/")), persons


def test_oceans_and_seas_are_places():
    found = extract("The island lies in the South Pacific Ocean, far from the Red Sea.")
    assert {"Pacific Ocean", "Red Sea"} <= names_of(found, "Place")
    assert not names_of(found, "Person")


def test_a_line_break_ends_a_name():
    found = extract("Byline: Zaurbek Kochiev\nAnalysis of the vote follows.")
    assert "Zaurbek Kochiev" in names_of(found, "Person")
    assert not any("Analysis" in name for name in names_of(found, "Person"))


def test_a_bare_surname_shared_by_namesakes_goes_to_the_one_named_more_often():
    text = (
        "Ruben Kalantaryan won. Ruben Kalantaryan thanked voters. Davit Kalantaryan (no relation) lost. "
        "Later President Kalantaryan spoke."
    )
    found = extract(text)
    keys = {m.span.quote: m.key for m in found.mentions}
    assert keys["Kalantaryan"] == keys["Ruben Kalantaryan"]
    tied = extract("Ruben Kalantaryan won and Davit Kalantaryan lost. Later President Kalantaryan spoke.")
    assert "Kalantaryan" not in {m.span.quote for m in tied.mentions}, "a tie names nobody"


def test_a_given_name_that_is_also_a_place_starts_a_name_before_a_surname():
    found = extract("Former prosecutor Victoria Tamarenko came fifth. Voters in Victoria stayed home.")
    assert "Victoria Tamarenko" in names_of(found, "Person")
    assert "Victoria" in names_of(found, "Place"), "the place alone is still the place"


def test_candidate_words_and_times_stay_out_of_names():
    found = names_of(
        extract("Presidential Candidate Dzambolat Tedeev lost. TSKHINVAL (15:40 MSK) Alan Gagloev leads."), "Person"
    )
    assert found == {"Dzambolat Tedeev", "Alan Gagloev"}


def test_portfolio_words_and_names_of_bodies_are_no_persons():
    text = (
        "Georgian Minister for Conflict Resolution Issues Goga Khaindrava spoke. "
        "According to the director of the Center for Political Studies, Aleksei Chesnakov, it was expected."
    )
    assert names_of(extract(text), "Person") == {"Goga Khaindrava", "Aleksei Chesnakov"}
    # positive control: coordination still names persons listed with a person
    assert "Franc Klincebish" in names_of(extract("Sergei Shoigu, Ruslan Ajba and Franc Klincebish met."), "Person")


def test_a_given_name_of_two_syllables_joined_by_a_hyphen():
    found = names_of(
        extract("Lai Ching-te and Tsai Ing-wen spoke. Kremlin-led forces and Amtsakhara-run media left."), "Person"
    )
    assert found == {"Lai Ching-te", "Tsai Ing-wen"}


def test_party_names_with_of_are_whole_and_not_a_shorter_reference_party():
    """'the Democratic Party of Socialists' is one party (not Moldova's 'Party of Socialists' with a
    stray 'Democratic'); an adjective before a known party is no party of its own; 'Party of X' is a
    party by its shape."""
    found = extract("Milo Djukanovic, leader of the Democratic Party of Socialists, conceded defeat on Sunday.")
    assert "Democratic Party of Socialists" in names_of(found, "PoliticalParty")
    assert has(facts(found, "membership"), person="Milo Djukanovic", organization="Democratic Party of Socialists")
    known = extract(
        "The Moldovan Party of Socialists backed Igor Dodon; Maia Sandu leads the pro-European Party of Action and Solidarity."
    )
    assert names_of(known, "PoliticalParty") == {
        "Party of Socialists of the Republic of Moldova",
        "Party of Action and Solidarity",
    }
    shaped = extract("Viktor Pynzar of the Party of Regions spoke in Kyiv.")
    assert has(facts(shaped, "membership"), person="Viktor Pynzar", organization="Party of Regions")


def test_a_long_glued_syllable_and_a_possessive_apposition_name_a_person():
    """'Tien Chung-kwang' keeps its second syllable (but '-backed' is no syllable); 'X Y, Nauru's
    ambassador to Taiwan' is a person by the role in the apposition."""
    assert "Tien Chung-kwang" in names_of(
        extract("Deputy Foreign Minister Tien Chung-kwang accused Beijing."), "Person"
    )
    assert "Aslan Bzhania-backed" not in names_of(extract("The Aslan Bzhania-backed candidate lost."), "Person")
    found = extract("Jarden Kephas, Nauru's ambassador to Taiwan, said he had been told to pack up.")
    assert "Jarden Kephas" in names_of(found, "Person")
    assert has(facts(found, "office"), person="Jarden Kephas", jurisdiction="Nauru")


def test_a_name_given_as_better_known_as_refers_to_the_person_after():
    found = extract(
        "Abdirahman Mohamed Abdullahi, better known as Irro, won Somaliland's 2024 presidential election. "
        "Irro got 407,908 votes, equivalent to 64% of the valid votes.",
        published="2024-11-19",
    )
    irro = [m for m in found.mentions if m.span.quote == "Irro"]
    assert len(irro) == 2 and {m.name for m in irro} == {"Abdirahman Abdullahi"}
    assert has(facts(found, "candidacy"), person="Abdirahman Abdullahi", vote_share=64.0, votes=407908)


def test_a_reference_party_of_a_state_the_text_never_names_is_a_namesake():
    """'Ivica Dacic's Socialist Party' in a report on Serbia is not Moldova's party of that name;
    with Moldova's known persons (or Moldova) named, it is (controls)."""
    serbia = extract("Ivica Dacic's Socialist Party took 11 percent in Serbia's parliamentary vote.")
    assert names_of(serbia, "PoliticalParty") == {"Socialist Party"}
    dodon = extract("Igor Dodon of the Party of Socialists won.")
    assert names_of(dodon, "PoliticalParty") == {"Party of Socialists of the Republic of Moldova"}
    named = extract("In Moldova, the Socialist Party won.")
    assert names_of(named, "PoliticalParty") == {"Party of Socialists of the Republic of Moldova"}
