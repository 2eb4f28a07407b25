"""The search card: written and read back exactly, whatever is in the names."""

import datetime as dt

from frontdoor.people.search.matching.card import CARD_BYTES, MORE_ALIASES, card_text, read_card

BASE = {
    "given_name": "Zoë",
    "middle_names": "Anne Marie",
    "preferred_name": "Zo",
    "family_name": "O'Brien-Smith",
    "date_of_birth": dt.date(2015, 3, 4),
    "approximate_age": None,
    "sex": "F",
    "postcode": "NR1 2AB",
}


def test_a_card_reads_back_as_written():
    card = read_card(card_text(**BASE, aliases=[("Zoe", "Smith"), ("Zoe", "Brown")]))
    assert (card.given_name, card.middle_names, card.preferred_name, card.family_name) == (
        "Zoë",
        "Anne Marie",
        "Zo",
        "O'Brien-Smith",
    )
    assert (card.date_of_birth, card.approximate_age, card.sex, card.postcode) == (
        dt.date(2015, 3, 4),
        None,
        "F",
        "NR1 2AB",
    )
    assert card.aliases == (("Zoe", "Brown"), ("Zoe", "Smith"))


def test_blank_fields_and_an_age_only():
    values = {**BASE, "middle_names": "", "preferred_name": "", "date_of_birth": None, "approximate_age": 34}
    card = read_card(card_text(**values))
    assert (card.middle_names, card.date_of_birth, card.approximate_age, card.aliases) == ("", None, 34, ())


def test_control_characters_in_a_name_cannot_break_the_card():
    card = read_card(card_text(**{**BASE, "given_name": "Zo\x1fë\x1c"}, aliases=[("A\x1eB", "C\x1dD")]))
    assert card.given_name == "Zo ë " and card.aliases == (("A B", "C D"),)


def test_too_many_other_names_are_left_to_the_database():
    aliases = [(f"Given{i}" * 5, f"Family{i}" * 5) for i in range(40)]
    text = card_text(**BASE, aliases=aliases)
    assert len(text.encode()) <= CARD_BYTES and text.endswith(MORE_ALIASES)
    assert read_card(text).aliases is None
