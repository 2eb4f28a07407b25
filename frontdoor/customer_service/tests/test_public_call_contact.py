"""A public call becomes a contact (issue 11, part 7): the advisor's live handover to CADS waits in "Public
calls" until a consultant social worker takes it; taking it starts the draft contact, filled in from what the
advisor recorded and owned by the taker, and the call and the contact link to each other."""

import datetime as dt

import pytest

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.customer_service.models import Handover
from frontdoor.customer_service.services import handover_record, handover_take
from frontdoor.people.models import Person

ROLES = ["csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]
SAID = "The children next door are left alone every night and cry for hours."


@pytest.fixture
def handover(users, reference_data):
    child = Person.objects.create(
        person_id="P0000200", given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2019, 6, 1)
    )
    return handover_record(
        actor=users["csa"],
        outcome=Handover.Outcome.CADS,
        handed_to=users["csw"],
        caller_name="Pat Doe",
        caller_phone="01603 223000",
        caller_confidential=True,
        child_name="Geraldene Hughs",
        child_date_of_birth=dt.date(2019, 6, 1),
        child_address="3 Mill Lane, Norwich",
        child_postcode="NR3 1AA",
        person=child,
        notes=SAID,
    )


@pytest.mark.parametrize("role", ROLES)
def test_public_call_page_permissions(users, client_for, handover, role):
    allowed = role in {"csa", "csw", "manager"}  # not the administrator (decision 21)
    response = client_for(users[role]).get(f"/customer-service/calls/{handover.pk}/")
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize("role", ROLES)
def test_take_permissions(users, client_for, handover, role):
    allowed = role in {"csw", "manager"}
    response = client_for(users[role]).post(f"/customer-service/calls/{handover.pk}/take/")
    assert response.status_code == (302 if allowed else 403)
    assert Contact.objects.count() == (1 if allowed else 0)


def test_an_advisor_opens_only_the_calls_they_recorded(users, client_for, handover):
    other = handover_record(actor=users["manager"], child_name="Other Child", outcome="cads", handed_to=users["csw"])
    client = client_for(users["csa"])
    assert client.get(f"/customer-service/calls/{other.pk}/").status_code == 404
    assert client.get(f"/customer-service/calls/{handover.pk}/").status_code == 200


def test_taking_the_call_starts_the_contact_filled_in_and_owned_by_the_taker(users, client_for, handover):
    client = client_for(users["csw2"])
    response = client.post(f"/customer-service/calls/{handover.pk}/take/")
    handover.refresh_from_db()
    contact = handover.contact
    assert response.status_code == 302 and response.url == f"/contacts/{contact.pk}/caller/"
    assert contact.worker == users["csw2"] and contact.is_draft
    assert (contact.caller_type, contact.caller_name, contact.caller_phone) == ("public", "Pat Doe", "01603 223000")
    assert contact.caller_confidential
    assert contact.reason_for_call == SAID and contact.worried_about == SAID
    assert contact.received_at == handover.taken_at
    child = contact.people.get()
    assert child.role == ContactPerson.Role.CHILD
    assert (child.given_name, child.family_name) == ("Geraldene", "Hughs")  # what was said, kept
    assert child.shown_name == "Geraldine Hughes"  # the record the advisor matched is the truth
    assert (child.address, child.postcode, child.date_of_birth) == (
        "3 Mill Lane, Norwich",
        "NR3 1AA",
        dt.date(2019, 6, 1),
    )
    assert child.match_decision == "linked"

    caller_step = client.get(response.url).content.decode()
    assert 'value="Pat Doe"' in caller_step and SAID in caller_step
    assert f"/customer-service/calls/{handover.pk}/" in caller_step  # the contact links to the call
    detail = client.get(f"/contacts/{contact.pk}/").content.decode()
    assert f"/customer-service/calls/{handover.pk}/" in detail
    call_page = client.get(f"/customer-service/calls/{handover.pk}/").content.decode()
    assert f"/contacts/{contact.pk}/" in call_page and contact.reference in call_page  # and the call to the contact
    assert "Take this call" not in call_page

    assert AuditEvent.objects.filter(action="create", summary__contains=contact.reference).exists()
    assert AuditEvent.objects.filter(action="change", summary__startswith="Took the public call").exists()
    assert AuditEvent.objects.filter(action="view", summary__startswith="Viewed the public call").exists()


def test_a_child_not_matched_by_the_advisor_is_left_for_the_worker_to_match(users, reference_data):
    handover = handover_record(actor=users["csa"], child_name="Sam", outcome="cads", handed_to=users["csw"])
    contact = handover_take(actor=users["csw"], handover=handover).contact
    child = contact.people.get()
    assert (child.given_name, child.family_name, child.person, child.match_decision) == ("Sam", "", None, "")


def test_taking_twice_is_one_contact_and_another_worker_is_refused(users, client_for, handover):
    first = handover_take(actor=users["csw"], handover=handover)
    again = handover_take(actor=users["csw"], handover=handover)
    assert again.contact_id == first.contact_id and Contact.objects.count() == 1
    response = client_for(users["csw2"]).post(f"/customer-service/calls/{handover.pk}/take/", follow=True)
    assert "has already taken this call" in response.content.decode()
    assert Contact.objects.count() == 1


def test_a_call_not_handed_to_cads_cannot_be_taken(users, client_for, reference_data):
    other = handover_record(actor=users["csa"], child_name="No Concern", outcome="no_concern")
    response = client_for(users["csw"]).post(f"/customer-service/calls/{other.pk}/take/", follow=True)
    assert "Only a call handed over to CADS can be taken" in response.content.decode()
    assert not Contact.objects.exists()


def test_public_calls_lists_the_waiting_calls_then_links_to_their_contacts(users, client_for, handover):
    client = client_for(users["csw"])
    body = client.get("/customer-service/calls/").content.decode()
    waiting = body.split("Public calls in the last 7 days")[0]
    assert "Geraldene Hughs" in waiting and "Take this call" in waiting
    assert "Pat Doe" in waiting  # a confidential caller is named to CADS workers
    contact = handover_take(actor=users["csw"], handover=handover).contact
    body = client.get("/customer-service/calls/").content.decode()
    assert "No public calls are waiting for CADS" in body
    assert f'href="/contacts/{contact.pk}/"' in body
    advisor = client_for(users["csa"]).get("/customer-service/calls/").content.decode()
    assert (
        contact.reference in advisor and f'href="/contacts/{contact.pk}/"' not in advisor
    )  # advisors never open contacts


def test_an_administrator_opens_no_public_call(users, client_for, handover):
    """Decision 21: the administrator keeps users, teams and reference data, never a call about a child."""
    assert client_for(users["admin"]).get(f"/customer-service/calls/{handover.pk}/").status_code in (403, 404)
    assert client_for(users["admin"]).get("/customer-service/calls/").status_code == 403


def test_public_calls_with_waiting_calls_take_a_fixed_number_of_queries(
    users, client_for, reference_data, django_assert_max_num_queries
):
    for n in range(12):
        handover = handover_record(
            actor=users["csa"], child_name=f"Child {n:02d}", outcome="cads", handed_to=users["csw"]
        )
        if n % 2:
            handover_take(actor=users["csw"], handover=handover)
    client = client_for(users["manager"])
    with django_assert_max_num_queries(20):  # the manager's navigation counts are 13 of them
        body = client.get("/customer-service/calls/").content.decode()
    assert body.count("Take this call<span") == 6
