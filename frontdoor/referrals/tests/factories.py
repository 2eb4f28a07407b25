"""Factories for contacts as the call flow leaves them (status recorded, people linked to records)
and for decisions and referrals: test defaults over referrals.builders, which the demo uses too."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone
from faker import Faker

from frontdoor.contacts.builders import build_recorded_contact, child_with_mother, linked
from frontdoor.contacts.models import Contact
from frontdoor.people.models import Person
from frontdoor.referrals.builders import build_referral

fake = Faker("en_GB")
_numbers = itertools.count(1)
REASONS = "Bruising explained inconsistently; needs assessment."


def person_make(**kwargs) -> Person:
    n = next(_numbers)
    defaults = {
        "person_id": f"T{n:07d}",
        "given_name": fake.first_name(),
        "family_name": fake.last_name(),
        "sex": "F",
        "date_of_birth": dt.date(2018, 5, 4),
        "address": "1 Castle Street, Norwich",
        "postcode": "NR2 1AB",
    }
    defaults.update(kwargs)
    return Person.objects.create(**defaults)


def contact_make(
    *,
    worker,
    received_at: dt.datetime | None = None,
    child: Person | None = None,
    postcode: str = "NR2 1AB",
    siblings: int = 0,
    **kwargs,
) -> Contact:
    """A recorded contact about one child (and `siblings` more children), with a parent, as the call flow
    saves it."""
    received_at = received_at or timezone.now()
    n = next(_numbers)
    defaults = {
        "caller_type": Contact.CallerType.PROFESSIONAL,
        "caller_name": fake.name(),
        "caller_role": "Designated safeguarding lead",
        "reason_for_call": "Worried about bruising seen at school",
        "worried_about": "Bruise on the child's arm; the child said their step-father grabbed them.",
        "immediacy": Contact.Immediacy.URGENT,
        "parents_aware": Contact.ParentsAware.NO,
        "consent": Contact.Consent.NOT_SOUGHT,
        "consent_not_sought_reason": Contact.ConsentNotSoughtReason.RISK_TO_CHILD,
    }
    defaults.update(kwargs)
    reference = defaults.pop("reference", f"C-T{n:06d}")
    child = child or person_make(postcode=postcode)
    others = [
        linked(person_make(postcode=postcode, family_name=child.family_name, given_name=fake.first_name()))
        for _ in range(siblings)
    ]
    return build_recorded_contact(
        worker=worker,
        people=child_with_mother(child, mother_given_name=fake.first_name_female()) + others,
        received_at=received_at,
        reference=reference,
        **defaults,
    )


def decision_make(*, contact, actor, outcome="referral", level=4, indicators=None, child=None):
    """The decision for one child on the contact (the first child unless `child` is given)."""
    from frontdoor.referrals.services import contact_children, decision_record

    children = contact_children(contact)
    return decision_record(
        actor=actor,
        contact=contact,
        child=child or (children[0] if children else None),
        level=level,
        outcome=outcome,
        reasons=REASONS,
        s47_indicators=indicators or [],
        version=0,
    )


def referrals_make(*, worker, disposal=4, team=None, submit=True, siblings=1, **contact_kwargs):
    """A referral for each child on a fresh contact about 1 + `siblings` children (the same decision for
    all), optionally each sent for authorisation with a disposal and team."""
    from frontdoor.directory.models import Team
    from frontdoor.referrals.builders import build_referrals

    contact = contact_make(worker=worker, siblings=siblings, **contact_kwargs)
    details = {}
    if submit:
        details = {
            "disposal": disposal,
            "disposal_reasons": "Suspected physical harm",
            "receiving_team": (team or Team.objects.get(code="fast-norwich")) if disposal != 1 else None,
        }
    return build_referrals(worker=worker, contact=contact, level=4, reasons=REASONS, submit=submit, **details)


def referral_make(*, worker, disposal=4, team=None, submit=True, **contact_kwargs):
    """A referral for a fresh contact, optionally sent for authorisation with a disposal and team."""
    from frontdoor.directory.models import Team

    contact = contact_make(worker=worker, **contact_kwargs)
    details = {}
    if submit:
        details = {
            "disposal": disposal,
            "disposal_reasons": "Suspected physical harm",
            "receiving_team": (team or Team.objects.get(code="fast-norwich")) if disposal != 1 else None,
        }
    return build_referral(worker=worker, contact=contact, level=4, reasons=REASONS, submit=submit, **details)
