"""Role x URL matrix for the single sign-on and session URLs: open to every role, and to nobody else
except where signing in needs it; the single sign-on URLs answer 404 while it is off."""

import pytest
from django.urls import reverse

from . import sso_support

pytestmark = pytest.mark.django_db

ROLES = ["csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]
WHO = [*ROLES, "anonymous"]


@pytest.fixture
def as_who(users, client, client_for):
    def make(who):
        return client if who == "anonymous" else client_for(users[who])

    return make


@pytest.mark.parametrize("who", WHO)
def test_session_status(as_who, who):
    response = as_who(who).get(reverse("accounts:session_status"), HTTP_ACCEPT="application/json")
    assert response.status_code == (401 if who == "anonymous" else 200)
    assert response.json()["signed_in"] is (who != "anonymous")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", WHO)
def test_session_status_without_json_sends_strangers_to_sign_in(as_who, who):
    response = as_who(who).get(reverse("accounts:session_status"))
    assert response.status_code == (302 if who == "anonymous" else 200)


@pytest.mark.parametrize("who", WHO)
def test_session_keep_alive(as_who, who):
    c = as_who(who)
    response = c.post(reverse("accounts:session_keep_alive"), HTTP_ACCEPT="application/json")
    assert response.status_code == (401 if who == "anonymous" else 200)
    assert c.get(reverse("accounts:session_keep_alive")).status_code == 405


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name", ["oidc_authentication_init", "oidc_authentication_callback", "oidc_refused"])
def test_single_sign_on_urls_are_404_while_it_is_off(as_who, who, name, settings):
    settings.FRONTDOOR_OIDC_ENABLED = False
    assert as_who(who).get(reverse(name)).status_code == 404


@pytest.mark.parametrize("who", WHO)
def test_single_sign_on_urls_when_it_is_on(as_who, who, settings):
    """Anyone may start signing in with the council account (the provider decides who they are)."""
    sso_support.configure(settings)
    c = as_who(who)
    start = c.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start["Location"].startswith("https://idp.invalid/authorize?")
    callback = c.get(reverse("oidc_authentication_callback"))  # no code: nothing to check
    assert callback.status_code == 302 and callback["Location"] == reverse("oidc_refused")
    assert c.get(reverse("oidc_refused")).status_code == 200
