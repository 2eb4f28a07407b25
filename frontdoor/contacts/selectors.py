"""Reads of contacts, always given the user. A contact the user may not see answers 404.

`contact_get` records a "view" audit event: every opening of a contact page is audited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, OuterRef, QuerySet, Subquery, Value, When

from frontdoor.audit.services import audit_record
from frontdoor.people.selectors import current_involvements, past_involvements, repeat_concern_for_person
from frontdoor.referrals import timescales
from frontdoor.referrals.models import ContactDecision

from .models import Contact, ContactPerson
from .permissions import can_edit_draft, can_view_contacts, visible_contacts

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

_LIST_RELATED = ("worker",)


def _base() -> QuerySet:
    # decided_at comes from the referrals app's decisions on the contact: the latest, once every child on it
    # has one (None while any child is undecided: timescales.awaiting_decision), so the decision deadline
    # shows as done rather than overdue only when the whole contact is decided.
    latest = ContactDecision.objects.filter(contact=OuterRef("pk")).order_by("-decided_at").values("decided_at")[:1]
    return Contact.objects.filter(archived=False).annotate(
        decided_at=Case(When(timescales.awaiting_decision(), then=Value(None)), default=Subquery(latest))
    )


def with_children_counts(contacts) -> list[Contact]:
    """The contacts of one page, each with `children`: how many children it names (one grouped query for
    the page; counting in the list's own query would count for every contact before the page is cut)."""
    contacts = list(contacts)
    counts = dict(
        ContactPerson.objects.filter(contact__in=[c.pk for c in contacts], role=ContactPerson.Role.CHILD)
        .order_by()
        .values_list("contact")
        .annotate(n=Count("pk"))
        .values_list("contact", "n")
    )
    for contact in contacts:
        contact.children = counts.get(contact.pk, 0)
    return contacts


def contact_get(*, user: User, pk, audit: bool = True) -> Contact | None:
    """A contact the user may see, with its people and actions; the view is audited. None otherwise."""
    try:
        contact = (
            visible_contacts(user, _base())
            .select_related("worker", "caller_agency")
            .prefetch_related("people__person", "actions")
            .get(pk=pk)
        )
    except (Contact.DoesNotExist, ValidationError):  # a malformed id is "not found" too
        return None
    if audit:
        audit_record(actor=user, action="view", obj=contact, summary=f"Viewed contact {contact.reference}")
    return contact


def draft_get_for_edit(*, user: User, pk) -> Contact | None:
    """A draft the user may edit (their own). Anything else, including another worker's draft, is None."""
    contact = Contact.objects.filter(pk=pk, archived=False, worker_id=getattr(user, "pk", None)).first()
    if contact is None or not (contact.is_draft and can_edit_draft(user, contact)):
        return None
    return contact


def contact_owned_get(*, user: User, pk) -> Contact | None:
    """The user's own contact, draft or recorded (for the confirmation page and back-navigation)."""
    contact = Contact.objects.filter(pk=pk, archived=False, worker_id=getattr(user, "pk", None)).first()
    if contact is None or not can_view_contacts(user):
        return None
    return contact


def contact_list_for_worker(*, user: User) -> QuerySet:
    """The worker's recorded contacts, newest first (paginate, then `with_children_counts` for the page)."""
    if not can_view_contacts(user):
        return Contact.objects.none()
    return (
        _base()
        .filter(worker=user, status=Contact.Status.RECORDED)
        .select_related(*_LIST_RELATED)
        .order_by("-received_at")
    )


def contact_list_for_team(*, user: User) -> QuerySet:
    """Every contact (recorded) by workers in the manager's team, newest first."""
    from .permissions import can_view_team_contacts

    if not can_view_team_contacts(user):
        return Contact.objects.none()
    return (
        _base()
        .filter(worker__team_id=user.team_id, status=Contact.Status.RECORDED)
        .select_related(*_LIST_RELATED)
        .order_by("-received_at")
    )


def draft_list_for_worker(*, user: User) -> QuerySet:
    if not can_view_contacts(user):
        return Contact.objects.none()
    return _base().filter(worker=user, status=Contact.Status.DRAFT).order_by("-modified_at")


def contacts_for_person(*, user: User, person, exclude=None) -> list[Contact]:
    """Recorded contacts the user may see that name `person` (for the records check and person pages)."""
    if not can_view_contacts(user) or person is None:
        return []
    qs = (
        visible_contacts(user, _base())
        .filter(status=Contact.Status.RECORDED, people__person=person)
        .select_related("worker")
        .distinct()
        .order_by("-received_at")
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs)


def records_check_for(*, user: User, contact: Contact) -> list[dict]:
    """For each child on the call: linked record, previous contacts, current and past involvements."""
    rows = []
    for cp in contact.people.filter(role=ContactPerson.Role.CHILD).select_related("person"):
        person = cp.person
        current = list(current_involvements(person)) if person else []
        rows.append(
            {
                "child": cp,
                "person": person,
                "previous_contacts": contacts_for_person(user=user, person=person, exclude=contact),
                "current": current,
                "past": list(past_involvements(person)) if person else [],
                "other_current": [i for i in current if i.kind not in ("open_case", "cp_plan", "looked_after")],
                "open_case": next((i for i in current if i.kind == "open_case"), None),
                "cp_plan": next((i for i in current if i.kind == "cp_plan"), None),
                "looked_after": next((i for i in current if i.kind == "looked_after"), None),
                "repeat_concern": repeat_concern_for_person(person) if person else None,
            }
        )
    return rows


def nav_counts(*, user: User) -> dict[str, int]:
    return {
        "drafts": draft_list_for_worker(user=user).count(),
        "contacts": contact_list_for_worker(user=user).count(),
    }
