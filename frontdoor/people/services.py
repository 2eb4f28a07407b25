"""Writes to the person index. Each service is atomic and audits itself."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from frontdoor.audit.services import audit_record

from .models import Person
from .permissions import can_create_person
from .search_index import person_index_update
from .validators import normalise_nhs_number, normalise_postcode


def _next_person_id() -> str:
    last = (
        Person.objects.filter(person_id__startswith="P")
        .order_by("-person_id")
        .values_list("person_id", flat=True)
        .first()
    )
    number = int(last[1:]) + 1 if last and last[1:].isdigit() else 1
    return f"P{number:07d}"


@transaction.atomic
def person_create(*, actor, given_name: str, family_name: str, **fields) -> Person:
    """Create a person record (the worker has already seen the search results and chosen to)."""
    if not can_create_person(actor):
        raise PermissionDenied("You cannot create person records")
    person = Person(
        person_id=fields.pop("person_id", None) or _next_person_id(),
        given_name=given_name,
        family_name=family_name,
        created_by=actor,
        modified_by=actor,
        **fields,
    )
    person.postcode = normalise_postcode(person.postcode)
    person.nhs_number = normalise_nhs_number(person.nhs_number)
    person.upn = (person.upn or "").strip().upper()
    person.full_clean()
    person.save()
    person_index_update(person)
    audit_record(
        actor=actor,
        action="create",
        obj=person,
        summary=f"Created person record {person.person_id} for {person.full_name}",
    )
    return person
