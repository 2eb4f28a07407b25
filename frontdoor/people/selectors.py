"""Reads of the person index. `person_search` is the one search used everywhere (call flow, people pages).

The matching engine is in people.matching (pure rules) and people.search (indexed candidate look-up).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q

from . import record_rules
from .models import AddressHistory, Alias, Disability, Involvement, Person, Relationship
from .permissions import can_search_people, can_view_person
from .search import build_query, search_ids, strength_of

if TYPE_CHECKING:
    from .chronology import ChronologyEvent


@dataclass
class PersonMatch:
    person: Person
    score: float  # 0-100, higher is a stronger match
    reasons: list[str] = field(default_factory=list)

    @property
    def strength(self) -> str:
        return strength_of(self.score)


def person_search(
    *,
    user,
    text: str,
    date_of_birth: dt.date | None = None,
    sex: str | None = None,
    postcode: str | None = None,
    limit: int = 10,
) -> list[PersonMatch]:
    """People who may be the one described, best first, each with its reasons and strength.

    The text may carry a date of birth ("Jess Smith 4/3/2015") or an age ("Jess Smith 9").
    """
    if not can_search_people(user):
        return []
    query = build_query(text, date_of_birth, sex, postcode)
    found = search_ids(query, limit=limit)
    # Archived (merged) people have no search keys; this also keeps out one archived some other way.
    people = Person.objects.filter(archived=False).in_bulk([s.pk for s in found])
    return [PersonMatch(people[s.pk], s.score, s.reasons) for s in found if s.pk in people]


def person_get(*, user, pk) -> Person | None:
    if not can_search_people(user):
        return None
    return Person.objects.filter(pk=pk, archived=False).first()


def current_involvements(person: Person):
    return person.involvements.filter(end_date__isnull=True, archived=False).select_related("team", "worker")


def past_involvements(person: Person):
    return person.involvements.filter(end_date__isnull=False, archived=False).select_related("team", "worker")


__all__ = ["PersonMatch", "person_search", "person_get", "current_involvements", "past_involvements", "Involvement"]


def person_contacts(*, user, person: Person):
    """The calls this person was named on (newest first), read from the contacts app."""
    from frontdoor.contacts.models import ContactPerson

    if not can_view_person(user, person):
        return ContactPerson.objects.none()
    return (
        ContactPerson.objects.filter(person=person, archived=False)
        .select_related("contact")
        .order_by("-contact__received_at")
    )


def person_detail_context(*, user, person: Person) -> dict:
    """Everything the person record page shows, in a fixed number of queries."""
    relationships = list(
        Relationship.objects.filter(archived=False)
        .filter(Q(from_person=person) | Q(to_person=person))
        .select_related("from_person", "to_person")
    )
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


def relationship_from_view_of(rel: Relationship, person: Person) -> dict:
    """A relationship described from the person's side: "Mother (parent)" of a child is the other person."""
    if rel.from_person_id == person.pk:
        other, words = rel.to_person, f"{person.given_name} is {rel.get_kind_display().lower()} of"
    else:
        other, words = rel.from_person, f"{rel.get_kind_display()} of {person.given_name}"
    sentence = record_rules.relationship_sentence(
        rel.kind, rel.from_person.full_name, rel.to_person.full_name, rel.description
    )
    return {"relationship": rel, "other": other, "words": words, "sentence": sentence}


def _part_of(user, person: Person, rows, pk):
    """One live row belonging to `person`, or None (the view answers 404) if the user may not see it."""
    if not can_view_person(user, person):
        return None
    return rows.filter(archived=False, pk=pk).first()


def person_address_get(*, user, person: Person, pk) -> AddressHistory | None:
    return _part_of(user, person, AddressHistory.objects.filter(person=person), pk)


def person_current_address(*, user, person: Person) -> AddressHistory | None:
    """The history row of the address they live at now (None for an address from an import)."""
    if not can_view_person(user, person):
        return None
    return AddressHistory.objects.filter(person=person, archived=False, moved_out__isnull=True).first()


def person_alias_get(*, user, person: Person, pk) -> Alias | None:
    return _part_of(user, person, Alias.objects.filter(person=person), pk)


def person_disability_get(*, user, person: Person, pk) -> Disability | None:
    return _part_of(user, person, Disability.objects.filter(person=person), pk)


def person_involvement_get(*, user, person: Person, pk) -> Involvement | None:
    return _part_of(user, person, Involvement.objects.filter(person=person).select_related("team", "worker"), pk)


def person_relationship_get(*, user, person: Person, pk) -> Relationship | None:
    rows = Relationship.objects.filter(Q(from_person=person) | Q(to_person=person)).select_related(
        "from_person", "to_person"
    )
    return _part_of(user, person, rows, pk)


def relative_candidates(*, user, person: Person, **search_args) -> list[PersonMatch]:
    """People who could be related to `person`: the usual search, without the person themself."""
    return [m for m in person_search(user=user, **search_args) if m.person.pk != person.pk]


def family_get(*, user, person: Person):
    from .family import family_for

    if not can_view_person(user, person):
        return None
    return family_for(person)


def family_chronology(*, user, family) -> list[ChronologyEvent]:
    """Every contact, referral (with what happened next), MASH enquiry and involvement for the family,
    newest first, as people.chronology.ChronologyEvent; links only to what the user may open."""
    from .chronology import family_events

    if not can_view_person(user, family.root):
        return []
    return family_events(user=user, people=family.people)
