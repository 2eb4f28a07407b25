"""Issue 12, deliverable 2: a manager restricts a child's record; a consultant social worker who is not named
finds the child in search as "Restricted record", sees the notice, breaks the glass and reads the record; the
manager is told on their home page and sees it in the break-glass log. axe-core on each new page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from frontdoor.audit.models import AuditEvent
from frontdoor.people.tests.factories import make_person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_restrict_break_the_glass_and_the_log(page, sign_in, check_a11y, users):
    child = make_person("Poppy", "Quarrington", date_of_birth=dt.date(2017, 6, 5), postcode="NR3 4HU")
    manager, named, other = users["manager"], users["csw"], users["csw2"]

    # The manager restricts the record to one named worker.
    sign_in(manager)
    page.goto(f"/people/{child.pk}/")
    page.click("a:has-text('Restrict this record')")
    expect(page.locator("h1")).to_have_text("Restrict this record")
    page.click("button:has-text('Restrict the record')")  # no reason: the GOV.UK error
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why this record is restricted")
    page.fill("#id_reason", "The child of a member of staff in the Children's Advice and Duty Service.")
    page.check(f"label:has-text('{named.get_full_name()}')")
    check_a11y(page, "restricted-restrict")
    page.screenshot(path="/tmp/restricted-restrict.png", full_page=True)
    page.click("button:has-text('Restrict the record')")
    expect(page.locator("#restricted-record")).to_contain_text("Restricted record")
    page.context.clear_cookies()

    # A consultant social worker who is not named: search shows a restricted record, opening it the notice.
    sign_in(other)
    page.goto("/people/")
    page.fill("#id_q", "Poppy Quarrington")
    row = page.locator(".fd-restricted-result")
    expect(row).to_contain_text("Restricted record")
    expect(page.locator("table")).not_to_contain_text("Quarrington")
    page.screenshot(path="/tmp/restricted-search.png", full_page=True)
    row.locator("a").click()
    expect(page.locator("#restricted-ask")).to_have_text(f"This record is restricted. Ask {manager.get_full_name()}.")
    expect(page.locator("main")).not_to_contain_text("Poppy")
    check_a11y(page, "restricted-notice")
    page.screenshot(path="/tmp/restricted-notice.png", full_page=True)

    # A wrong password is refused (and audited); the right one opens the record.
    page.fill("#id_reason", "The school says Poppy has not come home; police are asking for the family's address.")
    page.fill("#id_password", "not-my-password")
    page.click("button:has-text('Break the glass')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The password is not right")
    check_a11y(page, "restricted-notice-error")
    assert AuditEvent.objects.filter(actor=other, action="refused", object_id=str(child.pk)).exists()
    page.fill("#id_password", "test-password-123")
    page.click("button:has-text('Break the glass')")
    expect(page.locator("h1")).to_contain_text("Poppy Quarrington")
    expect(page.locator("body")).to_contain_text("You can open this record for 60 minutes")
    page.screenshot(path="/tmp/restricted-record-open.png", full_page=True)
    assert AuditEvent.objects.filter(actor=other, action="break_glass", object_id=str(child.pk)).exists()
    page.context.clear_cookies()

    # The manager is told, and sees it in the log.
    sign_in(manager)
    expect(page.locator("main")).to_contain_text("Restricted records opened")
    page.click("a:has-text('See who, when and why')")
    expect(page.locator("h1")).to_have_text("Break-glass log")
    expect(page.locator("table")).to_contain_text(other.get_full_name())
    expect(page.locator("table")).to_contain_text("police are asking")
    check_a11y(page, "restricted-log")
    page.screenshot(path="/tmp/restricted-log.png", full_page=True)
