"""Reads for MASH: enquiries for the front door; requests filtered to the partner's own agency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import F

from frontdoor.audit.services import audit_record
from frontdoor.contacts.domain import caller_withheld
from frontdoor.contacts.models import Contact
from frontdoor.contacts.selectors import caller_patterns_for, contact_as_read_by
from frontdoor.directory.models import Agency

from . import permissions
from .models import InformationRequest, MashEnquiry

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def contact_for_enquiry(*, user: User, pk) -> Contact | None:
    if not permissions.can_run_enquiries(user):
        return None
    return Contact.objects.filter(pk=pk, status=Contact.Status.RECORDED).prefetch_related("people__person").first()


def enquiry_get(*, user: User, pk, audit: bool = False) -> MashEnquiry | None:
    """An enquiry the user may see (a MASH worker: any; a receiving practitioner: one on a contact routed to
    their team); `audit` records the look (the enquiry page shown)."""
    if not permissions.can_open_enquiries(user):
        return None
    qs = MashEnquiry.objects.select_related("contact", "referral", "opened_by", "concluded_by").prefetch_related(
        "contact__people__person",
        "contact__referrals__decision__child__person",
        "requests__agency",
        "requests__answered_by",
    )
    enquiry = permissions.enquiries_visible_to(user, qs).filter(pk=pk).first()
    if enquiry is not None and audit:
        audit_record(actor=user, action="view", obj=enquiry, summary=f"Viewed MASH enquiry {enquiry.reference}")
    return enquiry


@dataclass
class SharedEnquiry:
    """A MASH enquiry as a receiving team reads it: the contact and text with a confidential caller withheld,
    and each request with its answer, or `withheld` where the partner marked it not for onward sharing."""

    enquiry: MashEnquiry
    contact: Contact
    reason: str
    analysis: str
    requests: list[dict]


def enquiry_as_shared(*, user: User, enquiry: MashEnquiry) -> SharedEnquiry:
    """What a receiving practitioner may read of an enquiry they may see (`enquiry_get`): never the text of an
    answer marked not for onward sharing, never a confidential caller's identity."""
    contact, _ = contact_as_read_by(user=user, contact=enquiry.contact)
    hidden = contact is not enquiry.contact  # the caller is withheld from this reader
    patterns = caller_patterns_for(enquiry.contact) if hidden else []

    def shown(text: str) -> str:
        return caller_withheld(text, patterns)

    requests = []
    for r in enquiry.requests.all():
        readable = permissions.can_read_answer(user, r)
        requests.append(
            {
                "agency": r.agency,
                "rag": r.rag,
                "rag_label": r.get_rag_display(),
                "question": shown(r.question),
                "state": r.state,
                "due_at": r.due_at,
                "answered": r.state == InformationRequest.State.ANSWERED,
                "answer": shown(r.answer) if readable else "",
                "withheld": r.state == InformationRequest.State.ANSWERED and not readable,
                "answered_by": r.answered_by if readable else None,
                "answered_at": r.answered_at,
            }
        )
    return SharedEnquiry(
        enquiry=enquiry,
        contact=contact,
        reason=shown(enquiry.reason),
        analysis=shown(enquiry.analysis),
        requests=requests,
    )


def enquiries_for_contact(*, user: User, contact: Contact) -> list[MashEnquiry]:
    """The MASH enquiries on a contact that the user may open (for links from the contact's page)."""
    if not permissions.can_open_enquiries(user):
        return []
    return list(permissions.enquiries_visible_to(user, MashEnquiry.objects.filter(contact=contact, archived=False)))


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


def enquiries_for_people(*, user: User, person_ids) -> dict:
    """The MASH enquiries about contacts naming each of these people, newest first, by person pk: one query,
    whatever the number of people (the records check). Nothing for a user who does not run enquiries."""
    if not permissions.can_run_enquiries(user):
        return {}
    qs = (
        MashEnquiry.objects.filter(contact__people__person_id__in=list(person_ids), archived=False)
        .annotate(for_person=F("contact__people__person_id"))
        .order_by("-opened_at")
    )
    found: dict = {}
    for enquiry in qs:
        found.setdefault(enquiry.for_person, []).append(enquiry)
    return found
