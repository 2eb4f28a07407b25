"""Checks for identifiers and dates, used by forms, services and the bulk import alike.

Each `validate_*` raises Django's ValidationError with a message in GOV.UK style; each `normalise_*`
returns the stored form (or "" for blank input) without judging it.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters: remainder 0-22 (no I, O or S)
_POSTCODE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(value: str | None) -> str:
    """ "nr1 2ab" -> "NR1 2AB" (outward code, a space, inward code)."""
    compact = "".join((value or "").split()).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def validate_postcode(value: str) -> None:
    compact = "".join((value or "").split()).upper()
    if compact and not _POSTCODE.match(compact):
        raise ValidationError("Enter a real postcode, like NR1 2DH", code="invalid_postcode")


def normalise_nhs_number(value: str | None) -> str:
    return re.sub(r"[\s-]", "", value or "")


def nhs_number_is_valid(value: str) -> bool:
    """Modulus 11: weights 10 down to 2 on the first nine digits; 11 - remainder is the check digit."""
    if not re.fullmatch(r"\d{10}", value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(value[9])


def validate_nhs_number(value: str) -> None:
    value = normalise_nhs_number(value)
    if not value:
        return
    if not re.fullmatch(r"\d{10}", value):
        raise ValidationError("NHS number must be 10 digits", code="invalid_nhs_number")
    if not nhs_number_is_valid(value):
        raise ValidationError("Enter a real NHS number: the check digit does not match", code="invalid_nhs_number")


def upn_check_letter(rest: str) -> str | None:
    """The check letter for the 12 characters after it, or None if they are not a UPN's shape."""
    if not re.fullmatch(r"\d{11}[\dA-Z]", rest):
        return None
    values = [int(c) if c.isdigit() else UPN_LETTERS.find(c) for c in rest]
    if values[-1] < 0:
        return None
    return UPN_LETTERS[sum(v * w for v, w in zip(values, range(2, 14), strict=True)) % 23]


def validate_upn(value: str) -> None:
    value = (value or "").strip().upper()
    if not value:
        return
    if not re.fullmatch(r"[A-Z]\d{11}[\dA-Z]", value):
        raise ValidationError("Unique pupil number must be 13 characters: a letter then 12 digits", code="invalid_upn")
    if upn_check_letter(value[1:]) != value[0]:
        raise ValidationError("Enter a real unique pupil number: the check letter does not match", code="invalid_upn")


def validate_birth_date(value: dt.date | None, *, today: dt.date | None = None) -> None:
    if value is None:
        return
    today = today or timezone.localdate()
    if value > today:
        raise ValidationError("Date of birth must be today or in the past", code="future_date")
    if value < EARLIEST_BIRTH_DATE:
        raise ValidationError("Date of birth must be after 1 January 1900", code="too_early")


def validate_past_date(value: dt.date | None, *, today: dt.date | None = None) -> None:
    """Dates of events (moved in, started): not in the future and not before 1900."""
    if value is None:
        return
    if value > (today or timezone.localdate()):
        raise ValidationError("Date must be today or in the past", code="future_date")
    if value < EARLIEST_BIRTH_DATE:
        raise ValidationError("Date must be after 1 January 1900", code="too_early")
