"""A consultant social worker records a whole call in Chromium; every page of the flow passes axe-core."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import dateformat, timezone
from playwright.sync_api import expect

from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories
from frontdoor.people.models import Involvement

pytestmark = pytest.mark.e2e
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def known_child(db):
    """A seeded child already open to a worker, for the search to find."""
    child = factories.person(
        given_name="Amelia", family_name="Hartwell", date_of_birth=dt.date(2015, 6, 1), postcode="NR1 2DH"
    )
    factories.involvement(child, Involvement.Kind.OPEN_CASE, worker_name="Kim Allen")
    return child


def save(page):
    page.click("button:has-text('Save and continue')")
    page.wait_for_load_state()


def add_child(page, given, family, day, month, year):
    """The add form opens in the family page (htmx); searching shows the matches, or adds a new person, in place."""
    page.click("#family-live >> text=Add a child")
    page.wait_for_selector("#family-live #id_given_name")
    page.fill("#id_given_name", given)
    page.fill("#id_family_name", family)
    page.fill("#id_date_of_birth_0", day)
    page.fill("#id_date_of_birth_1", month)
    page.fill("#id_date_of_birth_2", year)
    page.click("button:has-text('Search records and add')")
    page.wait_for_selector("#family-live #family-notice, #family-live [name=match]")


def test_record_a_whole_call_with_two_children(page, users, sign_in, check_a11y, known_child):
    """Sign in, record a call about a known child and a new one, save, and find it in My contacts."""
    sign_in(users["csw"])
    page.click(".govuk-service-navigation >> text=Record a call")
    check_a11y(page, "flow-01-start")
    page.click("button:has-text('Start the call')")

    # 1. Caller: first a bad phone number, refused with the error summary, typed values kept.
    assert page.locator("h1").inner_text() == "Caller and reason for the call"
    check_a11y(page, "flow-02-caller")
    page.fill("#id_received_date_0", "16")
    page.fill("#id_received_date_1", "11")
    page.fill("#id_received_date_2", "2026")
    page.fill("#id_received_time", "16:59")
    page.check("#id_caller_type_0")
    page.check("#id_phone_route_3")
    page.fill("#id_caller_name", "Ann Lee")
    page.fill("#id_caller_role", "Class teacher")
    page.select_option("#id_caller_agency", index=1)  # an agency from the directory
    page.fill("#id_caller_phone", "12345")
    page.fill("#id_caller_email", "ann.lee@example.org")
    page.fill("#id_reason_for_call", "Amelia came to school with a bruise on her cheek.")
    save(page)
    assert "Enter a UK phone number" in page.locator(".govuk-error-summary").inner_text()
    assert page.locator("#id_caller_name").input_value() == "Ann Lee"
    check_a11y(page, "flow-02b-caller-error")
    page.fill("#id_caller_phone", "01603 223344")
    save(page)

    # 2. Children and family: one child found by search and linked, one new.
    assert page.locator("h1").inner_text() == "Children and family"
    check_a11y(page, "flow-03-family-empty")
    add_child(page, "Amelia", "Hartwell", "1", "6", "2015")
    assert "one of these people?" in page.locator("#match-heading").inner_text()
    check_a11y(page, "flow-04-match")
    page.check(f"input[name=match][value='{known_child.pk}']")
    page.click("button:has-text('Add to the call')")
    page.wait_for_selector("#family-notice")
    add_child(page, "Zebedee", "Quillfeather", "3", "2", "2019")
    assert "added as a new person" in page.locator("#family-notice").inner_text()
    page.click("#family-live >> text=Add a family member or someone important")
    page.wait_for_selector("#family-live #id_role_0")
    check_a11y(page, "flow-05-add-person")
    page.check("#id_role_0")
    page.fill("#id_given_name", "Joanne")
    page.fill("#id_family_name", "Hartwell")
    page.fill("#id_approximate_age", "34")
    page.fill("#id_relationship", "Mother")
    page.check("#id_lives_with_child")
    page.click("button:has-text('Search records and add')")
    page.wait_for_selector("#family-live #family-notice, #family-live [name=match]")
    if page.locator("#family-live [name=match]").count():
        page.check("input[name=match][value=new]")
        page.click("button:has-text('Add to the call')")
        page.wait_for_selector("#family-notice")
    check_a11y(page, "flow-06-family")
    expect(page.locator("body")).to_contain_text("Existing record " + known_child.person_id)
    save(page)

    # 3. Worries (Signs of Safety): the reason for the call is there to edit.
    check_a11y(page, "flow-07-worries")
    expect(page.locator("#id_worried_about")).to_have_value("Amelia came to school with a bruise on her cheek.")
    page.fill("#id_worried_about", "A bruise on the left cheek; Amelia gave two different explanations.")
    page.fill("#id_working_well", "Amelia attends school every day and is well presented.")
    page.fill("#id_needs_to_happen", "Someone needs to talk to her mother today.")
    page.check("#id_scale_4")
    page.fill("#id_scale_reason", "One injury, explanations differ, open case.")
    page.fill("#id_child_location", "At school until 3pm.")
    page.check("#id_parents_aware_1")
    page.check("#id_immediacy_1")
    # The four household questions are asked during the call (yes, no, not known).
    page.check("#id_domestic_abuse_0")
    page.check("#id_mental_illness_1")
    page.check("#id_substance_misuse_2")
    page.check("#id_learning_difficulties_1")
    page.screenshot(path="/tmp/receiving-worries.png", full_page=True)
    save(page)

    # 4. Records check shows the open case and allocated worker of the linked child.
    expect(page.locator("body")).to_contain_text("Kim Allen")
    check_a11y(page, "flow-08-records")
    page.fill("#id_records_check_notes", "Amelia is open to Kim Allen. Zebedee is not known.")
    save(page)

    # 5. Consent: not sought needs a reason.
    check_a11y(page, "flow-09-consent")
    page.check("#id_consent_2")
    save(page)
    assert "Select why consent was not sought" in page.locator(".govuk-error-summary").inner_text()
    check_a11y(page, "flow-09b-consent-error")
    page.check("#id_consent_not_sought_reason_0")
    page.fill("#id_consent_plan", "The allocated worker will talk to mum after the strategy discussion.")
    save(page)

    # 6. Read back (the named problem, from the worries), then the caller's relationship and hopes.
    check_a11y(page, "flow-10-relationship")
    expect(page.locator("#id_named_problem")).to_have_value(
        "A bruise on the left cheek; Amelia gave two different explanations. Scaled at 4 out of 10."
    )
    page.fill("#id_named_problem", "Amelia, who is open to a worker, has an unexplained bruise on her cheek.")
    page.fill("#id_caller_relationship", "Class teacher for two years; knows mum well.")
    page.fill("#id_caller_hoped_outcome", "That the allocated worker visits.")
    save(page)

    # 7. Outcome and action plan.
    check_a11y(page, "flow-11-outcome")
    page.check("#id_agreed_outcome_4")
    page.fill("#id_outcome_notes", "Amelia is open: pass to Kim Allen today.")
    save(page)
    check_a11y(page, "flow-12-actions")
    due = timezone.localdate() + dt.timedelta(days=7)
    page.fill("#id_what", "Tell Kim Allen about the bruise")
    page.fill("#id_owner", "Consultant social worker")
    page.fill("#id_due_date_0", str(due.day))
    page.fill("#id_due_date_1", str(due.month))
    page.fill("#id_due_date_2", str(due.year))
    page.click("button:has-text('Add action')")  # added in place (htmx)
    page.wait_for_selector("#actions-live table")
    assert "Tell Kim Allen" in page.locator("table").inner_text()
    save(page)

    # 8. Check your answers: change one answer and come back, then save.
    assert page.locator("h1").inner_text() == "Check your answers"
    check_a11y(page, "flow-13-check")
    answers = page.locator("main").inner_text()
    assert "Domestic abuse in the household\tYes" in answers or "Domestic abuse in the household\nYes" in answers
    page.click("a:has-text('Change') >> nth=0")
    assert "?return=check" in page.url
    page.fill("#id_caller_role", "Year 4 class teacher")
    save(page)
    assert page.url.endswith("/check/")
    expect(page.locator("body")).to_contain_text("Year 4 class teacher")
    expect(page.locator("#id_named_problem")).to_have_value(
        "Amelia, who is open to a worker, has an unexplained bruise on her cheek."
    )
    page.click("button:has-text('Save contact')")
    page.wait_for_load_state()

    # Confirmation: a call at 16:59 on Monday 16 Nov is due on Tuesday 16:59; the letter on Monday 23 Nov.
    assert "Contact recorded" in page.locator("h1").inner_text()
    check_a11y(page, "flow-14-recorded")
    contact = Contact.objects.get(worker=users["csw"])
    assert contact.status == "recorded"
    assert contact.decision_due_at == dt.datetime(2026, 11, 17, 16, 59, tzinfo=LONDON)
    assert contact.letter_due_at == dt.datetime(2026, 11, 23, 16, 59, tzinfo=LONDON)
    assert page.locator("#decision-due").inner_text() == "Tuesday 17 November 2026, 16:59"
    assert page.locator("#letter-due").inner_text() == "Monday 23 November 2026, 16:59"
    assert (contact.domestic_abuse, contact.mental_illness, contact.substance_misuse) == ("yes", "no", "unknown")
    people = {cp.given_name: cp for cp in contact.people.all()}
    assert people["Amelia"].person == known_child
    assert people["Zebedee"].person is not None and people["Zebedee"].person != known_child

    # My contacts: the contact, with both deadlines marked (the decision is already overdue).
    page.click(".govuk-service-navigation >> text=My contacts")
    check_a11y(page, "flow-15-my-contacts")
    row = page.locator("tr", has_text=contact.reference)
    assert row.locator("[data-deadline=decision]").inner_text().startswith("Overdue")
    expected_letter = dateformat.format(timezone.localtime(contact.letter_due_at), "D j M Y H:i")
    letter_text = row.locator("[data-deadline=letter]").inner_text()
    assert expected_letter in letter_text or "Due today" in letter_text or "Overdue" in letter_text
    row.locator("a").click()
    page.wait_for_load_state()
    check_a11y(page, "flow-16-contact")
    expect(page.locator("body")).to_contain_text("Amelia, who is open to a worker")
    expect(page.locator("body")).not_to_contain_text("Audit trail")

    # A team manager opens the same contact and sees its audit trail, including the views.
    detail_url = page.url
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()
    sign_in(users["manager"])
    page.goto(detail_url)
    check_a11y(page, "flow-17-contact-manager")
    trail = page.locator("#audit-trail + table").inner_text()
    assert "Recorded contact " + contact.reference in trail and "Viewed contact" in trail


def _sign_in(context, user):
    page = context.new_page()
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "test-password-123")
    page.click("button:has-text('Sign in')")
    page.wait_for_load_state()
    return page


def test_a_draft_survives_closing_the_browser(browser, live_server, users, check_a11y):
    """Close the browser mid-call: everything submitted on a step is there when the worker resumes."""
    context = browser.new_context(base_url=live_server.url)
    page = _sign_in(context, users["csw"])
    page.goto("/contacts/new/")
    page.click("button:has-text('Start the call')")
    page.check("#id_caller_type_1")
    page.check("#id_phone_route_3")
    page.fill("#id_caller_name", "Pat Neighbour")
    page.check("#id_caller_confidential")
    page.fill("#id_reason_for_call", "Children left alone at night.")
    save(page)
    page.click("#family-live >> text=Add a child")
    page.wait_for_selector("#family-live #id_given_name")
    page.fill("#id_given_name", "Ozymandias")
    page.fill("#id_family_name", "Threlkeld")
    page.fill("#id_approximate_age", "6")
    page.click("button:has-text('Search records and add')")
    page.wait_for_selector("#family-notice")
    context.close()  # the browser goes away mid-call

    context = browser.new_context(base_url=live_server.url)
    page = _sign_in(context, users["csw"])
    page.click(".govuk-service-navigation >> text=My drafts")
    check_a11y(page, "resume-01-drafts")
    page.click("a:has-text('Continue at children and family')")
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("Ozymandias Threlkeld")
    page.click("a.govuk-back-link")
    page.wait_for_load_state()
    assert page.locator("#id_caller_name").input_value() == "Pat Neighbour"
    assert page.locator("#id_caller_confidential").is_checked()
    assert page.locator("#id_reason_for_call").input_value() == "Children left alone at night."
    context.close()


def test_the_same_draft_in_two_tabs(page, users, sign_in, check_a11y):
    """Two tabs on one step: the later save is refused with who changed it, keeps the words typed in it, and
    saving again from that page (now at the current version) goes through."""
    draft = factories.complete_draft(worker=users["csw"])
    sign_in(users["csw"])
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(f"/contacts/{draft.pk}/records/")
    other.fill("#id_records_check_notes", "Saved in the first tab")
    save(other)
    page.fill("#id_records_check_notes", "Typed in the second tab")
    save(page)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "This call was changed by" in summary and "after you opened this page" in summary
    expect(page.locator("#id_records_check_notes")).to_have_value("Typed in the second tab")
    check_a11y(page, "flow-stale")
    save(page)
    assert page.url.endswith(f"/contacts/{draft.pk}/consent/")
    draft.refresh_from_db()
    assert draft.records_check_notes == "Typed in the second tab"
