"""Starting a call from a public call the customer service centre handed over (issue 11, part 7)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.contacts.models import Contact
from frontdoor.contacts.services import contact_start_from_public_call

pytestmark = pytest.mark.django_db
CALL = {
    "caller_name": "Pat Doe",
    "caller_phone": "07700 900982",
    "caller_confidential": True,
    "what_was_said": "Shouting every night; the little girl looks frightened.",
    "child_name": "Mary Ann Smith",
    "child_date_of_birth": dt.date(2018, 2, 3),
    "child_address": "4 Elm Road, Norwich",
    "child_postcode": "NR2 2AA",
}


def test_the_draft_starts_filled_in_and_owned_by_the_worker(users):
    received = timezone.now() - dt.timedelta(minutes=5)
    contact = contact_start_from_public_call(actor=users["csw"], received_at=received, **CALL)
    assert contact.is_draft and contact.worker == users["csw"] and contact.received_at == received
    assert contact.caller_type == Contact.CallerType.PUBLIC and contact.caller_confidential
    assert contact.reason_for_call == contact.worried_about == CALL["what_was_said"]
    child = contact.people.get()
    assert (child.given_name, child.family_name) == ("Mary Ann", "Smith")
    assert child.person is None and child.match_decision == ""


@pytest.mark.parametrize("role", ["csa", "mash_partner", "receiving", "analyst", "admin"])
def test_only_those_who_record_calls_start_one(users, role):
    with pytest.raises(PermissionDenied):
        contact_start_from_public_call(actor=users[role], received_at=timezone.now(), **CALL)
    assert not Contact.objects.exists()
