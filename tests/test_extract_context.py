"""extract/context.py: what a document's context tells the rules (elections, rounds, quotes, pronouns, partial counts)."""

from __future__ import annotations

from functools import cache

from actorgraph.extract.context import DocumentContext, flat
from actorgraph.extract.lexicon_patterns import alternation, cue
from actorgraph.extract.mentions import MentionFinder
from actorgraph.lexicon import lexicon
from actorgraph.records import Document


@cache
def finder() -> MentionFinder:
    return MentionFinder()


def context(text: str, published: str | None = "2021-03-14") -> DocumentContext:
    return DocumentContext(Document(id="t", text=text, source="t", published=published), finder())


def test_flat_keeps_offsets_and_plain_punctuation():
    text = "“Kochiev’s” — İlham"
    flattened = flat(text)
    assert len(flattened) == len(text)
    assert flattened.startswith('"kochiev\'s" - ')


def test_alternation_matches_whole_phrases_longest_first():
    import re

    pattern = re.compile(alternation(["vote", "Vote share", "voted  for"]))
    assert pattern.search("the vote share was").group(0) == "vote share"
    assert pattern.search("he voted   for her").group(0) == "voted   for"
    assert pattern.search("a revote today") is None and pattern.search("vote-rigging") is None


def test_election_from_the_sentence_and_its_year():
    ctx = context("In Transnistria's presidential election, Ilya Vornikov has 44 percent.")
    election = ctx.election_at(ctx.text.index("44"))
    assert election is not None and (election.office, election.year) == ("President", 2021)
    assert ctx.names[election.jurisdiction].name == "Transnistria"


def test_no_election_without_a_cue_and_its_control():
    assert context("Ilya Vornikov opened a brewery in Tiraspol.").election_at(10) is None
    ctx = context("Ilya Vornikov ran in Transnistria's presidential election.")
    assert ctx.election_at(10) is not None


def test_runoff_is_the_second_round():
    ctx = context("In the runoff of Transnistria's presidential election, Ilya Vornikov has 52 percent.")
    assert ctx.round_at(ctx.text.index("52")) == 2
    first = context("In the first round of Transnistria's presidential election, Ilya Vornikov has 32 percent.")
    assert first.round_at(first.text.index("32")) == 1


def test_partial_count_is_scoped_to_its_statement():
    ctx = context(
        "With 60 percent of ballots counted in Transnistria's presidential election, Ilya Vornikov has 44 percent."
    )
    assert ctx.partial_at(ctx.text.index("44"))
    final = context("In Transnistria's presidential election, Ilya Vornikov has 44 percent.")
    assert not final.partial_at(final.text.index("44"))


def test_quotes_and_their_speaker():
    for text in (
        'Ilya Vornikov said: "We will win." Oksana Belenko disagreed.',
        '"We will win," Ilya Vornikov said. Oksana Belenko disagreed.',
    ):
        ctx = context(text)
        assert ctx.in_quote(text.index("win")) and not ctx.in_quote(text.index("disagreed"))
        speaker = ctx.speaker_at(text.index("win"))
        assert speaker is not None and ctx.names[speaker].name == "Ilya Vornikov", text
        assert ctx.speaker_at(text.index("disagreed")) is None


def test_pronoun_reads_back_to_the_latest_subject_of_its_gender():
    text = "Oksana Belenko spoke first. Ilya Vornikov spoke next. She said the vote was fair."
    ctx = context(text)
    key = ctx.resolve_pronoun(text.index("She"), "she")
    assert key is not None and ctx.names[key].name == "Oksana Belenko"
    key = ctx.resolve_pronoun(text.index("She"), "he")
    assert key is not None and ctx.names[key].name == "Ilya Vornikov"
    nobody = context("Ilya Vornikov spoke. She said the vote was fair.")
    assert nobody.resolve_pronoun(nobody.text.index("She"), "she") is None, "no woman to refer to"


def test_attribution_names_the_source():
    text = (
        "According to the news agency Interfax, Ilya Vornikov has 44 percent in Transnistria's presidential election."
    )
    ctx = context(text)
    attribution = ctx.attribution_for(text.index("44"))
    assert attribution is not None and "Interfax" in attribution.wording
    assert context("Ilya Vornikov has 44 percent.").attribution_for(20) is None


def test_sentence_of_a_position():
    ctx = context("First sentence here. Second one there.")
    assert ctx.sentence_of(0) == 0 and ctx.sentence_of(ctx.text.index("Second")) == 1


def test_attribution_skips_an_apposition_before_the_speech_verb():
    """'X, the leader of Y, said': X speaks, not the polity inside the apposition; a source
    named right before the verb stays the source (positive control)."""
    text = "Anatoly Bibilov, the leader of South Ossetia, said on Monday he would stand again."
    ctx = context(text)
    attribution = ctx.attribution_for(text.index("Monday"))
    assert attribution is not None and attribution.source == key_of(ctx, "Anatoly Bibilov")
    assert attribution.wording == "Anatoly Bibilov, the leader of South Ossetia, said"
    plain = context("Moscow, Tbilisi and Sukhumi were told, Sergei Lavrov said on Monday.")
    said = plain.attribution_for(plain.text.index("Monday"))
    assert said is not None and said.source == key_of(plain, "Sergei Lavrov")


def key_of(ctx: DocumentContext, name: str) -> str | None:
    start = ctx.text.index(name)
    found = ctx.mentions_in(start, start + len(name))
    return found[0].key if found else None


def test_attribution_to_a_name_in_apposition():
    text = "The head of South Ossetia's presidential administration, Yuri Vazagov, told reporters the vote was fair."
    ctx = context(text)
    attribution = ctx.attribution_for(text.index("reporters"))
    assert attribution is not None and attribution.source == key_of(ctx, "Yuri Vazagov")


def test_a_contested_polity_named_in_passing_is_not_what_the_text_is_about():
    """An Armenian election report that mentions the Nagorno-Karabakh war once is about Armenia;
    a report naming Nagorno-Karabakh throughout is about it (control)."""
    armenia = context(
        "Armenian Prime Minister Nikol Pashinyan's Civil Contract party won the vote in Yerevan. Former president "
        "Robert Kocharyan came second. Pashinyan called the election after the Nagorno-Karabakh war.",
        published="2021-06-21",
    )
    assert armenia.polity == "https://w3id.org/actorgraph/ref/state/armenia"
    karabakh = context(
        "Nagorno-Karabakh voted for a new leader on Tuesday. Turnout in Nagorno-Karabakh was low, and Armenia "
        "watched the vote in Nagorno-Karabakh closely.",
    )
    assert karabakh.polity == "https://w3id.org/actorgraph/ref/state/nagorno-karabakh"


def test_may_hold_any_is_may_hold_of_one_of_the_lists():
    """The rules' quick test before a pattern that needs a phrase of one of several lists (membership
    verbs, won or lost, a fraction): a sentence holding a phrase of any list passes, one holding
    none of the words the lists' phrases open with does not."""
    keys = ("won_verbs", "lost_verbs", "share_fractions")
    sentences = [f"He {phrase} at last." for key in keys for phrase in lexicon()[key]]
    sentences += ["The wonderful owner of a lost-and-found office.", "Nobody, nothing at all.", "Halfway there."]
    ctx = context(" ".join(sentences))
    position = 0
    for sentence in sentences:
        start = ctx.text.index(sentence, position)
        end = position = start + len(sentence)
        if any(cue(key).search(ctx.flat, start, end) for key in keys):
            assert ctx.may_hold_any(keys, start, end), sentence
        assert ctx.may_hold_any(keys, start, end) == any(ctx.may_hold(key, start, end) for key in keys)
    nothing = ctx.text.index("Nobody")
    assert not ctx.may_hold_any(keys, nothing, nothing + len("Nobody, nothing at all."))
    assert ctx.may_hold_any(keys, 0, len(sentences[0])) and not ctx.may_hold_any((), 0, len(ctx.text))
