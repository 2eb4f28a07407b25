"""Working-day arithmetic: weekends, England and Wales bank holidays (with substitute days), office hours."""

import datetime as dt

import pytest

from frontdoor.core.workdays import (
    LONDON,
    OfficeHours,
    add_working_days,
    clock_start,
    due_after,
    due_after_working_hours,
    is_working_day,
    working_days_between,
)

HOURS = OfficeHours(dt.time(9), dt.time(17))


def at(y, m, d, hh=10, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=LONDON)


@pytest.mark.parametrize(
    "day, expected",
    [
        (dt.date(2026, 11, 23), True),  # Monday
        (dt.date(2026, 11, 28), False),  # Saturday
        (dt.date(2026, 12, 25), False),  # Christmas Day (Friday)
        (dt.date(2026, 12, 28), False),  # Boxing Day substitute (Boxing Day is a Saturday)
        (dt.date(2027, 12, 27), False),  # Christmas substitute 2027 (Christmas on Saturday)
        (dt.date(2027, 12, 28), False),  # Boxing Day substitute 2027
        (dt.date(2026, 8, 31), False),  # Summer bank holiday
        (dt.date(2026, 4, 3), False),  # Good Friday
        (dt.date(2026, 4, 6), False),  # Easter Monday
        (dt.date(2026, 12, 29), True),
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(day) is expected


@pytest.mark.parametrize(
    "received, days, expected",
    [
        (at(2026, 11, 23, 16, 59), 1, at(2026, 11, 24, 16, 59)),  # Monday 16:59: clock starts at once
        (at(2026, 11, 23, 17, 1), 1, at(2026, 11, 25, 9, 0)),  # Monday 17:01: counts from Tuesday 09:00
        (at(2026, 11, 23, 17, 0), 1, at(2026, 11, 25, 9, 0)),  # closing time itself is out of hours
        (at(2026, 11, 23, 8, 30), 1, at(2026, 11, 24, 9, 0)),  # before opening: from 09:00 the same day
        (at(2026, 11, 27, 18, 30), 1, at(2026, 12, 1, 9, 0)),  # Friday evening: from Monday
        (at(2026, 11, 28, 11, 0), 1, at(2026, 12, 1, 9, 0)),  # Saturday
        (at(2026, 12, 24, 15, 0), 1, at(2026, 12, 29, 15, 0)),  # Christmas Eve: skips Christmas and the substitute day
        (at(2026, 12, 25, 12, 0), 1, at(2026, 12, 30, 9, 0)),  # Christmas Day: counts from 29 December
        (at(2026, 11, 23, 10, 0), 5, at(2026, 11, 30, 10, 0)),  # five working days over a weekend
        (at(2026, 12, 21, 10, 0), 5, at(2026, 12, 30, 10, 0)),  # five working days over Christmas
    ],
)
def test_due_after(received, days, expected):
    assert due_after(received, days, HOURS) == expected


def test_clock_start_keeps_times_in_hours():
    assert clock_start(at(2026, 11, 24, 12, 0), HOURS) == at(2026, 11, 24, 12, 0)


def test_due_after_handles_utc_input_across_clock_change():
    received = dt.datetime(2026, 3, 27, 16, 30, tzinfo=dt.UTC)  # 16:30 GMT Friday; clocks go forward Sunday
    assert due_after(received, 1, HOURS) == at(2026, 3, 30, 16, 30)


def test_due_after_working_hours_spans_evenings():
    assert due_after_working_hours(at(2026, 11, 23, 15, 0), 4, HOURS) == at(2026, 11, 24, 11, 0)
    assert due_after_working_hours(at(2026, 11, 27, 16, 0), 4, HOURS) == at(2026, 11, 30, 12, 0)


def test_add_working_days_and_counting():
    assert add_working_days(dt.date(2026, 11, 27), 1) == dt.date(2026, 11, 30)
    assert working_days_between(dt.date(2026, 11, 27), dt.date(2026, 11, 30)) == 1
    with pytest.raises(ValueError):
        add_working_days(dt.date(2026, 11, 27), -1)
