"""Factories for contacts as the call flow leaves them (status recorded, people linked to records)
and for decisions and referrals. Contacts are made with the ORM here because the call-flow pages
belong to another app."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone
from faker import Faker

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.core.workdays import due_after
from frontdoor.people.models import Person

fake = Faker("en_GB")
_numbers = itertools.count(1)


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
    *, worker, received_at: dt.datetime | None = None, child: Person | None = None, postcode: str = "NR2 1AB", **kwargs
) -> Contact:
    """A recorded contact about one child, with a parent, as the call flow saves it."""
    received_at = received_at or timezone.now()
    n = next(_numbers)
    defaults = {
        "reference": f"C-T{n:06d}",
        "status": Contact.Status.RECORDED,
        "worker": worker,
        "received_at": received_at,
        "caller_type": Contact.CallerType.PROFESSIONAL,
        "caller_name": fake.name(),
        "caller_role": "Designated safeguarding lead",
        "reason_for_call": "Worried about bruising seen at school",
        "worried_about": "Bruise on the child's arm; the child said their step-father grabbed them.",
        "immediacy": Contact.Immediacy.URGENT,
        "parents_aware": Contact.ParentsAware.NO,
        "consent": Contact.Consent.NOT_SOUGHT,
        "consent_not_sought_reason": Contact.ConsentNotSoughtReason.RISK_TO_CHILD,
        "recorded_at": received_at,
        "decision_due_at": due_after(received_at, 1),
        "letter_due_at": due_after(received_at, 5),
    }
    defaults.update(kwargs)
    contact = Contact.objects.create(**defaults)
    child = child or person_make(postcode=postcode)
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
        given_name=fake.first_name_female(),
        family_name=child.family_name,
        relationship="Mother",
        lives_with_child=True,
        parental_responsibility=True,
        position=1,
    )
    return contact


def decision_make(*, contact, actor, outcome="referral", level=4, indicators=None):
    from frontdoor.referrals.services import decision_record

    return decision_record(
        actor=actor,
        contact=contact,
        level=level,
        outcome=outcome,
        reasons="Bruising explained inconsistently; needs assessment.",
        s47_indicators=indicators or [],
    )


def referral_make(*, worker, disposal=4, team=None, submit=True, **contact_kwargs):
    """A referral for a fresh contact, optionally sent for authorisation with a disposal and team."""
    from frontdoor.directory.models import Team
    from frontdoor.referrals.services import referral_update

    contact = contact_make(worker=worker, **contact_kwargs)
    decision = decision_make(contact=contact, actor=worker)
    referral = decision.referral
    if submit:
        team = team or Team.objects.get(code="fast-norwich")
        referral = referral_update(
            actor=worker,
            referral=referral,
            version=referral.version,
            submit=True,
            disposal=disposal,
            disposal_reasons="Suspected physical harm",
            receiving_team=team if disposal != 1 else None,
        )
    return referral
