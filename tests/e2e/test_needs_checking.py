"""Issue 11: a manager finds the records the import loaded with a value left blank, opens one, corrects it and
marks it checked; axe-core on the list and on the record with its note."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from frontdoor.people.models import Person
from frontdoor.people.tests.factories import make_person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_manager_checks_and_corrects_an_imported_record(page, sign_in, check_a11y, users):
    baby = make_person(
        "",
        "Hughes",
        date_of_birth=None,
        expected_date_of_birth=dt.date(2027, 2, 1),
        sex="U",
        person_id="A100",
        needs_checking="Imported from people.csv, line 12, on 5 December 2026. Left blank or unknown because "
        "given_name was empty.",
    )
    make_person(
        "Tanvir",
        "",
        person_id="A101",
        needs_checking="Imported from people.csv, line 40, on 5 December 2026. Left blank or unknown because "
        "family_name was empty; date_of_birth “31/02/1990”: 31/02/1990 is not a date: use YYYY-MM-DD or DD/MM/YYYY.",
    )
    sign_in(users["manager"])
    page.click("a:has-text('Records that need checking')")
    expect(page.locator("h1")).to_have_text("Records that need checking")
    expect(page.locator("table")).to_contain_text("Baby of Hughes")
    check_a11y(page, "needs-checking-list")
    page.screenshot(path="/tmp/importing-needs-checking-list.png", full_page=True)
    page.click("a:has-text('Baby of Hughes')")
    expect(page.locator("#needs-checking-panel")).to_contain_text("given_name was empty")
    check_a11y(page, "needs-checking-record")
    page.screenshot(path="/tmp/importing-needs-checking-record.png", full_page=True)
    page.click("a:has-text('Change name')")
    page.fill("#id_given_name", "")
    page.fill("#id_family_name", "Hughes")
    page.click("button:has-text('Save details')")
    expect(page.locator("#needs-checking-panel")).to_be_visible()
    page.click("button:has-text('Mark as checked')")
    expect(page.locator("body")).to_contain_text("The record of Baby of Hughes is marked as checked")
    expect(page.locator("#needs-checking-panel")).to_have_count(0)
    assert Person.objects.get(pk=baby.pk).needs_checking == ""
    page.goto("/people/needs-checking/")
    expect(page.locator("table")).not_to_contain_text("Baby of Hughes")
    expect(page.locator("table")).to_contain_text("Tanvir")
