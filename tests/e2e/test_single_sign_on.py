"""Single sign-on in Chromium against a tiny OpenID provider on loopback (frontdoor/accounts/tests/sso_support.py)."""

import pytest

from frontdoor.accounts.models import Role, User
from frontdoor.accounts.tests import sso_support

pytestmark = pytest.mark.e2e


@pytest.fixture
def provider(settings, reference_data):
    with sso_support.FakeProvider() as provider:
        sso_support.configure(settings, base_url=provider.url)
        yield provider


def test_a_council_user_signs_in_with_their_council_account(page, provider, check_a11y):
    provider.claims = sso_support.claims_for("ruth.okafor@council.invalid", groups=["grp-manager", "grp-cads"])
    page.goto("/people/")
    assert "/accounts/sign-in/" in page.url
    check_a11y(page, "sign-in-with-sso")
    page.get_by_role("button", name="Sign in with your council account").click()
    page.wait_for_url("**/people/**")
    assert User.objects.get(username="ruth.okafor@council.invalid").role == Role.TEAM_MANAGER
    assert "Sam Jones (Team manager)" in page.locator("header").inner_text()


def test_a_user_with_no_front_door_group_is_told_to_ask_their_administrator(page, provider, check_a11y):
    provider.claims = sso_support.claims_for("new.starter@council.invalid", groups=["grp-cads"])
    page.goto("/accounts/sign-in/")
    page.get_by_role("button", name="Sign in with your council account").click()
    page.wait_for_url("**/oidc/refused/")
    assert page.locator("h1").inner_text() == "Your council account is not set up for Front Door"
    check_a11y(page, "sso-refused-no-role")
