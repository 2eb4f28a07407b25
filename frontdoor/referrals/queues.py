"""Work queues: my work, my team's unallocated work, the manager's authorisations, a MASH partner's
requests, and everything overdue. Items of different kinds are merged and sorted by urgency:
immediate protection (or a strategy discussion to consider, or a red request) first, then deadline.
Overdue is computed from the deadline and the clock, never stored. The database sorts, filters, counts
and paginates a queue (`queue_rows`); items are built only for the rows on the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, ExpressionWrapper, F, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role
from frontdoor.contacts.models import Contact
from frontdoor.mash.models import InformationRequest, MashEnquiry
from frontdoor.ui.pagination import MergedQuerySets, Source

from . import domain, timescales
from .models import ContactDecision, Referral

QUEUES = {
    "mine": "My work",
    "team": "My team's unallocated work",
    "authorisation": "Authorisations",
    "requests": "Information requests",
    "overdue": "Overdue",
}
KINDS = {
    "decision": "Contact awaiting a decision",
    "strategy": "Strategy discussion to consider",
    "referral": "Referral",
    "enquiry": "MASH enquiry",
    "request": "Information request",
}
OPEN_REFERRAL_STATES = list(timescales.OPEN_REFERRAL_STATES)


@dataclass
class QueueItem:
    kind: str
    reference: str
    title: str
    url: str
    due_at: dt.datetime | None
    immediate: bool
    status: str
    who: str = ""
    together: int = 0  # a referral awaiting authorisation with siblings awaiting too: how many in all

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    def overdue(self, now: dt.datetime) -> bool:
        return domain.is_overdue(self.due_at, now)


def queues_for(user) -> list[str]:
    if is_role(user, Role.MASH_PARTNER):
        return ["requests", "overdue"]
    if is_role(user, Role.TEAM_MANAGER):
        return ["mine", "team", "authorisation", "overdue"]
    if is_role(user, Role.CONSULTANT_SOCIAL_WORKER):
        return ["mine", "team", "overdue"]
    if is_role(user, Role.RECEIVING_PRACTITIONER):
        return ["mine", "team"]
    return []


def _child_names(contact: Contact) -> str:
    # The record's names once linked (ContactPerson.shown_name): prefetch "people__person".
    return ", ".join(p.shown_name for p in contact.people.all() if p.is_child) or "No child named"


# Each builder takes the page's rows of one source (a queryset) and returns {pk: QueueItem}.


def _decision_status(contact: Contact) -> str:
    """ "Decision needed", or for several children how many still need theirs (each child has their own)."""
    children = [p for p in contact.people.all() if p.is_child and not p.archived]
    decided = {d.child_id for d in contact.decisions.all()}
    undecided = sum(1 for p in children if p.pk not in decided)
    if len(children) > 1:
        return f"Decision needed for {undecided} of {len(children)} children"
    return "Decision needed"


def _contact_items(qs) -> dict:
    qs = qs.select_related("worker").prefetch_related("people__person", "decisions")
    return {
        c.pk: QueueItem(
            "decision",
            c.reference,
            _child_names(c),
            f"/referrals/contacts/{c.pk}/decision/",
            c.decision_due_at,
            c.immediacy == Contact.Immediacy.IMMEDIATE,
            _decision_status(c),
            str(c.worker),
        )
        for c in qs
    }


def _strategy_items(qs) -> dict:
    qs = qs.select_related("contact", "decided_by", "child__person").prefetch_related("contact__people__person")
    return {
        d.pk: QueueItem(
            "strategy",
            d.contact.reference,
            d.child_shown_name,
            f"/referrals/contacts/{d.contact_id}/decision/",
            d.contact.decision_due_at,
            True,
            "Section 47 indicators ticked",
            str(d.decided_by),
        )
        for d in qs
    }


def _awaiting_siblings():
    """How many other referrals from the same contact (the other children) await authorisation too."""
    others = Referral.objects.filter(contact=OuterRef("contact"), state=domain.AWAITING).exclude(pk=OuterRef("pk"))
    return Coalesce(Subquery(others.order_by().values("contact").annotate(n=Count("pk")).values("n")[:1]), 0)


def _referral_items(qs) -> dict:
    qs = qs.select_related("worker", "receiving_team", "allocated_worker", "child").annotate(
        siblings=_awaiting_siblings()
    )
    return {
        r.pk: QueueItem(
            "referral",
            r.reference,
            (r.child.full_name if r.child_id else r.child_name) or "No child named",
            f"/referrals/{r.pk}/",
            r.due_at if r.state in OPEN_REFERRAL_STATES else None,
            r.immediate_protection or r.consider_strategy_discussion,
            r.state_label + (f": {r.receiving_team}" if r.receiving_team and r.state != domain.DRAFT else ""),
            str(r.allocated_worker or r.worker),
            together=r.siblings + 1 if r.state == domain.AWAITING and r.siblings else 0,
        )
        for r in qs
    }


def _enquiry_items(qs) -> dict:
    qs = qs.select_related("opened_by", "contact").prefetch_related("contact__people__person", "requests")
    items = {}
    for e in qs:
        dues = [r.due_at for r in e.requests.all() if r.state == "sent"]
        items[e.pk] = QueueItem(
            "enquiry",
            e.reference,
            _child_names(e.contact),
            f"/mash/{e.pk}/",
            min(dues) if dues else None,
            e.contact.immediacy == Contact.Immediacy.IMMEDIATE,
            f"{sum(1 for r in e.requests.all() if r.state == 'answered')} of {len(e.requests.all())} answered",
            str(e.opened_by),
        )
    return items


def _request_items(qs) -> dict:
    qs = qs.select_related("agency", "enquiry")
    return {
        r.pk: QueueItem(
            "request",
            r.enquiry.reference,
            r.get_rag_display(),
            f"/mash/requests/{r.pk}/",
            r.due_at,
            r.rag == "red",
            r.get_state_display(),
            str(r.agency),
        )
        for r in qs
    }


def _flag(q: Q) -> ExpressionWrapper:
    return ExpressionWrapper(q, output_field=BooleanField())


# For each builder: its kind, and the urgency and deadline as SQL (the same rules as the builder, so the
# database can sort, filter and paginate the queue).
SORT_FIELDS = {
    _contact_items: (
        "decision",
        lambda: _flag(Q(immediacy=Contact.Immediacy.IMMEDIATE)),
        lambda: F("decision_due_at"),
    ),
    _strategy_items: (
        "strategy",
        lambda: Value(True, output_field=BooleanField()),
        lambda: F("contact__decision_due_at"),
    ),
    _referral_items: (
        "referral",
        lambda: _flag(Q(immediate_protection=True) | Q(consider_strategy_discussion=True)),
        lambda: Case(When(state__in=OPEN_REFERRAL_STATES, then=F("due_at")), default=None),
    ),
    _enquiry_items: (
        "enquiry",
        lambda: _flag(Q(contact__immediacy=Contact.Immediacy.IMMEDIATE)),
        lambda: Min("requests__due_at", filter=Q(requests__state="sent")),
    ),
    _request_items: ("request", lambda: _flag(Q(rag="red")), lambda: F("due_at")),
}


def _undecided_contacts():
    """Contacts awaiting a decision: any child on them without one (timescales.awaiting_decision)."""
    return Contact.objects.filter(timescales.awaiting_decision())


def _strategy_decisions():
    return ContactDecision.objects.filter(consider_strategy_discussion=True).filter(
        Q(referral__isnull=True) | Q(referral__state__in=[domain.DRAFT, domain.RETURNED])
    )


def _sources(user, queue: str, now: dt.datetime) -> list[tuple]:
    """(item builder, queryset) pairs making up one queue for this user."""
    front_door = is_role(user, Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)
    receiving = is_role(user, Role.RECEIVING_PRACTITIONER)
    sources: list[tuple] = []
    if queue == "mine":
        if front_door:
            sources += [
                (_contact_items, _undecided_contacts().filter(worker=user)),
                (_referral_items, Referral.objects.filter(worker=user, state__in=[domain.DRAFT, domain.RETURNED])),
                (_enquiry_items, MashEnquiry.objects.filter(opened_by=user, state=MashEnquiry.State.OPEN)),
            ]
        if receiving:
            sources.append((_referral_items, Referral.objects.filter(allocated_worker=user, state=domain.ALLOCATED)))
    elif queue == "team":
        if front_door:
            sources.append(
                (_contact_items, _undecided_contacts().filter(worker__team_id=user.team_id).exclude(worker=user))
            )
        if receiving or is_role(user, Role.TEAM_MANAGER):
            team_referrals = Referral.objects.filter(
                state=domain.WITH_TEAM, receiving_team_id=user.team_id, allocated_worker=None
            )
            sources.append((_referral_items, team_referrals))
    elif queue == "authorisation":
        sources += [
            (_strategy_items, _strategy_decisions()),
            (_referral_items, Referral.objects.filter(state=domain.AWAITING).exclude(worker=user)),
        ]
    elif queue == "requests":
        sources.append((_request_items, InformationRequest.objects.filter(agency_id=user.agency_id, state="sent")))
    elif queue == "overdue":
        if front_door:
            sources += [
                (_contact_items, Contact.objects.filter(timescales.decision_overdue(now))),
                (_referral_items, Referral.objects.filter(timescales.referral_overdue(now))),
                (_request_items, InformationRequest.objects.filter(timescales.request_overdue(now))),
            ]
        if is_role(user, Role.MASH_PARTNER):
            late = InformationRequest.objects.filter(timescales.request_overdue(now), agency_id=user.agency_id)
            sources.append((_request_items, late))
    return sources


def _sort_key(row: tuple) -> tuple:
    return domain.queue_sort_key(immediate=bool(row[0]), due_at=row[1])


def _most_urgent(keyed, n: int) -> list[tuple]:
    """The first `n` rows (immediate, due, pk) of one source, most urgent first. Asked as up to four plain
    queries (immediate or not, with a deadline or without), each ordered by the deadline alone, so the
    database walks an index and stops after `n` rows instead of sorting the whole queue."""
    rows: list[tuple] = []
    for immediate in (True, False):
        for dated in (True, False):
            if len(rows) >= n:
                return rows
            part = keyed.filter(q_immediate=immediate, q_due__isnull=not dated)
            part = part.order_by("q_due", "pk") if dated else part.order_by("pk")
            rows += part.values_list("q_immediate", "q_due", "pk")[: n - len(rows)]
    return rows


def queue_rows(
    *,
    user,
    queue: str,
    now: dt.datetime | None = None,
    kinds: list[str] | tuple[str, ...] = (),
    urgent_only: bool = False,
    overdue_only: bool = False,
) -> MergedQuerySets:
    """One queue for this user, most urgent first, for `ui.pagination.paginate`: the database sorts,
    filters (kinds of work, urgent only, overdue only) and counts; items are built only for the page's
    rows. Unknown or forbidden queues are empty."""
    now = now or timezone.now()
    sources = []
    if queue in queues_for(user):
        for build, queryset in _sources(user, queue, now):
            kind, immediate, due = SORT_FIELDS[build]
            if kinds and kind not in kinds:
                continue
            keyed = queryset.annotate(q_immediate=immediate(), q_due=due())
            if urgent_only:
                keyed = keyed.filter(q_immediate=True)
            if overdue_only:
                keyed = keyed.filter(q_due__lt=now)
            sources.append(
                Source(
                    keys=lambda n, keyed=keyed: _most_urgent(keyed, n),
                    build=lambda pks, build=build, queryset=queryset: build(queryset.filter(pk__in=pks)),
                    count=keyed.count,
                )
            )
    return MergedQuerySets(sources, sort_key=_sort_key)


def queue_kinds(*, user, queue: str, now: dt.datetime | None = None) -> list[str]:
    """The kinds of work in the queue now (for its filter): one EXISTS query per source."""
    now = now or timezone.now()
    if queue not in queues_for(user):
        return []
    return sorted({SORT_FIELDS[build][0] for build, queryset in _sources(user, queue, now) if queryset.exists()})


def queue_count(*, user, queue: str, now: dt.datetime | None = None) -> int:
    """How many items a queue holds: one COUNT query per source, for the navigation."""
    if queue not in queues_for(user):
        return 0
    return sum(queryset.count() for _, queryset in _sources(user, queue, now or timezone.now()))
