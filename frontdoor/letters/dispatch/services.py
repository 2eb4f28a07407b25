"""Writes for sending an approved letter: e-mailing it (queued, retried) and marking it as posted. Each send is
recorded once, whatever the double clicks: an idempotency key names it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record

from ..conf import int_setting
from ..content import letterhead, plain_text
from ..delivery import DeliveryRefused, send_letter_email
from ..models import DispatchAttempt, Letter, LetterDispatch, SentLetter
from ..pdf import letter_pdf, sha256_of
from ..writing.services import LetterInvalid

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

__all__ = ["LetterBusy", "LetterInvalid", "dispatch_attempt", "letter_mark_posted", "letter_send_email"]


class LetterBusy(Exception):
    """A send is already waiting for this letter."""


def max_attempts() -> int:
    return int_setting("FRONTDOOR_LETTER_SEND_ATTEMPTS", 3)


def _new_dispatch(*, actor: User, letter: Letter, method: str, recipient: str, key: str) -> tuple[LetterDispatch, bool]:
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
def letter_send_email(*, actor: User, letter: Letter, email: str, idempotency_key: str) -> LetterDispatch:
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
    from ..tasks import letter_dispatch_task

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
def letter_mark_posted(*, actor: User, letter: Letter, address: str, idempotency_key: str) -> SentLetter:
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
