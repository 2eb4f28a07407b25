"""An optional e-mail backend for GOV.UK Notify, using only the standard library.

Set EMAIL_BACKEND=frontdoor.letters.notify.NotifyEmailBackend, GOVUK_NOTIFY_API_KEY and
GOVUK_NOTIFY_TEMPLATE_ID (an e-mail template with ((subject)), ((body)) and ((link_to_file))
placeholders). The first PDF attachment is sent with Notify's "send a file by email". A 400 from
Notify (a bad address) is a permanent refusal: DeliveryRefused, so it is not retried.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.core.mail.backends.base import BaseEmailBackend

from .conf import setting
from .delivery import DeliveryRefused

NOTIFY_URL = "https://api.notifications.service.gov.uk/v2/notifications/email"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def notify_jwt(api_key: str, now: float | None = None) -> str:
    """The bearer token Notify expects: HS256 over {iss: service id, iat: now}, signed with the key's secret."""
    service_id, secret = api_key[-73:-37], api_key[-36:]
    header = _b64(json.dumps({"typ": "JWT", "alg": "HS256"}, separators=(",", ":")).encode())
    payload = _b64(json.dumps({"iss": service_id, "iat": int(now or time.time())}, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(signature)}"


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, api_key=None, template_id=None, url=None, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = api_key or setting("GOVUK_NOTIFY_API_KEY")
        self.template_id = template_id or setting("GOVUK_NOTIFY_TEMPLATE_ID")
        self.url = url or NOTIFY_URL

    def _payload(self, message, recipient: str) -> dict:
        personalisation = {"subject": message.subject, "body": message.body}
        for attachment in message.attachments:
            filename, content, mimetype = attachment
            if mimetype == "application/pdf":
                personalisation["link_to_file"] = {
                    "file": base64.b64encode(content).decode(),
                    "filename": filename,
                    "confirm_email_before_download": True,
                }
                break
        return {"email_address": recipient, "template_id": self.template_id, "personalisation": personalisation}

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            for recipient in message.recipients():
                request = urllib.request.Request(
                    self.url,
                    data=json.dumps(self._payload(message, recipient)).encode(),
                    headers={"Content-Type": "application/json", "Authorization": f"Bearer {notify_jwt(self.api_key)}"},
                    method="POST",
                )
                try:
                    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 (fixed https URL)
                        response.read()
                except urllib.error.HTTPError as exc:
                    if exc.code == 400:
                        raise DeliveryRefused(f"GOV.UK Notify refused the address {recipient}") from exc
                    if not self.fail_silently:
                        raise
                    continue
            sent += 1
        return sent
