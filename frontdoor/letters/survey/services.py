"""Writes for the caller's survey: the link printed in the letter, and the caller's answers, stored once."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.services import audit_record

from ..conf import setting
from ..models import SurveyInvitation, SurveyResponse
from .tokens import SurveyTokenError, make_token, read_token


def public_base_url() -> str:
    return setting("FRONTDOOR_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def survey_url_for(invitation: SurveyInvitation) -> str:
    token = make_token(invitation_id=invitation.pk, contact_id=invitation.contact_id)
    return public_base_url() + reverse("letters:survey", args=[token])


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
