"""Tokens as the mention passes read them (extract/name_shapes.py)."""

from actorgraph.extract.name_shapes import Token, tokenize


def test_tokenize_splits_a_capitalised_tail_glued_to_a_word() -> None:
    tokens = tokenize("RIA quotedGeorgi Ivanov, the régime's man")
    assert [(t.text, t.start, t.end) for t in tokens] == [
        ("RIA", 0, 3),
        ("quoted", 4, 10),
        ("Georgi", 10, 16),
        ("Ivanov", 17, 23),
        (",", 23, 24),
        ("the", 25, 28),
        ("régime", 29, 35),
        ("'s", 35, 37),
        ("man", 38, 41),
    ]
    assert [t.folded for t in tokens][6:8] == ["regime", "'s"]
    assert tokens[7].is_possessive and not tokens[6].is_possessive


def test_is_capitalised_needs_an_upper_case_start_and_a_letter() -> None:
    assert Token("Ivanov", 0, 6).is_capitalised
    assert Token("É", 0, 1).is_capitalised
    assert not Token("ivanov", 0, 6).is_capitalised
    assert not Token("1990s", 0, 5).is_capitalised
    assert not Token("Ⅷ", 0, 1).is_capitalised  # upper case, yet no letter (a Roman numeral)
    assert Token("Ⅷa", 0, 2).is_capitalised
