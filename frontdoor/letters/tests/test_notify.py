"""The optional GOV.UK Notify backend, through GDS's client: no network in tests (the client's HTTP session
is replaced by a fake at its boundary, so the client's own signing and error handling still run)."""

import base64
import json

import jwt
import pytest
import requests
from django.core.mail import EmailMessage
from notifications_python_client.errors import HTTPError

from frontdoor.letters import notify
from frontdoor.letters.delivery import DeliveryRefused

SERVICE = "11111111-2222-3333-4444-555555555555"
SECRET = "66666666-7777-8888-9999-000000000000"
KEY = f"frontdoor_test-{SERVICE}-{SECRET}"


def _message():
    message = EmailMessage(subject="Your call", body="Hello", to=["caller@example.org"])
    message.attach("letter.pdf", b"%PDF-1.7 test", "application/pdf")
    return message


def _fake_session(monkeypatch, status: int, body: dict):
    """Every request the client makes is recorded and answered with `status` and `body`."""
    seen = []

    def fake_request(session, method, url, **kwargs):
        seen.append({"method": method, "url": url, **kwargs})
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(body).encode()
        response.url = url
        return response

    monkeypatch.setattr(requests.Session, "request", fake_request)
    return seen


def test_sends_the_pdf_as_a_file_link_signed_with_the_keys_secret(monkeypatch):
    seen = _fake_session(monkeypatch, 201, {"id": "abc"})
    backend = notify.NotifyEmailBackend(api_key=KEY, template_id="tmpl")
    assert backend.send_messages([_message()]) == 1
    (call,) = seen
    assert call["method"] == "POST" and call["url"] == notify.NOTIFY_BASE_URL + "/v2/notifications/email"
    body = json.loads(call["data"])
    assert body["email_address"] == "caller@example.org" and body["template_id"] == "tmpl"
    assert body["personalisation"]["subject"] == "Your call" and body["personalisation"]["body"] == "Hello"
    link = body["personalisation"]["link_to_file"]
    assert base64.b64decode(link["file"]) == b"%PDF-1.7 test"
    assert link["filename"] == "letter.pdf" and link["confirm_email_before_download"] is True
    token = call["headers"]["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["iss"] == SERVICE


def test_a_bad_address_is_a_permanent_refusal(monkeypatch):
    _fake_session(monkeypatch, 400, {"errors": [{"error": "BadRequestError", "message": "email_address Not a valid"}]})
    with pytest.raises(DeliveryRefused):
        notify.NotifyEmailBackend(api_key=KEY, template_id="t").send_messages([_message()])


def test_a_server_error_is_raised_for_retry(monkeypatch):
    _fake_session(monkeypatch, 503, {"errors": [{"error": "Unavailable", "message": "Try again"}]})
    with pytest.raises(HTTPError) as exc:
        notify.NotifyEmailBackend(api_key=KEY, template_id="t").send_messages([_message()])
    assert exc.value.status_code == 503


def test_fail_silently_counts_only_what_was_sent(monkeypatch):
    _fake_session(monkeypatch, 500, {"errors": [{"error": "Server", "message": "Oops"}]})
    backend = notify.NotifyEmailBackend(api_key=KEY, template_id="t", fail_silently=True)
    assert backend.send_messages([_message()]) == 0
