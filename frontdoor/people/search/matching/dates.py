"""Comparing dates of birth with the usual slips: day and month swapped, a year out, only an age known."""

from __future__ import annotations

import datetime as dt


def age_on(date_of_birth: dt.date, today: dt.date) -> int:
    return today.year - date_of_birth.year - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_variants(date_of_birth: dt.date) -> list[dt.date]:
    """The date itself, with day and month swapped, and a year either side: what the index is asked for."""
    found = [date_of_birth]
    for candidate in (
        _safe_date(date_of_birth.year, date_of_birth.day, date_of_birth.month),
        _safe_date(date_of_birth.year - 1, date_of_birth.month, date_of_birth.day),
        _safe_date(date_of_birth.year + 1, date_of_birth.month, date_of_birth.day),
    ):
        if candidate and candidate not in found:
            found.append(candidate)
    return found


def compare_dates(typed: dt.date, recorded: dt.date) -> tuple[float, str]:
    """(0-1 agreement, reason) for a typed date of birth against a recorded one."""
    if typed == recorded:
        return 1.0, "Same date of birth"
    if typed.year == recorded.year and (typed.day, typed.month) == (recorded.month, recorded.day):
        return 0.85, "Date of birth matches with day and month swapped"
    if (typed.month, typed.day) == (recorded.month, recorded.day) and abs(typed.year - recorded.year) == 1:
        return 0.8, "Date of birth matches but the year is one out"
    if abs((typed - recorded).days) <= 3:
        return 0.6, "Date of birth within a few days"
    if typed.year == recorded.year and typed.month == recorded.month:
        return 0.4, "Same month and year of birth"
    return 0.0, "Different date of birth"


def compare_age(age: int, recorded: dt.date | None, recorded_age: int | None, today: dt.date) -> tuple[float, str]:
    """(0-1 agreement, reason) for a typed age against a recorded date of birth or approximate age."""
    actual = age_on(recorded, today) if recorded else recorded_age
    if actual is None:
        return 0.0, "No date of birth or age recorded"
    if actual == age:
        return 0.6, f"Age {actual} matches"
    if abs(actual - age) == 1:
        return 0.45, f"Age {actual} is within a year"
    return 0.0, f"Age {actual} does not match"
