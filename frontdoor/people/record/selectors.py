"""Reads of a person's record: the person, and the parts of their record the edit pages change.

"Not found" and "not allowed" both answer None (the page then answers 404).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q

from ..models import AddressHistory, Alias, Disability, Person, Relationship
from ..permissions import (
    VIEWABLE_BY,
    can_list_needs_checking,
    can_view_person,
    held_people,
    restricted_person_ids_for,
)

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def person_get(*, user: User, pk) -> Person | None:
    """The person, if the user may open them (a receiving practitioner: their team's children and families)."""
    if not can_view_person(user):
        return None
    person = Person.objects.filter(held_people(user), pk=pk, archived=False).first()
    if person is not None:
        setattr(person, VIEWABLE_BY, user.pk)
    return person


def people_needing_checks(*, user: User):
    """Records the import loaded with a value left blank, by name (a QuerySet: the page paginates it in
    the database, through the partial index `person_needs_checking`). Empty for anyone else."""
    if not can_list_needs_checking(user):
        return Person.objects.none()
    return (
        Person.objects.filter(archived=False)
        .exclude(needs_checking="")
        .only(
            "pk",
            "person_id",
            "given_name",
            "family_name",
            "date_of_birth",
            "expected_date_of_birth",
            "approximate_age",
            "needs_checking",
        )
        .order_by("family_name", "given_name", "person_id")
    )


def person_contacts(*, user: User, person: Person):
    """The calls this person was named on (newest first), read from the contacts app."""
    from frontdoor.contacts.models import ContactPerson

    if not can_view_person(user, person):
        return ContactPerson.objects.none()
    return (
        ContactPerson.objects.filter(person=person, archived=False)
        .select_related("contact")
        .order_by("-contact__received_at")
    )


def person_detail_context(*, user: User, person: Person) -> dict:
    """Everything the person record page shows, in a fixed number of queries."""
    from ..family.selectors import current_involvements, past_involvements, relationship_from_view_of

    restricted = restricted_person_ids_for(user)
    relationships = [
        r
        for r in Relationship.objects.filter(archived=False)
        .filter(Q(from_person=person) | Q(to_person=person))
        .select_related("from_person", "to_person")
        # a relative whose record is restricted from the user is left out (decision 26), in the same query
        .annotate(
            hidden=Exists(restricted.filter(person_id=OuterRef("from_person_id")))
            | Exists(restricted.filter(person_id=OuterRef("to_person_id")))
        )
        if not r.hidden
    ]
    addresses = list(person.addresses.filter(archived=False))
    return {
        "aliases": list(person.aliases.filter(archived=False)),
        "addresses": addresses,
        "current_address": next((a for a in addresses if a.moved_out is None), None),
        "earlier_addresses": [a for a in addresses if a.moved_out is not None],
        "disabilities": list(person.disabilities.filter(archived=False)),
        "current_involvements": list(current_involvements(person)),
        "past_involvements": list(past_involvements(person)),
        "relationships": [relationship_from_view_of(r, person) for r in relationships],
        "contacts": list(person_contacts(user=user, person=person)),
    }


def part_of(user: User, person: Person, rows, pk):
    """One live row belonging to `person`, or None (the view answers 404) if the user may not see it."""
    if not can_view_person(user, person):
        return None
    return rows.filter(archived=False, pk=pk).first()


def person_address_get(*, user: User, person: Person, pk) -> AddressHistory | None:
    return part_of(user, person, AddressHistory.objects.filter(person=person), pk)


def person_current_address(*, user: User, person: Person) -> AddressHistory | None:
    """The history row of the address they live at now (None for an address from an import)."""
    if not can_view_person(user, person):
        return None
    return AddressHistory.objects.filter(person=person, archived=False, moved_out__isnull=True).first()


def person_alias_get(*, user: User, person: Person, pk) -> Alias | None:
    return part_of(user, person, Alias.objects.filter(person=person), pk)


def person_disability_get(*, user: User, person: Person, pk) -> Disability | None:
    return part_of(user, person, Disability.objects.filter(person=person), pk)


def person_record_objects(person: Person) -> dict[str, list]:
    """Everything about a person that has its own audit trail, by audit object type: the record itself, the
    calls they were named on, and those calls' decisions, referrals, MASH enquiries and requests, and letters.
    For "who has looked at this child"; a handful of id-only queries whatever the history."""
    from frontdoor.contacts.models import Contact
    from frontdoor.letters.models import Letter, SentLetter
    from frontdoor.mash.models import InformationRequest, MashEnquiry
    from frontdoor.referrals.models import ContactDecision, Referral

    contacts = list(Contact.objects.filter(people__person=person).values_list("pk", flat=True).distinct())
    enquiries = list(MashEnquiry.objects.filter(contact__in=contacts).values_list("pk", flat=True))
    return {
        "people.person": [person.pk],
        "people.restriction": list(person.restrictions.values_list("pk", flat=True)),  # restricted, changed, lifted
        "contacts.contact": contacts,
        "referrals.contactdecision": list(
            ContactDecision.objects.filter(contact__in=contacts).values_list("pk", flat=True)
        ),
        "referrals.referral": list(
            Referral.objects.filter(Q(child=person) | Q(contact__in=contacts)).values_list("pk", flat=True)
        ),
        "mash.mashenquiry": enquiries,
        "mash.informationrequest": list(
            InformationRequest.objects.filter(enquiry__in=enquiries).values_list("pk", flat=True)
        ),
        "letters.letter": list(Letter.objects.filter(contact__in=contacts).values_list("pk", flat=True)),
        "letters.sentletter": list(SentLetter.objects.filter(contact__in=contacts).values_list("pk", flat=True)),
    }
