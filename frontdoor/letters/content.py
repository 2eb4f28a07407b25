"""From a contact to the letter's facts, letterhead and plain-text content (the ORM side of domain.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from frontdoor.directory.selectors import authority_current

from . import domain
from .conf import setting


@dataclass(frozen=True)
class Letterhead:
    name: str
    address_lines: list[str]
    sign_off: str
    logo_uri: str
    cads_phone: str
    public_phone: str
    edt_phone: str
    website: str


def letterhead() -> Letterhead:
    """The authority's letterhead; FRONTDOOR_LETTER_* settings override the directory's Authority."""
    authority = authority_current()
    address = setting("FRONTDOOR_LETTER_ADDRESS") or (authority.address if authority else "")
    logo = setting("FRONTDOOR_LETTER_LOGO") or str(Path(__file__).parent / "static/letters/logo.svg")
    return Letterhead(
        name=setting("FRONTDOOR_LETTER_ORGANISATION") or (authority.name if authority else "Front Door"),
        address_lines=[line.strip() for line in address.splitlines() if line.strip()],
        sign_off=setting("FRONTDOOR_LETTER_SIGN_OFF")
        or (authority.letter_sign_off if authority else "Children's Advice and Duty Service"),
        logo_uri=Path(logo).resolve().as_uri() if logo and Path(logo).exists() else "",
        cads_phone=authority.cads_professional_phone if authority else "",
        public_phone=authority.public_phone if authority else "",
        edt_phone=authority.emergency_duty_phone if authority else "",
        website=authority.website if authority else "",
    )


def recipient_kind_for(contact) -> str:
    return (
        domain.RecipientKind.PUBLIC
        if contact.caller_type == contact.CallerType.PUBLIC
        else domain.RecipientKind.PROFESSIONAL
    )


def facts_for_contact(contact, *, survey_url: str = "", recipient_kind: str | None = None) -> domain.LetterFacts:
    head = letterhead()
    worker = contact.worker
    return domain.LetterFacts(
        recipient_kind=recipient_kind or recipient_kind_for(contact),
        caller_name=contact.caller_name,
        caller_role=contact.caller_role,
        caller_agency=contact.caller_agency_name or (contact.caller_agency.name if contact.caller_agency_id else ""),
        received_at=timezone.localtime(contact.received_at),
        reference=contact.reference,
        worker_name=worker.get_full_name() or worker.username,
        people=tuple(
            domain.PersonFact(
                given_name=p.given_name,
                family_name=p.family_name,
                role=p.role,
                date_of_birth=p.date_of_birth,
                approximate_age=p.approximate_age,
            )
            for p in contact.people.all()
        ),
        named_problem=contact.named_problem,
        agreed_outcome=contact.agreed_outcome,
        outcome_notes=contact.outcome_notes,
        actions=tuple(domain.ActionFact(a.what, a.owner, a.due_date) for a in contact.actions.all()),
        consent=contact.consent,
        consent_not_sought_reason=contact.consent_not_sought_reason,
        consent_plan=contact.consent_plan,
        records_check_notes=contact.records_check_notes,
        cads_phone=head.cads_phone,
        public_phone=head.public_phone,
        edt_phone=head.edt_phone,
        survey_url=survey_url,
    )


def plain_text(letter) -> str:
    """The letter as plain text: what is stored and hashed with a sent letter, and the e-mail body's source."""
    parts = [f"Reference: {letter.contact.reference}", f"To: {letter.recipient_name}"]
    for name, label, _required in domain.SECTIONS:
        text = getattr(letter, name).strip()
        if not text:
            continue
        if name in {"greeting", "closing"}:
            parts.append(text)
        else:
            parts.append(f"{label}\n{text}")
    return "\n\n".join(parts) + "\n"
