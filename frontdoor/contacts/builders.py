"""Making recorded contacts without the call-flow pages: the one builder the demo data and every app's tests
use (never the live pages, which record a contact through `services.contact_record`).

A contact is made as the call flow leaves it once recorded: status RECORDED, and its decision and
feedback-letter deadlines from the configured timescales (FRONTDOOR_DECISION_WORKING_DAYS and
FRONTDOOR_LETTER_WORKING_DAYS working days after the call came in), with the people on the call and the
action plan. People may be linked to their person record (as the worker matched them) or named only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone

from frontdoor.core.references import next_reference
from frontdoor.core.workdays import due_after

from .models import Action, Contact, ContactPerson


def recorded_fields(received_at: dt.datetime, *, recorded_at: dt.datetime | None = None) -> dict[str, Any]:
    """What recording sets on a contact received at `received_at`: status, when, and the two deadlines."""
    return {
        "status": Contact.Status.RECORDED,
        "recorded_at": recorded_at or received_at,
        "decision_due_at": due_after(received_at, settings.FRONTDOOR_DECISION_WORKING_DAYS),
        "letter_due_at": due_after(received_at, settings.FRONTDOOR_LETTER_WORKING_DAYS),
    }


def linked(person, role: str = ContactPerson.Role.CHILD, **fields) -> dict[str, Any]:
    """Someone on the call linked to their person record, their details copied from it (`fields` override)."""
    return {
        "person": person,
        "role": role,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth": person.date_of_birth,
        "sex": person.sex,
        "address": getattr(person, "address", "") or "",
        "postcode": getattr(person, "postcode", "") or "",
        "match_decision": "linked",
        **fields,
    }


def child_with_mother(child, *, mother_given_name: str) -> list[dict[str, Any]]:
    """The usual pair on a call: the child (linked to their record) and their mother (named, not linked)."""
    return [
        linked(child, match_decision=""),
        {
            "role": ContactPerson.Role.PARENT_CARER,
            "given_name": mother_given_name,
            "family_name": child.family_name,
            "relationship": "Mother",
            "lives_with_child": True,
            "parental_responsibility": True,
            "match_decision": "",
        },
    ]


def contact_person(contact: Contact, values: dict[str, Any], *, position: int, worker=None) -> ContactPerson:
    """An unsaved person on `contact` (for bulk creation); `values` as from `linked()` or plain fields."""
    values = {"position": position, **values}
    if values.get("person") is None:
        values.setdefault("match_decision", "new")
    return ContactPerson(contact=contact, created_by=worker, modified_by=worker, **values)


def build_recorded_contact(
    *,
    worker,
    received_at: dt.datetime | None = None,
    reference: str | None = None,
    people: Iterable[dict[str, Any]] = (),
    actions: Iterable[dict[str, Any]] = (),
    **fields,
) -> Contact:
    """A recorded contact taken by `worker`, received at `received_at` (now by default).

    `people` are the people on the call in order (each a dict of ContactPerson fields, or `linked(person)`);
    `actions` the action plan (dicts of what, owner, due_date). `fields` set or override anything on the
    contact, including the deadlines."""
    received_at = received_at or timezone.now()
    values = {
        "created_by": worker,
        "modified_by": worker,
        "last_step": "check",
        **recorded_fields(received_at),
        **fields,
    }
    contact = Contact.objects.create(
        reference=reference or next_reference(prefix="C", on=timezone.localdate(received_at)),
        worker=worker,
        received_at=received_at,
        **values,
    )
    ContactPerson.objects.bulk_create(
        [contact_person(contact, p, position=i, worker=worker) for i, p in enumerate(people)]
    )
    Action.objects.bulk_create(
        [Action(contact=contact, position=i, created_by=worker, modified_by=worker, **a) for i, a in enumerate(actions)]
    )
    return contact
