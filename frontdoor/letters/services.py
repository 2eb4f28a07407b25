"""Writes for feedback letters: draft, edit, approve, send (e-mail or post). Each is atomic and audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.services import audit_record, changed_fields
from frontdoor.core.locking import bump_version, lock_for_change

from . import domain
from .conf import int_setting, setting
from .content import facts_for_contact, letterhead, plain_text, recipient_kind_for
from .delivery import DeliveryRefused, send_letter_email
from .models import DispatchAttempt, Letter, LetterDispatch, SentLetter, SurveyInvitation
from .pdf import LetterPdfError, letter_pdf, sha256_of
from .survey import make_token

__all__ = ["LetterPdfError"]

EDITABLE = [name for name, _label, _req in domain.SECTIONS] + ["recipient_name", "recipient_email", "recipient_address"]


class LetterInvalid(Exception):
    """The letter cannot move on; errors is {field: message}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class LetterBusy(Exception):
    """A send is already waiting for this letter."""


def public_base_url() -> str:
    return setting("FRONTDOOR_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def survey_url_for(invitation: SurveyInvitation) -> str:
    token = make_token(invitation_id=invitation.pk, contact_id=invitation.contact_id)
    return public_base_url() + reverse("letters:survey", args=[token])


def max_attempts() -> int:
    return int_setting("FRONTDOOR_LETTER_SEND_ATTEMPTS", 3)


@transaction.atomic
def letter_draft(*, actor, contact) -> Letter:
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
def letter_update(*, actor, letter: Letter, version: int, data: dict[str, str]) -> Letter:
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


def approval_errors(letter: Letter) -> dict[str, str]:
    sections = letter.sections()
    facts = facts_for_contact(letter.contact, recipient_kind=letter.recipient_kind)
    errors = domain.missing_required(sections)
    for name, message in domain.confidentiality_problems(sections, facts).items():
        errors.setdefault(name, message)
    if not letter.recipient_name.strip():
        errors["recipient_name"] = "Enter the name of the person the letter is to"
    return errors


@transaction.atomic
def letter_approve(*, actor, letter: Letter, version: int) -> Letter:
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


def _new_dispatch(*, actor, letter: Letter, method: str, recipient: str, key: str) -> tuple[LetterDispatch, bool]:
    """(dispatch, created). The same key twice returns the first dispatch; a send already waiting is refused."""
    existing = LetterDispatch.objects.filter(idempotency_key=key).first()
    if existing:
        if existing.letter_id != letter.pk:
            raise LetterInvalid({"__all__": "This send request belongs to another letter"})
        return existing, False
    if letter.status != Letter.Status.APPROVED:
        raise LetterInvalid({"__all__": "Approve the letter before sending it"})
    if LetterDispatch.objects.filter(letter=letter, status=LetterDispatch.Status.QUEUED).exists():
        raise LetterBusy
    pdf = letter_pdf(letter)
    content = plain_text(letter)
    try:
        with transaction.atomic():
            dispatch = LetterDispatch.objects.create(
                letter=letter,
                method=method,
                idempotency_key=key,
                recipient=recipient,
                content=content,
                pdf=pdf,
                sha256=sha256_of(content, pdf),
                requested_by=actor,
                created_by=actor,
                modified_by=actor,
            )
    except IntegrityError:
        existing = LetterDispatch.objects.filter(idempotency_key=key).first()
        if existing:
            return existing, False
        raise LetterBusy from None
    return dispatch, True


@transaction.atomic
def letter_send_email(*, actor, letter: Letter, email: str, idempotency_key: str) -> LetterDispatch:
    """Queue the approved letter for e-mail. A double click (same key) never sends twice."""
    try:
        validate_email(email)
    except ValidationError:
        raise LetterInvalid({"email": "Enter an email address in the correct format, like name@example.com"}) from None
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    dispatch, created = _new_dispatch(
        actor=actor, letter=locked, method=LetterDispatch.Method.EMAIL, recipient=email, key=idempotency_key
    )
    if created:
        audit_record(
            actor=actor, action="other", obj=locked, summary=f"Asked to email the feedback letter for {locked.contact}"
        )
        transaction.on_commit(lambda: _enqueue(dispatch.pk))
    return dispatch


def _enqueue(dispatch_id, delay_seconds: int = 0) -> None:
    from .tasks import letter_dispatch_task

    task = letter_dispatch_task
    if delay_seconds and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + dt.timedelta(seconds=delay_seconds))
    task.enqueue(str(dispatch_id))


def _record_sent(dispatch: LetterDispatch, *, number: int) -> SentLetter:
    DispatchAttempt.objects.create(dispatch=dispatch, number=number, succeeded=True)
    dispatch.status = LetterDispatch.Status.SENT
    dispatch.attempt_count = number
    dispatch.last_error = ""
    dispatch.save(update_fields=["status", "attempt_count", "last_error", "modified_at"])
    letter = dispatch.letter
    sent = SentLetter.objects.create(
        dispatch=dispatch,
        letter=letter,
        contact=letter.contact,
        method=dispatch.method,
        recipient=dispatch.recipient,
        content=dispatch.content,
        pdf=bytes(dispatch.pdf),
        sha256=dispatch.sha256,
        sent_at=timezone.now(),
        sent_by=dispatch.requested_by,
    )
    audit_record(
        actor=dispatch.requested_by,
        action="other",
        obj=letter,
        summary=f"Feedback letter for {letter.contact} sent by {dispatch.get_method_display().lower()}",
        changes={"sha256": [None, sent.sha256]},
    )
    return sent


def dispatch_attempt(*, dispatch_id) -> str:
    """One try at e-mailing a dispatch; records the attempt, retries later or marks it failed. Returns its status."""
    retry_in = 0
    with transaction.atomic():
        dispatch = LetterDispatch.objects.select_for_update().select_related("letter__contact").get(pk=dispatch_id)
        if dispatch.status != LetterDispatch.Status.QUEUED:
            return dispatch.status  # already sent or given up: never send twice
        number = dispatch.attempt_count + 1
        try:
            send_letter_email(
                recipient=dispatch.recipient,
                reference=dispatch.letter.contact.reference,
                pdf=bytes(dispatch.pdf),
                sign_off=letterhead().sign_off,
            )
        except DeliveryRefused as exc:
            error, permanent = str(exc), True
        except Exception as exc:  # any backend failure is retried
            error, permanent = f"{type(exc).__name__}: {exc}"[:480], False
        else:
            _record_sent(dispatch, number=number)
            return dispatch.status
        DispatchAttempt.objects.create(dispatch=dispatch, number=number, succeeded=False, error=error[:500])
        dispatch.attempt_count = number
        dispatch.last_error = error[:500]
        if permanent or number >= max_attempts():
            dispatch.status = LetterDispatch.Status.FAILED
        else:
            retry_in = 60 * 2 ** (number - 1)
        dispatch.save(update_fields=["status", "attempt_count", "last_error", "modified_at"])
        if dispatch.status == LetterDispatch.Status.FAILED:
            audit_record(
                actor=None,
                action="other",
                obj=dispatch.letter,
                summary=f"Feedback letter for {dispatch.letter.contact} could not be emailed: {error}"[:300],
            )
    if retry_in:
        _enqueue(dispatch.pk, delay_seconds=retry_in)
    return LetterDispatch.Status.QUEUED if retry_in else LetterDispatch.Status.FAILED


@transaction.atomic
def letter_mark_posted(*, actor, letter: Letter, address: str, idempotency_key: str) -> SentLetter:
    """Record that the printed letter went in the post. The same key twice records it once."""
    if not address.strip():
        raise LetterInvalid({"address": "Enter the address the letter was posted to"})
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    dispatch, created = _new_dispatch(
        actor=actor, letter=locked, method=LetterDispatch.Method.POST, recipient=address.strip(), key=idempotency_key
    )
    if not created:
        return SentLetter.objects.get(dispatch=dispatch)
    return _record_sent(dispatch, number=1)
