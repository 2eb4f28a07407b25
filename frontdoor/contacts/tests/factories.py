"""Factories for contacts: a draft, a fully answered draft ready to record, people and actions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from faker import Faker

from frontdoor.core.references import next_reference
from frontdoor.people.models import Involvement, Person
from frontdoor.people.services import person_index_update

from ..models import Action, Contact, ContactPerson

fake = Faker("en_GB")


def draft(*, worker, **fields) -> Contact:
    fields.setdefault("received_at", timezone.now())
    reference = next_reference(prefix="C", on=timezone.localdate(fields["received_at"]))
    return Contact.objects.create(reference=reference, worker=worker, **fields)


def complete_draft(*, worker, children: int = 1, **fields) -> Contact:
    """A draft with every step answered, ready for contact_record."""
    values = {
        "caller_type": Contact.CallerType.PROFESSIONAL,
        "caller_name": fake.name(),
        "caller_role": "Class teacher",
        "caller_agency_name": "Colman Junior School",
        "caller_phone": "01603 223344",
        "phone_route": Contact.PhoneRoute.GENERAL,
        "reason_for_call": "A child came to school with a bruise on their cheek.",
        "worried_about": "Bruise on cheek, explanations differ.",
        "working_well": "Attends school every day.",
        "needs_to_happen": "Talk to mum today.",
        "scale": 5,
        "scale_reason": "One injury, no history.",
        "child_location": "At school until 3pm.",
        "parents_aware": Contact.ParentsAware.NO,
        "immediacy": Contact.Immediacy.URGENT,
        "records_checked_at": timezone.now(),
        "consent": Contact.Consent.OBTAINED,
        "caller_relationship": "Class teacher for two years.",
        "caller_hoped_outcome": "Advice on talking to mum.",
        "agreed_outcome": Contact.Outcome.ADVICE,
        "last_step": "actions",
    }
    values.update(fields)
    contact = draft(worker=worker, **values)
    for i in range(children):
        ContactPerson.objects.create(
            contact=contact,
            role=ContactPerson.Role.CHILD,
            given_name=fake.first_name(),
            family_name="Testchild",
            date_of_birth=dt.date(2016, 3, 1 + i),
            match_decision="new",
            position=i,
        )
    Action.objects.create(
        contact=contact,
        what="Teacher to speak to mum",
        owner="Caller",
        due_date=timezone.localdate() + dt.timedelta(days=2),
    )
    return contact


def person(**fields) -> Person:
    fields.setdefault("person_id", f"P{fake.unique.random_int(1000000, 9999999)}")
    fields.setdefault("given_name", fake.first_name())
    fields.setdefault("family_name", fake.last_name())
    fields.setdefault("date_of_birth", dt.date(2015, 6, 1))
    made = Person.objects.create(**fields)
    person_index_update(made)  # as the people services do, so the search finds them
    return made


def involvement(person: Person, kind: str, **fields) -> Involvement:
    fields.setdefault("start_date", dt.date(2025, 1, 1))
    return Involvement.objects.create(person=person, kind=kind, **fields)
