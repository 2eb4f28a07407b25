"""The GOV.UK timeout warning in Chromium, with the real limits (30 minutes idle, a 2-minute warning): it
appears, passes axe-core, keeps the session when asked, and when nobody answers the user lands on the
sign-in page told why.

Nobody waits for the clock. Two clocks decide when a session ends and they move together: the browser's
(Playwright's clock: Date.now and the timers of session-timeout.js) and the server's (time-machine; the
live server is a thread of this process, so SessionExpiryMiddleware reads the same moved clock).
Both start at the real time and only go forwards, because the browser keeps its cookies by the real time."""

import datetime as dt

import pytest
import time_machine

pytestmark = pytest.mark.e2e

IDLE_MINUTES = 30
WARNING_SECONDS = 120
IDLE_SECONDS = IDLE_MINUTES * 60
DIALOG = "dialog#fd-session-timeout"


@pytest.fixture(autouse=True)
def real_limits(settings):
    settings.FRONTDOOR_SESSION_IDLE_MINUTES = IDLE_MINUTES
    settings.FRONTDOOR_SESSION_MAX_HOURS = 10
    settings.FRONTDOOR_SESSION_WARNING_SECONDS = WARNING_SECONDS


@pytest.fixture
def server_clock():
    with time_machine.travel(dt.datetime.now(tz=dt.UTC), tick=True) as traveller:
        yield traveller


@pytest.fixture
def advance(page, server_clock):
    """advance(seconds): time passes for the server and the browser alike. The server moves first, so
    the status check a browser timer makes when it fires already sees the later time."""
    page.clock.install(time=dt.datetime.now(tz=dt.UTC))  # the server's (travelling) time, before any page loads

    def move(seconds: float) -> None:
        server_clock.shift(seconds)
        page.clock.fast_forward(round(seconds * 1000))

    return move


def wait_for_warning(page, advance):
    """Idle until the warning is due (the browser asks the server then, and opens the dialog)."""
    advance(IDLE_SECONDS - WARNING_SECONDS)
    dialog = page.locator(DIALOG)
    dialog.wait_for(state="visible")
    return dialog


def test_the_warning_appears_is_accessible_and_stay_signed_in_keeps_the_session(
    page, users, sign_in, check_a11y, advance
):
    sign_in(users["csw"])
    dialog = wait_for_warning(page, advance)
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
    advance(WARNING_SECONDS + 1)  # past the moment the session would have ended
    page.goto("/")
    assert page.locator("h1").inner_text().startswith("Hello")


def test_escape_means_stay_signed_in(page, users, sign_in, advance):
    sign_in(users["manager"])
    dialog = wait_for_warning(page, advance)
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    advance(WARNING_SECONDS + 1)
    page.goto("/")
    assert page.locator("h1").inner_text().startswith("Hello")


def test_with_no_answer_the_user_is_signed_out_and_told_why(page, users, sign_in, check_a11y, advance):
    sign_in(users["csa"])
    wait_for_warning(page, advance)
    advance(WARNING_SECONDS + 1)
    page.wait_for_url("**/accounts/sign-in/**")
    banner = page.locator(".govuk-notification-banner")
    assert "You were signed out because you had not done anything for 30 minutes" in banner.inner_text()
    check_a11y(page, "session-timeout-signed-out")
    page.goto("/")
    assert "/accounts/sign-in/" in page.url  # really signed out on the server


def test_sign_out_from_the_warning(page, users, sign_in, advance):
    sign_in(users["analyst"])
    dialog = wait_for_warning(page, advance)
    dialog.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/sign-in/**")
    page.goto("/")
    assert "/accounts/sign-in/" in page.url


def test_before_the_absolute_limit_the_warning_says_to_save_and_then_the_user_is_signed_out(
    page, users, sign_in, check_a11y, settings, advance
):
    """Staying active cannot pass the absolute limit (here 1 hour): the warning says so and offers "Continue"."""
    settings.FRONTDOOR_SESSION_MAX_HOURS = 1
    sign_in(users["receiving"])
    advance(20 * 60)
    page.goto("/")  # active at 20 minutes
    advance(15 * 60)
    page.goto("/")  # and at 35: now the hour ends before the idle time does
    advance(25 * 60 - WARNING_SECONDS)
    dialog = page.locator(DIALOG)
    dialog.wait_for(state="visible")
    assert "the longest Front Door allows" in dialog.inner_text()
    assert "will be lost when you are signed out" in dialog.inner_text()
    assert not dialog.get_by_role("button", name="Stay signed in").is_visible()
    check_a11y(page, "session-timeout-absolute-warning")
    dialog.get_by_role("button", name="Continue").click()
    dialog.wait_for(state="hidden")
    advance(WARNING_SECONDS + 1)
    page.wait_for_url("**/accounts/sign-in/**")
    assert "you had been signed in for 1 hour" in page.locator(".govuk-notification-banner").inner_text()


def test_without_javascript_there_is_no_warning_and_the_server_still_signs_out(
    browser, live_server, users, server_clock
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/accounts/sign-in/")
        page.fill("#id_username", users["csw"].username)
        page.fill("#id_password", "test-password-123")
        page.click("button:has-text('Sign in')")
        assert page.locator("h1").inner_text().startswith("Hello")
        assert not page.locator(DIALOG).is_visible()
        server_clock.shift(IDLE_SECONDS + 1)
        page.goto("/contacts/")
        assert "/accounts/sign-in/" in page.url
        assert "had not done anything for 30 minutes" in page.locator(".govuk-notification-banner").inner_text()
    finally:
        context.close()
