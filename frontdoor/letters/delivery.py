"""Delivering a dispatch by e-mail through Django's e-mail backend, and how failures are classed."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage


class DeliveryRefused(Exception):
    """The address was refused for good (bad address): not worth retrying."""


def send_letter_email(*, recipient: str, reference: str, pdf: bytes, sign_off: str) -> None:
    message = EmailMessage(
        subject=f"Your call to the Children's Advice and Duty Service (reference {reference})",
        body=(
            "Hello,\n\nPlease find attached our letter about your recent call to the Children's Advice and "
            f"Duty Service. Our reference is {reference}.\n\nIf a child is in immediate danger, call 999.\n\n"
            f"{sign_off}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
    )
    message.attach(f"letter-{reference}.pdf", pdf, "application/pdf")
    try:
        sent = message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryRefused(f"The email server refused the address {recipient}") from exc
    if sent != 1:
        raise RuntimeError("The email backend did not send the message")
