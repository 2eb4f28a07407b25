import pytest

pytestmark = pytest.mark.e2e


def test_analyst_reports_page_is_accessible(page, users, sign_in, check_a11y):
    """A performance analyst signs in, sees Reports in the navigation and the reports page passes axe-core."""
    sign_in(users["analyst"])
    page.click("a.govuk-service-navigation__link:has-text('Reports')")
    assert page.locator("h1").inner_text() == "Reports"
    check_a11y(page, "reports")
    page.fill("#id_end_2", "")
    page.click("button:has-text('Show figures')")
    assert "End date must include a year" in page.locator(".govuk-error-summary").inner_text()
    check_a11y(page, "reports-error")
