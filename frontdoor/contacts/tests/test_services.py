"""Services of the call flow: draft saves per step, stale versions, ownership, recording with deadlines."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import selectors, services
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.core.locking import StaleEdit
from frontdoor.people.models import Person

from . import factories

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def events(contact, action=None):
    qs = AuditEvent.objects.filter(object_id=str(contact.pk))
    return qs.filter(action=action) if action else qs


def test_start_makes_an_audited_draft_received_now(users):
    """Starting a call makes a draft owned by the worker, received now, and audits the creation."""
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=LONDON), tick=False):
        contact = services.contact_start(actor=users["csw"])
    assert contact.status == Contact.Status.DRAFT
    assert contact.worker == users["csw"]
    assert contact.received_at == dt.datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)
    assert events(contact, "create").count() == 1


@pytest.mark.parametrize("role", ["csa", "mash_partner", "receiving", "analyst", "admin"])
def test_only_social_workers_and_managers_start_calls(users, role):
    with pytest.raises(PermissionDenied):
        services.contact_start(actor=users[role])


@pytest.mark.parametrize(
    "step, values",
    [
        ("caller", {"caller_type": "professional", "caller_name": "Ann Lee", "reason_for_call": "Bruise"}),
        ("worries", {"worried_about": "Bruise", "scale": 4, "immediacy": "urgent", "parents_aware": "no"}),
        ("records", {"records_check_notes": "Known to early help in 2024"}),
        (
            "consent",
            {"consent": "not_sought", "consent_not_sought_reason": "risk_to_child", "consent_plan": "After s47"},
        ),
        ("relationship", {"caller_relationship": "Teacher", "caller_hoped_outcome": "Advice"}),
        ("outcome", {"agreed_outcome": "early_help", "outcome_notes": "Family Hub"}),
    ],
)
def test_each_step_saves_the_draft(users, step, values):
    """Every step saves to the draft, records the step, raises the version and audits the change."""
    contact = factories.draft(worker=users["csw"])
    saved = services.contact_step_save(actor=users["csw"], contact=contact, version=1, step=step, values=values)
    saved.refresh_from_db()
    for name, value in values.items():
        assert getattr(saved, name) == value
    assert saved.last_step == step
    assert saved.version == 2
    event = events(contact, "change").get()
    assert set(event.changes) == set(values)
    if step == "records":
        assert saved.records_checked_at is not None


def test_a_stale_version_is_refused_and_nothing_saved(users):
    """Two tabs: the second save with the old version is refused and the first answer stands."""
    contact = factories.draft(worker=users["csw"])
    services.contact_step_save(
        actor=users["csw"], contact=contact, version=1, step="records", values={"records_check_notes": "first"}
    )
    with pytest.raises(StaleEdit) as exc:
        services.contact_step_save(
            actor=users["csw"], contact=contact, version=1, step="records", values={"records_check_notes": "second"}
        )
    assert exc.value.current_version == 2 and exc.value.noun == "call"
    contact.refresh_from_db()
    assert contact.records_check_notes == "first"


def test_another_worker_cannot_change_a_draft(users):
    contact = factories.draft(worker=users["csw"])
    with pytest.raises(PermissionDenied):
        services.contact_step_save(
            actor=users["csw2"], contact=contact, version=1, step="records", values={"records_check_notes": "x"}
        )
    contact.refresh_from_db()
    assert contact.records_check_notes == "" and contact.version == 1


def test_invalid_values_save_nothing(users):
    """The model's own rules (scale 0-10) refuse a bad step whole."""
    contact = factories.draft(worker=users["csw"])
    with pytest.raises(Exception):  # noqa: B017 - ValidationError from full_clean
        services.contact_step_save(
            actor=users["csw"], contact=contact, version=1, step="worries", values={"scale": 11, "worried_about": "x"}
        )
    contact.refresh_from_db()
    assert contact.scale is None and contact.worried_about == "" and contact.version == 1


def test_people_are_added_linked_or_new_and_removed(users):
    contact = factories.draft(worker=users["csw"])
    existing = factories.person(given_name="Amelia", family_name="Hart")
    linked = services.contact_person_save(
        actor=users["csw"],
        contact=contact,
        version=1,
        values={"role": "child", "given_name": "Amelia", "family_name": "Hart"},
        person=existing,
    )
    assert linked.match_decision == "linked" and linked.person == existing
    new = services.contact_person_save(
        actor=users["csw"],
        contact=contact,
        version=2,
        values={"role": "parent_carer", "given_name": "Jo", "family_name": "Hart", "relationship": "Mother"},
    )
    assert new.match_decision == "new" and new.person is None
    services.contact_person_remove(actor=users["csw"], contact=contact, version=3, contact_person=new)
    assert list(contact.people.all()) == [linked]


# Monday 23 November 2026. Christmas 2026: Friday 25 Dec, Boxing Day Saturday -> substitute Monday 28 Dec.
DEADLINE_CASES = [
    (
        "Monday 16:59",
        dt.datetime(2026, 11, 23, 16, 59, tzinfo=LONDON),
        dt.datetime(2026, 11, 24, 16, 59, tzinfo=LONDON),
        dt.datetime(2026, 11, 30, 16, 59, tzinfo=LONDON),
    ),
    (
        "Monday 17:01",
        dt.datetime(2026, 11, 23, 17, 1, tzinfo=LONDON),
        dt.datetime(2026, 11, 25, 9, 0, tzinfo=LONDON),
        dt.datetime(2026, 12, 1, 9, 0, tzinfo=LONDON),
    ),
    (
        "Friday evening",
        dt.datetime(2026, 11, 27, 19, 30, tzinfo=LONDON),
        dt.datetime(2026, 12, 1, 9, 0, tzinfo=LONDON),
        dt.datetime(2026, 12, 7, 9, 0, tzinfo=LONDON),
    ),
    (
        "Christmas Eve",
        dt.datetime(2026, 12, 24, 10, 0, tzinfo=LONDON),
        dt.datetime(2026, 12, 29, 10, 0, tzinfo=LONDON),
        dt.datetime(2027, 1, 5, 10, 0, tzinfo=LONDON),
    ),
]


@pytest.mark.parametrize("name, received, decision, letter", DEADLINE_CASES, ids=[c[0] for c in DEADLINE_CASES])
def test_recording_fixes_working_day_deadlines(users, name, received, decision, letter):
    """Decision due in 1 working day and the letter in 5, counted from when the service is open."""
    with time_machine.travel(received, tick=False):
        filled = factories.complete_draft(worker=users["csw"])  # received now, at the frozen time
    with time_machine.travel(received + dt.timedelta(minutes=20), tick=False):
        recorded = services.contact_record(actor=users["csw"], contact=filled, version=1, named_problem="Bruise")
    assert recorded.status == Contact.Status.RECORDED
    assert recorded.decision_due_at == decision.replace(tzinfo=LONDON)
    assert recorded.letter_due_at == letter.replace(tzinfo=LONDON)
    assert recorded.recorded_at == received + dt.timedelta(minutes=20)


def test_recording_makes_person_records_for_new_people(users):
    """People the worker chose to add as new get a person record when the contact is saved; linked ones do not."""
    contact = factories.complete_draft(worker=users["csw"], children=2)
    existing = factories.person()
    first = contact.people.first()
    first.person, first.match_decision = existing, "linked"
    first.save()
    before = Person.objects.count()
    recorded = services.contact_record(actor=users["csw"], contact=contact, version=1, named_problem="Bruise")
    assert Person.objects.count() == before + 1
    assert all(cp.person_id for cp in recorded.people.all())
    assert recorded.people.get(pk=first.pk).person == existing


def test_an_incomplete_draft_is_not_recorded(users):
    contact = factories.draft(worker=users["csw"])
    with pytest.raises(services.ContactIncompleteError) as exc:
        services.contact_record(actor=users["csw"], contact=contact, version=1, named_problem="x")
    assert ("family", "Add at least one child") in exc.value.missing
    contact.refresh_from_db()
    assert contact.is_draft and contact.decision_due_at is None and contact.named_problem == ""


def test_contact_get_audits_the_view(users):
    contact = factories.complete_draft(worker=users["csw"])
    services.contact_record(actor=users["csw"], contact=contact, version=1, named_problem="x")
    selectors.contact_get(user=users["manager"], pk=contact.pk)
    assert events(contact, "view").get().actor == users["manager"]


def test_contacts_for_person_lists_recorded_contacts_naming_them(users):
    person = factories.person()
    contact = factories.complete_draft(worker=users["csw"])
    cp = contact.people.first()
    cp.person, cp.match_decision = person, "linked"
    cp.save()
    assert selectors.contacts_for_person(user=users["csw2"], person=person) == []  # a draft is private
    services.contact_record(actor=users["csw"], contact=contact, version=1, named_problem="x")
    assert selectors.contacts_for_person(user=users["csw2"], person=person) == [contact]
    assert selectors.contacts_for_person(user=users["mash_partner"], person=person) == []
    assert ContactPerson.objects.filter(person=person).count() == 1
