"""Writes for professional disagreements: recording one, then each escalation step in order."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from frontdoor.audit.services import audit_record
from frontdoor.core.locking import bump_version, lock_for_change

from .. import domain
from ..models import Disagreement, DisagreementStep

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


class DisagreementInvalid(ValidationError):
    """The step cannot be recorded; errors is {field: message} (shown next to those fields by ui.forms.submit)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


@transaction.atomic
def disagreement_create(
    *, actor: User, contact, raised_by: str, raised_by_name: str, raised_on: dt.date, decision: str, reason: str
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
    actor: User,
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
