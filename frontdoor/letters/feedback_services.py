"""Writes for the caller's survey and professional disagreements."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.locking import bump_version, lock_for_change

from . import domain
from .models import Disagreement, DisagreementStep, SurveyInvitation, SurveyResponse
from .survey import SurveyTokenError, read_token


class DisagreementInvalid(ValidationError):
    """The step cannot be recorded; errors is {field: message} (shown next to those fields by ui.forms.submit)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def survey_invitation_for_token(token: str) -> SurveyInvitation:
    """The unused invitation a genuine token names; SurveyTokenError (forged/expired/used/unknown) otherwise."""
    invitation_id, contact_id = read_token(token)
    invitation = SurveyInvitation.objects.filter(pk=invitation_id).first() if _is_uuid(invitation_id) else None
    if invitation is None or str(invitation.contact_id) != contact_id:
        raise SurveyTokenError("unknown")
    if invitation.used_at is not None:
        raise SurveyTokenError("used")
    return invitation


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@transaction.atomic
def survey_submit(*, token: str, helpfulness: int, could_be_better: str) -> SurveyResponse:
    """Store the caller's answers once. Nothing is stored for a used, expired or forged token."""
    invitation = survey_invitation_for_token(token)
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise SurveyTokenError("used")
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    response = SurveyResponse(
        invitation=invitation,
        contact_id=invitation.contact_id,
        helpfulness=helpfulness,
        could_be_better=could_be_better.strip(),
    )
    response.full_clean()
    response.save()
    audit_record(actor=None, action="create", obj=response, summary="The caller answered the survey")
    return response


@transaction.atomic
def disagreement_create(
    *, actor, contact, raised_by: str, raised_by_name: str, raised_on: dt.date, decision: str, reason: str
) -> Disagreement:
    disagreement = Disagreement(
        contact=contact,
        raised_by=raised_by,
        raised_by_name=raised_by_name,
        raised_on=raised_on,
        decision=decision,
        reason=reason,
        created_by=actor,
        modified_by=actor,
    )
    disagreement.full_clean()
    disagreement.save()
    audit_record(
        actor=actor, action="create", obj=disagreement, summary=f"Recorded a professional disagreement on {contact}"
    )
    return disagreement


@transaction.atomic
def disagreement_step_add(
    *,
    actor,
    disagreement: Disagreement,
    version: int,
    step: str,
    held_on: dt.date,
    people: str,
    outcome: str,
    resolved: bool,
) -> DisagreementStep:
    """Record the next escalation step on the disagreement as it stood at `version` (StaleEdit if it changed
    since); steps go in order, and a resolving step closes the disagreement."""
    current = lock_for_change(disagreement, version=version, noun="disagreement")
    steps = list(current.steps.all())
    error = domain.step_error(
        step=step,
        done=[s.step for s in steps],
        resolved=current.status == Disagreement.Status.RESOLVED,
        held_on=held_on,
        previous_on=steps[-1].held_on if steps else current.raised_on,
    )
    if error:
        field = "held_on" if "date" in error else "step"
        raise DisagreementInvalid({field: error})
    row = DisagreementStep(
        disagreement=current,
        step=step,
        held_on=held_on,
        people=people,
        outcome=outcome,
        resolved=resolved,
        created_by=actor,
        modified_by=actor,
    )
    row.full_clean()
    row.save()
    if resolved:
        current.status = Disagreement.Status.RESOLVED
        current.outcome = outcome
    bump_version(current, actor=actor)
    current.save()
    audit_record(
        actor=actor,
        action="change",
        obj=current,
        summary=f"Recorded the step '{domain.EscalationStep(step).label}' on a disagreement about {current.contact}",
    )
    return row
