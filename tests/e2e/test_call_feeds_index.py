"""One child, one truth (issue 11, parts 2 to 4), in Chromium: a call with a misspelt linked child, a new child
and the mother's partner named as the alleged perpetrator. After it the record's name is shown with the caller's
words beside, the partner and the new child are in the index and the family's genogram, and the next records
check finds them. axe-core on each page changed."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.contacts.tests import factories
from frontdoor.people.models import Involvement

pytestmark = pytest.mark.e2e


@pytest.fixture
def family(db):
    geraldine = factories.person(
        given_name="Geraldine",
        family_name="Hughes",
        date_of_birth=dt.date(2019, 4, 2),
        address="14 Elm Road, Norwich",
        postcode="NR2 3AB",
    )
    mother = factories.person(
        given_name="Sandra", family_name="Hughes", date_of_birth=dt.date(1990, 1, 5), postcode="NR2 3AB"
    )
    factories.involvement(geraldine, Involvement.Kind.CHILD_PROTECTION)
    return geraldine, mother


def add_person(page, *, child, given, family, dob=None, age=None, role_index=None, relationship="", lives=False):
    """The add form in place on the family page (htmx): search, then the matches or the new person in place."""
    page.click("#family-live >> " + ("text=Add a child" if child else "text=Add a family member or someone important"))
    page.wait_for_selector("#family-live #id_given_name")
    if role_index is not None:
        page.check(f"#id_role_{role_index}")
    page.fill("#id_given_name", given)
    page.fill("#id_family_name", family)
    if dob:
        for i, part in enumerate(dob):
            page.fill(f"#id_date_of_birth_{i}", part)
    if age:
        page.fill("#id_approximate_age", age)
    if relationship:
        page.fill("#id_relationship", relationship)
    if lives:
        page.check("#id_lives_with_child")
    page.click("button:has-text('Search records and add')")
    page.wait_for_selector("#family-live #family-notice, #family-live [name=match]")


def choose(page, value):
    if page.locator("#family-live [name=match]").count():
        page.check(f"input[name=match][value='{value}']")
        page.click("button:has-text('Add to the call')")
        page.wait_for_selector("#family-live #family-notice")


def test_the_call_feeds_the_index_and_the_record_is_the_truth(page, users, sign_in, check_a11y, family):
    geraldine, mother = family
    draft = factories.complete_draft(
        worker=users["csw"], children=0, consent=Contact.Consent.REFUSED, immediacy=Contact.Immediacy.URGENT
    )
    sign_in(users["csw"])
    page.goto(f"/contacts/{draft.pk}/family/")

    # The caller misspells the child; the search finds the record and the worker links it (CP plan tag shown).
    add_person(page, child=True, given="Geraldene", family="Hughs", dob=("2", "4", "2019"))
    expect(page.locator(".govuk-radios")).to_contain_text("CP plan")
    check_a11y(page, "truth-01-match-flags")
    choose(page, geraldine.pk)
    add_person(page, child=True, given="Toby", family="Hughes", dob=("3", "2", "2021"))
    choose(page, "new")
    add_person(page, child=False, given="Sandra", family="Hughes", age="36", role_index=0, relationship="Mother")
    choose(page, mother.pk)
    add_person(
        page,
        child=False,
        given="Darren",
        family="Cole",
        age="35",
        role_index=4,
        relationship="Mum's partner",
        lives=True,
    )
    choose(page, "new")
    body = page.locator("body")
    expect(body).to_contain_text("Geraldine Hughes (the caller said: Geraldene Hughs)")
    check_a11y(page, "truth-02-family")

    # The records check covers the adults too.
    page.goto(f"/contacts/{draft.pk}/records/")
    expect(page.locator(f"#records-{draft.people.get(given_name='Sandra').pk}")).to_contain_text("Earlier contacts")
    expect(body).to_contain_text("Child protection plan")
    check_a11y(page, "truth-03-records")

    # Check your answers: who joins the index, a tick each, checked.
    page.goto(f"/contacts/{draft.pk}/check/")
    expect(body).to_contain_text("These people will be added to the person index")
    for name in ("Toby Hughes", "Darren Cole"):
        expect(page.get_by_label(name, exact=False)).to_be_checked()
    check_a11y(page, "truth-04-check")
    page.screenshot(path="/tmp/truth-check.png", full_page=True)
    page.click("button:has-text('Save contact')")
    page.wait_for_load_state()
    assert "Contact recorded" in page.locator("h1").inner_text()

    people = {cp.given_name: cp for cp in ContactPerson.objects.filter(contact=draft).select_related("person")}
    partner, toby = people["Darren"].person, people["Toby"].person
    assert partner is not None and toby is not None
    assert people["Darren"].role == "alleged_perpetrator"

    # The contact page: the record's name, the caller's words beside.
    page.goto(f"/contacts/{draft.pk}/")
    expect(body).to_contain_text("Geraldine Hughes, born 2 April 2019 (the caller said: Geraldene Hughs)")
    expect(body).not_to_contain_text("about 6")
    check_a11y(page, "truth-05-contact")

    # The partner is found by search; the genogram of the linked child has him and the new child.
    page.goto("/people/")
    page.fill("#id_q", "Darren Cole")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#search-results")).to_contain_text(partner.person_id)
    check_a11y(page, "truth-06-search")
    page.goto(f"/people/{geraldine.pk}/family/")
    expect(body).to_contain_text("Darren Cole")
    expect(body).to_contain_text("Toby Hughes")
    check_a11y(page, "truth-07-genogram")
    page.screenshot(path="/tmp/truth-genogram.png", full_page=True)

    # The next call about the partner: the records check finds this contact and his role on it.
    later = factories.complete_draft(worker=users["csw"], children=0)
    ContactPerson.objects.create(
        contact=later,
        role="household",
        given_name="Darren",
        family_name="Cole",
        relationship="Lodger",
        person=partner,
        match_decision="linked",
    )
    page.goto(f"/contacts/{later.pk}/records/")
    expect(body).to_contain_text(draft.reference)
    expect(body).to_contain_text("alleged perpetrator")
    page.screenshot(path="/tmp/truth-records.png", full_page=True)

    # A manager corrects a link after the contact is saved.
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()
    sign_in(users["manager"])
    page.goto(f"/contacts/{draft.pk}/")
    page.click("a:has-text('Change the linked record') >> nth=0")
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Change the linked record")
    expect(page.locator(".govuk-radios")).to_contain_text("CP plan")
    check_a11y(page, "truth-08-relink")
    page.screenshot(path="/tmp/truth-relink.png", full_page=True)
    page.click("button:has-text('Change the linked record')")
    page.wait_for_load_state()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the linked record is changing")
    check_a11y(page, "truth-09-relink-error")
