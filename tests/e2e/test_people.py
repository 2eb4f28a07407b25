"""A worker finds a seeded child from a misspelt nickname and a swapped date of birth, then sees the family."""

import datetime as dt

import pytest
from django.utils import timezone

from frontdoor.people.models import Involvement
from frontdoor.people.tests.factories import make_person, relate
from frontdoor.referrals import services
from frontdoor.referrals.tests.factories import referral_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded_family(users):
    mum = make_person("Sarah", "Smith-Jones", sex="F", date_of_birth=dt.date(1988, 5, 1), postcode="NR1 2AB")
    dad = make_person("Liam", "Jones", sex="M", date_of_birth=dt.date(1986, 2, 2), postcode="NR1 2AB")
    child = make_person("Alfred", "Smith-Jones", sex="M", date_of_birth=dt.date(2017, 9, 3), postcode="NR1 2AB")
    sister = make_person("Jessica", "Smith-Jones", sex="F", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB")
    relate(mum, "partner", dad)
    for parent in (mum, dad):
        for kid in (child, sister):
            relate(parent, "parent", kid, parental_responsibility=True, same_household=True)
    relate(sister, "sibling", child)
    Involvement.objects.create(person=sister, kind="cp_plan", start_date=dt.date(2026, 2, 1), cp_category="NEG")
    for given in ("Alfie", "Alan", "Albert"):  # people who look a bit alike
        make_person(given, "Smith", sex="M", date_of_birth=dt.date(2016, 3, 19))
    referral = referral_make(worker=users["csw"], child=sister)
    referral = services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    services.milestone_record(
        actor=users["manager"], referral=referral, kind="strategy_discussion", date=timezone.localdate()
    )
    return {"child": child, "sister": sister, "referral": referral}


def test_find_child_and_see_family(page, sign_in, check_a11y, users, seeded_family):
    sign_in(users["csw"])
    page.goto("/people/")
    check_a11y(page, "people-search")
    page.click("summary:has-text('Add date of birth')")
    page.fill("#id_date_of_birth_0", "9")
    page.fill("#id_date_of_birth_1", "3")
    page.fill("#id_date_of_birth_2", "2017")
    page.fill("#id_q", "Alfi Smith-Jones")  # live results as the worker types
    first = page.locator("#search-results tbody tr").first
    first.wait_for()
    assert "Alfred Smith-Jones" in first.inner_text()
    assert "Strong" in first.inner_text()
    assert "day and month swapped" in first.inner_text()
    check_a11y(page, "people-search-results")

    first.locator("a").click()
    page.wait_for_selector("h1:has-text('Alfred Smith-Jones')")
    check_a11y(page, "people-record")

    page.click("text=See the family and genogram")
    page.wait_for_selector("svg.fd-genogram")
    assert page.locator("svg.fd-genogram circle").count() >= 2
    assert page.locator("svg.fd-genogram rect").count() >= 2
    chronology = page.inner_text(".fd-chronology")
    assert "Child protection plan started" in chronology
    assert "Strategy discussion" in chronology and f"Referral {seeded_family['referral'].reference} made" in chronology
    assert f"Contact {seeded_family['referral'].contact.reference}" in chronology
    check_a11y(page, "people-family")

    page.click(".moj-sub-navigation a:has-text('Referrals and what happened next')")  # a plain link: ?show=
    page.wait_for_url("**show=referrals**")
    chronology = page.inner_text(".fd-chronology")
    assert "Strategy discussion" in chronology and "Contact " not in chronology
    check_a11y(page, "people-family-referrals")
    page.click(f".fd-chronology a:has-text('Referral {seeded_family['referral'].reference} authorised')")
    page.wait_for_selector(f"h1:has-text('{seeded_family['referral'].reference}')")


def test_plain_form_works_without_javascript(browser, live_server, users, seeded_family):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", users["csw"].username)
    page.fill("#id_password", "test-password-123")
    page.click("button:has-text('Sign in')")
    page.goto("/people/")
    page.fill("#id_q", "Bill Jones")
    page.fill("#id_q", "Jess Smith Jones")
    page.click("button:has-text('Search')")
    assert "Jessica Smith-Jones" in page.locator("#search-results").inner_text()
    context.close()
