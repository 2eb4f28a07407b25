"""Reads of contacts, always given the user. A contact the user may not see answers 404.

`contact_get` records a "view" audit event: every opening of a contact page is audited.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, OuterRef, QuerySet, Subquery, Value, When

from frontdoor.audit.services import audit_record
from frontdoor.people.permissions import can_view_person
from frontdoor.people.selectors import involvements_for_people, repeat_concerns_for_people
from frontdoor.referrals import timescales
from frontdoor.referrals.models import ContactDecision

from . import domain
from .models import Action, Contact, ContactPerson
from .permissions import (
    can_edit_draft,
    can_open_contact_pages,
    can_read_received_contacts,
    can_see_caller_identity,
    can_view_contacts,
    routed_referrals,
    visible_contacts,
)

if TYPE_CHECKING:
    from frontdoor.accounts.models import User
    from frontdoor.people.models import Person

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


# Who the caller is: withheld from a reader who may not know it (a confidential caller, read by anyone but the
# worker who took the call and managers), in the caller's details and wherever the text names them.
CALLER_IDENTITY_FIELDS = (
    "caller_name",
    "caller_role",
    "caller_agency_name",
    "caller_phone",
    "caller_email",
    "caller_address",
)
FREE_TEXT_FIELDS = (
    "reason_for_call",
    "worried_about",
    "working_well",
    "needs_to_happen",
    "scale_reason",
    "child_location",
    "support_so_far",
    "records_check_notes",
    "consent_plan",
    "consent_notes",
    "named_problem",
    "caller_relationship",
    "caller_hoped_outcome",
    "outcome_notes",
)


def caller_patterns_for(contact: Contact) -> list:
    return domain.caller_patterns(name=contact.caller_name, phone=contact.caller_phone, email=contact.caller_email)


def contact_as_read_by(*, user: User, contact: Contact) -> tuple[Contact, list[Action]]:
    """The contact and its action plan as `user` may read them. Where the caller is confidential and the user
    may not know who called, an unsaved copy without the caller's details, and with every mention of them in
    the text and the action owners (what the system filled in, such as an owner "Caller" set to their name,
    and what was typed) replaced by "the caller". Never saved: it only goes to a page."""
    actions = list(contact.actions.all())
    if not contact.caller_confidential or can_see_caller_identity(user, contact):
        return contact, actions
    patterns = caller_patterns_for(contact)
    shown = copy.copy(contact)
    for name in FREE_TEXT_FIELDS:
        setattr(shown, name, domain.caller_withheld(getattr(contact, name), patterns))
    for name in CALLER_IDENTITY_FIELDS:
        setattr(shown, name, "")
    shown.caller_agency = None
    shown.save = _never_saved  # type: ignore[method-assign]
    withheld = []
    for action in actions:
        copied = copy.copy(action)
        copied.what = domain.caller_withheld(action.what, patterns)
        copied.owner = domain.caller_withheld(action.owner, patterns)
        copied.save = _never_saved  # type: ignore[method-assign]
        withheld.append(copied)
    return shown, withheld


def referrals_received(*, user: User, contact: Contact) -> list:
    """The referrals from this contact routed to the receiving practitioner's team or allocated to them."""
    return list(
        routed_referrals(user).filter(contact=contact).select_related("receiving_team", "allocated_worker", "child")
    )


def _never_saved(*args, **kwargs):
    raise RuntimeError("A contact with the caller withheld is for showing only, never saved")


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
    """Recorded contacts the user may see that name `person` (for the records check and person pages); for a
    receiving practitioner, those behind a referral routed to their team."""
    if not can_open_contact_pages(user) or person is None:
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


PUBLIC_CALLS_DAYS = 365


@dataclass
class RecordsCheck:
    """What the records show for one person on the call (`cp`); `person` is None until they are linked."""

    cp: ContactPerson
    person: Person | None = None
    previous_contacts: list = field(default_factory=list)  # ContactPerson links on earlier contacts
    referrals: list = field(default_factory=list)
    mash_enquiries: list = field(default_factory=list)
    public_calls: list = field(default_factory=list)
    current: list = field(default_factory=list)
    past: list = field(default_factory=list)
    repeat_concern: object = None

    def _current(self, kind: str):
        return next((i for i in self.current if i.kind == kind), None)

    @property
    def open_case(self):
        return self._current("open_case")

    @property
    def cp_plan(self):
        return self._current("cp_plan")

    @property
    def looked_after(self):
        return self._current("looked_after")

    @property
    def other_current(self) -> list:
        return [i for i in self.current if i.kind not in ("open_case", "cp_plan", "looked_after")]


def records_check_for(*, user: User, contact: Contact, audit: bool = False) -> list[RecordsCheck]:
    """For every child, adult and sibling on the call (children first): for those linked to a record, their
    earlier contacts and outcomes, referrals, MASH enquiries, public calls to the contact centre (last 12
    months), open case and allocated worker, child protection plan, looked after, and the repeat-concern alert.

    A fixed number of queries however many people are on the call, each part read through its own app's
    selector with the user's permissions (earlier contacts for those who see contacts, involvements and the
    repeat concern for those who see person records, referrals, MASH and public calls by their own apps' rules). `audit` records one view event on the contact naming who was checked.
    """
    from frontdoor.customer_service.selectors import handovers_for_people
    from frontdoor.mash.selectors import enquiries_for_people
    from frontdoor.referrals.selectors import referrals_for_people

    people = sorted(contact.people.filter(archived=False).select_related("person"), key=lambda cp: not cp.is_child)
    rows = [RecordsCheck(cp=cp, person=cp.person) for cp in people]
    linked = {row.person.pk: row.person for row in rows if row.person is not None}
    if not linked:
        return rows
    previous: dict = {}
    if can_view_contacts(user) or can_read_received_contacts(user):  # a receiving team: those routed to it
        earlier = visible_contacts(user, Contact.objects.filter(status=Contact.Status.RECORDED, archived=False))
        links = (
            ContactPerson.objects.filter(person_id__in=list(linked), archived=False, contact__in=earlier)
            .exclude(contact=contact)
            .select_related("contact")
            .order_by("-contact__received_at")
        )
        for link in links:
            previous.setdefault(link.person_id, []).append(link)
    involvements, concerns = {}, {}
    if can_view_person(user):
        involvements = involvements_for_people(linked)
        concerns = repeat_concerns_for_people(linked.values())
    referrals = referrals_for_people(user=user, person_ids=linked)
    enquiries = enquiries_for_people(user=user, person_ids=linked)
    calls = handovers_for_people(user=user, person_ids=linked, days=PUBLIC_CALLS_DAYS)
    for row in rows:
        if row.person is None:
            continue
        pk = row.person.pk
        row.previous_contacts = previous.get(pk, [])
        row.referrals = referrals.get(pk, [])
        row.mash_enquiries = [e for e in enquiries.get(pk, []) if e.contact_id != contact.pk]
        row.public_calls = calls.get(pk, [])
        row.current = [i for i in involvements.get(pk, []) if i.end_date is None]
        row.past = [i for i in involvements.get(pk, []) if i.end_date is not None]
        row.repeat_concern = concerns.get(pk)
    if audit:
        audit_record(
            actor=user,
            action="view",
            obj=contact,
            summary=f"Checked the records of {', '.join(p.person_id for p in linked.values())} on call {contact.reference}",
        )
    return rows


def nav_counts(*, user: User) -> dict[str, int]:
    return {
        "drafts": draft_list_for_worker(user=user).count(),
        "contacts": contact_list_for_worker(user=user).count(),
    }


def family_on_record_for(*, user: User, contact: Contact, people: list, audit: bool = False) -> list[tuple]:
    """The family members the index holds for the call's linked children who are not on the call yet, as
    people.selectors.relatives_on_record gives them (relative, relationship, related to): offered on the family
    step with a tick each. `audit` records one view event on the contact naming the records shown."""
    from frontdoor.people.selectors import relatives_on_record

    on_call = {cp.person_id for cp in people if cp.person_id}
    relatives = relatives_on_record(user=user, people=[cp.person for cp in people if cp.is_child and cp.person_id])
    offered = [r for r in relatives if r[0].pk not in on_call]
    if audit and offered:
        audit_record(
            actor=user,
            action="view",
            obj=contact,
            summary=f"Offered the family on the record ({', '.join(r[0].person_id for r in offered)}) on call {contact.reference}",
        )
    return offered
