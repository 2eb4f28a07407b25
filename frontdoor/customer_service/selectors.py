"""What an advisor may learn about a child: only whether there is an allocated worker, and who.

Reads are given the user; a user who may not see something gets nothing (an empty list), never an error."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from frontdoor.accounts.models import Role, User
from frontdoor.audit.services import audit_record, audit_search
from frontdoor.contacts.permissions import can_view_contact, restricted_contacts_among
from frontdoor.people.models import Involvement
from frontdoor.people.selectors import person_search

from .models import Handover
from .permissions import can_check_allocation, can_see_caller, can_take_handover, can_view_handovers


@dataclass
class AllocationCheck:
    person_pk: str
    name: str
    name_romanised: str  # the name in Latin letters when written in another script, else ""
    date_of_birth: dt.date | None
    postcode: str
    strength: str
    reasons: list[str]
    allocated_worker: str
    team: str
    team_phone: str


def allocation_check(
    *, user: User, text: str, date_of_birth=None, postcode: str = "", audit: bool = False
) -> list[AllocationCheck]:
    """`audit` records the check: a search row with its terms, and a view row for each person shown."""
    if not can_check_allocation(user):
        return []
    # The search itself runs with the advisor's own permission; only allocation details leave here.
    matches = person_search(user=user, text=text, date_of_birth=date_of_birth, postcode=postcode or None, limit=5)
    results = []
    for match in matches:
        person = match.person
        if match.restricted:  # decision 26: known to us, but the advisor learns nothing more; CADS decides
            results.append(
                AllocationCheck(
                    person_pk=str(person.pk),
                    name="Restricted record: pass the call to CADS",
                    name_romanised="",
                    date_of_birth=None,
                    postcode="",
                    strength=match.strength,
                    reasons=[],
                    allocated_worker="",
                    team="",
                    team_phone="",
                )
            )
            continue
        open_case = (
            person.involvements.filter(kind=Involvement.Kind.OPEN_CASE, end_date__isnull=True, archived=False)
            .select_related("team", "worker")
            .first()
        )
        results.append(
            AllocationCheck(
                person_pk=str(person.pk),
                name=person.full_name,
                name_romanised=person.full_name_romanised,
                date_of_birth=person.date_of_birth,
                postcode=person.postcode,
                strength=match.strength,
                reasons=match.reasons,
                allocated_worker=open_case.worker_display if open_case else "",
                team=open_case.team.name if open_case and open_case.team else "",
                team_phone=open_case.team.phone if open_case and open_case.team else "",
            )
        )
        if audit:
            audit_record(actor=user, action="view", obj=person, summary=f"Checked the allocation of {person.full_name}")
    if audit:
        terms = {"text": text, "date_of_birth": date_of_birth, "postcode": postcode}
        audit_search(
            actor=user, summary="Checked whether a child has an allocated worker", terms=terms, results=len(results)
        )
    return results


def _visible_handovers(user: User):
    if not can_view_handovers(user):
        return Handover.objects.none()
    qs = Handover.objects.filter(archived=False).select_related("created_by", "handed_to", "contact__worker", "person")
    if user.role == Role.CUSTOMER_SERVICE_ADVISOR:
        qs = qs.filter(created_by=user)
    return qs


def handovers_recent(*, user: User, days: int = 7):
    since = timezone.now() - dt.timedelta(days=days)
    return _visible_handovers(user).filter(taken_at__gte=since).order_by("-taken_at", "pk")


def handovers_waiting(*, user: User):
    """Public calls handed over to CADS that no consultant social worker has taken yet, oldest first."""
    return (
        _visible_handovers(user).filter(outcome=Handover.Outcome.CADS, contact__isnull=True).order_by("taken_at", "pk")
    )


@dataclass
class HandoverRow:
    """A public call as this user may see it: the caller only where they may see them (a confidential caller
    is named to CADS workers only), the contact it started linked only where the user may open it."""

    handover: Handover
    show_caller: bool
    contact_visible: bool
    can_take: bool


def handover_rows(*, user: User, handovers) -> list[HandoverRow]:
    take = can_take_handover(user)
    handovers = list(handovers)
    restricted = restricted_contacts_among(user, [h.contact_id for h in handovers if h.contact_id])
    return [
        HandoverRow(
            handover=h,
            show_caller=can_see_caller(user, h),
            contact_visible=bool(h.contact_id)
            and can_view_contact(user, h.contact, restricted=h.contact_id in restricted),
            can_take=take and h.is_waiting,
        )
        for h in handovers
    ]


def handover_get(*, user: User, pk, audit: bool = False) -> HandoverRow | None:
    """One public call the user may see (None when not found or not allowed); `audit` records the read."""
    handover = _visible_handovers(user).filter(pk=pk).first()
    if handover is None:
        return None
    if audit:
        audit_record(
            actor=user, action="view", obj=handover, summary=f"Viewed the public call about {handover.child_name}"
        )
    return handover_rows(user=user, handovers=[handover])[0]


def cads_workers(*, user: User):
    """The consultant social workers and managers an advisor may hand a call to."""
    if not can_check_allocation(user):
        return User.objects.none()
    return User.objects.filter(is_active=True, role__in=[Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER]).order_by(
        "first_name"
    )


def handovers_for_people(*, user: User, person_ids, days: int = 365) -> dict:
    """Public calls to the contact centre about each of these people in the last `days` days, newest first,
    by person pk: one query, whatever the number of people (the records check)."""
    if not can_view_handovers(user):
        return {}
    since = timezone.now() - dt.timedelta(days=days)
    qs = Handover.objects.filter(person_id__in=list(person_ids), taken_at__gte=since, archived=False)
    if user.role == Role.CUSTOMER_SERVICE_ADVISOR:
        qs = qs.filter(created_by=user)
    found: dict = {}
    for handover in qs.order_by("-taken_at", "pk"):
        found.setdefault(handover.person_id, []).append(handover)
    return found


def handover_for_contact(*, user: User, contact) -> Handover | None:
    """The public call that started `contact`, for the link on the contact's pages (None if none or not allowed)."""
    if not can_view_handovers(user) or contact is None:
        return None
    return _visible_handovers(user).filter(contact=contact).first()
