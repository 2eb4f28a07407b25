"""Writes for decisions and referrals. Each is atomic, validated, and audits itself.

User-facing refusals raise ValidationError (a dict for field errors); a user without the right
raises PermissionDenied. A stale version raises StaleEdit so the page can keep the user's text.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record

from . import domain, permissions
from .models import ContactDecision, Milestone, PoliceNotification, Referral, SharingDecision


class StaleEdit(ValidationError):
    """Someone else saved this record after the page was opened."""

    def __init__(self, noun: str = "record"):
        super().__init__(
            f"Someone else changed this {noun} while you were working on it. Your text is kept below: "
            "check the latest version and save again."
        )


def _check_version(obj, version: int | None, noun: str) -> None:
    if version is not None and int(version) != obj.version:
        raise StaleEdit(noun)


def _lock(model, pk):
    return model.objects.select_for_update().get(pk=pk)


def _transition(referral: Referral, action: str) -> str:
    try:
        return domain.next_state(referral.state, action)
    except domain.TransitionError as exc:
        raise ValidationError(str(exc)) from None


def _next_reference(prefix: str, model) -> str:
    year = timezone.localdate().year
    stem = f"{prefix}{year}-"
    last = model.objects.filter(reference__startswith=stem).order_by("-reference").values_list("reference", flat=True)
    number = int(last[0].rsplit("-", 1)[1]) + 1 if last else 1
    return f"{stem}{number:06d}"


def _first_child(contact):
    return next((p for p in contact.people.all() if p.is_child), None)


@transaction.atomic
def decision_record(
    *,
    actor,
    contact,
    level: int,
    outcome: str,
    reasons: str,
    s47_indicators: list[str] | None = None,
    version: int | None = None,
) -> ContactDecision:
    """Record (or change) the decision on a recorded contact; "progress to referral" opens a referral."""
    if not permissions.can_decide(actor, contact):
        raise PermissionDenied
    if contact.status != "recorded":
        raise ValidationError("A decision can only be made on a recorded contact")
    indicators = list(s47_indicators or [])
    try:
        strategy = domain.consider_strategy_discussion(indicators)
    except ValueError as exc:
        raise ValidationError({"s47_indicators": str(exc)}) from None
    now = timezone.now()
    decision = ContactDecision.objects.select_for_update().filter(contact=contact).first()
    created = decision is None
    if created:
        decision = ContactDecision(contact=contact, created_by=actor)
    else:
        # A page opened before anyone decided carries no version: someone decided since, so it is stale.
        _check_version(decision, version or 0, "decision")
        if hasattr(decision, "referral"):
            raise ValidationError("This decision has become a referral: change the referral instead")
        decision.version += 1
    decision.level, decision.outcome, decision.reasons = level, outcome, reasons
    decision.s47_indicators, decision.consider_strategy_discussion = indicators, strategy
    decision.decided_by, decision.decided_at, decision.modified_by = actor, now, actor
    decision.full_clean()
    decision.save()
    audit_record(
        actor=actor,
        action="create" if created else "update",
        obj=decision,
        summary=f"Decision on {contact.reference}: level {level}, {decision.get_outcome_display().lower()}"
        + (", consider a strategy discussion" if strategy else ""),
    )
    if outcome == ContactDecision.Outcome.REFERRAL:
        _referral_open(actor=actor, decision=decision)
    return decision


def _referral_open(*, actor, decision: ContactDecision) -> Referral:
    contact = decision.contact
    child = _first_child(contact)
    referral = Referral(
        reference=_next_reference("R", Referral),
        contact=contact,
        decision=decision,
        child=child.person if child else None,
        child_name=str(child) if child else "",
        worker=actor,
        level=decision.level,
        immediate_protection=contact.immediacy == "immediate",
        consider_strategy_discussion=decision.consider_strategy_discussion,
        youth_risk=contact.phone_route == "exploitation",
        due_at=contact.decision_due_at,
        other_agencies=contact.support_so_far,
        created_by=actor,
        modified_by=actor,
    )
    referral.full_clean()
    referral.save()
    audit_record(actor=actor, action="create", obj=referral, summary=f"Referral {referral.reference} opened")
    return referral


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
def referral_update(*, actor, referral: Referral, version: int | None, submit: bool = False, **fields) -> Referral:
    """Save the worker's referral details; with submit=True also send it for authorisation."""
    if not permissions.can_edit_referral(actor, referral):
        raise PermissionDenied
    referral = _lock(Referral, referral.pk)
    _check_version(referral, version, "referral")
    _transition(referral, "submit" if submit else "edit")
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
    referral.version += 1
    referral.modified_by = actor
    referral.full_clean()
    referral.save()
    audit_record(
        actor=actor,
        action="submit" if submit else "update",
        obj=referral,
        summary=f"Referral {referral.reference} sent for authorisation" if submit else "Referral details saved",
    )
    return referral


@transaction.atomic
def referral_authorise(*, actor, referral: Referral, version: int | None) -> Referral:
    """A manager authorises the disposal; the referral is routed to its team (or closed for disposal 1)."""
    referral = _lock(Referral, referral.pk)
    if not permissions.can_authorise(actor, referral):
        raise PermissionDenied("You cannot authorise a referral you prepared yourself")
    _check_version(referral, version, "referral")
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
    referral.version += 1
    referral.modified_by = actor
    referral.full_clean()
    referral.save()
    audit_record(actor=actor, action="authorise", obj=referral, summary=summary)
    return referral


@transaction.atomic
def referral_return(*, actor, referral: Referral, version: int | None, reasons: str) -> Referral:
    referral = _lock(Referral, referral.pk)
    if not permissions.can_authorise(actor, referral):
        raise PermissionDenied("You cannot return a referral you prepared yourself")
    _check_version(referral, version, "referral")
    if not (reasons or "").strip():
        raise ValidationError({"reasons": "Enter the reasons for returning the referral"})
    referral.state = _transition(referral, "return")
    referral.return_reasons = reasons
    referral.returned_by, referral.returned_at = actor, timezone.now()
    referral.version += 1
    referral.modified_by = actor
    referral.save()
    audit_record(actor=actor, action="return", obj=referral, summary=f"Referral {referral.reference} returned")
    return referral


@transaction.atomic
def referral_take(*, actor, referral: Referral, version: int | None) -> Referral:
    """A receiving practitioner takes a referral from their team's unallocated work."""
    referral = _lock(Referral, referral.pk)
    if not permissions.can_take(actor, referral):
        raise PermissionDenied
    _check_version(referral, version, "referral")
    referral.state = _transition(referral, "allocate")
    referral.allocated_worker = actor
    referral.version += 1
    referral.modified_by = actor
    referral.save()
    audit_record(actor=actor, action="allocate", obj=referral, summary=f"Allocated to {actor}")
    return referral


@transaction.atomic
def sharing_decide(*, actor, referral: Referral, authorised: bool, what: str, reasons: str) -> SharingDecision:
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
        action="authorise" if authorised else "refuse",
        obj=referral,
        summary=f"Sharing without the parents' knowledge {word}",
    )
    return decision


@transaction.atomic
def police_notify(
    *, actor, referral: Referral, notified_at, police_reference: str, notes: str = ""
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


MILESTONE_REQUIRED = {
    Milestone.Kind.CP_PLAN: ("cp_category", "Select the category of the child protection plan"),
    Milestone.Kind.CLOSURE: ("closure_reason", "Select the reason for closure"),
    Milestone.Kind.S47_OUTCOME: ("s47_outcome", "Select the outcome of the Section 47 enquiry"),
}


@transaction.atomic
def milestone_record(*, actor, referral: Referral, kind: str, date, **fields) -> Milestone:
    referral = _lock(Referral, referral.pk)
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
        referral.version += 1
        referral.save()
    audit_record(actor=actor, action="create", obj=referral, summary=f"{milestone.get_kind_display()} recorded")
    return milestone
