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
