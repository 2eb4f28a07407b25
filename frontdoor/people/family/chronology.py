"""The family chronology: every contact, referral and involvement for the people in a family, newest first.

One dated event a row, read from the contacts, referrals and MASH apps and from the person index in a
fixed number of queries whatever the family's size. Each app's own permission vocabulary decides
what is linked: an event is shown to every role that may see the family page, but it carries a link
only where the user may open that record. A MASH enquiry shows its outcome only: never the partners'
questions or answers, nor the reasons and analysis.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.contacts.permissions import (
    can_read_received_contacts,
    can_view_contact,
    contact_restricted,
    received_contact_readable,
    visible_contacts_filter,
)
from frontdoor.core import codes
from frontdoor.mash.models import MashEnquiry
from frontdoor.mash.permissions import enquiry_readable
from frontdoor.referrals.models import ContactDecision, Milestone, Referral
from frontdoor.referrals.permissions import referrals_visible_to

from ..models import Involvement
from ..permissions import restricted_person_ids_for

CONTACTS, REFERRALS, INVOLVEMENTS = "contacts", "referrals", "involvements"
KINDS = {
    CONTACTS: "Contacts and MASH enquiries",
    REFERRALS: "Referrals and what happened next",
    INVOLVEMENTS: "Involvements",
}
_EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class ChronologyEvent:
    when: dt.date
    kind: str  # CONTACTS, REFERRALS or INVOLVEMENTS: the filter it belongs to
    what: str
    who: str = ""  # the family members it is about
    detail: str = ""
    by: str = ""  # who did it
    url: str = ""  # the record's page, only where the user may open it
    at: dt.datetime | None = None  # the time, where one is recorded, to order a day's events
    step: int = 0  # the order of events recorded at the same moment (authorised, then routed)

    @property
    def sort_key(self) -> tuple:
        # Within a day, events known only by their date (a milestone, a plan starting) come after the
        # timed ones: they are recorded once the front door's work that day is done.
        return (self.when, self.at is None, self.at or _EARLIEST, self.step)


def family_events(*, user, people: list) -> list[ChronologyEvent]:
    """Every event for these people (a family's members), newest first."""
    names = {p.pk: p.full_name for p in people}
    contact_events, contact_ids = _contacts(user, names)
    events = contact_events + _mash_enquiries(user, contact_ids, names) + _referrals(user, contact_ids, names)
    events += _involvements(names)
    return sorted(events, key=lambda e: e.sort_key, reverse=True)


def _who(person_ids: Iterable, names: dict) -> str:
    """The family members named, in the family's order, each once."""
    wanted = set(person_ids)
    return ", ".join(name for pk, name in names.items() if pk in wanted)


# --- Contacts (the contacts app) and their decision (the referrals app) ----------------------------


def _contacts(user, names: dict) -> tuple[list[ChronologyEvent], dict]:
    """One event a contact naming any of the family, however many of them it names.

    Recorded contacts are shown to every role that may see the family; a draft only to whoever may
    open it (its worker, their manager). Returns the events and {contact id: family member ids}.
    """
    links = (
        ContactPerson.objects.filter(person_id__in=list(names), archived=False, contact__archived=False)
        .filter(Q(contact__status="recorded") | Q(contact__in=Contact.objects.filter(visible_contacts_filter(user))))
        .select_related("contact__worker")
        .prefetch_related(
            Prefetch(
                "contact__decisions",
                queryset=ContactDecision.objects.select_related("child__person").order_by("child__position"),
            )
        )
        .annotate(
            received=received_contact_readable(user, "contact_id"), restricted=contact_restricted(user, "contact_id")
        )
        .order_by("contact__received_at", "position")
    )
    contacts, members, received, restricted = {}, defaultdict(list), {}, {}
    for link in links:
        contacts[link.contact_id] = link.contact
        received[link.contact_id] = link.received
        restricted[link.contact_id] = link.restricted  # about a record restricted from the user (decision 26)
        members[link.contact_id].append(link.person_id)
    if can_read_received_contacts(user):  # the contacts behind referrals routed to their team
        openable = {
            pk for pk, contact in contacts.items() if received[pk] and not contact.is_draft and not restricted[pk]
        }
    else:
        openable = {
            pk for pk, contact in contacts.items() if can_view_contact(user, contact, restricted=restricted[pk])
        }
    events = []
    for contact_id, contact in contacts.items():
        if contact.is_draft:
            detail = "Draft: the call is still being recorded"
        elif contact.agreed_outcome:
            detail = f"Outcome: {contact.get_agreed_outcome_display()}"
        else:
            detail = "Outcome not recorded"
        decisions = list(contact.decisions.all())  # one for each child on the contact (decision 20)
        if decisions:
            detail += ". Decision: " + "; ".join(
                f"{d.get_outcome_display()} ({d.get_level_display()})"
                + (f" for {d.child.shown_name}" if d.child_id and len(decisions) > 1 else "")
                for d in decisions
            )
        events += _timed_events(
            [(contact.received_at, f"Contact {contact.reference}", detail, contact.worker)],
            first_step=0,
            kind=CONTACTS,
            who=_who(members[contact_id], names),
            url=reverse("contacts:detail", args=[contact.pk]) if contact_id in openable else "",
        )
    return events, members


# --- MASH enquiries on the family's contacts: opened and concluded, with the outcome only ----------


def _mash_enquiries(user, contact_members: dict, names: dict) -> list[ChronologyEvent]:
    if not contact_members:
        return []
    enquiries = (
        MashEnquiry.objects.filter(contact_id__in=list(contact_members), archived=False)
        .only("pk", "reference", "contact_id", "opened_at", "opened_by", "outcome", "concluded_at", "concluded_by")
        .select_related("opened_by", "concluded_by")
        .annotate(readable=enquiry_readable(user))
    )
    events = []
    for enquiry in enquiries:
        common = {
            "kind": CONTACTS,
            "who": _who(contact_members[enquiry.contact_id], names),
            "url": reverse("mash:detail", args=[enquiry.pk]) if enquiry.readable else "",
        }
        outcome = f"Outcome: {enquiry.get_outcome_display()}" if enquiry.outcome else ""
        timed = [
            (enquiry.opened_at, f"MASH enquiry {enquiry.reference} opened", "", enquiry.opened_by),
            (enquiry.concluded_at, f"MASH enquiry {enquiry.reference} concluded", outcome, enquiry.concluded_by),
        ]
        events += _timed_events(timed, first_step=1, **common)
    return events


def _timed_events(timed: list[tuple], *, first_step: int, **common) -> list[ChronologyEvent]:
    """Events from (moment, what, detail, by) in the order they happen, skipping any without a moment;
    dated by the local day, and the step keeps that order for those recorded at the same moment."""
    return [
        ChronologyEvent(
            when=timezone.localdate(moment), at=moment, step=step, what=what, detail=detail, by=str(by or ""), **common
        )
        for step, (moment, what, detail, by) in enumerate(timed, start=first_step)
        if moment
    ]


# --- Referrals: made, sent, returned or authorised, routed, closed; then each milestone -------------


def _referrals(user, contact_members: dict, names: dict) -> list[ChronologyEvent]:
    referrals = list(
        Referral.objects.filter(Q(contact_id__in=list(contact_members)) | Q(child_id__in=list(names)))
        .filter(archived=False)
        # never a referral for a child whose record is restricted from the user (decision 26)
        .exclude(child_id__in=restricted_person_ids_for(user))
        .select_related("worker", "submitted_by", "returned_by", "authorised_by", "receiving_team", "allocated_worker")
        .prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.filter(archived=False).select_related("recorded_by"),
            )
        )
    )
    openable = set(
        referrals_visible_to(user, Referral.objects.filter(pk__in=[r.pk for r in referrals])).values_list(
            "pk", flat=True
        )
    )
    events = []
    for referral in referrals:
        if referral.child_id in names:
            who = names[referral.child_id]
        else:
            who = _who(contact_members.get(referral.contact_id, []), names) or referral.child_name
        url = reverse("referrals:detail", args=[referral.pk]) if referral.pk in openable else ""
        events += referral_events(referral, kind=REFERRALS, who=who, url=url)
    return events


def referral_events(referral: Referral, **common) -> list[ChronologyEvent]:
    """What happened to one referral: made, sent, returned, authorised, routed, closed; each milestone."""
    ref = referral.reference
    disposal = f"Disposal: {referral.get_disposal_display()}" if referral.disposal else ""
    if referral.receiving_team_id:
        routed = f"Routed to {referral.receiving_team.name}"
    else:
        routed = f"Passed to the allocated worker, {referral.allocated_worker}"
    milestones = list(referral.milestones.all())
    closed_at_front_door = not any(m.kind == Milestone.Kind.CLOSURE for m in milestones)
    timed = [
        (
            referral.created_at,
            f"Referral {ref} made",
            f"Level of need: {referral.get_level_display()}",
            referral.worker,
        ),
        (referral.submitted_at, f"Referral {ref} sent for authorisation", disposal, referral.submitted_by),
        (referral.returned_at, f"Referral {ref} returned to the worker", "", referral.returned_by),
        (referral.authorised_at, f"Referral {ref} authorised", disposal, referral.authorised_by),
        (referral.routed_at, routed, f"Referral {ref}", None),
        (
            referral.closed_at if closed_at_front_door else None,
            f"Referral {ref} closed",
            "Closed at the front door",
            None,
        ),
    ]
    events = _timed_events(timed, first_step=1, **common)  # after the contact (step 0) made at the same moment
    events += [
        ChronologyEvent(
            when=milestone.date,
            step=10 + n,
            what=milestone.get_kind_display(),
            detail="; ".join([f"Referral {ref}", *milestone_details(milestone)]),
            by=str(milestone.recorded_by),
            **common,
        )
        for n, milestone in enumerate(milestones)
    ]
    return events


def milestone_details(milestone: Milestone) -> list[str]:
    """The coded facts a milestone records, in words (never its free-text notes)."""
    details = []
    if milestone.factors:
        details.append("Factors: " + ", ".join(milestone.factor_labels))
    if milestone.s47_outcome:
        details.append(f"Outcome: {milestone.get_s47_outcome_display()}")
    if milestone.cp_category:
        details.append(f"Category: {milestone.get_cp_category_display()}")
    if milestone.closure_reason:
        details.append(f"Reason: {codes.label(codes.closure_reason_choices(), milestone.closure_reason)}")
    return details


# --- Involvements (the person index) -----------------------------------------------------------------


def _involvements(names: dict) -> list[ChronologyEvent]:
    events = []
    for inv in Involvement.objects.filter(person_id__in=list(names), archived=False).select_related("team", "worker"):
        who = names[inv.person_id]
        detail = " – ".join(x for x in (inv.worker_display, inv.team.name if inv.team else "") if x)
        if inv.cp_category:
            detail = "; ".join(x for x in (f"Category: {inv.get_cp_category_display()}", detail) if x)
        events.append(
            ChronologyEvent(
                when=inv.start_date, kind=INVOLVEMENTS, what=f"{inv.get_kind_display()} started", who=who, detail=detail
            )
        )
        if inv.end_date:
            events.append(
                ChronologyEvent(
                    when=inv.end_date, step=1, kind=INVOLVEMENTS, what=f"{inv.get_kind_display()} ended", who=who
                )
            )
    return events


# --- The filter (a GET parameter, so it works without JavaScript) ------------------------------------


def chronology_filter(events: list[ChronologyEvent], show: str | None) -> dict:
    """The events to show for `?show=` (all, or one of KINDS; anything else is all) and the filter's options."""
    selected = show if show in KINDS else ""
    counts = dict.fromkeys(KINDS, 0)
    for event in events:
        counts[event.kind] += 1
    options = [{"value": "", "label": "All", "count": len(events), "selected": not selected}]
    options += [
        {"value": kind, "label": label, "count": counts[kind], "selected": kind == selected}
        for kind, label in KINDS.items()
    ]
    shown = [e for e in events if e.kind == selected] if selected else events
    return {"events": shown, "options": options, "selected": selected, "total": len(events)}


__all__ = ["ChronologyEvent", "KINDS", "chronology_filter", "family_events"]
