"""The whole single sign-on flow against a tiny OpenID provider on loopback (real HTTP, RS256, PKCE).

The browser's part is played by Django's test client (Front Door) and urllib (the provider's authorize
page, which answers at once with a redirect, as Entra does for a user who is already signed in)."""

from urllib.error import HTTPError
from urllib.parse import parse_qs, urlsplit
from urllib.request import HTTPRedirectHandler, build_opener

import pytest
from django.urls import reverse

from frontdoor.accounts.models import Role, User
from frontdoor.accounts.sessions import STARTED_KEY
from frontdoor.accounts.sso.views import SIGNED_IN_BY_KEY
from frontdoor.audit.models import AuditEvent

from . import sso_support

pytestmark = pytest.mark.django_db


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def provider(settings, reference_data):
    with sso_support.FakeProvider() as provider:
        sso_support.configure(settings, base_url=provider.url)
        yield provider


def at_provider(url: str) -> str:
    """Open the provider's authorize URL as the browser would; return where it sends the browser back."""
    try:
        build_opener(_NoRedirects).open(url, timeout=5)
    except HTTPError as redirect:
        assert redirect.code == 302
        return redirect.headers["Location"]
    raise AssertionError("the provider did not redirect back")


def sign_in_with_council_account(client, next_url=""):
    start = client.get(reverse("oidc_authentication_init") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    callback = at_provider(start["Location"])
    parts = urlsplit(callback)
    assert parts.path == "/oidc/callback/"
    return start, client.get(parts.path, parse_qs(parts.query))


def test_a_council_user_signs_in_and_lands_where_they_were_going(client, provider):
    provider.claims = sso_support.claims_for("amira.khan@council.invalid", groups=["grp-csw", "grp-cads"])
    start, done = sign_in_with_council_account(client, next_url="/contacts/")
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["client_id"] == [sso_support.CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"]  # PKCE
    assert query["scope"] == ["openid email profile"]
    assert done.status_code == 302 and done["Location"] == "/contacts/"

    user = User.objects.get(username="amira.khan@council.invalid")
    assert user.role == Role.CONSULTANT_SOCIAL_WORKER and user.team.code == "cads"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session[SIGNED_IN_BY_KEY] == "sso"
    assert STARTED_KEY in client.session
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(object_id=str(user.pk), action="sign_in").count() == 1
    assert provider.requests == ["GET /authorize", "POST /token", "GET /jwks", "GET /userinfo"]


def test_a_user_whose_groups_give_no_role_is_told_to_ask_their_administrator(client, provider):
    provider.claims = sso_support.claims_for("visitor@council.invalid", groups=["grp-cads"])
    _, done = sign_in_with_council_account(client)
    assert done["Location"] == reverse("oidc_refused")
    page = client.get(done["Location"])
    assert page.status_code == 403
    assert "Your council account is not set up for Front Door" in page.content.decode()
    assert "Ask your administrator" in page.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(username="visitor@council.invalid").exists()


def test_an_id_token_issued_to_another_application_is_refused(client, provider):
    """mozilla-django-oidc does not check the audience; Front Door does."""
    provider.audience = "another-application"
    _, done = sign_in_with_council_account(client)
    assert_told_it_did_not_work(client, done)


def test_an_id_token_from_another_issuer_is_refused(client, provider, settings):
    settings.OIDC_OP_ISSUER = "https://login.microsoftonline.com/another-tenant/v2.0"
    _, done = sign_in_with_council_account(client)
    assert_told_it_did_not_work(client, done)


def assert_told_it_did_not_work(client, response):
    assert response.status_code == 302 and response["Location"] == reverse("oidc_refused")
    page = client.get(response["Location"])
    assert "Signing in with your council account did not work" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_provider_that_cannot_be_reached_is_a_gov_uk_page_not_an_error(client, provider, settings):
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens on the discard port
    _, done = sign_in_with_council_account(client)
    assert_told_it_did_not_work(client, done)


def test_a_callback_with_a_forged_state_signs_nobody_in(client, provider):
    client.get(reverse("oidc_authentication_init"))
    response = client.get(reverse("oidc_authentication_callback"), {"code": "x", "state": "forged"})
    assert_told_it_did_not_work(client, response)


def test_the_sign_in_page_offers_the_council_account_only_when_configured(client, provider, settings):
    page = client.get(reverse("accounts:login") + "?next=/people/")
    assert "Sign in with your council account" in page.content.decode()
    assert 'href="/oidc/authenticate/?next=%2Fpeople%2F"' in page.content.decode()
    settings.FRONTDOOR_OIDC_ENABLED = False
    assert "council account" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404


def test_a_link_to_the_callback_with_an_error_does_not_sign_anyone_out(client, provider, users):
    """mozilla-django-oidc signs the current user out on any ?error=; Front Door only for its own sign-in."""
    client.force_login(users["csw"])
    response = client.get(reverse("oidc_authentication_callback"), {"error": "access_denied", "state": "made-up"})
    assert response["Location"] == reverse("oidc_refused")
    assert client.session["_auth_user_id"] == str(users["csw"].pk)


def test_the_user_cancelling_at_the_provider_is_told_it_did_not_work(client, provider):
    start = client.get(reverse("oidc_authentication_init"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(reverse("oidc_authentication_callback"), {"error": "access_denied", "state": state})
    assert_told_it_did_not_work(client, response)
