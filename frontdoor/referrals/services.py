"""Writes for decisions and referrals. Each is atomic, validated, and audits itself.

User-facing refusals raise ValidationError (a dict for field errors); a user without the right
raises PermissionDenied. Every edit takes the `version` the page showed: a stale, missing or forged one
raises core.locking.StaleEdit, so the page can keep the user's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record, changed_fields
from frontdoor.contacts.domain import household_answers
from frontdoor.core.locking import StaleEdit, bump_version, lock_for_change, parse_version
from frontdoor.core.references import next_reference

from . import domain, permissions
from .models import ContactDecision, Milestone, PoliceNotification, Referral, SharingDecision

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def _transition(referral: Referral, action: str) -> str:
    try:
        return domain.next_state(referral.state, action)
    except domain.TransitionError as exc:
        raise ValidationError(str(exc)) from None


def contact_children(contact) -> list:
    """The children a contact is about (`ContactPerson`s, in the call's order): each has its own decision."""
    return [p for p in contact.people.all() if p.is_child and not p.archived]


@transaction.atomic
def decision_record(
    *,
    actor: User,
    contact,
    child=None,
    level: int,
    outcome: str,
    reasons: str,
    s47_indicators: list[str] | None = None,
    version: object,
) -> ContactDecision:
    """Record (or change) the decision for one child on a recorded contact (`child`, a `ContactPerson`
    on it; it may be left out on a contact about one child or none); "progress to referral" opens the
    child's referral.

    `version` is the decision's version the page showed, or 0 when it showed no decision yet: a page
    opened before someone else decided is then refused like any other stale edit. Sending the same
    decision again (a double click, back and resubmit, a retry) changes nothing and opens no second
    referral: the decision and its referral are returned as they are."""
    if not permissions.can_decide(actor, contact):
        raise PermissionDenied
    if contact.status != "recorded":
        raise ValidationError("A decision can only be made on a recorded contact")
    children = contact_children(contact)
    if child is None and len(children) == 1:
        child = children[0]  # a contact about one child: the decision is theirs
    if child is None and children:
        raise ValidationError("Choose the child this decision is about")
    if child is not None and child.pk not in {c.pk for c in children}:
        raise ValidationError("This child is not on the contact")
    indicators = list(s47_indicators or [])
    try:
        strategy = domain.consider_strategy_discussion(indicators)
    except ValueError as exc:
        raise ValidationError({"s47_indicators": str(exc)}) from None
    now = timezone.now()
    # The contact's row lock makes two first decisions on one child take turns (the unique constraint
    # on contact and child is the last guard).
    type(contact)._default_manager.select_for_update().filter(pk=contact.pk).first()
    existing = ContactDecision.objects.filter(contact=contact, child=child).first()
    wanted = {
        "level": level,
        "outcome": outcome,
        "reasons": reasons,
        "s47_indicators": indicators,
        "consider_strategy_discussion": strategy,
    }
    if existing is not None and _values(existing, DECISION_FIELDS) == wanted:
        # The same decision sent again: nothing to change, and never a second referral.
        if outcome == ContactDecision.Outcome.REFERRAL:
            _referral_open(actor=actor, decision=existing)
        return existing
    created = existing is None
    if existing is None:
        if parse_version(version) != 0:
            raise StaleEdit(current_version=0, noun="decision")
        decision = ContactDecision(contact=contact, child=child, created_by=actor, modified_by=actor)
    else:
        decision = lock_for_change(existing, version=version, noun="decision")
        if Referral.objects.filter(decision=decision).exists():
            raise ValidationError("This decision has become a referral: change the referral instead")
        bump_version(decision, actor=actor)
    before = _values(decision, DECISION_FIELDS) if not created else {}
    decision.level, decision.outcome, decision.reasons = level, outcome, reasons
    decision.s47_indicators, decision.consider_strategy_discussion = indicators, strategy
    decision.decided_by, decision.decided_at = actor, now
    decision.full_clean()
    decision.save()
    who = f" for {child.shown_name}" if child is not None else ""
    audit_record(
        actor=actor,
        action="create" if created else "change",
        obj=decision,
        summary=f"Decision on {contact.reference}{who}: level {level}, {decision.get_outcome_display().lower()}"
        + (", consider a strategy discussion" if strategy else ""),
        changes=changed_fields(before, _values(decision, DECISION_FIELDS)),
    )
    if outcome == ContactDecision.Outcome.REFERRAL:
        _referral_open(actor=actor, decision=decision)
    return decision


@transaction.atomic
def decisions_record_same(
    *,
    actor: User,
    contact,
    level: int,
    outcome: str,
    reasons: str,
    s47_indicators: list[str] | None = None,
    versions: dict | None = None,
) -> list[ContactDecision]:
    """ "The same decision for all children": one decision row for each child on the contact whose
    decision can still change (each can be changed alone afterwards). `versions` maps each child's
    `ContactPerson` pk (as a string) to the version its decision showed (0 or missing: no decision yet).
    A child whose decision already became a referral is left as it is. All or nothing."""
    versions = {str(k): v for k, v in (versions or {}).items()}
    children = contact_children(contact) or [None]
    decided = {d.child_id: d for d in ContactDecision.objects.filter(contact=contact).prefetch_related("referral")}
    saved = []
    for child in children:
        existing = decided.get(child.pk if child else None)
        if existing is not None and _has_referral(existing):
            saved.append(existing)
            continue
        saved.append(
            decision_record(
                actor=actor,
                contact=contact,
                child=child,
                level=level,
                outcome=outcome,
                reasons=reasons,
                s47_indicators=s47_indicators,
                version=versions.get(str(child.pk) if child else "", 0),
            )
        )
    return saved


class ChildDecisionRefused(Exception):
    """A decision for one child was refused (`error`: the StaleEdit or ValidationError) on a page that
    records several: `index` says which child's part of the page it belongs to. Nothing was saved."""

    def __init__(self, index: int, error: Exception):
        self.index, self.error = index, error
        super().__init__(str(error))


@transaction.atomic
def decisions_record_each(*, actor: User, contact, choices: list[dict]) -> list[ContactDecision]:
    """A decision for each child the page posted one for (`choices`: each a dict of `child`, `level`,
    `outcome`, `reasons`, `s47_indicators`, `version` and the page's `index`), all or nothing; a refusal
    raises ChildDecisionRefused naming the child's part of the page."""
    saved = []
    for choice in choices:
        choice = dict(choice)
        index = choice.pop("index", 0)
        try:
            with transaction.atomic():
                saved.append(decision_record(actor=actor, contact=contact, **choice))
        except (StaleEdit, ValidationError) as exc:
            raise ChildDecisionRefused(index, exc) from exc
    return saved


def _has_referral(decision: ContactDecision) -> bool:
    try:
        return decision.referral is not None
    except Referral.DoesNotExist:
        return False


def _referral_open(*, actor: User, decision: ContactDecision) -> Referral:
    """The referral for this decision's child: made once, inside the decision's transaction (a retry
    finds the one already made; the one-to-one on the decision is the database's guard)."""
    found = Referral.objects.filter(decision=decision).first()
    if found is not None:
        return found
    contact = decision.contact
    child = decision.child
    referral = Referral(
        reference=next_reference(prefix="R", on=timezone.localdate()),
        contact=contact,
        decision=decision,
        child=child.person if child else None,
        child_name=child.shown_name if child else "",
        worker=actor,
        level=decision.level,
        immediate_protection=contact.immediacy == "immediate",
        consider_strategy_discussion=decision.consider_strategy_discussion,
        youth_risk=contact.phone_route == "exploitation",
        due_at=contact.decision_due_at,
        other_agencies=contact.support_so_far,
        **household_answers(contact),  # asked on the call; the referral keeps its own copy
        created_by=actor,
        modified_by=actor,
    )
    referral.full_clean()
    referral.save()
    name = f" for {child.shown_name}" if child else ""
    audit_record(actor=actor, action="create", obj=referral, summary=f"Referral {referral.reference} opened{name}")
    return referral


DECISION_FIELDS = ("level", "outcome", "reasons", "s47_indicators", "consider_strategy_discussion")


def _values(obj, names) -> dict[str, Any]:
    """Before and after values for the audit: a related row as its id (no query), as stored."""
    return {name: obj.serializable_value(name) for name in names}


REFERRAL_FIELDS = (
    "domestic_abuse",
    "mental_illness",
    "substance_misuse",
    "learning_difficulties",
    "other_agencies",
    "youth_risk",
    "disposal",
    "disposal_reasons",
    "receiving_team",
    "allocated_worker",
    "tell_professional_referrer",
    "tell_public_referrer",
    "tell_child_and_family",
)


@transaction.atomic
def referral_update(*, actor: User, referral: Referral, version: object, submit: bool = False, **fields) -> Referral:
    """Save the worker's referral details; with submit=True also send it for authorisation."""
    if not permissions.can_edit_referral(actor, referral):
        raise PermissionDenied
    referral = lock_for_change(referral, version=version, noun="referral")
    _transition(referral, "submit" if submit else "edit")
    before = _values(referral, (*REFERRAL_FIELDS, "state"))
    for name in REFERRAL_FIELDS:
        if name in fields:
            setattr(referral, name, fields[name])
    if submit:
        errors = domain.disposal_errors(
            disposal=referral.disposal,
            reasons=referral.disposal_reasons,
            receiving_team_set=bool(referral.receiving_team_id or referral.allocated_worker_id),
        )
        if errors:
            raise ValidationError(errors)
        referral.state = _transition(referral, "submit")
        referral.submitted_by, referral.submitted_at = actor, timezone.now()
        referral.return_reasons = ""
    bump_version(referral, actor=actor)
    referral.full_clean()
    referral.save()
    audit_record(
        actor=actor,
        action="submit" if submit else "change",
        obj=referral,
        summary=f"Referral {referral.reference} sent for authorisation" if submit else "Referral details saved",
        changes=changed_fields(before, _values(referral, (*REFERRAL_FIELDS, "state"))),
    )
    return referral


@transaction.atomic
def referral_authorise(*, actor: User, referral: Referral, version: object) -> Referral:
    """A manager authorises the disposal; the referral is routed to its team (or closed for disposal 1)."""
    if not permissions.can_authorise(actor, referral):
        raise PermissionDenied("You cannot authorise a referral you prepared yourself")
    referral = lock_for_change(referral, version=version, noun="referral")
    referral.state = _transition(referral, "authorise")
    now = timezone.now()
    referral.authorised_by, referral.authorised_at = actor, now
    if referral.receiving_team_id or referral.allocated_worker_id:
        referral.state = _transition(referral, "route")
        referral.routed_at = now
        if referral.allocated_worker_id:
            referral.state = _transition(referral, "allocate")
        summary = f"Referral {referral.reference} authorised and routed to {referral.receiving_team or 'the allocated worker'}"
    else:
        referral.state = _transition(referral, "close")
        referral.closed_at = now
        summary = f"Referral {referral.reference} authorised: disposal 1, closed at the front door"
    bump_version(referral, actor=actor)
    referral.full_clean()
    referral.save()
    audit_record(actor=actor, action="authorise", obj=referral, summary=summary)
    return referral


def authorise_refusal(*, actor: User, referral: Referral) -> str:
    """Why this manager cannot authorise this referral now ("" when they can): shown next to a sibling."""
    if not permissions.can_authorise(actor, referral):
        return "You prepared or sent this referral, so another manager must authorise it"
    if not domain.can_transition(referral.state, "authorise"):
        return f"It is {referral.state_label.lower()}, not awaiting authorisation"
    return ""


@transaction.atomic
def referrals_authorise_together(*, actor: User, versions: dict[Referral, object]) -> list[Referral]:
    """Siblings from one contact authorised together (`versions`: each referral with the version the
    page showed). Each is authorised, routed and audited on its own, as `referral_authorise` does; if any
    one is not ready, none is authorised and the error names each one with its reason."""
    if not permissions.can_authorise(actor):
        raise PermissionDenied
    referrals = list(versions)
    if len({r.contact_id for r in referrals}) > 1:
        raise ValidationError("Only referrals from one contact can be authorised together")
    errors = {}
    for referral in referrals:
        current = Referral.objects.filter(pk=referral.pk).first() or referral
        reason = authorise_refusal(actor=actor, referral=current)
        if not reason and parse_version(versions[referral]) != current.version:
            reason = "It was changed after you opened this page: check it again"
        if reason:
            errors[referral.reference] = reason
    if errors:
        raise ValidationError([f"{ref}: {why}" for ref, why in errors.items()], code="siblings")
    return [
        referral_authorise(actor=actor, referral=referral, version=versions[referral])
        for referral in sorted(referrals, key=lambda r: r.reference)
    ]


@transaction.atomic
def referral_return(*, actor: User, referral: Referral, version: object, reasons: str) -> Referral:
    if not permissions.can_authorise(actor, referral):
        raise PermissionDenied("You cannot return a referral you prepared yourself")
    referral = lock_for_change(referral, version=version, noun="referral")
    if not (reasons or "").strip():
        raise ValidationError({"reasons": "Enter the reasons for returning the referral"})
    referral.state = _transition(referral, "return")
    referral.return_reasons = reasons
    referral.returned_by, referral.returned_at = actor, timezone.now()
    bump_version(referral, actor=actor)
    referral.save()
    audit_record(actor=actor, action="return", obj=referral, summary=f"Referral {referral.reference} returned")
    return referral


@transaction.atomic
def referral_take(*, actor: User, referral: Referral, version: object) -> Referral:
    """A receiving practitioner takes a referral from their team's unallocated work."""
    if not permissions.can_take(actor, referral):
        raise PermissionDenied
    referral = lock_for_change(referral, version=version, noun="referral")
    referral.state = _transition(referral, "allocate")
    referral.allocated_worker = actor
    bump_version(referral, actor=actor)
    referral.save()
    audit_record(actor=actor, action="allocate", obj=referral, summary=f"Allocated to {actor}")
    return referral


@transaction.atomic
def sharing_decide(*, actor: User, referral: Referral, authorised: bool, what: str, reasons: str) -> SharingDecision:
    if not permissions.can_decide_sharing(actor, referral):
        raise PermissionDenied
    decision = SharingDecision(
        referral=referral,
        authorised=authorised,
        what=what,
        reasons=reasons,
        decided_by=actor,
        decided_at=timezone.now(),
        created_by=actor,
    )
    decision.full_clean()
    decision.save()
    word = "authorised" if authorised else "refused"
    audit_record(
        actor=actor,
        action="authorise" if authorised else "refused",
        obj=referral,
        summary=f"Sharing without the parents' knowledge {word}",
    )
    return decision


@transaction.atomic
def police_notify(
    *, actor: User, referral: Referral, notified_at, police_reference: str, notes: str = ""
) -> PoliceNotification:
    if not permissions.can_notify_police(actor, referral):
        raise PermissionDenied
    if notified_at and notified_at > timezone.now():
        raise ValidationError({"notified_at": "The time the police were told must be in the past"})
    note = PoliceNotification(
        referral=referral,
        notified_at=notified_at,
        notified_by=actor,
        police_reference=police_reference,
        notes=notes,
        created_by=actor,
    )
    note.full_clean()
    note.save()
    audit_record(actor=actor, action="create", obj=referral, summary=f"Police notified, reference {police_reference}")
    return note


MILESTONE_REQUIRED: dict[str, tuple[str, str]] = {
    Milestone.Kind.CP_PLAN: ("cp_category", "Select the category of the child protection plan"),
    Milestone.Kind.CLOSURE: ("closure_reason", "Select the reason for closure"),
    Milestone.Kind.S47_OUTCOME: ("s47_outcome", "Select the outcome of the Section 47 enquiry"),
}


@transaction.atomic
def milestone_record(*, actor: User, referral: Referral, kind: str, date, **fields) -> Milestone:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not permissions.can_record_milestone(actor, referral):
        raise PermissionDenied
    _transition(referral, "record_milestone")
    if kind in MILESTONE_REQUIRED:
        name, message = MILESTONE_REQUIRED[kind]
        if not fields.get(name):
            raise ValidationError({name: message})
    if date and date > timezone.localdate():
        raise ValidationError({"date": "The date must be today or in the past"})
    milestone = Milestone(referral=referral, kind=kind, date=date, recorded_by=actor, created_by=actor, **fields)
    milestone.full_clean()
    milestone.save()
    if kind == Milestone.Kind.CLOSURE:
        referral.state = _transition(referral, "close")
        referral.closed_at = timezone.now()
        bump_version(referral, actor=actor)
        referral.save()
    audit_record(actor=actor, action="create", obj=referral, summary=f"{milestone.get_kind_display()} recorded")
    return milestone
