"""Invisible characters that would make names look alike or read backwards are never stored."""

import unicodedata

import pytest
from django import forms

from frontdoor.core.text import plain_text
from frontdoor.ui.forms import text


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("Geraldine", "Geraldine"),
        ("Ger\u200baldine", "Geraldine"),  # zero-width space
        ("\u202eenidlareG", "enidlareG"),  # right-to-left override: shown reversed
        ("Hughes\u2066\u2069", "Hughes"),  # isolates
        ("\ufeffAmira", "Amira"),  # byte-order mark
        ("Zo\u00ade", "Zoe"),  # soft hyphen
        ("Zoe\u0301", "Zoé"),  # combining accent composed (NFC)
        ("李小龙", "李小龙"),
        ("O'Brian-Smith", "O'Brian-Smith"),
        ("line one\nline two\tend", "line one\nline two\tend"),
        ("bell\x07", "bell"),
    ],
)
def test_plain_text(typed, stored):
    assert plain_text(typed) == stored
    assert unicodedata.is_normalized("NFC", plain_text(typed))


def test_every_text_field_stores_plain_text():
    class NameForm(forms.Form):
        given_name = text("First name", 100, required="Enter their first name")

    form = NameForm({"given_name": " \u202eJess\u200d "})
    assert form.is_valid() and form.cleaned_data["given_name"] == "Jess"
    blank = NameForm({"given_name": "\u200b"})
    assert not blank.is_valid() and blank.errors["given_name"] == ["Enter their first name"]
