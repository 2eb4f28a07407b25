"""Identifier and date checks shared by forms, services and the import."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontdoor.people.validators import (
    normalise_postcode,
    upn_check_letter,
    validate_birth_date,
    validate_nhs_number,
    validate_postcode,
    validate_upn,
)


@pytest.mark.parametrize("value", ["9434765919", "943 476 5919", "4010232137", ""])
def test_valid_nhs_numbers(value):
    validate_nhs_number(value)


@pytest.mark.parametrize(
    "value, message",
    [("9434765918", "check digit"), ("123", "10 digits"), ("94347659AB", "10 digits"), ("1234567890", "check digit")],
)
def test_invalid_nhs_numbers(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_nhs_number(value)


def test_upn_check_letter_round_trip():
    rest = "801200001001"
    letter = upn_check_letter(rest)
    validate_upn(letter + rest)
    wrong = "A" if letter != "A" else "B"
    with pytest.raises(ValidationError, match="check letter"):
        validate_upn(wrong + rest)


def test_upn_shape():
    with pytest.raises(ValidationError, match="13 characters"):
        validate_upn("A12345")


@pytest.mark.parametrize(
    "value", ["NR1 2DH", "nr12dh", "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB"]
)
def test_valid_postcodes(value):
    validate_postcode(value)


@pytest.mark.parametrize("value", ["XX", "NR1", "12345", "NR1 2DHX", "QR1 2AB"])
def test_invalid_postcodes(value):
    with pytest.raises(ValidationError, match="Enter a real postcode"):
        validate_postcode(value)


def test_normalise_postcode():
    assert normalise_postcode(" nr12dh ") == "NR1 2DH"


@pytest.mark.parametrize(
    "value, message",
    [(dt.date(2099, 1, 1), "today or in the past"), (dt.date(1899, 12, 31), "after 1 January 1900")],
)
def test_birth_dates_refused(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_birth_date(value)


def test_birth_date_accepted():
    validate_birth_date(dt.date(1900, 1, 1))
    validate_birth_date(timezone.localdate())
