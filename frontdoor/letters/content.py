"""From a contact to the letter's facts, letterhead and plain-text content (the ORM side of domain.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from frontdoor.directory.selectors import authority_current
from frontdoor.referrals import domain as referral_domain
from frontdoor.referrals.models import Referral

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


# A referral whose disposal a manager has authorised (and any state after it).
AUTHORISED_STATES = frozenset(
    {referral_domain.AUTHORISED, referral_domain.WITH_TEAM, referral_domain.ALLOCATED, referral_domain.CLOSED}
)


def _referral_child_name(referral, people) -> str:
    """The child a referral is about, as the record names them (ContactPerson.shown_name): the decision's
    child on the call where decisions are per child, else the call's child linked to the referral's record,
    else the name the referral kept."""
    child_pk = getattr(referral.decision, "child_id", None)
    for p in people:
        if (child_pk and p.pk == child_pk) or (not child_pk and referral.child_id and p.person_id == referral.child_id):
            return p.shown_name
    return referral.child.full_name if referral.child_id else referral.child_name


def child_decisions(contact, *, recipient_kind: str, people=None) -> tuple[domain.ChildDecision, ...]:
    """One ChildDecision per referral made on the contact (one per child): the authorised disposal, or
    None while it awaits a manager, and what the referral says this recipient is told."""
    people = list(contact.people.select_related("person")) if people is None else people
    referrals = Referral.objects.filter(contact=contact).select_related("decision", "child").order_by("created_at")
    public = recipient_kind == domain.RecipientKind.PUBLIC
    decisions = []
    for referral in referrals:
        authorised = referral.state in AUTHORISED_STATES and referral.disposal is not None
        decisions.append(
            domain.ChildDecision(
                child_name=_referral_child_name(referral, people),
                disposal=referral.disposal if authorised else None,
                tell_referrer=referral.tell_public_referrer if public else referral.tell_professional_referrer,
            )
        )
    return tuple(decisions)


def facts_for_contact(contact, *, survey_url: str = "", recipient_kind: str | None = None) -> domain.LetterFacts:
    head = letterhead()
    worker = contact.worker
    recipient_kind = recipient_kind or recipient_kind_for(contact)
    people = list(contact.people.select_related("person"))
    return domain.LetterFacts(
        recipient_kind=recipient_kind,
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
                date_of_birth=p.shown_date_of_birth,
                approximate_age=p.shown_approximate_age,
                shown_name=p.shown_name,
            )
            for p in people
        ),
        decisions=child_decisions(contact, recipient_kind=recipient_kind, people=people),
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
