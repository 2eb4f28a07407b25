"""Recorded contacts for the letters tests, from the one builder (contacts.builders)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone
from faker import Faker

from frontdoor.contacts.builders import build_recorded_contact
from frontdoor.contacts.models import Contact, ContactPerson

fake = Faker("en_GB")
_numbers = itertools.count(1)

RECORDS_NOTE = "Known to police: father arrested in March for assault on a neighbour"


def recorded_contact(*, worker, caller_type: str = "professional", received_at=None, **fields) -> Contact:
    """A recorded contact about two children, with parents, an alleged perpetrator and three actions."""
    received_at = received_at or timezone.now()
    public = caller_type == Contact.CallerType.PUBLIC
    caller_name = "Pat Neighbour" if public else "Ruth Teacher"
    values = {
        "reference": f"CT-T{next(_numbers):06d}",
        "caller_type": caller_type,
        "caller_name": caller_name,
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
    }
    values.update(fields)
    today = timezone.localdate(received_at)
    return build_recorded_contact(
        worker=worker,
        received_at=received_at,
        people=[
            {"role": role, "given_name": given, "family_name": family, "date_of_birth": dob}
            for role, given, family, dob in [
                (ContactPerson.Role.CHILD, "Ava", "Hollis", dt.date(2017, 4, 12)),
                (ContactPerson.Role.CHILD, "Leo", "Hollis", dt.date(2020, 1, 3)),
                (ContactPerson.Role.PARENT_CARER, "Megan", "Hollis", dt.date(1990, 6, 1)),
                (ContactPerson.Role.ALLEGED_PERPETRATOR, "Darren", "Cole", None),
            ]
        ],
        actions=[
            {"what": what, "owner": owner, "due_date": today + dt.timedelta(days=i + 1)}
            for i, (what, owner) in enumerate(
                [
                    ("Talk to Ava's class teacher about breakfast club", values["caller_name"]),
                    ("Hold a strategy discussion with police", "CADS consultant social worker"),
                    ("Tell us at once if Ava has new injuries", "caller"),
                ]
            )
        ],
        **values,
    )
