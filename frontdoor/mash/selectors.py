"""Reads for MASH: enquiries for the front door; requests filtered to the partner's own agency."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact
from frontdoor.directory.models import Agency

from . import permissions
from .models import InformationRequest, MashEnquiry

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def contact_for_enquiry(*, user: User, pk) -> Contact | None:
    if not permissions.can_run_enquiries(user):
        return None
    return Contact.objects.filter(pk=pk, status=Contact.Status.RECORDED).prefetch_related("people").first()


def enquiry_get(*, user: User, pk, audit: bool = False) -> MashEnquiry | None:
    """An enquiry for a MASH worker; `audit` records the look (the enquiry page shown)."""
    if not permissions.can_run_enquiries(user):
        return None
    enquiry = (
        MashEnquiry.objects.select_related("contact", "referral", "opened_by", "concluded_by")
        .prefetch_related(
            "contact__people",
            "contact__referrals__decision__child__person",
            "requests__agency",
            "requests__answered_by",
        )
        .filter(pk=pk)
        .first()
    )
    if enquiry is not None and audit:
        audit_record(actor=user, action="view", obj=enquiry, summary=f"Viewed MASH enquiry {enquiry.reference}")
    return enquiry


def request_get(*, user: User, pk, audit: bool = False) -> InformationRequest | None:
    """A request the user may see: a partner only ever gets their own agency's (others are None, so 404).
    `audit` records the look (the request page shown)."""
    qs = InformationRequest.objects.select_related("agency", "enquiry__contact", "answered_by", "sent_by")
    qs = qs.prefetch_related("enquiry__contact__people__person")
    info_request = permissions.requests_visible_to(user, qs).filter(pk=pk).first()
    if info_request is not None and audit:
        audit_record(
            actor=user,
            action="view",
            obj=info_request,
            summary=f"Viewed the {info_request.agency} request of MASH enquiry {info_request.enquiry.reference}",
        )
    return info_request


def partner_agencies(*, user: User):
    """The agencies a MASH worker may ask for information (none for anyone else)."""
    if not permissions.can_run_enquiries(user):
        return Agency.objects.none()
    return Agency.objects.filter(active=True, is_mash_partner=True)
