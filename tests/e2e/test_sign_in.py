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
