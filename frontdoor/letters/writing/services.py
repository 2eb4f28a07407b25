"""Writes for the feedback letter itself: draft, edit, approve. Each is atomic and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record, changed_fields
from frontdoor.core.locking import bump_version, lock_for_change

from .. import domain
from ..content import facts_for_contact, recipient_kind_for
from ..models import Letter, SurveyInvitation
from ..pdf import LetterPdfError, letter_pdf
from ..survey.services import survey_url_for

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

__all__ = ["LetterPdfError"]

EDITABLE = [name for name, _label, _req in domain.SECTIONS] + ["recipient_name", "recipient_email", "recipient_address"]


class LetterInvalid(Exception):
    """The letter cannot move on; errors is {field: message}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@transaction.atomic
def letter_draft(*, actor: User, contact) -> Letter:
    """The contact's live letter, drafted from the contact the first time."""
    existing = Letter.objects.select_for_update().filter(contact=contact, archived=False).first()
    if existing:
        return existing
    invitation = SurveyInvitation.objects.create(contact=contact)
    facts = facts_for_contact(contact, survey_url=survey_url_for(invitation))
    draft = domain.draft_sections(facts)
    letter = Letter(
        contact=contact,
        recipient_kind=recipient_kind_for(contact),
        recipient_name=contact.caller_name,
        recipient_email=contact.caller_email,
        recipient_address=contact.caller_address,
        withheld=draft.withheld,
        created_by=actor,
        modified_by=actor,
        **draft.sections,
    )
    letter.full_clean()
    letter.save()
    audit_record(actor=actor, action="create", obj=letter, summary=f"Drafted the feedback letter for {contact}")
    return letter


@transaction.atomic
def letter_update(*, actor: User, letter: Letter, version: int, data: dict[str, str]) -> Letter:
    """Save the worker's wording. A stale version is refused (StaleEdit); an approved letter goes back to draft."""
    current = lock_for_change(letter, version=version, noun="letter")
    before = {k: getattr(current, k) for k in EDITABLE}
    for key in EDITABLE:
        if key in data:
            setattr(current, key, data[key] or "")
    changes = changed_fields(before, {k: getattr(current, k) for k in EDITABLE})
    if changes and current.status == Letter.Status.APPROVED:
        current.status = Letter.Status.DRAFT
        current.approved_at = current.approved_by = None
    bump_version(current, actor=actor)
    current.full_clean()
    current.save()
    audit_record(
        actor=actor,
        action="change",
        obj=current,
        summary=f"Edited the feedback letter for {current.contact}",
        changes={k: ["…", "…"] for k in changes},
    )
    return current


REDRAFTABLE = ("agreed", "children")


@transaction.atomic
def letter_redraft(*, actor: User, letter: Letter, version: int, data: dict[str, str], section: str) -> Letter:
    """Save the worker's wording with `section` written again from the record as it stands now (the children
    as the records name them; each child's authorised disposal or that it is awaited). Audited as an edit."""
    if section not in REDRAFTABLE:
        raise LetterInvalid({section: "This section cannot be written again from the record"})
    facts = facts_for_contact(letter.contact, recipient_kind=letter.recipient_kind)
    fresh = domain.draft_sections(facts).sections[section]
    updated = letter_update(actor=actor, letter=letter, version=version, data={**data, section: fresh})
    audit_record(
        actor=actor,
        action="change",
        obj=updated,
        summary=f"Wrote '{domain.SECTION_LABELS[section]}' again from the record for {updated.contact}",
    )
    return updated


def approval_errors(letter: Letter) -> dict[str, str]:
    sections = letter.sections()
    facts = facts_for_contact(letter.contact, recipient_kind=letter.recipient_kind)
    errors = domain.missing_required(sections)
    for name, message in domain.confidentiality_problems(sections, facts).items():
        errors.setdefault(name, message)
    for name, message in domain.outcome_contradictions(sections, facts).items():
        errors.setdefault(name, message)
    if not letter.recipient_name.strip():
        errors["recipient_name"] = "Enter the name of the person the letter is to"
    return errors


@transaction.atomic
def letter_approve(*, actor: User, letter: Letter, version: int) -> Letter:
    """Approve the letter as it stands at `version` (StaleEdit if it changed since)."""
    current = lock_for_change(letter, version=version, noun="letter")
    errors = approval_errors(current)
    if errors:
        raise LetterInvalid(errors)
    letter_pdf(current)  # prove it renders now, so a broken letter is never approved
    current.status = Letter.Status.APPROVED
    current.approved_at = timezone.now()
    current.approved_by = actor
    bump_version(current, actor=actor)
    current.save()
    audit_record(
        actor=actor, action="change", obj=current, summary=f"Approved the feedback letter for {current.contact}"
    )
    return current
