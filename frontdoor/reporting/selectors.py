"""Statutory returns are queries over the records: Annex A list 1 (contacts) and timeliness figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact, ContactPerson

from . import domain
from .permissions import can_view_reports

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

LIST_1_COLUMNS = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Date of Contact",
    "Contact Source",
]


def _require(user: User) -> None:
    if not can_view_reports(user):
        raise PermissionDenied


def annex_a_list_1(*, user: User, start: dt.date, end: dt.date, audit: str = "") -> list[list]:
    """One row per child per recorded contact received between start and end (inclusive).

    `audit` ("csv" or "xlsx") records the download as an export with its period, format and row count."""
    _require(user)
    links = (
        ContactPerson.objects.filter(
            role=ContactPerson.Role.CHILD,
            archived=False,
            contact__status=Contact.Status.RECORDED,
            contact__archived=False,
            contact__received_at__date__gte=start,
            contact__received_at__date__lte=end,
        )
        .select_related("person", "contact", "contact__caller_agency")
        .order_by("contact__received_at", "position")
    )
    rows = []
    for link in links:
        person, contact = link.person, link.contact
        contact_date = timezone.localtime(contact.received_at).date()
        dob = link.shown_date_of_birth  # the record's values once linked (issue 11), never the caller's
        source = domain.derive_source(
            source=contact.source,
            caller_type=contact.caller_type,
            agency_kind=contact.caller_agency.kind if contact.caller_agency else None,
            confidential=contact.caller_confidential,
        )
        rows.append(
            [
                person.person_id if person else f"U{str(link.pk).replace('-', '')[:19]}",
                domain.gender_label(person.sex if person else link.sex),
                domain.ethnicity_label(person.ethnicity if person else None),
                domain.annex_date(dob),
                domain.age_of_child(dob, link.shown_approximate_age, contact_date),
                domain.annex_date(contact_date),
                domain.source_label(source),
            ]
        )
    if audit:
        audit_record(
            actor=user,
            action="export",
            obj=None,
            summary=f"Downloaded Annex A list 1 for {start:%d/%m/%Y} to {end:%d/%m/%Y} as {audit}",
            changes={"report": "annex_a_list_1", "start": start, "end": end, "format": audit, "rows": len(rows)},
        )
    return rows


@dataclass
class Timeliness:
    contacts: int
    children: int
    recorded_late: int
    by_outcome: list[tuple[str, int]]


def contact_timeliness(*, user: User, start: dt.date, end: dt.date) -> Timeliness:
    """Headline figures for recorded contacts in the period (late: outcome agreed after the decision deadline)."""
    _require(user)
    contacts = Contact.objects.filter(
        status=Contact.Status.RECORDED, archived=False, received_at__date__gte=start, received_at__date__lte=end
    )
    totals = contacts.aggregate(
        contacts=Count("id", distinct=True),
        children=Count("people", filter=Q(people__role=ContactPerson.Role.CHILD), distinct=True),
    )
    labels = dict(Contact.Outcome.choices)
    by_outcome = [
        (labels.get(row["agreed_outcome"], "Not recorded"), row["n"])
        for row in contacts.values("agreed_outcome").annotate(n=Count("id")).order_by("-n")
    ]
    return Timeliness(
        contacts=totals["contacts"],
        children=totals["children"],
        recorded_late=contacts.filter(recorded_at__gt=F("decision_due_at")).count(),
        by_outcome=by_outcome,
    )
