"""The one builder of recorded contacts (demo data and every app's tests): deadlines from the configured
timescales, the people on the call (linked or named) and the action plan."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from frontdoor.contacts.builders import build_recorded_contact, child_with_mother, linked
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.core.workdays import due_after

from . import factories

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)


@pytest.mark.parametrize("decision_days, letter_days", [(1, 5), (2, 7)])
def test_deadlines_follow_the_configured_timescales(users, settings, decision_days, letter_days):
    settings.FRONTDOOR_DECISION_WORKING_DAYS = decision_days
    settings.FRONTDOOR_LETTER_WORKING_DAYS = letter_days
    contact = build_recorded_contact(worker=users["csw"], received_at=MONDAY)
    assert contact.status == Contact.Status.RECORDED and contact.recorded_at == MONDAY
    assert contact.decision_due_at == due_after(MONDAY, decision_days)
    assert contact.letter_due_at == due_after(MONDAY, letter_days)
    assert contact.version == 1 and contact.created_by == users["csw"]


def test_people_linked_or_named_and_the_action_plan_in_order(users):
    child = factories.person(given_name="Ava", family_name="Hollis")
    contact = build_recorded_contact(
        worker=users["csw"],
        received_at=MONDAY,
        people=[*child_with_mother(child, mother_given_name="Megan"), {"role": "important", "given_name": "Gran"}],
        actions=[{"what": "Visit", "owner": "Family Hub", "due_date": dt.date(2026, 11, 30)}],
        caller_name="Ruth Teacher",
    )
    people = list(contact.people.all())
    assert [(p.given_name, p.position) for p in people] == [("Ava", 0), ("Megan", 1), ("Gran", 2)]
    assert people[0].person == child and people[0].is_child and not people[1].is_child
    assert people[1].family_name == "Hollis" and people[1].person is None
    assert [a.what for a in contact.actions.all()] == ["Visit"]
    assert contact.caller_name == "Ruth Teacher"


def test_linked_copies_the_record_and_marks_the_match(users):
    person = factories.person(given_name="Leo", family_name="Cole", date_of_birth=dt.date(2019, 2, 3))
    values = linked(person, ContactPerson.Role.PARENT_CARER, relationship="Father")
    assert values["person"] == person and values["match_decision"] == "linked"
    assert values["given_name"] == "Leo" and values["date_of_birth"] == dt.date(2019, 2, 3)
    assert values["role"] == ContactPerson.Role.PARENT_CARER and values["relationship"] == "Father"
