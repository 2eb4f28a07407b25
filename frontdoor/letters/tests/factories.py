"""Recorded contacts built with the ORM (the call flow is another app's), and letters made from them."""

from __future__ import annotations

import datetime as dt
import itertools

from django.conf import settings
from django.utils import timezone
from faker import Faker

from frontdoor.contacts.models import Action, Contact, ContactPerson
from frontdoor.core.workdays import due_after

fake = Faker("en_GB")
_numbers = itertools.count(1)

RECORDS_NOTE = "Known to police: father arrested in March for assault on a neighbour"


def recorded_contact(*, worker, caller_type: str = "professional", received_at=None, **fields) -> Contact:
    """A recorded contact about two children, with parents, an alleged perpetrator and three actions."""
    received_at = received_at or timezone.now()
    public = caller_type == Contact.CallerType.PUBLIC
    values = {
        "reference": f"CT-T{next(_numbers):06d}",
        "status": Contact.Status.RECORDED,
        "worker": worker,
        "received_at": received_at,
        "caller_type": caller_type,
        "caller_name": "Pat Neighbour" if public else "Ruth Teacher",
        "caller_role": "" if public else "Designated safeguarding lead",
        "caller_agency_name": "" if public else "Sprowston Primary School",
        "caller_email": "pat@example.com" if public else "ruth.teacher@school.example.org",
        "caller_address": "12 Elm Road\nNorwich\nNR7 8AB" if public else "Sprowston Primary School\nNorwich NR7 8FF",
        "caller_confidential": public,
        "reason_for_call": "Worried about bruising",
        "named_problem": "Ava has come to school hungry on most days this month and has a bruise on her arm.",
        "records_check_notes": RECORDS_NOTE,
        "consent": Contact.Consent.NOT_SOUGHT,
        "consent_not_sought_reason": Contact.ConsentNotSoughtReason.UNDERMINE_INVESTIGATION,
        "consent_plan": "Police to advise when the family can be told",
        "agreed_outcome": Contact.Outcome.REFERRAL,
        "outcome_notes": "Strategy discussion to be held with police today",
        "recorded_at": received_at,
        "decision_due_at": due_after(received_at, settings.FRONTDOOR_DECISION_WORKING_DAYS),
        "letter_due_at": due_after(received_at, settings.FRONTDOOR_LETTER_WORKING_DAYS),
    }
    values.update(fields)
    contact = Contact.objects.create(**values)
    people = [
        ("child", "Ava", "Hollis", dt.date(2017, 4, 12)),
        ("child", "Leo", "Hollis", dt.date(2020, 1, 3)),
        ("parent_carer", "Megan", "Hollis", dt.date(1990, 6, 1)),
        ("alleged_perpetrator", "Darren", "Cole", None),
    ]
    for i, (role, given, family, dob) in enumerate(people):
        ContactPerson.objects.create(
            contact=contact, role=role, given_name=given, family_name=family, date_of_birth=dob, position=i
        )
    today = timezone.localdate(received_at)
    for i, (what, owner) in enumerate(
        [
            ("Talk to Ava's class teacher about breakfast club", contact.caller_name),
            ("Hold a strategy discussion with police", "CADS consultant social worker"),
            ("Tell us at once if Ava has new injuries", "caller"),
        ]
    ):
        Action.objects.create(
            contact=contact, what=what, owner=owner, due_date=today + dt.timedelta(days=i + 1), position=i
        )
    return contact
