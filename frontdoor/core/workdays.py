"""Working-day arithmetic for statutory timescales.

Working days are Monday to Friday excluding England and Wales bank holidays (from the maintained
`holidays` package, substitute days included). A clock starts when the service is open: a call
received outside working hours (evening, weekend, bank holiday) counts from the next opening time.

A deadline of N working days is the same time of day N working days after the clock starts.
A call at 16:59 on a Monday is due by 16:59 on Tuesday; one at 17:01 starts on Tuesday at 09:00
and is due on Wednesday at 09:00. Pure functions: no database, no settings unless asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def bank_holiday_name(day: dt.date) -> str | None:
    return _bank_holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and bank_holiday_name(day) is None


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The date `n` working days after `day` (n >= 0; n == 0 returns `day`)."""
    if n < 0:
        raise ValueError("n must not be negative")
    for _ in range(n):
        day = next_working_day(day)
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days fall after `start` up to and including `end` (0 if end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count


@dataclass(frozen=True)
class OfficeHours:
    opens: dt.time = dt.time(9, 0)
    closes: dt.time = dt.time(17, 0)

    @classmethod
    def from_settings(cls) -> OfficeHours:
        from django.conf import settings

        return cls(
            opens=dt.time.fromisoformat(settings.FRONTDOOR_OPENS_AT),
            closes=dt.time.fromisoformat(settings.FRONTDOOR_CLOSES_AT),
        )


def clock_start(received: dt.datetime, hours: OfficeHours | None = None) -> dt.datetime:
    """When the timescale clock starts for something received at `received` (aware datetime)."""
    hours = hours or OfficeHours.from_settings()
    local = received.astimezone(LONDON)
    day, time = local.date(), local.time()
    if is_working_day(day) and hours.opens <= time < hours.closes:
        return local
    if is_working_day(day) and time < hours.opens:
        start_day = day
    else:
        start_day = next_working_day(day)
    return dt.datetime.combine(start_day, hours.opens, tzinfo=LONDON)


def due_after(received: dt.datetime, working_days: int, hours: OfficeHours | None = None) -> dt.datetime:
    """The deadline `working_days` working days after the clock starts, at the same time of day."""
    start = clock_start(received, hours)
    due_day = add_working_days(start.date(), working_days)
    return dt.datetime.combine(due_day, start.timetz().replace(tzinfo=None), tzinfo=LONDON)


def due_after_working_hours(
    received: dt.datetime, working_hours: float, hours: OfficeHours | None = None
) -> dt.datetime:
    """The deadline `working_hours` hours of opening time after the clock starts (for RAG requests)."""
    hours = hours or OfficeHours.from_settings()
    current = clock_start(received, hours)
    remaining = dt.timedelta(hours=working_hours)
    while True:
        close = dt.datetime.combine(current.date(), hours.closes, tzinfo=LONDON)
        available = close - current
        if remaining <= available:
            return current + remaining
        remaining -= available
        current = dt.datetime.combine(next_working_day(current.date()), hours.opens, tzinfo=LONDON)
