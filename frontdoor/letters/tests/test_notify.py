"""The optional GOV.UK Notify backend: standard library only, and no network in tests."""

import base64
import hashlib
import hmac
import io
import json
import urllib.error

import pytest
from django.core.mail import EmailMessage

from frontdoor.letters import notify
from frontdoor.letters.delivery import DeliveryRefused

SERVICE = "11111111-2222-3333-4444-555555555555"
SECRET = "66666666-7777-8888-9999-000000000000"
KEY = f"frontdoor_test-{SERVICE}-{SECRET}"


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_jwt_is_signed_with_the_keys_secret():
    token = notify.notify_jwt(KEY, now=1_700_000_000)
    header, payload, signature = token.split(".")
    assert json.loads(_unb64(payload)) == {"iss": SERVICE, "iat": 1_700_000_000}
    expected = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    assert _unb64(signature) == expected


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


def _message():
    message = EmailMessage(subject="Your call", body="Hello", to=["caller@example.org"])
    message.attach("letter.pdf", b"%PDF-1.7 test", "application/pdf")
    return message


def test_sends_the_pdf_as_a_file_link(monkeypatch):
    seen = []

    def fake_urlopen(request, timeout):
        seen.append(request)
        return FakeResponse(b'{"id": "abc"}')

    monkeypatch.setattr(notify.urllib.request, "urlopen", fake_urlopen)
    backend = notify.NotifyEmailBackend(api_key=KEY, template_id="tmpl")
    assert backend.send_messages([_message()]) == 1
    body = json.loads(seen[0].data)
    assert body["email_address"] == "caller@example.org" and body["template_id"] == "tmpl"
    assert base64.b64decode(body["personalisation"]["link_to_file"]["file"]) == b"%PDF-1.7 test"
    assert seen[0].get_header("Authorization").startswith("Bearer ")
    assert seen[0].full_url == notify.NOTIFY_URL


def test_a_bad_address_is_a_permanent_refusal(monkeypatch):
    def fake_urlopen(request, timeout):
        raise urllib.error.HTTPError(request.full_url, 400, "Bad Request", {}, io.BytesIO(b"{}"))

    monkeypatch.setattr(notify.urllib.request, "urlopen", fake_urlopen)
    with pytest.raises(DeliveryRefused):
        notify.NotifyEmailBackend(api_key=KEY, template_id="t").send_messages([_message()])


def test_a_server_error_is_raised_for_retry(monkeypatch):
    def fake_urlopen(request, timeout):
        raise urllib.error.HTTPError(request.full_url, 503, "Unavailable", {}, io.BytesIO(b"{}"))

    monkeypatch.setattr(notify.urllib.request, "urlopen", fake_urlopen)
    with pytest.raises(urllib.error.HTTPError):
        notify.NotifyEmailBackend(api_key=KEY, template_id="t").send_messages([_message()])
