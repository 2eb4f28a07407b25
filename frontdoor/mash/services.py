"""Writes for MASH enquiries and information requests: atomic, validated, audited.

A partner answering a request addressed to another agency is refused, and the refusal is audited
(action "refused") in its own transaction so the record of the attempt survives the refusal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record, changed_fields
from frontdoor.core.locking import bump_version, lock_for_change
from frontdoor.core.references import next_reference

from . import domain, permissions
from .models import InformationRequest, MashEnquiry

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


@transaction.atomic
def enquiry_open(*, actor: User, contact, reason: str, referral=None) -> MashEnquiry:
    if not permissions.can_run_enquiries(actor):
        raise PermissionDenied
    if contact.status != "recorded":
        raise ValidationError("A MASH enquiry can only be opened on a recorded contact")
    enquiry = MashEnquiry(
        reference=next_reference(prefix="M", on=timezone.localdate()),
        contact=contact,
        referral=referral,
        opened_by=actor,
        opened_at=timezone.now(),
        reason=reason,
        created_by=actor,
    )
    enquiry.full_clean()
    enquiry.save()
    audit_record(actor=actor, action="create", obj=enquiry, summary=f"MASH enquiry {enquiry.reference} opened")
    return enquiry


@transaction.atomic
def request_send(
    *, actor: User, enquiry: MashEnquiry, agency, rag: str, question: str, due_at=None
) -> InformationRequest:
    """Ask a partner agency for information; the deadline defaults from the RAG urgency."""
    if not permissions.can_run_enquiries(actor):
        raise PermissionDenied
    enquiry = MashEnquiry.objects.select_for_update().get(pk=enquiry.pk)
    try:
        domain.add_request_allowed(enquiry.state)
    except domain.MashStateError as exc:
        raise ValidationError(str(exc)) from None
    if agency is not None and not agency.is_mash_partner:
        raise ValidationError({"agency": "Select a MASH partner agency"})
    now = timezone.now()
    if due_at is None and rag in domain.rag_deadlines():
        due_at = domain.default_due(rag, now, domain.rag_deadlines())
    error = domain.deadline_error(due_at, now)
    if error:
        raise ValidationError({"due_at": error})
    request = InformationRequest(
        enquiry=enquiry,
        agency=agency,
        rag=rag,
        question=question,
        sent_by=actor,
        sent_at=now,
        due_at=due_at,
        created_by=actor,
    )
    request.full_clean()
    request.save()
    audit_record(
        actor=actor, action="create", obj=request, summary=f"Information requested from {agency} ({rag}) on {enquiry}"
    )
    return request


def _refusal_record(*, actor: User, request: InformationRequest) -> None:
    """Audit, in its own transaction, a partner's attempt to answer another agency's request."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="refused",
            obj=request,
            summary=f"Refused: {actor} tried to answer a request addressed to {request.agency}",
        )


def request_answer_refused(*, actor: User, request_id) -> None:
    """A POST answering a request the user may not see: the attempt is audited (if the request exists and the
    user may not answer it), and nothing else happens; the page then answers 404."""
    request = InformationRequest.objects.select_related("agency").filter(pk=request_id).first()
    if request is not None and not permissions.can_answer(actor, request):
        _refusal_record(actor=actor, request=request)


def request_answer(
    *, actor: User, request: InformationRequest, answer: str, version: object, not_for_onward_sharing: bool = False
) -> InformationRequest:
    """The partner's answer; `not_for_onward_sharing` keeps it within the MASH (receiving teams never read it)."""
    if not permissions.can_answer(actor, request):
        _refusal_record(actor=actor, request=request)
        raise PermissionDenied("You can only answer requests addressed to your agency")
    with transaction.atomic():
        request = lock_for_change(request, version=version, noun="request")
        try:
            domain.answer_allowed(request.state, request.enquiry.state)
        except domain.MashStateError as exc:
            raise ValidationError(str(exc)) from None
        if not (answer or "").strip():
            raise ValidationError({"answer": "Enter the information your agency holds"})
        before = {
            "answer": request.answer,
            "state": request.state,
            "not_for_onward_sharing": request.not_for_onward_sharing,
        }
        request.answer, request.state = answer, InformationRequest.State.ANSWERED
        request.not_for_onward_sharing = bool(not_for_onward_sharing)
        request.answered_by, request.answered_at = actor, timezone.now()
        bump_version(request, actor=actor)
        request.full_clean()
        request.save()
        audit_record(
            actor=actor,
            action="change",
            obj=request,
            summary=f"Answered by {request.agency}"
            + (" (not for onward sharing)" if request.not_for_onward_sharing else ""),
            changes=changed_fields(
                before,
                {
                    "answer": request.answer,
                    "state": request.state,
                    "not_for_onward_sharing": request.not_for_onward_sharing,
                },
            ),
        )
    return request


@transaction.atomic
def enquiry_conclude(*, actor: User, enquiry: MashEnquiry, analysis: str, outcome: str, version: object) -> MashEnquiry:
    if not permissions.can_run_enquiries(actor):
        raise PermissionDenied
    enquiry = lock_for_change(enquiry, version=version, noun="MASH enquiry")
    try:
        domain.conclude_allowed(enquiry.state)
    except domain.MashStateError as exc:
        raise ValidationError(str(exc)) from None
    errors = {}
    if not (analysis or "").strip():
        errors["analysis"] = "Enter the combined analysis"
    if not outcome:
        errors["outcome"] = "Select the outcome of the MASH enquiry"
    if errors:
        raise ValidationError(errors)
    before = {"analysis": enquiry.analysis, "outcome": enquiry.outcome, "state": enquiry.state}
    enquiry.analysis, enquiry.outcome = analysis, outcome
    enquiry.state = MashEnquiry.State.CONCLUDED
    enquiry.concluded_by, enquiry.concluded_at = actor, timezone.now()
    bump_version(enquiry, actor=actor)
    enquiry.full_clean()
    enquiry.save()
    audit_record(
        actor=actor,
        action="change",
        obj=enquiry,
        summary=f"MASH enquiry concluded: {outcome}",
        changes=changed_fields(before, {"analysis": analysis, "outcome": outcome, "state": enquiry.state}),
    )
    return enquiry
