"""Two requests posting the same send at the same moment (a double click) send one letter. PostgreSQL only:
SQLite serialises writers anyway."""

import threading

import pytest
from django.core import mail
from django.db import connection

from frontdoor.letters.dispatch import services as dispatch_services
from frontdoor.letters.models import LetterDispatch, SentLetter
from frontdoor.letters.writing import services

from .factories import recorded_contact

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions"),
]


def test_simultaneous_double_post_sends_once(users):
    contact = recorded_contact(worker=users["csw"])
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    letter = services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def click():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results.append(
                dispatch_services.letter_send_email(
                    actor=users["csw"], letter=letter, email="r@example.org", idempotency_key="same"
                ).pk
            )
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(results)) == 1
    assert LetterDispatch.objects.count() == 1 and SentLetter.objects.count() == 1
    assert len(mail.outbox) == 1
