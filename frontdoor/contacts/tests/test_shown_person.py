"""The record is the truth: a person linked to a record is shown as the record, with the caller's words beside."""

import datetime as dt

import pytest

from frontdoor.contacts.models import ContactPerson

from . import factories

pytestmark = pytest.mark.django_db


def on_call(users, **fields) -> ContactPerson:
    contact = factories.draft(worker=users["csw"])
    return ContactPerson.objects.create(contact=contact, role=ContactPerson.Role.CHILD, **fields)


def test_a_linked_child_is_shown_as_the_record_with_what_the_caller_said_beside(users):
    record = factories.person(
        given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2019, 4, 2), address="1 Elm Road"
    )
    child = on_call(users, person=record, given_name="Geraldene", family_name="Hughs", approximate_age=6)
    assert child.shown_name == "Geraldine Hughes"
    assert child.shown_date_of_birth == dt.date(2019, 4, 2)
    assert child.shown_approximate_age is None  # never "About 6" beside a date of birth
    assert child.shown_address == "1 Elm Road"
    assert child.caller_said == {"name": "Geraldene Hughs"}


def test_a_child_with_no_record_is_shown_as_the_caller_gave_them(users):
    child = on_call(users, given_name="Amy", family_name="Hughes", approximate_age=6, address="1 Elm Road")
    assert (child.shown_name, child.shown_approximate_age, child.shown_address) == ("Amy Hughes", 6, "1 Elm Road")
    assert child.caller_said == {}


def test_the_same_words_in_another_case_are_not_a_difference(users):
    record = factories.person(given_name="Amy", family_name="Hughes", address="1 Elm Road")
    child = on_call(users, person=record, given_name="amy", family_name="HUGHES ", address="1 elm road")
    assert child.caller_said == {}


def test_the_audit_trail_names_the_record_with_what_the_caller_said_beside(users):
    """Linking a misspelt child: the trail row reads as the record, keeping the caller's words marked as theirs."""
    from frontdoor.audit.models import AuditEvent
    from frontdoor.contacts.services import contact_person_save

    record = factories.person(given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2019, 4, 2))
    contact = factories.draft(worker=users["csw"])
    values = {"role": ContactPerson.Role.CHILD, "given_name": "Geraldene", "family_name": "Hughs"}
    contact_person_save(actor=users["csw"], contact=contact, version=contact.version, values=values, person=record)
    contact_person_save(
        actor=users["csw"], contact=contact, version=contact.version + 1, values={**values, "given_name": "Toby"}
    )
    summaries = list(
        AuditEvent.objects.filter(summary__startswith="Added").order_by("sequence").values_list("summary", flat=True)
    )
    assert summaries == [
        f"Added child the call is about Geraldine Hughes on call {contact.reference} "
        f"(linked to {record.person_id}; the caller said: Geraldene Hughs)",
        f"Added child the call is about Toby Hughs on call {contact.reference} (new person)",
    ]
