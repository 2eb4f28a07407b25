"""A records check for everyone on the call (issue 11, part 4), the record shown as the truth on every page
(part 2), and the manager's correction of a wrong link."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import selectors, services
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.customer_service.services import handover_record
from frontdoor.people.models import Involvement

from . import factories

pytestmark = pytest.mark.django_db


def recorded_about(users, person, *, role="child", outcome="advice", **fields):
    contact = factories.complete_draft(
        worker=users["csw"], children=0 if role == "child" else 1, agreed_outcome=outcome
    )
    ContactPerson.objects.create(
        contact=contact,
        role=role,
        given_name=person.given_name,
        family_name=person.family_name,
        person=person,
        match_decision="linked",
        relationship="" if role == "child" else "Mother",
        **fields,
    )
    return services.contact_record(actor=users["csw"], contact=contact, version=contact.version, named_problem="x")


def call_with(users, people: list[tuple[str, object]]) -> Contact:
    contact = factories.complete_draft(worker=users["csw"], children=0)
    for i, (role, person) in enumerate(people):
        ContactPerson.objects.create(
            contact=contact,
            role=role,
            given_name="Said",
            family_name=f"Name{i}",
            person=person,
            match_decision="linked",
            relationship="" if role == "child" else "Uncle",
            position=i,
        )
    return contact


def test_the_records_check_covers_adults_and_siblings_too(users):
    """The mother's earlier contact, open case with worker and phone, and a public call about the child."""
    child = factories.person(given_name="Geraldine", family_name="Hughes")
    mother = factories.person(given_name="Sandra", family_name="Hughes", date_of_birth=dt.date(1990, 1, 5))
    brother = factories.person(given_name="Kyle", family_name="Hughes", date_of_birth=dt.date(2010, 1, 5))
    earlier = recorded_about(users, mother, role="parent_carer", outcome="signpost")
    users["receiving"].phone = "01603 111222"
    users["receiving"].save()
    Involvement.objects.create(
        person=mother, kind="open_case", start_date=dt.date(2026, 1, 1), worker=users["receiving"]
    )
    Involvement.objects.create(person=brother, kind="cp_plan", start_date=dt.date(2026, 2, 1), cp_category="NEG")
    handover_record(
        actor=users["csa"],
        caller_name="Neighbour",
        child_name="Geraldine Hughes",
        person=child,
        outcome="cads",
        notes="Shouting heard at night",
        taken_at=timezone.now() - dt.timedelta(days=1),
    )
    handover_record(
        actor=users["csa"],
        child_name="Geraldine Hughes",
        person=child,
        outcome="cads",
        notes="Too old to show",
        taken_at=timezone.now() - dt.timedelta(days=400),
    )
    contact = call_with(users, [("child", child), ("parent_carer", mother), ("sibling", brother), ("household", None)])
    rows = selectors.records_check_for(user=users["csw"], contact=contact)
    by_role = {r.cp.role: r for r in rows}
    assert [r.cp.role for r in rows][0] == "child"  # children first
    assert [link.contact for link in by_role["parent_carer"].previous_contacts] == [earlier]
    assert by_role["parent_carer"].open_case.worker == users["receiving"]
    assert by_role["sibling"].cp_plan is not None
    assert [h.notes for h in by_role["child"].public_calls] == ["Shouting heard at night"]
    assert by_role["household"].person is None
    page = client_page(users, "csw", "contacts:records", contact)
    assert "01603 111222" in page and "Shouting heard at night" in page and "Too old to show" not in page
    assert "CP plan" in page and "Open case" in page


def client_page(users, role, name, contact):
    from django.test import Client

    client = Client()
    client.force_login(users[role])
    return client.get(reverse(name, kwargs={"pk": contact.pk})).content.decode()


def test_the_records_check_shows_referrals_and_mash_enquiries(users):
    from frontdoor.mash.tests.factories import enquiry_make

    enquiry = enquiry_make(actor=users["csw"])
    child = next(cp.person for cp in enquiry.contact.people.all() if cp.is_child)
    contact = call_with(users, [("child", child)])
    rows = selectors.records_check_for(user=users["csw"], contact=contact)
    assert [e.pk for e in rows[0].mash_enquiries] == [enquiry.pk]
    assert selectors.records_check_for(user=users["analyst"], contact=contact)[0].mash_enquiries == []


def test_the_records_check_reads_a_fixed_number_of_queries(users):
    """The query count does not grow with the number of people on the call."""

    def count(n):
        people = []
        for i in range(n):
            person = factories.person(family_name=f"Family{n}x{i}")
            recorded_about(users, person)
            Involvement.objects.create(person=person, kind="open_case", start_date=dt.date(2026, 1, 1))
            people.append(("child" if i % 2 else "parent_carer", person))
        contact = call_with(users, people)
        with CaptureQueriesContext(connection) as ctx:
            selectors.records_check_for(user=users["csw"], contact=contact, audit=True)
        return len(ctx.captured_queries)

    assert count(1) == count(6)


def test_the_contact_shows_the_record_with_what_the_caller_said(users, client_for):
    """The record's name and date of birth; the caller's words beside; no "about 6" beside a date of birth."""
    record = factories.person(given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2019, 4, 2))
    contact = factories.complete_draft(worker=users["csw"], children=0)
    ContactPerson.objects.create(
        contact=contact,
        role="child",
        given_name="Geraldene",
        family_name="Hughs",
        approximate_age=6,
        person=record,
        match_decision="linked",
    )
    for name in ("contacts:check", "contacts:family", "contacts:records"):
        page = client_for(users["csw"]).get(reverse(name, kwargs={"pk": contact.pk})).content.decode()
        assert "Geraldine Hughes" in page and "(the caller said: Geraldene Hughs)" in page, name
        assert "about 6" not in page.lower(), name
    services.contact_record(actor=users["csw"], contact=contact, version=contact.version, named_problem="x")
    page = client_for(users["manager"]).get(reverse("contacts:detail", kwargs={"pk": contact.pk})).content.decode()
    assert (
        'Geraldine Hughes</a>, born 2 April 2019 <span class="fd-caller-said">(the caller said: Geraldene Hughs)</span>'
        in page
    )
    queue = client_for(users["manager"]).get(reverse("referrals:queue", args=["overdue"]) + "?kind=decision")
    assert queue.status_code == 200


def test_queues_and_the_police_request_use_the_record(users, client_for):
    from frontdoor.mash.tests.factories import request_make
    from frontdoor.referrals import queues

    info_request = request_make(actor=users["csw"])
    contact = info_request.enquiry.contact
    child = next(cp for cp in contact.people.all() if cp.is_child)
    ContactPerson.objects.filter(pk=child.pk).update(given_name="Misspelt", family_name="Naym")
    contact = Contact.objects.prefetch_related("people__person").get(pk=contact.pk)
    assert queues._child_names(contact) == child.person.full_name
    page = (
        client_for(users["mash_partner"]).get(reverse("mash:request", kwargs={"pk": info_request.pk})).content.decode()
    )
    assert child.person.full_name in page and "(the caller said: Misspelt Naym)" in page


def test_a_manager_changes_the_linked_record_audited(users, client_for):
    wrong = factories.person(given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2019, 4, 2))
    right = factories.person(given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2018, 4, 2))
    contact = recorded_about(users, wrong)
    cp = contact.people.get()
    url = reverse("contacts:relink_person", kwargs={"pk": contact.pk, "person_pk": cp.pk})
    manager = client_for(users["manager"])
    page = manager.get(url).content.decode()
    assert "Change the linked record" in page and right.person_id in page
    # No reason: the error beside the field, the choice kept.
    response = manager.post(url, {"version": contact.version, "match": str(right.pk), "reason": ""})
    assert "Enter why the linked record is changing" in response.content.decode()
    response = manager.post(url, {"version": contact.version, "match": str(right.pk), "reason": "Wrong twin"})
    assert response.status_code == 302
    cp.refresh_from_db()
    assert cp.person == right and cp.given_name == "Geraldine"  # the caller's words are kept
    event = AuditEvent.objects.filter(object_id=str(contact.pk), summary__contains="Changed the linked record").get()
    assert event.changes == {
        "linked record": [f"{wrong.person_id} Geraldine Hughes", f"{right.person_id} Geraldine Hughes"]
    }
    assert "Wrong twin" in event.summary
    assert AuditEvent.objects.filter(object_id=str(wrong.pk), summary__contains="Wrong twin").exists()
    # Unlinking: no record.
    contact.refresh_from_db()
    manager.post(url, {"version": contact.version, "match": "none", "reason": "Not known to us"})
    cp.refresh_from_db()
    assert cp.person is None and cp.match_decision == "new"


def test_only_a_manager_changes_a_recorded_link(users):
    contact = recorded_about(users, factories.person())
    with pytest.raises(PermissionDenied):
        services.contact_person_relink(
            actor=users["csw"],
            contact=contact,
            version=contact.version,
            contact_person=contact.people.get(),
            person=None,
            reason="x",
        )


def test_the_worker_relinks_before_saving(users, client_for):
    """Before the contact is saved, the worker changes the person and chooses again: another record or none."""
    wrong = factories.person(given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2019, 4, 2))
    contact = factories.complete_draft(worker=users["csw"], children=0)
    cp = ContactPerson.objects.create(
        contact=contact,
        role="child",
        given_name="Geraldine",
        family_name="Hughes",
        date_of_birth=dt.date(2019, 4, 2),
        person=wrong,
        match_decision="linked",
    )
    url = reverse("contacts:change_person", kwargs={"pk": contact.pk, "person_pk": cp.pk})
    data = {
        "version": contact.version,
        "role": "child",
        "given_name": "Geraldine",
        "family_name": "Hughes",
        "date_of_birth_0": "2",
        "date_of_birth_1": "4",
        "date_of_birth_2": "2019",
    }
    page = client_for(users["csw"]).post(url, data).content.decode()
    assert "None of these, add as a new person" in page and f'value="{wrong.pk}" aria-describedby' in page
    response = client_for(users["csw"]).post(url, {**data, "match": "new"})
    assert response.status_code == 302
    cp.refresh_from_db()
    assert cp.person is None and cp.match_decision == "new"


def test_the_records_check_reads_only_what_the_user_may_see(users):
    """Each part through its own app's rules: a MASH partner or an analyst learns nothing from it."""
    child = factories.person()
    recorded_about(users, child)
    Involvement.objects.create(person=child, kind="looked_after", start_date=dt.date(2026, 1, 1))
    contact = call_with(users, [("child", child)])
    assert selectors.records_check_for(user=users["csw"], contact=contact)[0].looked_after is not None
    for role in ("mash_partner", "analyst"):
        row = selectors.records_check_for(user=users[role], contact=contact)[0]
        assert (row.previous_contacts, row.current, row.referrals, row.public_calls) == ([], [], [], []), role


def test_changing_a_linked_person_never_drops_the_link_silently(users, client_for):
    """Even when the changed details match nobody, the record linked now is offered: keep it or choose none."""
    linked = factories.person(given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2019, 4, 2))
    contact = factories.complete_draft(worker=users["csw"], children=0)
    cp = ContactPerson.objects.create(
        contact=contact,
        role="child",
        given_name="Geraldine",
        family_name="Hughes",
        approximate_age=6,
        person=linked,
        match_decision="linked",
    )
    url = reverse("contacts:change_person", kwargs={"pk": contact.pk, "person_pk": cp.pk})
    data = {
        "version": contact.version,
        "role": "child",
        "given_name": "Zyx",
        "family_name": "Qwv",
        "approximate_age": "6",
    }
    page = client_for(users["csw"]).post(url, data).content.decode()
    assert "Linked now" in page and f'value="{linked.pk}" aria-describedby' in page
    response = client_for(users["csw"]).post(url, {**data, "match": str(linked.pk)})
    assert response.status_code == 302
    cp.refresh_from_db()
    assert cp.person == linked and cp.given_name == "Zyx"  # the caller's words as given, the link kept
