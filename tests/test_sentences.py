"""Sentence segmentation keeps offsets and does not break at abbreviations or initials."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from actorgraph.sentences import split


def texts(text: str) -> list[str]:
    return [s.text for s in split(text)]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "The U.S. Marines trained with Gen. Smith and J. Doe. No. 5 came second. Results came on Monday."
    assert texts(text) == [
        "The U.S. Marines trained with Gen. Smith and J. Doe.",
        "No. 5 came second.",
        "Results came on Monday.",
    ]


def test_quotes_and_paragraphs():
    text = "“We won,” he said. She agreed.\n\nA new paragraph! Is it? Yes."
    sentences = split(text)
    assert [s.text for s in sentences] == ["“We won,” he said.", "She agreed.", "A new paragraph!", "Is it?", "Yes."]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1, 1]


def test_decimal_numbers_and_domains_stay_inside():
    assert texts("Bibilov has 42.02 percent, according to gazeta.ru today. Next.") == [
        "Bibilov has 42.02 percent, according to gazeta.ru today.",
        "Next.",
    ]


@given(
    st.lists(
        st.sampled_from(
            ["Alla Dzhioyeva won.", "Gen. Smith", "U.S.", " ", "\n\n", "42.5%", "“Yes,” he said.", "Mr. X", "?"]
        ),
        max_size=12,
    )
)
def test_every_sentence_is_its_own_slice_of_the_text(pieces):
    text = "".join(pieces)
    previous_end = 0
    for sentence in split(text):
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
