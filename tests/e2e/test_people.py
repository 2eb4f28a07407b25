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
    page.wait_for_url("**/people/?s=*")  # the address bar names the search by a token, never by the name
    assert "Alfi" not in page.url and "2017" not in page.url
    check_a11y(page, "people-search-results")
    page.reload()  # refresh shows the same results again
    assert "Alfred Smith-Jones" in page.locator("#search-results tbody tr").first.inner_text()

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
    assert "/people/?s=" in page.url and "Jess" not in page.url
    context.close()


@pytest.fixture
def two_people(users):
    mum = make_person("Sarah", "Smith", sex="F", date_of_birth=dt.date(1988, 5, 1), postcode="NR1 2AB")
    child = make_person("Jack", "Smith", sex="M", date_of_birth=dt.date(2016, 2, 3), postcode="NR1 2AB")
    relate(mum, "parent", child, parental_responsibility=True, same_household=True)
    gran = make_person("Maureen", "Hall", sex="F", date_of_birth=dt.date(1960, 7, 8), postcode="NR14 6AB")
    return {"mum": mum, "gran": gran, "child": child}


def test_keep_the_record_right(page, sign_in, check_a11y, users, two_people):
    """A worker edits a detail, adds a previous name and her mother found by search; the genogram draws her."""
    mum = two_people["mum"]
    sign_in(users["csw"])
    page.goto(f"/people/{mum.pk}/family/")
    lines_before = page.locator("svg.fd-genogram line").count()
    page.goto(f"/people/{mum.pk}/")
    page.wait_for_selector("h1:has-text('Sarah Smith')")
    check_a11y(page, "record-person")

    page.click("a:has-text('Change first language')")
    page.wait_for_selector("h1:has-text('Change details')")
    check_a11y(page, "record-details")
    page.fill("#id_upn", "X123")  # a mistake first: the error sits next to the field, the rest is kept
    page.fill("#id_first_language", "Polish")
    page.click("button:has-text('Save details')")
    page.wait_for_selector(".govuk-error-summary")
    assert page.input_value("#id_first_language") == "Polish"
    assert "Unique pupil number must be 13 characters" in page.inner_text("#id_upn-error")
    check_a11y(page, "record-details-error")
    page.fill("#id_upn", "")
    page.click("button:has-text('Save details')")
    page.wait_for_selector(".govuk-notification-banner--success:has-text('Details saved')")
    assert "Polish" in page.inner_text("#details + dl")

    page.click("text=Add another name")
    page.wait_for_selector("h1:has-text('Add another name')")
    check_a11y(page, "record-alias")
    page.get_by_label("Previous name").check()
    page.fill("#id_given_name", "Sarah")
    page.fill("#id_family_name", "Kowalski")
    page.click("button:has-text('Add the name')")
    page.wait_for_selector(".govuk-notification-banner--success:has-text('Other name added')")
    assert "Sarah Kowalski" in page.inner_text("#other-names + dl")

    page.click("text=Add a relationship")
    page.wait_for_selector("h1:has-text('Add a relationship')")
    check_a11y(page, "record-relationship-find")
    page.fill("#id_q", "Maureen Hall")
    page.click("main button:has-text('Search')")
    page.wait_for_selector("table:has-text('Maureen Hall')")
    check_a11y(page, "record-relationship-results")
    page.click("a:has-text('Choose Maureen Hall')")
    page.wait_for_selector("h1:has-text('Sarah Smith and Maureen Hall')")
    page.get_by_label("Maureen Hall is the parent of Sarah Smith").check()
    page.locator("fieldset", has_text="parental responsibility").get_by_label("No").check()
    page.locator("fieldset", has_text="same household").get_by_label("No").check()
    page.fill("#id_description", "Mother, lives in Wymondham")
    check_a11y(page, "record-relationship-form")
    page.click("button:has-text('Save the relationship')")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert "Maureen Hall is the parent of Sarah Smith" in page.inner_text(".govuk-notification-banner")
    assert "Maureen Hall" in page.inner_text("#relationships + dl")
    check_a11y(page, "record-person-after")

    page.click("text=See the family and genogram")
    page.wait_for_selector("svg.fd-genogram")
    assert "Maureen Hall" in page.inner_html("svg.fd-genogram")
    assert page.locator("svg.fd-genogram circle").count() == 3  # Maureen, and Sarah with a double outline
    assert page.locator("svg.fd-genogram line").count() > lines_before  # the new parent line is drawn
    page.click("summary:has-text('The genogram as a list')")
    assert "Maureen Hall is the parent of Sarah Smith" in page.inner_text("main")
    check_a11y(page, "record-family")

    page.goto("/people/")
    page.fill("#id_q", "Sarah Kowalski")  # found by the previous name
    page.click("button:has-text('Search')")
    assert "Sarah Smith" in page.locator("#search-results").inner_text()


def test_the_other_record_pages_are_accessible_with_and_without_errors(page, sign_in, check_a11y, users, two_people):
    """Each remaining form, empty-submitted so its errors show, passes axe; removing asks first."""
    mum = two_people["mum"]
    # The early help plan is with the receiving practitioner's team, so they keep her record (issue 12).
    Involvement.objects.create(
        person=mum, kind="early_help", start_date=dt.date(2025, 9, 1), team=users["receiving"].team
    )
    sign_in(users["receiving"])
    page.goto(f"/people/{mum.pk}/")
    for link, name, button in [
        ("Record a new address", "record-address", "Save the new address"),
        ("Correct the current address", "record-address-correct", "Save the address"),
        ("Add a disability", "record-disability", "Add the disability"),
        ("Add an involvement", "record-involvement", "Save the involvement"),
        ("End early help plan", "record-involvement-end", "End the involvement"),
    ]:
        page.goto(f"/people/{mum.pk}/")
        page.click(f"a:has-text('{link}')")
        page.wait_for_selector("h1")
        check_a11y(page, name)
        if "correct" in name:
            page.fill("#id_address", "")
        page.click(f"button:has-text('{button}')")
        page.wait_for_selector(".govuk-error-summary")
        check_a11y(page, f"{name}-errors")
    page.goto(f"/people/{mum.pk}/")
    page.click("a:has-text('End the relationship with Jack Smith')")
    page.wait_for_selector("h1:has-text('Are you sure you want to end this relationship?')")
    check_a11y(page, "record-confirm")
    page.click("button:has-text('Yes, end the relationship')")
    page.wait_for_selector(".govuk-notification-banner--success:has-text('Relationship ended')")
    assert "No relationships recorded" in page.inner_text("main")


@pytest.fixture
def child_without_mother(users):
    child = make_person("Jack", "Smith", sex="M", date_of_birth=dt.date(2016, 2, 3), postcode="NR1 2AB")
    make_person("Maureen", "Hall", sex="F", date_of_birth=dt.date(1960, 7, 8), postcode="NR14 6AB")
    return child


def test_add_a_mother_who_has_no_record_yet(page, sign_in, check_a11y, users, child_without_mother):
    """From the child's record: search for his mother, find nobody, choose "None of these", make her record
    with the relationship (a mistake first), and see her on the record, the genogram and in search."""
    child = child_without_mother
    sign_in(users["csw"])
    page.goto(f"/people/{child.pk}/")
    page.wait_for_selector("h1:has-text('Jack Smith')")
    check_a11y(page, "newperson-record")

    page.click("text=Add a relationship")
    page.wait_for_selector("h1:has-text('Add a relationship')")
    check_a11y(page, "newperson-find")
    page.fill("#id_q", "Claire Ward 34")
    page.click("main button:has-text('Search')")
    page.wait_for_selector("h2:has-text('No matches')")
    check_a11y(page, "newperson-no-matches")

    page.click("a:has-text('None of these: add a new person')")
    page.wait_for_selector("h1:has-text('Add a new person')")
    assert (page.input_value("#id_given_name"), page.input_value("#id_family_name")) == ("Claire", "Ward")
    assert page.input_value("#id_approximate_age") == "34"
    check_a11y(page, "newperson-form")
    page.locator("fieldset", has_text="Sex").get_by_label("Female").check()
    page.fill("#id_postcode", "NR99 ZZZZ")  # a mistake first: the error sits next to the field, the rest is kept
    page.get_by_label("The new person is the parent of Jack Smith").check()
    page.locator("fieldset", has_text="parental responsibility").get_by_label("Yes").check()
    page.locator("fieldset", has_text="same household").get_by_label("Yes").check()
    page.fill("#id_description", "Mother")
    page.click("button:has-text('Add the person and the relationship')")
    page.wait_for_selector(".govuk-error-summary")
    assert "Enter a real postcode" in page.inner_text("#id_postcode-error")
    assert page.input_value("#id_description") == "Mother" and page.input_value("#id_given_name") == "Claire"
    assert page.get_by_label("The new person is the parent of Jack Smith").is_checked()
    check_a11y(page, "newperson-form-errors")
    page.fill("#id_postcode", "NR2 4AB")
    page.click("button:has-text('Add the person and the relationship')")
    page.wait_for_selector(".govuk-notification-banner--success")
    banner = page.inner_text(".govuk-notification-banner")
    assert "Claire Ward added to the records" in banner and "Claire Ward is the parent of Jack Smith" in banner
    assert "Claire Ward" in page.inner_text("#relationships + dl")
    check_a11y(page, "newperson-record-after")

    page.click("text=See the family and genogram")
    page.wait_for_selector("svg.fd-genogram")
    assert "Claire Ward" in page.inner_html("svg.fd-genogram")
    assert page.locator("svg.fd-genogram circle").count() == 1  # Claire; Jack is a square with a double outline
    assert page.locator("svg.fd-genogram line").count() >= 3  # her parent line down to him
    page.click("summary:has-text('The genogram as a list')")
    assert "Claire Ward is the parent of Jack Smith (parental responsibility)" in page.inner_text("main")
    check_a11y(page, "newperson-family")

    page.goto("/people/")
    page.fill("#id_q", "Claire Ward")
    page.click("button:has-text('Search')")
    assert "Claire Ward" in page.locator("#search-results").inner_text()


def test_a_grandparent_recorded_without_the_parent_between_has_a_dashed_line(page, sign_in, check_a11y, users):
    """The genogram joins a grandmother to her grandson two rows down, around his mother, and says so."""
    child = make_person("Jack", "Smith", sex="M", date_of_birth=dt.date(2016, 2, 3))
    mum = make_person("Sarah", "Smith", sex="F", date_of_birth=dt.date(1988, 5, 1))
    gran = make_person("Maureen", "Hall", sex="F", date_of_birth=dt.date(1960, 7, 8))
    relate(mum, "parent", child, parental_responsibility=True)
    relate(gran, "grandparent", child)  # Maureen is not recorded as Sarah's mother
    sign_in(users["csw"])
    page.goto(f"/people/{child.pk}/family/")
    page.wait_for_selector("svg.fd-genogram")
    dashed = page.locator("svg.fd-genogram line.fd-genogram__line--grandparent")
    assert dashed.count() >= 3  # down, round Sarah, and down onto Jack
    assert all(dashed.nth(i).get_attribute("stroke-dasharray") for i in range(dashed.count()))
    assert "the parent in between is not recorded" in page.inner_html("svg.fd-genogram desc")
    page.click("summary:has-text('The genogram as a list')")
    assert "Maureen Hall is the grandparent of Jack Smith" in page.inner_text("main")
    check_a11y(page, "genogram-grandparent")


def test_a_name_in_another_script_is_found_by_the_original_and_the_transliteration(page, sign_in, check_a11y, users):
    child = make_person("小龙", "李", sex="M", date_of_birth=dt.date(2016, 5, 6))
    sign_in(users["csw"])
    for typed in ("李小龙", "Xiaolong Li"):
        page.goto("/people/")
        page.fill("#id_q", typed)  # live results as the worker types
        first = page.locator("#search-results tbody tr").first
        first.wait_for()
        assert "小龙 李" in first.inner_text() and "(XiaoLong Li)" in first.inner_text()
        assert "?s=" in page.url or page.url.endswith("/people/")
    check_a11y(page, "people-search-other-script")
    first.locator("a").click()
    page.wait_for_selector("h1:has-text('小龙 李')")
    assert "XiaoLong Li" in page.inner_text("h1")
    assert child.person_id in page.inner_text("main")


def test_a_manager_sees_who_has_looked_at_a_child(page, sign_in, check_a11y, users, two_people):
    """Issue 12: the record links to every look at it; the dates filter shows its errors beside the field."""
    child = two_people["child"]
    sign_in(users["manager"])
    page.goto(f"/people/{child.pk}/")
    page.click("a:has-text('Who has looked at this record')")
    page.wait_for_selector("h1:has-text('Who has looked at Jack Smith')")
    assert page.locator("td:has-text('Viewed the record of Jack Smith')").count() >= 1
    check_a11y(page, "people-looks")
    page.fill("#id_since_0", "31")
    page.fill("#id_since_1", "2")
    page.fill("#id_since_2", "2026")
    page.click("button:has-text('Show these dates')")
    page.wait_for_selector(".govuk-error-summary")
    check_a11y(page, "people-looks-error")
