"""Statutory returns are queries over the records: Annex A list 1 (contacts) and timeliness figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.mash.models import InformationRequest
from frontdoor.referrals import timescales
from frontdoor.referrals.models import ContactDecision

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
    """Headline figures for the contacts received in a period, each from the one definition in
    `referrals.timescales` that the queues use too, so the dashboard and the queues agree."""

    contacts: int
    children: int
    by_outcome: list[tuple[str, int]]
    awaiting_decision: int = 0  # contacts with a child still undecided
    decision_overdue: int = 0  # ... and past the decision deadline (the Overdue queue's contacts)
    children_decided_late: int = 0  # children whose decision was first recorded after the deadline
    contacts_decided_late: int = 0
    letters_overdue: int = 0
    letters_on_time: int = 0
    letters_late: int = 0
    requests_in_time: int = 0  # MASH information requests answered within the RAG time
    requests_late: int = 0
    requests_overdue: int = 0


def contact_timeliness(*, user: User, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> Timeliness:
    """Headline figures for recorded contacts received in the period (start and end inclusive), as at `now`."""
    _require(user)
    now = now or timezone.now()
    contacts = Contact.objects.filter(
        status=Contact.Status.RECORDED, archived=False, received_at__date__gte=start, received_at__date__lte=end
    )
    totals = contacts.aggregate(
        contacts=Count("id", distinct=True),
        children=Count(
            "people", filter=Q(people__role=ContactPerson.Role.CHILD, people__archived=False), distinct=True
        ),
    )
    labels = dict(Contact.Outcome.choices)
    by_outcome = [
        (labels.get(row["agreed_outcome"], "Not recorded"), row["n"])
        for row in contacts.values("agreed_outcome").annotate(n=Count("id")).order_by("-n")
    ]
    flags = contacts.aggregate(
        awaiting_decision=Count("id", filter=timescales.awaiting_decision()),
        decision_overdue=Count("id", filter=timescales.decision_overdue(now)),
        contacts_decided_late=Count("id", filter=timescales.contact_decided_late()),
        letters_overdue=Count("id", filter=timescales.letter_overdue(now)),
        letters_on_time=Count("id", filter=timescales.letter_sent_on_time()),
        letters_late=Count("id", filter=timescales.letter_sent_late()),
    )
    decisions = ContactDecision.objects.filter(contact__in=contacts, child__isnull=False)
    requests = InformationRequest.objects.filter(enquiry__contact__in=contacts).aggregate(
        requests_in_time=Count("id", filter=timescales.request_answered_in_time()),
        requests_late=Count("id", filter=timescales.request_answered_late()),
        requests_overdue=Count("id", filter=timescales.request_overdue(now)),
    )
    return Timeliness(
        contacts=totals["contacts"],
        children=totals["children"],
        by_outcome=by_outcome,
        children_decided_late=decisions.filter(timescales.decision_late()).count(),
        **flags,
        **requests,
    )
