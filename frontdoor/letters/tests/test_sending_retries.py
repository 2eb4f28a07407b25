"""Sending runs as a task: each attempt is recorded, failures are retried, a refused address is not."""

import smtplib

import pytest
from django.core import mail

from frontdoor.letters import delivery
from frontdoor.letters.dispatch import services as dispatch_services
from frontdoor.letters.models import LetterDispatch, SentLetter

pytestmark = pytest.mark.django_db


class FlakyBackend:
    """An e-mail backend that fails a set number of times before it works."""

    failures = 0
    calls = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        FlakyBackend.calls += 1
        if FlakyBackend.calls <= FlakyBackend.failures:
            raise ConnectionRefusedError("mail server down")
        mail.outbox.extend(messages)
        return len(messages)


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such user")})


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.calls = 0
    return FlakyBackend


def _send(users, letter, capture, key="k"):
    with capture(execute=True):
        dispatch = dispatch_services.letter_send_email(
            actor=users["csw"], letter=letter, email="x@example.org", idempotency_key=key
        )
    dispatch.refresh_from_db()
    return dispatch


def test_a_failing_backend_is_retried_until_it_works(users, approved, flaky, django_capture_on_commit_callbacks):
    flaky.failures = 2
    dispatch = _send(users, approved, django_capture_on_commit_callbacks)
    assert dispatch.status == LetterDispatch.Status.SENT
    assert [(a.number, a.succeeded) for a in dispatch.attempts.all()] == [(1, False), (2, False), (3, True)]
    assert "mail server down" in dispatch.attempts.first().error
    assert SentLetter.objects.count() == 1 and len(mail.outbox) == 1


def test_after_the_last_retry_the_failure_is_visible(
    users, approved, flaky, client_for, django_capture_on_commit_callbacks
):
    flaky.failures = 99
    dispatch = _send(users, approved, django_capture_on_commit_callbacks)
    assert dispatch.status == LetterDispatch.Status.FAILED and dispatch.attempt_count == 3
    assert not SentLetter.objects.exists()
    client = client_for(users["csw"])
    page = client.get(f"/letters/contact/{approved.contact_id}/").content.decode()
    assert "could not be emailed" in page and "mail server down" in page
    queue = client.get("/letters/").content.decode()
    assert "Not sent: email failed" in queue
    # The letter is kept and can be sent again with a new request.
    flaky.failures = 0
    again = _send(users, approved, django_capture_on_commit_callbacks, key="k2")
    assert again.status == LetterDispatch.Status.SENT


def test_a_refused_address_is_not_retried(users, approved, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    dispatch = _send(users, approved, django_capture_on_commit_callbacks)
    assert dispatch.status == LetterDispatch.Status.FAILED and dispatch.attempt_count == 1
    assert "refused the address" in dispatch.last_error


def test_delivery_raises_refused_for_smtp_recipient_refusal(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with pytest.raises(delivery.DeliveryRefused):
        delivery.send_letter_email(recipient="x@example.org", reference="R", pdf=b"%PDF", sign_off="CADS")
