"""Headers in Chromium: the Content-Security-Policy refuses nothing Front Door itself sends, and pages and
downloads about children are never kept in the browser's cache (issue 13)."""

import datetime as dt

import pytest
from django.utils import timezone

from frontdoor.letters.tests.factories import recorded_contact
from frontdoor.letters.writing.services import letter_draft
from frontdoor.people.tests.factories import make_person, relate

pytestmark = pytest.mark.e2e

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture
def csp_watch(page):
    """Everything the browser refused under the CSP, from the console and from securitypolicyviolation events."""
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text or "Refused to" in m.text else None,
    )
    page.add_init_script(WATCH_CSP)

    def check(where: str) -> None:
        page.wait_for_load_state("networkidle")
        events = page.evaluate("window.__cspViolations || []")
        assert not refused and not events, f"{where}: {refused + events}"

    return check


def assert_not_cached(response, where: str) -> None:
    assert response.status == 200, f"{where}: {response.status}"
    assert "no-store" in response.headers.get("cache-control", ""), f"{where}: {response.headers}"


def test_no_csp_violations_and_no_caching_on_the_main_pages(page, users, sign_in, csp_watch):
    mum = make_person("Sarah", "Kettle", sex="F", date_of_birth=dt.date(1988, 5, 1), postcode="NR1 2AB")
    child = make_person("Alfie", "Kettle", sex="M", date_of_birth=dt.date(2017, 9, 3), postcode="NR1 2AB")
    relate(mum, "parent", child, parental_responsibility=True, same_household=True)
    contact = recorded_contact(worker=users["csw"], received_at=timezone.now() - dt.timedelta(hours=1))
    letter = letter_draft(actor=users["csw"], contact=contact)

    response = page.goto("/accounts/sign-in/")
    assert_not_cached(response, "sign-in")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    # The early script still marks the page for GOV.UK Frontend's JavaScript styles, and the module starts it.
    classes = page.evaluate("document.body.className").split()
    assert {"js-enabled", "govuk-frontend-supported"} <= set(classes)
    page.wait_for_function("typeof window.htmx !== 'undefined'")
    csp_watch("sign-in")

    sign_in(users["csw"])
    csp_watch("home")
    assert page.locator("[data-module='govuk-header'][data-govuk-header-init]").count() == 1  # initAll ran

    pages = {
        "person": f"/people/{child.pk}/",
        "family and genogram": f"/people/{child.pk}/family/",
        "contact": f"/contacts/{contact.pk}/",
        "letter preview": f"/letters/{letter.pk}/",
        "letters for the contact": f"/letters/contact/{contact.pk}/",
    }
    for where, url in pages.items():
        assert_not_cached(page.goto(url), where)
        csp_watch(where)

    # The live search: htmx swaps results in as the worker types.
    page.goto("/people/")
    page.locator("input[name='q']").press_sequentially("Alfie Kettle", delay=20)
    page.locator("#search-results").get_by_text("Kettle").first.wait_for()
    csp_watch("live search")

    pdf = page.request.get(f"/letters/{letter.pk}/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    assert_not_cached(pdf, "letter PDF")


def test_annex_a_downloads_are_never_cached(page, users, sign_in, csp_watch):
    sign_in(users["analyst"])
    assert_not_cached(page.goto("/reporting/"), "reporting")
    csp_watch("reporting")
    query = "start_0=1&start_1=11&start_2=2026&end_0=30&end_1=11&end_2=2026"
    for fmt, content_type in [("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats")]:
        download = page.request.get(f"/reporting/annex-a/list-1/?{query}&format={fmt}")
        assert download.headers["content-type"].startswith(content_type)
        assert_not_cached(download, f"Annex A {fmt}")


def test_the_csrf_failure_page_is_gov_uk_styled(page, users, sign_in, csp_watch):
    """A form sent after the session's token changed (here: the cookie is cleared) gets the GOV.UK page."""
    sign_in(users["csw"])
    page.context.clear_cookies()
    page.goto("/accounts/sign-in/")
    page.evaluate("document.cookie = 'csrftoken=; Max-Age=0; path=/'")
    page.context.clear_cookies()
    page.fill("#id_username", users["csw"].username)
    page.fill("#id_password", "test-password-123")
    page.click("button:has-text('Sign in')")
    assert page.locator("h1").inner_text() == "Your form could not be sent"
    assert page.locator("a[href='/']").count() >= 1
    csp_watch("csrf failure")


def test_the_django_admin_keeps_to_the_policy(page, users, sign_in, csp_watch):
    users["admin"].is_superuser = True  # as `seed_demo`'s administrator
    users["admin"].save()
    sign_in(users["admin"])
    for where, url in {
        "admin index": "/admin/",
        "admin users": "/admin/accounts/user/",
        "admin user": f"/admin/accounts/user/{users['csw'].pk}/change/",
    }.items():
        assert_not_cached(page.goto(url), where)
        csp_watch(where)
