"""A manager scans for duplicates, compares the pair side by side, merges them and undoes the merge."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from frontdoor.people.models import PossibleDuplicate
from frontdoor.people.tests.factories import make_person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_scan_compare_merge_and_undo(page, sign_in, check_a11y, users):
    make_person("Jessica", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB", person_id="A100")
    make_person("Jess", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB", person_id="B200")
    make_person("Oliver", "Brown", sex="M", date_of_birth=dt.date(2012, 7, 1), person_id="C300")
    sign_in(users["manager"])
    page.goto("/people/duplicates/")
    assert "No scan has been run yet" in page.inner_text("#scan-status")
    check_a11y(page, "duplicates-before-scan")
    page.check("#scope-everyone")
    page.click("button:has-text('Look for duplicates now')")  # tasks run at once in tests
    assert "checked 3 people and found 1 new pair" in page.inner_text("#scan-status")
    check_a11y(page, "duplicates-after-scan")
    page.click("a:has-text('Compare')")
    expect(page.locator("body")).to_contain_text("Are these the same person?")
    check_a11y(page, "duplicate-compare")
    page.click("button:has-text('Merge, keeping the first record')")
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("Undo this merge")
    check_a11y(page, "merge-done")
    page.click("button:has-text('Undo this merge')")
    page.wait_for_load_state()
    assert PossibleDuplicate.objects.get().status == PossibleDuplicate.Status.OPEN
