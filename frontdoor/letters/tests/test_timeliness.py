"""The letter is due 5 working days after the call, shows in My letters, and turns overdue on time."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from frontdoor.letters import selectors
from frontdoor.letters.dispatch import services as dispatch_services
from frontdoor.letters.writing import services

from .factories import recorded_contact

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# Monday 2 March 2026, 10:00: due Monday 9 March 10:00 (5 working days).
CALL = dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)


@pytest.fixture
def called(users):
    with time_machine.travel(CALL, tick=False):
        return recorded_contact(worker=users["csw"], received_at=CALL)


def test_due_five_working_days_after_the_call(called):
    assert called.letter_due_at == dt.datetime(2026, 3, 9, 10, 0, tzinfo=LONDON)


def test_bank_holidays_push_the_deadline(users):
    before_easter = dt.datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)  # Thursday before Good Friday
    contact = recorded_contact(worker=users["csw"], received_at=before_easter)
    assert contact.letter_due_at.astimezone(LONDON).date() == dt.date(2026, 4, 13)


@pytest.mark.parametrize(
    ("now", "state", "tag"),
    [
        (dt.datetime(2026, 3, 6, 16, 0, tzinfo=LONDON), "upcoming", "Due Mon 9 Mar"),
        (dt.datetime(2026, 3, 9, 9, 59, tzinfo=LONDON), "due_today", "Due today"),
        (dt.datetime(2026, 3, 9, 10, 1, tzinfo=LONDON), "overdue", "Overdue"),
    ],
)
def test_my_letters_queue_turns_overdue_on_time(users, called, client_for, now, state, tag):
    with time_machine.travel(now, tick=False):
        rows = selectors.letter_queue(user=users["csw"])
        assert [(r["contact"].pk, r["state"]) for r in rows] == [(called.pk, state)]
        html = client_for(users["csw"]).get("/letters/").content.decode()
        assert tag in html and called.reference in html


def test_a_sent_letter_leaves_the_queue(users, called, django_capture_on_commit_callbacks):
    letter = services.letter_draft(actor=users["csw"], contact=called)
    letter = services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    dispatch_services.letter_mark_posted(actor=users["csw"], letter=letter, address="1 Road", idempotency_key="p")
    assert selectors.letter_queue(user=users["csw"]) == []
    assert selectors.letter_queue_count(user=users["csw"]) == 0


def test_managers_see_letters_overdue_across_their_team(users, client_for, called):
    other = recorded_contact(worker=users["csw2"], received_at=CALL + dt.timedelta(days=1))
    with time_machine.travel(dt.datetime(2026, 3, 9, 12, 0, tzinfo=LONDON), tick=False):
        rows = selectors.team_overdue(user=users["manager"])
        assert [r["contact"].pk for r in rows] == [called.pk]  # the other is not due until Tuesday
        assert selectors.team_overdue_count(user=users["manager"]) == 1
        html = client_for(users["manager"]).get("/letters/team/").content.decode()
        assert called.reference in html and other.reference not in html
        home = client_for(users["manager"]).get("/").content.decode()
        assert "Letters overdue across the team" in home
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, 0, tzinfo=LONDON), tick=False):
        assert selectors.team_overdue_count(user=users["manager"]) == 2
        # Another team's manager sees neither.
        from frontdoor.accounts.tests.factories import user_for_role

        elsewhere = user_for_role("manager")
        elsewhere.team = None
        elsewhere.save()
        assert selectors.team_overdue(user=elsewhere) == []


def test_nav_shows_the_count_of_letters_waiting(users, client_for, called):
    html = client_for(users["csw"]).get("/").content.decode()
    assert "My letters" in html and 'aria-label="1 items"' in html


def test_queue_query_count_does_not_grow_with_letters(users, client_for, django_assert_max_num_queries):
    for _ in range(8):
        recorded_contact(worker=users["csw"])
    client = client_for(users["csw"])
    client.get("/letters/")
    with django_assert_max_num_queries(16):  # includes every app's navigation counts
        client.get("/letters/")


def test_letter_queues_come_a_page_at_a_time(users, client_for, django_assert_max_num_queries):
    """My letters and the team's overdue letters: 30 waiting, a page of 25 from the database, the same
    number of queries for page 2, and the soonest due first across pages."""
    made = [recorded_contact(worker=users["csw"], received_at=CALL + dt.timedelta(minutes=n)) for n in range(30)]
    refs = [c.reference for c in sorted(made, key=lambda c: (c.letter_due_at, c.received_at))]
    with time_machine.travel(dt.datetime(2026, 4, 1, 12, 0, tzinfo=LONDON), tick=False):
        client = client_for(users["csw"])
        with django_assert_max_num_queries(20):
            first = client.get("/letters/").content.decode()
        with django_assert_max_num_queries(20):
            second = client.get("/letters/?page=2").content.decode()
        assert all(ref in first for ref in refs[:25]) and not any(ref in first for ref in refs[25:])
        assert all(ref in second for ref in refs[25:]) and "Page 2 of 2" in second
        manager = client_for(users["manager"])
        with django_assert_max_num_queries(20):
            team = manager.get("/letters/team/?page=2").content.decode()
        assert "Page 2 of 2" in team
