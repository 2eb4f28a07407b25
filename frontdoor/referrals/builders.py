"""Making recorded contacts and referrals without the call-flow pages: for the demo data set and the tests.

One way to do each, shared by referrals/demo.py (and the MASH demo) and referrals/tests/factories.py.
A contact is made with the ORM as the call flow leaves it once recorded (the call-flow pages belong
to the contacts app); a referral is made through the services, as a worker makes one. Never used by
the live pages.
"""

from __future__ import annotations

import datetime as dt

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.core.workdays import due_after
from frontdoor.people.models import Person

from . import services
from .models import Referral


def build_recorded_contact(
    *, worker, child: Person, received_at: dt.datetime, reference: str, mother_given_name: str, **fields
) -> Contact:
    """A recorded contact about `child` (linked to their record) and their mother (named, not linked).

    Its decision and letter deadlines are 1 and 5 working days from `received_at`; `fields` sets or
    overrides anything else on the contact."""
    values = {
        "status": Contact.Status.RECORDED,
        "recorded_at": received_at,
        "decision_due_at": due_after(received_at, 1),
        "letter_due_at": due_after(received_at, 5),
        **fields,
    }
    contact = Contact.objects.create(reference=reference, worker=worker, received_at=received_at, **values)
    ContactPerson.objects.create(
        contact=contact,
        person=child,
        role=ContactPerson.Role.CHILD,
        given_name=child.given_name,
        family_name=child.family_name,
        date_of_birth=child.date_of_birth,
        sex=child.sex,
        address=child.address,
        postcode=child.postcode,
    )
    ContactPerson.objects.create(
        contact=contact,
        role=ContactPerson.Role.PARENT_CARER,
        given_name=mother_given_name,
        family_name=child.family_name,
        relationship="Mother",
        lives_with_child=True,
        parental_responsibility=True,
        position=1,
    )
    return contact


def build_referral(
    *,
    worker,
    contact: Contact,
    level: int,
    reasons: str,
    indicators: list[str] | None = None,
    submit: bool = True,
    **details,
) -> Referral:
    """A referral as a worker makes one: the decision "progress to referral" on the contact opens it;
    with `submit`, its `details` (disposal, reasons, receiving team, ...) are saved and it is sent for
    authorisation. Without, it stays a draft being prepared."""
    decision = services.decision_record(
        actor=worker,
        contact=contact,
        level=level,
        outcome="referral",
        reasons=reasons,
        s47_indicators=indicators or [],
        version=0,
    )
    referral = decision.referral
    if submit:
        referral = services.referral_update(
            actor=worker, referral=referral, version=referral.version, submit=True, **details
        )
    return referral
