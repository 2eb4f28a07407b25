"""Headers on every page (CSP, no-store) and the GOV.UK error pages with DEBUG off (issue 13)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def csp_of(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else "" for part in header.split("; ")}


def test_pages_have_a_content_security_policy_with_no_inline_script_or_style(users, client_for):
    response = client_for(users["csw"]).get("/")
    policy = csp_of(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_the_sign_in_page_has_the_policy_too(db):
    response = Client().get("/accounts/sign-in/")
    assert response.status_code == 200
    assert csp_of(response)["script-src"] == "'self'"


def test_no_inline_script_or_style_in_the_layout(users, client_for):
    body = client_for(users["csw"]).get("/").content.decode()
    assert "<script>" not in body
    assert '<script type="module">' not in body
    assert "style=" not in body
    assert "<style" not in body


def test_pages_are_never_cached(users, client_for):
    response = client_for(users["csw"]).get("/")
    assert "no-store" in response["Cache-Control"]


def test_the_csrf_failure_page_is_gov_uk_styled_with_a_way_back(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["csw"])
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "govuk-heading-l" in body
    assert "Your session may have expired" in body
    assert 'href="/"' in body
    assert "CSRF" not in body and "Reason given" not in body


def test_the_csrf_failure_page_for_someone_not_signed_in(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/sign-in/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


def test_404_is_gov_uk_styled_with_no_internals(users, client_for):
    response = client_for(users["csw"]).get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and 'href="/"' in body
    assert "URLconf" not in body and "frontdoor.urls" not in body


def test_403_is_gov_uk_styled_with_a_way_back(users, client_for):
    response = client_for(users["mash_partner"]).get("/reporting/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You cannot open this page" in body and 'href="/"' in body


def test_500_is_gov_uk_styled_with_no_internals(users, monkeypatch):
    def broken(request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("frontdoor.ui.views.home_sections_for_user", broken)
    client = Client(raise_request_exception=False)
    client.force_login(users["csw"])
    response = client.get("/?q=Jessica")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body and 'href="/"' in body
    assert "secret internals" not in body and "Traceback" not in body and "Jessica" not in body
    assert "no-store" in response["Cache-Control"]
