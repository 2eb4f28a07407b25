"""An optional e-mail backend for GOV.UK Notify, through GDS's own client (notifications-python-client).

Set EMAIL_BACKEND=frontdoor.letters.notify.NotifyEmailBackend, GOVUK_NOTIFY_API_KEY and
GOVUK_NOTIFY_TEMPLATE_ID (an e-mail template with ((subject)), ((body)) and ((link_to_file))
placeholders). The first PDF attachment is sent with Notify's "send a file by email". A 400 from
Notify (a bad address) is a permanent refusal: DeliveryRefused, so it is not retried.
"""

from __future__ import annotations

import io

from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client import prepare_upload
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from .conf import setting
from .delivery import DeliveryRefused

NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk"
TIMEOUT_SECONDS = 20


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, api_key=None, template_id=None, base_url=None, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = api_key or setting("GOVUK_NOTIFY_API_KEY")
        self.template_id = template_id or setting("GOVUK_NOTIFY_TEMPLATE_ID")
        self.base_url = base_url or NOTIFY_BASE_URL

    def client(self) -> NotificationsAPIClient:
        return NotificationsAPIClient(self.api_key, base_url=self.base_url, timeout=TIMEOUT_SECONDS)

    @staticmethod
    def personalisation(message) -> dict:
        values = {"subject": message.subject, "body": message.body}
        for filename, content, mimetype in message.attachments:
            if mimetype == "application/pdf":
                values["link_to_file"] = prepare_upload(
                    io.BytesIO(content), filename=filename, confirm_email_before_download=True
                )
                break
        return values

    def send_messages(self, email_messages) -> int:
        client = self.client()
        sent = 0
        for message in email_messages:
            personalisation = self.personalisation(message)
            delivered = True
            for recipient in message.recipients():
                try:
                    client.send_email_notification(
                        email_address=recipient, template_id=self.template_id, personalisation=personalisation
                    )
                except HTTPError as exc:
                    if exc.status_code == 400:
                        raise DeliveryRefused(f"GOV.UK Notify refused the address {recipient}") from exc
                    if not self.fail_silently:
                        raise
                    delivered = False  # silenced: not counted as sent
            sent += delivered
        return sent
