"""Writes of the call flow. Each service is atomic, checks the draft's owner and version, and audits itself.

A draft is the Contact row with status DRAFT; every step saves to it. A stale version (the same draft
open in two tabs) raises core.locking's StaleEdit and nothing is saved. Person records for people the worker
chose to add as new are created when the contact is recorded, so abandoned drafts leave no orphans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record, changed_fields
from frontdoor.core.locking import bump_version, lock_for_change
from frontdoor.core.references import next_reference
from frontdoor.core.workdays import due_after
from frontdoor.people.services import person_create, relationships_add_missing

from . import domain
from .models import Action, Contact, ContactPerson
from .permissions import can_change_linked_record, can_edit_draft, can_record_call

if TYPE_CHECKING:
    from frontdoor.accounts.models import User
    from frontdoor.people.models import Person


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
        # The record's name once linked (the audit trail is a page too), the caller's words beside it.
        summary=f"{action} {contact_person.get_role_display().lower()} {contact_person.shown_name} on call "
        + locked.reference
        + (f" (linked to {person.person_id}" if person else " (new person")
        + (f"; the caller said: {contact_person.caller_said_text})" if contact_person.caller_said else ")"),
    )
    return contact_person


@transaction.atomic
def contact_people_add_from_record(*, actor: User, contact: Contact, version: int, relatives: list) -> Contact:
    """Add family members the record already holds to the call, one tick each: `relatives` as given by
    people.selectors.relatives_on_record ((relative, relationship, related to)). Each is linked to their
    record (the record is the truth; nothing typed) with a role and relationship words from the record's
    relationship (domain.role_for_relative); anyone already on the call is left as they are."""
    locked = _locked_draft(actor=actor, contact=contact, version=version)
    on_call = set(locked.people.exclude(person=None).values_list("person_id", flat=True))
    added = []
    for relative, rel, _of in relatives:
        if relative.pk in on_call:
            continue
        role, words = domain.role_for_relative(
            kind=rel.kind, sex=relative.sex, same_household=rel.same_household, description=rel.description
        )
        cp = ContactPerson(
            contact=locked,
            person=relative,
            match_decision="linked",
            role=role,
            given_name=relative.given_name[:100] or "-",
            family_name=relative.family_name[:100],
            date_of_birth=relative.date_of_birth,
            approximate_age=relative.approximate_age,
            sex=relative.sex if relative.sex in ("M", "F") else "",
            relationship=words,
            lives_with_child=rel.same_household,
            parental_responsibility=rel.parental_responsibility,
            position=locked.people.count(),
            created_by=actor,
            modified_by=actor,
        )
        cp.full_clean()
        cp.save()
        on_call.add(relative.pk)
        added.append(f"{cp.get_role_display().lower()} {relative.full_name} ({relative.person_id})")
    if added:
        _bump(locked, actor=actor)
        audit_record(
            actor=actor,
            action="change",
            obj=locked,
            summary=f"Added from the record to call {locked.reference}: {'; '.join(added)}",
        )
    return locked


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


@dataclass(frozen=True)
class IndexCandidate:
    """A new person on the call (no record): whether the index may have them, and why not if not."""

    contact_person: ContactPerson
    allowed: bool
    reason: str


def index_plan(contact: Contact, people: list[ContactPerson] | None = None) -> list[IndexCandidate]:
    """The people on the call who have no record and were added as new, each with whether a record may be
    made when the contact is saved: a child only under the consent rule (domain.child_record_allowed), anyone
    only with a last name. The check page lists these with a tick each."""
    people = list(contact.people.all()) if people is None else people
    child_ok, child_why = domain.child_record_allowed(
        consent=contact.consent, immediacy=contact.immediacy, outcome=contact.agreed_outcome
    )
    plan = []
    for cp in people:
        if cp.person_id or cp.match_decision != "new":
            continue
        if not cp.family_name:
            plan.append(
                IndexCandidate(cp, False, "No record is made without a last name: they stay on this contact only.")
            )
        elif cp.is_child:
            plan.append(IndexCandidate(cp, child_ok, child_why))
        else:
            plan.append(IndexCandidate(cp, True, ""))
    return plan


@transaction.atomic
def contact_person_relink(
    *, actor: User, contact: Contact, version: int, contact_person: ContactPerson, person: Person | None, reason: str
) -> ContactPerson:
    """A manager corrects the record a person on a recorded contact is linked to (`person`; None: linked to no
    record, they stay on the contact only). What the caller said is kept as it was. Audited on the contact,
    with the record before and after and the reason, and on each record concerned."""
    if not can_change_linked_record(actor, contact):
        raise PermissionDenied("Only a team manager can change the linked record of a recorded contact")
    locked = lock_for_change(contact, version=version, noun="contact")
    if contact_person.contact_id != locked.pk:
        raise PermissionDenied("That person is not on this contact")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the linked record is changing"})
    cp = ContactPerson.objects.select_for_update().get(pk=contact_person.pk)
    before = cp.person
    if (before.pk if before else None) == (person.pk if person else None):
        raise ValidationError({"match": "Choose a different record, or no record"})
    cp.person = person
    cp.match_decision = "linked" if person else "new"
    cp.modified_by = actor
    cp.full_clean()
    cp.save(update_fields=["person", "match_decision", "modified_by", "modified_at"])
    bump_version(locked, actor=actor)
    locked.save(update_fields=["version", "modified_by", "modified_at"])

    def label(p: Person | None) -> str | None:
        return f"{p.person_id} {p.full_name}" if p else None

    summary = (
        f"Changed the linked record of {cp.get_role_display().lower()} {cp} on contact {locked.reference}: "
        f"{label(before) or 'no record'} to {label(person) or 'no record'}. Reason: {reason}"
    )
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=summary,
        changes={"linked record": [label(before), label(person)]},
    )
    for record in (before, person):
        if record is not None:
            audit_record(actor=actor, action="change", obj=record, summary=summary)
    return cp


def _create_new_people(*, actor: User, contact: Contact, add_to_index: Collection[str] | None) -> list[Person]:
    """Records for the new people the worker confirmed (all allowed ones when `add_to_index` is None)."""
    made = []
    for candidate in index_plan(contact):
        cp = candidate.contact_person
        if not candidate.allowed or (add_to_index is not None and str(cp.pk) not in add_to_index):
            continue
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
        made.append(cp.person)
    return made


def _said_on_call(contact: Contact) -> list[tuple]:
    """The relationships the call states between people with a record (domain.said_relationships)."""
    people = [cp for cp in contact.people.select_related("person") if cp.person_id]
    children = [cp.person for cp in people if cp.is_child]
    parents = [cp for cp in people if cp.role == ContactPerson.Role.PARENT_CARER]
    said = []
    for cp in people:
        if cp.is_child:
            continue
        for rel in domain.said_relationships(
            role=cp.role,
            relationship=cp.relationship,
            lives_with_child=cp.lives_with_child,
            parental_responsibility=cp.parental_responsibility,
        ):
            their_parents = [p.person for p in parents if p.person_id != cp.person_id]
            if rel.only_if_no_parent and their_parents:
                continue
            targets = children if rel.to == "child" else their_parents
            for target in targets:
                said.append(
                    (cp.person, rel.kind, target, rel.parental_responsibility, rel.same_household, rel.description)
                )
    return said


@transaction.atomic
def contact_record(
    *, actor: User, contact: Contact, version: int, named_problem: str, add_to_index: Collection[str] | None = None
) -> Contact:
    """Save the call as a recorded contact and fix its decision and feedback-letter deadlines.

    The call feeds the person index: each new person the worker confirmed (`add_to_index`, ContactPerson ids;
    None: everyone `index_plan` allows) gets a person record, and the relationships said on the call between
    people with records are added where the record does not already relate them."""
    locked = _locked_draft(actor=actor, contact=contact, version=version)
    locked.named_problem = named_problem
    missing = domain.missing_for_recording(
        locked,
        children=locked.people.filter(role=ContactPerson.Role.CHILD).count(),
        actions=locked.actions.count(),
    )
    if missing:
        raise ContactIncompleteError(missing)
    made = _create_new_people(actor=actor, contact=locked, add_to_index=add_to_index)
    related = relationships_add_missing(actor=actor, said=_said_on_call(locked))
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
        + (f"; new person records: {', '.join(p.person_id for p in made)}" if made else "")
        + (f"; {len(related)} relationship(s) added to the index" if related else ""),
        changes={"status": ["draft", "recorded"]},
    )
    return locked
