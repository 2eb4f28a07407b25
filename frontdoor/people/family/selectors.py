"""Reads of a person's family: relationships, involvements, the family circle and its chronology."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from ..models import Involvement, Person, Relationship
from ..permissions import can_list_repeat_concerns, can_search_people, can_view_person
from ..record import domain
from ..record.selectors import part_of
from ..search.selectors import PersonMatch, person_search
from .concerns import children_with_repeat_concerns, repeat_concern_for_person

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

    from .chronology import ChronologyEvent
    from .members import Family


def current_involvements(person: Person):
    return person.involvements.filter(end_date__isnull=True, archived=False).select_related("team", "worker")


def past_involvements(person: Person):
    return person.involvements.filter(end_date__isnull=False, archived=False).select_related("team", "worker")


def involvements_for_people(person_ids) -> dict:
    """Every live involvement of each of these people (current first, then newest), with worker and team,
    by person pk: one query, whatever the number of people (the records check)."""
    found: dict = {}
    qs = (
        Involvement.objects.filter(person_id__in=list(person_ids), archived=False)
        .select_related("team", "worker")
        .order_by("-start_date")
    )
    for involvement in qs:
        found.setdefault(involvement.person_id, []).append(involvement)
    for rows in found.values():
        rows.sort(key=lambda i: i.end_date is not None)
    return found


def relationship_from_view_of(rel: Relationship, person: Person) -> dict:
    """A relationship described from the person's side: "Mother (parent)" of a child is the other person."""
    if rel.from_person_id == person.pk:
        other, words = rel.to_person, f"{person.given_name} is {rel.get_kind_display().lower()} of"
    else:
        other, words = rel.from_person, f"{rel.get_kind_display()} of {person.given_name}"
    sentence = domain.relationship_sentence(
        rel.kind, rel.from_person.full_name, rel.to_person.full_name, rel.description
    )
    return {"relationship": rel, "other": other, "words": words, "sentence": sentence}


def person_involvement_get(*, user: User, person: Person, pk) -> Involvement | None:
    return part_of(user, person, Involvement.objects.filter(person=person).select_related("team", "worker"), pk)


def person_relationship_get(*, user: User, person: Person, pk) -> Relationship | None:
    rows = Relationship.objects.filter(Q(from_person=person) | Q(to_person=person)).select_related(
        "from_person", "to_person"
    )
    return part_of(user, person, rows, pk)


def relative_candidates(*, user: User, person: Person, **search_args) -> list[PersonMatch]:
    """People who could be related to `person`: the usual search, without the person themself; only for those
    who may browse the index (a receiving practitioner adds a relative with no record instead)."""
    if not can_search_people(user):
        return []
    return [m for m in person_search(user=user, **search_args) if m.person.pk != person.pk]


def family_get(*, user: User, person: Person):
    from ..search.selectors import restricted_among
    from .members import family_for

    if not can_view_person(user, person):
        return None
    family = family_for(person)
    hidden = restricted_among(user, [p.pk for p in family.people if p.pk != person.pk])
    return family.without(hidden) if hidden else family


def family_chronology(*, user: User, family) -> list[ChronologyEvent]:
    """Every contact, referral (with what happened next), MASH enquiry and involvement for the family,
    newest first, as people.family.chronology.ChronologyEvent; links only to what the user may open."""
    from .chronology import family_events

    if not can_view_person(user, family.root):
        return []
    return family_events(user=user, people=family.people)


def family_involvements(*, user: User, family: Family) -> dict:
    """Each family member's live involvements (by person pk), in one query; empty if the user may not see them."""
    found: dict = {p.pk: [] for p in family.people}
    if not can_view_person(user, family.root):
        return found
    for inv in Involvement.objects.filter(person_id__in=found, archived=False).select_related("team"):
        found[inv.person_id].append(inv)
    return found


def repeat_concern_get(*, user: User, person: Person):
    """The repeat-concern flag for one child (None when there is none, or the user may not see them)."""
    if not can_view_person(user, person):
        return None
    return repeat_concern_for_person(person)


def repeat_concern_list(*, user: User) -> list:
    if not can_list_repeat_concerns(user):
        return []
    return children_with_repeat_concerns()


__all__ = [
    "PersonMatch",
    "current_involvements",
    "family_chronology",
    "family_get",
    "family_involvements",
    "past_involvements",
    "person_involvement_get",
    "person_relationship_get",
    "relationship_from_view_of",
    "relative_candidates",
    "repeat_concern_get",
    "repeat_concern_list",
]


# Kinds where the relationship reads the same from either side.
_BOTH_WAYS = ("sibling", "half_sibling", "partner", "other")


def relatives_on_record(*, user: User, people) -> list[tuple[Person, Relationship, Person]]:
    """The family members the index already holds for these people (a call's linked children): each as
    (relative, relationship, the person they are related to), parents and carers of a child and siblings,
    partners and household members either way round, without the people themselves and each relative once.
    Only records the user may open; nothing for a user who may not search the index."""
    people = [p for p in people if p is not None]
    if not people or not can_search_people(user):
        return []
    ids = {p.pk for p in people}
    rows = (
        Relationship.objects.filter(Q(to_person_id__in=ids) | Q(from_person_id__in=ids, kind__in=_BOTH_WAYS))
        .filter(archived=False)
        .select_related("from_person", "to_person")
        .order_by("created_at")
    )
    found: dict = {}
    for rel in rows:
        if rel.to_person_id in ids and rel.from_person_id not in ids:
            relative, of = rel.from_person, rel.to_person
        elif rel.from_person_id in ids and rel.to_person_id not in ids and rel.kind in _BOTH_WAYS:
            relative, of = rel.to_person, rel.from_person
        else:
            continue
        if relative.pk in found or getattr(relative, "archived", False) or not can_view_person(user, relative):
            continue
        found[relative.pk] = (relative, rel, of)
    return list(found.values())
