"""Recognition rules (extract/recognition.py) on short sentences of our own (invented names, varied wording)."""

from __future__ import annotations

from .extraction_helpers import extract, facts, has


def test_recognised_by_a_list():
    found = facts(
        extract(
            "Transnistria is recognised only by Abkhazia, South Ossetia and the Caucasus republic of Nagorno-Karabakh."
        ),
        "recognition",
    )
    assert {f["state"] for f in found} == {"Abkhazia", "South Ossetia", "Nagorno-Karabakh"}
    assert all(f["recognized"] == "Transnistria" and f["stance"] == "recognizes" for f in found)


def test_active_recognition_with_date_and_pronoun():
    found = facts(extract("Abkhazia declared independence. Syria recognised it in May 2018."), "recognition")
    assert has(found, state="Syria", recognized="Abkhazia", stance="recognizes", date="2018-05")


def test_negation_and_withdrawal():
    text = "Moldova does not recognise Transnistria. Tuvalu and Vanuatu withdrew their recognition of Abkhazia in 2014."
    found = facts(extract(text), "recognition")
    assert has(found, state="Moldova", recognized="Transnistria", stance="does-not-recognize")
    assert has(found, state="Tuvalu", recognized="Abkhazia", stance="withdrew", date="2014")
    assert has(found, state="Vanuatu", recognized="Abkhazia", stance="withdrew")


def test_occupied_territory_and_part_of():
    text = "Georgia calls Abkhazia an occupied territory. Azerbaijan considers Nagorno-Karabakh part of Azerbaijan."
    found = facts(extract(text), "recognition")
    assert has(found, state="Georgia", recognized="Abkhazia", stance="does-not-recognize")
    assert has(found, state="Azerbaijan", recognized="Nagorno-Karabakh", stance="does-not-recognize")


def test_no_country_including():
    found = facts(extract("No UN member, including Russia, has recognized Transnistria."), "recognition")
    assert has(found, state="Russia", recognized="Transnistria", stance="does-not-recognize")
    assert not has(found, stance="recognizes")


def test_plural_anaphora_and_countries_that_include():
    text = "Abkhazia and South Ossetia broke away. Countries that have recognised both regions include Nauru and Syria."
    found = facts(extract(text), "recognition")
    assert {(f["state"], f["recognized"]) for f in found} == {
        ("Nauru", "Abkhazia"),
        ("Nauru", "South Ossetia"),
        ("Syria", "Abkhazia"),
        ("Syria", "South Ossetia"),
    }


def test_occupation_wording_and_implicit_withdrawal():
    text = "Georgia regards Abkhazia as Georgian territory under Russian occupation. Tuvalu later withdrew its recognition, in 2014."
    found = facts(extract(text), "recognition")
    assert has(found, state="Georgia", recognized="Abkhazia", stance="does-not-recognize")
    assert has(found, state="Tuvalu", recognized="Abkhazia", stance="withdrew")


def test_dates_stay_in_their_clause():
    text = "Zaur Kochiev, a former interior minister, has led the Amtsakhara party since 2012. Russia recognised Abkhazia in 2008, while Tuvalu withdrew its recognition in 2014."
    extraction = extract(text)
    assert has(facts(extraction, "office"), person="Zaur Kochiev", office="Interior Minister") and not has(
        facts(extraction, "office"), start="2012"
    )
    assert has(facts(extraction, "recognition"), state="Russia", stance="recognizes", date="2008")
    assert has(facts(extraction, "recognition"), state="Tuvalu", stance="withdrew", date="2014")


def test_a_capital_standing_for_its_government_never_crashes():
    """'the government in Tbilisi': the capital stands for Georgia, which the text never names."""
    extraction = extract("The vote was dismissed as illegitimate by the government in Tbilisi.")
    assert facts(extraction, "recognition") == []
    control = extract("Tbilisi does not recognise Abkhazia.")
    assert has(facts(control, "recognition"), state="Georgia", recognized="Abkhazia", stance="does-not-recognize")


def test_the_states_a_new_recogniser_joins_recognise_too():
    found = facts(
        extract("Tuvalu became the fifth country to recognize Abkhazia, joining Russia, Nauru and Syria."),
        "recognition",
    )
    assert {f["state"] for f in found if f["stance"] == "recognizes"} == {"Tuvalu", "Russia", "Nauru", "Syria"}
    after = facts(
        extract("Nauru became the fourth country after Russia and Syria to recognize Abkhazia."), "recognition"
    )
    assert {f["state"] for f in after} == {"Nauru", "Russia", "Syria"}
    control = facts(
        extract("After a war between Russia and Georgia, Nauru became the first country to recognize Abkhazia."),
        "recognition",
    )
    assert {f["state"] for f in control} == {"Nauru"}


def test_withdrawals_worded_many_ways_and_lists_of_withdrawers():
    text = (
        "Vanuatu, which has retracted its 2011 recognition of Abkhazia, signed a protocol. "
        "Panama decided to suspend recognition of the Sahrawi Arab Democratic Republic. "
        "The states that have revoked recognition of Kosovo include Palau, Liberia and Burundi."
    )
    found = facts(extract(text), "recognition")
    assert has(found, state="Vanuatu", recognized="Abkhazia", stance="withdrew")
    assert has(found, state="Panama", recognized="Sahrawi Arab Democratic Republic", stance="withdrew")
    for state in ("Palau", "Liberia", "Burundi"):
        assert has(found, state=state, recognized="Kosovo", stance="withdrew")
    asked = facts(extract("The allies called on Russia to reverse its recognition of Abkhazia."), "recognition")
    assert has(asked, state="Russia", recognized="Abkhazia", stance="recognizes")


def test_cutting_ties_with_a_contested_polity_is_a_withdrawal():
    found = facts(
        extract("Honduras cut diplomatic ties with Taiwan and now recognizes it as part of China."), "recognition"
    )
    assert [(f["state"], f["recognized"], f["stance"]) for f in found] == [("Honduras", "Taiwan", "withdrew")]
    control = facts(extract("Honduras cut diplomatic ties with Peru."), "recognition")
    assert control == []


def test_rejecting_a_polity_s_vote_as_illegitimate_is_non_recognition():
    found = facts(
        extract(
            "In Nagorno-Karabakh's presidential election, Bako Sahakian won. Azerbaijan condemned the election as illegal."
        ),
        "recognition",
    )
    assert has(found, state="Azerbaijan", recognized="Nagorno-Karabakh", stance="does-not-recognize")
    control = facts(
        extract("In Nagorno-Karabakh's presidential election, Bako Sahakian won. Azerbaijan followed the election."),
        "recognition",
    )
    assert control == []


def test_lists_of_recognisers_of_both_regions_and_generic_or_adjectival_uses():
    text = "Apart from Russia, Georgia's breakaway regions are now recognized by Nicaragua and Nauru."
    found = facts(extract("Abkhazia and South Ossetia broke away. " + text), "recognition")
    pairs = {(f["state"], f["recognized"]) for f in found if f["stance"] == "recognizes"}
    assert pairs == {(s, p) for s in ("Russia", "Nicaragua", "Nauru") for p in ("Abkhazia", "South Ossetia")}
    refused = {(f["state"], f["recognized"]) for f in found if f["stance"] == "does-not-recognize"}
    assert refused == {("Georgia", "Abkhazia"), ("Georgia", "South Ossetia")}  # Georgia's breakaway regions
    generic = facts(
        extract("Georgia hopes to set an example for those states which recognize Georgia's occupied regions."),
        "recognition",
    )
    assert not has(generic, stance="recognizes")
    borders = facts(
        extract("Tuvalu supports Georgia's internationally recognized borders, which include Abkhazia."), "recognition"
    )
    assert borders == []


def test_a_parent_state_does_not_recognise_its_breakaway_region():
    text = (
        "Nauru recognised Abkhazia, backing Moscow's drive for recognition of Georgia's breakaway territories. "
        "Talks on the Moldovan separatist republic of Transnistria stalled."
    )
    found = facts(extract(text), "recognition")
    assert has(found, state="Georgia", recognized="Abkhazia", stance="does-not-recognize")
    assert has(found, state="Moldova", recognized="Transnistria", stance="does-not-recognize")
    # control: a backer named before "-backed separatists" is no parent
    backed = facts(extract("Fighting flared in the Russian-backed separatist region of Transnistria."), "recognition")
    assert not has(backed, state="Russia")


def test_a_polity_that_broke_away_from_a_state():
    text = (
        "Somaliland has run its own affairs independently from Somalia since 1991 but is recognised by no other country. "
        "The region declared independence from Somalia in 1991."
    )
    found = facts(extract(text), "recognition")
    assert has(found, state="Somalia", recognized="Somaliland", stance="does-not-recognize")
    # control: a state that is not a contested polity breaking away is history, not a stance here
    assert facts(extract("Estonia declared independence from the Soviet Union in 1991."), "recognition") == []


def test_a_breakaway_region_in_an_election_report_only_locates_the_vote():
    text = "Voters in Georgia's breakaway region of Abkhazia elected a new parliament on Sunday."
    assert facts(extract(text), "recognition") == []
    # positive control: the same phrase where the article reports recognition
    found = facts(extract(text + " Only Russia and Nauru recognise Abkhazia."), "recognition")
    assert has(found, state="Georgia", recognized="Abkhazia", stance="does-not-recognize")


def test_a_timeline_of_recognitions_each_with_its_own_date():
    text = (
        "Russia recognised Abkhazia on August 26, 2008, followed by Nicaragua in September 2008 and Venezuela in 2009."
    )
    found = facts(extract(text), "recognition")
    assert has(found, state="Russia", recognized="Abkhazia", stance="recognizes", date="2008-08-26")
    assert has(found, state="Nicaragua", recognized="Abkhazia", stance="recognizes", date="2008-09")
    assert has(found, state="Venezuela", recognized="Abkhazia", stance="recognizes", date="2009")


def test_a_reversed_decision_is_a_withdrawal_where_recognition_is_spoken_of():
    text = "Tuvalu withdrew its recognition of Abkhazia in 2014, and Vanuatu reversed its decision in 2013."
    found = facts(extract(text), "recognition")
    assert has(found, state="Vanuatu", recognized="Abkhazia", stance="withdrew", date="2013")
    # control: a reversed decision on something else is no withdrawal
    other = facts(extract("Vanuatu reversed its decision on fishing quotas near Abkhazia in 2013."), "recognition")
    assert other == []


def test_switching_ties_from_a_polity_and_members_of_a_counted_group():
    found = facts(extract("Kiribati switched diplomatic ties from Taipei to Beijing in September 2019."), "recognition")
    assert has(found, state="Kiribati", recognized="Taiwan", stance="withdrew", date="2019-09")
    found = facts(extract("Paraguay is one of 12 countries that still recognise Taiwan."), "recognition")
    assert has(found, state="Paraguay", recognized="Taiwan", stance="recognizes")
    found = facts(extract("Only 12 countries recognise Taiwan, including Guatemala and Eswatini."), "recognition")
    assert {f["state"] for f in found} == {"Guatemala", "Eswatini"}
    # controls: a group with no member named, and a recognition of a UN member's claim
    assert facts(extract("Some 12 countries still recognise Taiwan."), "recognition") == []
    assert facts(extract("Kenya has recognised Morocco's sovereignty over the territory."), "recognition") == []


def test_polities_that_broke_away_together():
    text = "Abkhazia and South Ossetia broke away from Georgia. Only Russia recognises them."
    found = facts(extract(text), "recognition")
    assert has(found, state="Georgia", recognized="Abkhazia", stance="does-not-recognize")
    assert has(found, state="Georgia", recognized="South Ossetia", stance="does-not-recognize")


def test_recognition_read_from_diplomacy_and_a_recognition_not_yet_given():
    found = facts(extract("Nauru established diplomatic relations with Abkhazia in December 2009."), "recognition")
    assert has(found, state="Nauru", recognized="Abkhazia", stance="recognizes", date="2009-12")
    found = facts(extract("Syria and Abkhazia established diplomatic relations in 2018."), "recognition")
    assert has(found, state="Syria", recognized="Abkhazia", stance="recognizes")
    found = facts(extract("Tuvalu reaffirmed its recognition of Abkhazia."), "recognition")
    assert has(found, state="Tuvalu", recognized="Abkhazia", stance="recognizes")
    found = facts(extract("Belarus has yet to recognise Abkhazia."), "recognition")
    assert has(found, state="Belarus", stance="does-not-recognize") and not has(found, stance="recognizes")
    # controls: relations between two recognised states, and relations refused
    assert facts(extract("Georgia established diplomatic relations with Tuvalu in 2014."), "recognition") == []
    assert facts(extract("Belarus has not established diplomatic relations with Abkhazia."), "recognition") == []


def test_diplomatic_allies_of_a_polity_recognise_it():
    found = facts(
        extract("Taiwan now has only 15 diplomatic allies, including Tuvalu, Nauru and Belize."), "recognition"
    )
    assert {f["state"] for f in found} == {"Tuvalu", "Nauru", "Belize"}
    # control: allies with no word of diplomacy may be military ones
    assert facts(extract("Taiwan's allies, including Japan, held drills."), "recognition") == []


def test_a_list_ending_with_the_and_a_long_object_and_results_that_are_not_the_polity():
    listed = facts(extract("Poland, Estonia, Latvia and the US today said they would recognise Kosovo."), "recognition")
    assert {f["state"] for f in listed} == {"Poland", "Estonia", "Latvia", "United States"}
    refused = facts(
        extract(
            'Greece\'s minister said: "Athens will not recognise the unilateral act proclaimed yesterday by the assembly of Kosovo."'
        ),
        "recognition",
    )
    assert has(refused, state="Greece", recognized="Kosovo", stance="does-not-recognize")
    results = extract(
        'Georgia and the EU said they will not recognise the results of the "presidential election" in the breakaway region of Abkhazia.'
    )
    assert not facts(results, "recognition")


def test_withdrawing_their_recognition_of_every_polity_named_before():
    text = (
        "Vanuatu and Tuvalu, which had recognised Abkhazia and South Ossetia, withdrew their recognition in 2013 "
        "after establishing diplomatic relations with Georgia."
    )
    found = facts(extract(text, published="2014-04-01"), "recognition")
    for state in ("Vanuatu", "Tuvalu"):
        for polity in ("Abkhazia", "South Ossetia"):
            assert has(found, state=state, recognized=polity, stance="withdrew")


def test_a_quantified_group_of_states_is_no_named_recogniser():
    # "only a handful of states recognise it": the group is unnamed, and the state named earlier in the
    # sentence (the one the polity broke away from) is not its subject
    text = "Somaliland declared independence from Somalia in 1991, but only a handful of states recognise it."
    found = facts(extract(text), "recognition")
    assert has(found, state="Somalia", recognized="Somaliland", stance="does-not-recognize")
    assert not has(found, stance="recognizes"), found
    for group in ("a dozen UN member states", "several countries", "a small number of governments"):
        found = facts(extract(f"Kosovo broke away from Serbia, and {group} recognise it."), "recognition")
        assert not has(found, state="Serbia", stance="recognizes"), (group, found)
    # the members a sentence names are still taken
    found = facts(extract("A handful of states recognise Taiwan, including Belize and Haiti."), "recognition")
    assert {f["state"] for f in found} == {"Belize", "Haiti"}
