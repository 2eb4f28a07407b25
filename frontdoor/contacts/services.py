"""Writes of the call flow. Each service is atomic, checks the draft's owner and version, and audits itself.

A draft is the Contact row with status DRAFT; every step saves to it. A stale version (the same draft
open in two tabs) raises core.locking's StaleEdit and nothing is saved. Person records for people the worker
chose to add as new are created when the contact is recorded, so abandoned drafts leave no orphans.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record, changed_fields
from frontdoor.core.locking import bump_version, lock_for_change
from frontdoor.core.references import next_reference
from frontdoor.core.workdays import due_after
from frontdoor.people.services import person_create

from . import domain
from .models import Action, Contact, ContactPerson
from .permissions import can_edit_draft, can_record_call

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


class ContactIncompleteError(Exception):
    def __init__(self, missing: list[tuple[str, str]]):
        super().__init__("; ".join(m for _, m in missing))
        self.missing = missing


def _locked_draft(*, actor: User, contact: Contact, version: object) -> Contact:
    """The draft re-read under a row lock (StaleEdit unless `version` is current), after checking its owner."""
    if not can_edit_draft(actor, contact):
        raise PermissionDenied("Only the worker who started this call can change it")
    locked = lock_for_change(contact, version=version, noun="call")
    if not can_edit_draft(actor, locked):  # recorded since `contact` was read
        raise PermissionDenied("Only the worker who started this call can change it")
    return locked


def _bump(contact: Contact, *, actor: User, step: str | None = None) -> None:
    if step:
        contact.last_step = step
    bump_version(contact, actor=actor)
    contact.full_clean()
    contact.save()


@transaction.atomic
def contact_start(*, actor: User, received_at: dt.datetime | None = None) -> Contact:
    """Start a call: a draft contact owned by `actor`, received now unless told otherwise."""
    if not can_record_call(actor):
        raise PermissionDenied("You cannot record calls")
    now = timezone.now()
    contact = Contact(
        reference=next_reference(prefix="C", on=timezone.localdate(now)),
        worker=actor,
        received_at=received_at or now,
        created_by=actor,
        modified_by=actor,
    )
    contact.full_clean(validate_unique=False)
    contact.save()
    audit_record(actor=actor, action="create", obj=contact, summary=f"Started call {contact.reference} (draft)")
    return contact


def _split_name(name: str) -> tuple[str, str]:
    """'Maisie Clarke' -> ('Maisie', 'Clarke'); a single name is a given name."""
    parts = name.split()
    if len(parts) < 2:
        return name.strip(), ""
    return " ".join(parts[:-1]), parts[-1]


@transaction.atomic
def contact_start_from_public_call(
    *,
    actor: User,
    received_at: dt.datetime,
    caller_name: str,
    caller_phone: str,
    caller_confidential: bool,
    what_was_said: str,
    child_name: str,
    child_date_of_birth: dt.date | None = None,
    child_address: str = "",
    child_postcode: str = "",
    person=None,
) -> Contact:
    """Start the call a customer service advisor handed over live: a draft owned by `actor`, filled in with
    what the advisor recorded so nothing is asked or typed twice. The caller is a member of the public
    (confidential if they asked); what they said seeds the reason for the call and the worries; the child
    is on the call as the advisor gave them, linked to the record the advisor matched (the record is then
    the truth, the caller's words are kept beside it)."""
    if not can_record_call(actor):
        raise PermissionDenied("You cannot record calls")
    contact = Contact(
        reference=next_reference(prefix="C", on=timezone.localdate(timezone.now())),
        worker=actor,
        received_at=received_at,
        caller_type=Contact.CallerType.PUBLIC,
        caller_name=caller_name,
        caller_phone=caller_phone,
        caller_confidential=caller_confidential,
        reason_for_call=what_was_said,
        worried_about=what_was_said,
        last_step="caller",
        created_by=actor,
        modified_by=actor,
    )
    contact.full_clean(validate_unique=False)
    contact.save()
    given, family = _split_name(child_name)
    child = ContactPerson(
        contact=contact,
        role=ContactPerson.Role.CHILD,
        given_name=given[:100],
        family_name=family[:100],
        date_of_birth=child_date_of_birth,
        address=child_address,
        postcode=child_postcode,
        person=person,
        match_decision="linked" if person else "",  # not matched yet: the worker checks the records
        created_by=actor,
        modified_by=actor,
    )
    child.full_clean()
    child.save()
    audit_record(
        actor=actor,
        action="create",
        obj=contact,
        summary=f"Started call {contact.reference} (draft) from a public call handed over by customer service",
    )
    return contact


@transaction.atomic
def contact_step_save(*, actor: User, contact: Contact, version: int, step: str, values: dict[str, Any]) -> Contact:
    """Save one step's answers to the draft, all or nothing."""
    locked = _locked_draft(actor=actor, contact=contact, version=version)
    before = {k: getattr(locked, k + "_id" if k == "caller_agency" else k) for k in values}
    for name, value in values.items():
        setattr(locked, name, value)
    if step == "records":
        locked.records_checked_at = timezone.now()
    _bump(locked, actor=actor, step=step)
    after = {k: getattr(locked, k + "_id" if k == "caller_agency" else k) for k in values}
    changes = changed_fields(before, after)
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=f"Saved step '{domain.step_title(step)}' of call {locked.reference}",
        changes=changes,
    )
    return locked


PERSON_FIELDS = (
    "role",
    "given_name",
    "family_name",
    "date_of_birth",
    "approximate_age",
    "sex",
    "relationship",
    "lives_with_child",
    "parental_responsibility",
    "address",
    "postcode",
)


@transaction.atomic
def contact_person_save(
    *,
    actor: User,
    contact: Contact,
    version: int,
    values: dict[str, Any],
    person=None,
    contact_person: ContactPerson | None = None,
) -> ContactPerson:
    """Add someone to the call (or change them). `person` is the existing record the worker matched;
    None means the worker explicitly chose "none of these, add as a new person"."""
    locked = _locked_draft(actor=actor, contact=contact, version=version)
    if contact_person is None:
        contact_person = ContactPerson(contact=locked, created_by=actor, position=locked.people.count())
        action = "Added"
    else:
        if contact_person.contact_id != locked.pk:
            raise PermissionDenied("That person is not on this call")
        action = "Changed"
    for name in PERSON_FIELDS:
        if name in values:
            setattr(contact_person, name, values[name])
    contact_person.person = person
    contact_person.match_decision = "linked" if person else "new"
    contact_person.modified_by = actor
    contact_person.full_clean()
    contact_person.save()
    _bump(locked, actor=actor)
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=f"{action} {contact_person.get_role_display().lower()} {contact_person} on call {locked.reference}"
        + (f" (linked to {person.person_id})" if person else " (new person)"),
    )
    return contact_person


@transaction.atomic
def contact_person_remove(*, actor: User, contact: Contact, version: int, contact_person: ContactPerson) -> Contact:
    """Take someone off the call; returns the draft (its new version)."""
    locked = _locked_draft(actor=actor, contact=contact, version=version)
    if contact_person.contact_id != locked.pk:
        raise PermissionDenied("That person is not on this call")
    name = str(contact_person)
    contact_person.delete()
    _bump(locked, actor=actor)
    audit_record(actor=actor, action="change", obj=locked, summary=f"Removed {name} from call {locked.reference}")
    return locked


@transaction.atomic
def action_add(*, actor: User, contact: Contact, version: int, what: str, owner: str, due_date: dt.date) -> Action:
    locked = _locked_draft(actor=actor, contact=contact, version=version)
    action = Action(
        contact=locked,
        what=what,
        owner=owner,
        due_date=due_date,
        position=locked.actions.count(),
        created_by=actor,
        modified_by=actor,
    )
    action.full_clean()
    action.save()
    _bump(locked, actor=actor)
    audit_record(actor=actor, action="change", obj=locked, summary=f"Added action '{what[:80]}' to {locked.reference}")
    return action


@transaction.atomic
def action_remove(*, actor: User, contact: Contact, version: int, action: Action) -> Contact:
    """Take an action out of the plan; returns the draft (its new version)."""
    locked = _locked_draft(actor=actor, contact=contact, version=version)
    if action.contact_id != locked.pk:
        raise PermissionDenied("That action is not on this call")
    what = action.what
    action.delete()
    _bump(locked, actor=actor)
    audit_record(
        actor=actor, action="change", obj=locked, summary=f"Removed action '{what[:80]}' from {locked.reference}"
    )
    return locked


def _create_new_people(*, actor: User, contact: Contact) -> int:
    made = 0
    for cp in contact.people.filter(person__isnull=True, match_decision="new"):
        if not cp.family_name:
            continue  # too little to make a person record from; stays on the contact only
        cp.person = person_create(
            actor=actor,
            given_name=cp.given_name,
            family_name=cp.family_name,
            date_of_birth=cp.date_of_birth,
            approximate_age=cp.approximate_age,
            sex=cp.sex or "U",
            address=cp.address,
            postcode=cp.postcode,
        )
        cp.modified_by = actor
        cp.save(update_fields=["person", "modified_by", "modified_at"])
        made += 1
    return made


@transaction.atomic
def contact_record(*, actor: User, contact: Contact, version: int, named_problem: str) -> Contact:
    """Save the call as a recorded contact and fix its decision and feedback-letter deadlines."""
    locked = _locked_draft(actor=actor, contact=contact, version=version)
    locked.named_problem = named_problem
    missing = domain.missing_for_recording(
        locked,
        children=locked.people.filter(role=ContactPerson.Role.CHILD).count(),
        actions=locked.actions.count(),
    )
    if missing:
        raise ContactIncompleteError(missing)
    made = _create_new_people(actor=actor, contact=locked)
    locked.status = Contact.Status.RECORDED
    locked.recorded_at = timezone.now()
    locked.decision_due_at = due_after(locked.received_at, settings.FRONTDOOR_DECISION_WORKING_DAYS)
    locked.letter_due_at = due_after(locked.received_at, settings.FRONTDOOR_LETTER_WORKING_DAYS)
    _bump(locked, actor=actor, step="check")
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=f"Recorded contact {locked.reference}; decision due {timezone.localtime(locked.decision_due_at):%d %b %Y %H:%M}"
        + (f"; {made} new person record(s) created" if made else ""),
        changes={"status": ["draft", "recorded"]},
    )
    return locked
