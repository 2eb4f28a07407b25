"""Reads for the duplicate pages (managers only): open pairs, recent merges, one pair or merge, scans.

"Not found" and "not allowed" both answer None (or an empty list).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frontdoor.audit.services import audit_record

from ..models import Person, PersonMerge, PossibleDuplicate
from ..permissions import can_manage_duplicates
from .scan import last_finished_scan, running_scan

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def duplicate_list(*, user: User) -> QuerySet[PossibleDuplicate]:
    """Open pairs, highest score first (a QuerySet: the page paginates it in the database)."""
    if not can_manage_duplicates(user):
        return PossibleDuplicate.objects.none()
    pairs = PossibleDuplicate.objects.filter(status=PossibleDuplicate.Status.OPEN).select_related(
        "person_a", "person_b"
    )
    return pairs.order_by("-score", "found_at", "pk")


def merge_list(*, user: User, limit: int = 20) -> list[PersonMerge]:
    if not can_manage_duplicates(user):
        return []
    return list(PersonMerge.objects.select_related("kept", "merged").order_by("-created_at")[:limit])


def duplicate_get(*, user: User, pk, audit: bool = False) -> PossibleDuplicate | None:
    """A possible duplicate for a manager; `audit` records a look at each of the two people (compared side
    by side on its page)."""
    if not can_manage_duplicates(user):
        return None
    pair = PossibleDuplicate.objects.select_related("person_a", "person_b").filter(pk=pk).first()
    if pair is not None and audit:
        a, b = pair.person_a, pair.person_b
        for person, other in ((a, b), (b, a)):
            summary = f"Compared {person.person_id} with {other.person_id} as possible duplicates"
            audit_record(actor=user, action="view", obj=person, summary=summary)
    return pair


def merge_get(*, user: User, pk) -> PersonMerge | None:
    if not can_manage_duplicates(user):
        return None
    return PersonMerge.objects.select_related("kept", "merged").filter(pk=pk).first()


def linked_counts(person: Person) -> dict[str, int]:
    """How much hangs off a record, to compare two side by side before merging."""
    return {
        "Contacts": person.contact_links.count(),
        "Relationships": person.relationships_from.filter(archived=False).count()
        + person.relationships_to.filter(archived=False).count(),
        "Involvements": person.involvements.filter(archived=False).count(),
    }


__all__ = [
    "duplicate_get",
    "duplicate_list",
    "last_finished_scan",
    "linked_counts",
    "merge_get",
    "merge_list",
    "running_scan",
]
