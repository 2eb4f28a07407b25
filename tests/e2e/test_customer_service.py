import datetime as dt

import pytest
from playwright.sync_api import expect

from frontdoor.people.models import Person
from frontdoor.people.services import person_index_update

pytestmark = pytest.mark.e2e


def test_advisor_checks_for_a_worker_and_hands_over_to_cads(page, users, sign_in, check_a11y):
    """An advisor finds no allocated worker, records a live handover to CADS, and sees it in the list."""
    ruby = Person.objects.create(
        person_id="P0000200",
        given_name="Ruby",
        family_name="Hart",
        date_of_birth=dt.date(2017, 2, 1),
        postcode="NR3 1AA",
        sex="F",
    )
    person_index_update(ruby)
    sign_in(users["csa"])
    check_a11y(page, "csa-home")
    page.click("a.govuk-button:has-text('Check for a social worker')")
    check_a11y(page, "csa-check")
    page.fill("#id_child_name", "Ruby Hart")
    page.click("button:has-text('Check')")
    expect(page.locator("body")).to_contain_text("No allocated worker")
    assert "/customer-service/?s=" in page.url and "Ruby" not in page.url  # the child's name is not in the URL
    check_a11y(page, "csa-results")
    page.get_by_label("Live handover to CADS").check()
    page.select_option("#id_handed_to", str(users["csw"].pk))
    page.fill("#id_caller_phone", "07700 900982")
    page.click("button:has-text('Record the call')")
    expect(page.locator("body")).to_contain_text("The call has been recorded")
    check_a11y(page, "csa-calls")
