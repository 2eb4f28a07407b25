import pytest

pytestmark = pytest.mark.e2e


def test_sign_in_page_and_home_are_accessible(page, users, sign_in, check_a11y):
    """A consultant social worker signs in and lands on a home page that passes axe-core."""
    page.goto("/")
    assert "/accounts/sign-in/" in page.url
    check_a11y(page, "sign-in")
    sign_in(users["csw"])
    assert page.locator("h1").inner_text().startswith("Hello")
    check_a11y(page, "home-csw")


def test_wrong_password_shows_error_summary(page, users, sign_in, check_a11y):
    sign_in(users["csw"], password="not-the-password")
    assert "Enter a correct username and password" in page.locator(".govuk-error-summary").inner_text()
    assert page.locator("#id_username").input_value() == users["csw"].username
    check_a11y(page, "sign-in-error")


def test_refused_and_missing_pages_are_gov_uk_pages_with_a_way_home(page, users, sign_in, check_a11y):
    """An analyst sent a link to a person's record, and a mistyped address: both say what happened and link home."""
    sign_in(users["analyst"])
    response = page.goto("/people/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "You cannot open this page"
    check_a11y(page, "error-403")
    response = page.goto("/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    check_a11y(page, "error-404")
    page.click("text=Go to your home page")
    assert page.locator("h1").inner_text().startswith("Hello")


def _code(secret: str, step: int | None = None) -> str:
    """The code an authenticator app would show for this key, now or at a given 30-second step."""
    import time
    from base64 import b32decode

    from django_otp.oath import totp

    drift = 0 if step is None else step - int(time.time()) // 30
    return str(totp(b32decode(secret.replace(" ", "")), drift=drift)).zfill(6)


def test_too_many_wrong_passwords_show_the_lockout_page(page, users, sign_in, check_a11y, settings):
    """Five wrong passwords lock the username: the GOV.UK page says to wait or ask the administrator, and
    the right password is refused until then."""
    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(users["csw"], password=f"wrong-{i}")
    assert page.locator("h1").inner_text() == "Your account is locked"
    assert f"wait {settings.FRONTDOOR_LOCKOUT_MINUTES} minutes" in page.locator("main").inner_text()
    check_a11y(page, "sign-in-locked")
    sign_in(users["csw"])
    assert page.locator("h1").inner_text() == "Your account is locked"


def test_set_up_an_authenticator_app_then_sign_in_with_a_code(page, users, sign_in, check_a11y, settings):
    """With FRONTDOOR_REQUIRE_2FA on: the password leads to setting up the app (QR code, or the key typed),
    its first code shows the recovery codes once; the next sign-in asks for a code."""
    settings.FRONTDOOR_REQUIRE_2FA = True
    sign_in(users["manager"])
    assert page.locator("h1").inner_text() == "Set up your authenticator app"
    assert page.locator("svg.fd-qr").is_visible()
    check_a11y(page, "two-factor-enrol")
    page.click("text=I cannot scan the QR code")
    secret = page.locator("#secret").inner_text()
    page.fill("#id_code", "000000")
    page.click("button:has-text('Continue')")
    assert "Enter the 6-digit code" in page.locator(".govuk-error-summary").inner_text()
    check_a11y(page, "two-factor-enrol-error")
    page.fill("#id_code", _code(secret))
    page.click("button:has-text('Continue')")
    assert page.locator("h2.govuk-heading-l").inner_text() == "Your recovery codes"
    assert page.locator(".fd-recovery-codes li").count() == 10
    check_a11y(page, "two-factor-recovery-codes")
    page.click("text=I have kept my codes")
    assert page.locator("h1").inner_text().startswith("Hello")

    page.click("button:has-text('Sign out')")
    sign_in(users["manager"])
    assert page.locator("h1").inner_text() == "Enter the code from your app"
    check_a11y(page, "two-factor-verify")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    used = TOTPDevice.objects.get(user=users["manager"]).last_t
    page.fill("#id_code", _code(secret, step=used + 1))  # a code is used once: the app's next one
    page.click("button:has-text('Continue')")
    assert page.locator("h1").inner_text().startswith("Hello")
    page.click("text=Your account")
    assert page.locator("h1").inner_text() == "Your account"
    check_a11y(page, "your-account")


def test_administrator_users_pages_are_accessible(page, users, sign_in, check_a11y):
    sign_in(users["admin"])
    page.click("nav >> text=Users")
    page.fill("#id_q", users["csw"].last_name)
    page.click("button:has-text('Search')")
    check_a11y(page, "users")
    page.click(f"text={users['csw']}")
    page.fill("#id_password", "short")
    page.click("button:has-text('Set temporary password')")
    assert "This password is too short" in page.locator(".govuk-error-summary").inner_text()
    check_a11y(page, "user-temporary-password-error")


def test_second_factor_works_without_javascript(browser, live_server, users, settings):
    """Setting up the app and entering its code are plain forms: no script needed."""
    settings.FRONTDOOR_REQUIRE_2FA = True
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/people/")
    page.fill("#id_username", users["csw"].username)
    page.fill("#id_password", "test-password-123")
    page.click("button:has-text('Sign in')")
    assert page.locator("h1").inner_text() == "Set up your authenticator app"
    page.click("text=I cannot scan the QR code")
    page.fill("#id_code", _code(page.locator("#secret").inner_text()))
    page.click("button:has-text('Continue')")
    page.click("text=I have kept my codes")
    assert page.url.endswith("/people/")
    context.close()
