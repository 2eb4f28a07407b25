"""The GOV.UK timeout warning in Chromium, with a 12-second idle time: it appears, passes axe-core, keeps
the session when asked, and when nobody answers the user lands on the sign-in page told why."""

import pytest

pytestmark = pytest.mark.e2e

IDLE_SECONDS = 12
WARNING_SECONDS = 8


@pytest.fixture(autouse=True)
def short_sessions(settings):
    settings.FRONTDOOR_SESSION_IDLE_MINUTES = IDLE_SECONDS / 60
    settings.FRONTDOOR_SESSION_WARNING_SECONDS = WARNING_SECONDS


def wait_for_warning(page):
    dialog = page.locator("dialog#fd-session-timeout")
    dialog.wait_for(state="visible", timeout=(IDLE_SECONDS - WARNING_SECONDS + 5) * 1000)
    return dialog


def test_the_warning_appears_is_accessible_and_stay_signed_in_keeps_the_session(page, users, sign_in, check_a11y):
    sign_in(users["csw"])
    dialog = wait_for_warning(page)
    assert dialog.locator("h2").inner_text() == "You’re about to be signed out"
    assert "Anything you have typed on this page and not saved will be lost unless you stay signed in" in (
        dialog.inner_text()
    )
    assert page.evaluate("document.activeElement.id") == "fd-session-timeout"  # focus moved into the dialog
    assert dialog.get_attribute("aria-modal") == "true"
    assert dialog.locator("[data-fd-timeout-live]").get_attribute("aria-live") == "polite"
    check_a11y(page, "session-timeout-warning")

    dialog.get_by_role("button", name="Stay signed in").click()
    dialog.wait_for(state="hidden")
    page.wait_for_timeout((WARNING_SECONDS + 1) * 1000)  # past the moment the session would have ended
    page.goto("/")
    assert page.locator("h1").inner_text().startswith("Hello")


def test_escape_means_stay_signed_in(page, users, sign_in):
    sign_in(users["manager"])
    dialog = wait_for_warning(page)
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    page.wait_for_timeout((WARNING_SECONDS + 1) * 1000)
    page.goto("/")
    assert page.locator("h1").inner_text().startswith("Hello")


def test_with_no_answer_the_user_is_signed_out_and_told_why(page, users, sign_in, check_a11y):
    sign_in(users["csa"])
    wait_for_warning(page)
    page.wait_for_url("**/accounts/sign-in/**", timeout=(WARNING_SECONDS + 10) * 1000)
    banner = page.locator(".govuk-notification-banner")
    assert "You were signed out because you had not done anything for 12 seconds" in banner.inner_text()
    check_a11y(page, "session-timeout-signed-out")
    page.goto("/")
    assert "/accounts/sign-in/" in page.url  # really signed out on the server


def test_sign_out_from_the_warning(page, users, sign_in):
    sign_in(users["analyst"])
    dialog = wait_for_warning(page)
    dialog.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/sign-in/**")
    page.goto("/")
    assert "/accounts/sign-in/" in page.url


def test_before_the_absolute_limit_the_warning_says_to_save_and_then_the_user_is_signed_out(
    page, users, sign_in, check_a11y, settings
):
    """Staying signed in cannot pass the absolute limit: the warning says so and offers "Continue"."""
    settings.FRONTDOOR_SESSION_IDLE_MINUTES = 1
    settings.FRONTDOOR_SESSION_MAX_HOURS = IDLE_SECONDS / 3600
    settings.FRONTDOOR_SESSION_WARNING_SECONDS = WARNING_SECONDS
    sign_in(users["receiving"])
    page.goto("/")
    dialog = page.locator("dialog#fd-session-timeout")
    dialog.wait_for(state="visible", timeout=(IDLE_SECONDS + 5) * 1000)
    assert "the longest Front Door allows" in dialog.inner_text()
    assert "will be lost when you are signed out" in dialog.inner_text()
    assert not dialog.get_by_role("button", name="Stay signed in").is_visible()
    check_a11y(page, "session-timeout-absolute-warning")
    dialog.get_by_role("button", name="Continue").click()
    dialog.wait_for(state="hidden")
    page.wait_for_url("**/accounts/sign-in/**", timeout=(WARNING_SECONDS + 10) * 1000)
    assert "you had been signed in for 12 seconds" in page.locator(".govuk-notification-banner").inner_text()


def test_without_javascript_there_is_no_warning_and_the_server_still_signs_out(browser, live_server, users):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/accounts/sign-in/")
        page.fill("#id_username", users["csw"].username)
        page.fill("#id_password", "test-password-123")
        page.click("button:has-text('Sign in')")
        assert page.locator("h1").inner_text().startswith("Hello")
        assert not page.locator("dialog#fd-session-timeout").is_visible()
        page.wait_for_timeout((IDLE_SECONDS + 1) * 1000)
        page.goto("/contacts/")
        assert "/accounts/sign-in/" in page.url
        assert "had not done anything for 12 seconds" in page.locator(".govuk-notification-banner").inner_text()
    finally:
        context.close()
