"""RAG deadlines in working time, across weekends and bank holidays (no database)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from frontdoor.core.workdays import OfficeHours
from frontdoor.mash import domain as d

LONDON = ZoneInfo("Europe/London")
HOURS = OfficeHours(dt.time(9), dt.time(17))


def at(*args):
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    "rag,sent,due",
    [
        # Ordinary Monday
        ("red", at(2026, 3, 2, 10), at(2026, 3, 2, 14)),
        ("amber", at(2026, 3, 2, 10), at(2026, 3, 3, 10)),
        ("green", at(2026, 3, 2, 10), at(2026, 3, 5, 10)),
        # Friday afternoon: red carries over the weekend
        ("red", at(2026, 3, 6, 15), at(2026, 3, 9, 11)),
        ("amber", at(2026, 3, 6, 15), at(2026, 3, 9, 15)),
        ("green", at(2026, 3, 6, 15), at(2026, 3, 11, 15)),
        # Saturday: the clock starts on Monday at 9
        ("red", at(2026, 3, 7, 11), at(2026, 3, 9, 13)),
        # Christmas 2026: Fri 25 Dec and Mon 28 Dec (Boxing Day substitute) are bank holidays
        ("red", at(2026, 12, 24, 15), at(2026, 12, 29, 11)),
        ("amber", at(2026, 12, 24, 15), at(2026, 12, 29, 15)),
        ("green", at(2026, 12, 24, 15), at(2026, 12, 31, 15)),
        # Spring bank holiday Monday 25 May 2026
        ("red", at(2026, 5, 22, 16), at(2026, 5, 26, 12)),
        # Evening: starts next morning
        ("red", at(2026, 3, 2, 19), at(2026, 3, 3, 13)),
    ],
)
def test_default_deadlines(rag, sent, due):
    assert d.default_due(rag, sent, d.DEFAULT_RAG_DEADLINES, HOURS) == due


def test_deadlines_are_configurable(settings):
    settings.FRONTDOOR_MASH_RAG_DEADLINES = {"red": ("hours", 2)}
    table = d.rag_deadlines()
    assert table["red"] == ("hours", 2) and table["green"] == ("days", 3)
    assert d.default_due("red", at(2026, 3, 2, 10), table, HOURS) == at(2026, 3, 2, 12)


def test_deadline_in_the_past_is_refused():
    now = at(2026, 3, 2, 10)
    assert d.deadline_error(now - dt.timedelta(minutes=1), now) == "The deadline must be in the future"
    assert d.deadline_error(now, now)
    assert d.deadline_error(None, now) == "Enter a deadline"
    assert d.deadline_error(now + dt.timedelta(hours=1), now) == ""


@pytest.mark.parametrize(
    "fn,args,ok",
    [
        (d.answer_allowed, ("sent", "open"), True),
        (d.answer_allowed, ("answered", "open"), False),
        (d.answer_allowed, ("sent", "concluded"), False),
        (d.add_request_allowed, ("open",), True),
        (d.add_request_allowed, ("concluded",), False),
        (d.conclude_allowed, ("open",), True),
        (d.conclude_allowed, ("concluded",), False),
    ],
)
def test_mash_states(fn, args, ok):
    if ok:
        fn(*args)
    else:
        with pytest.raises(d.MashStateError):
            fn(*args)
