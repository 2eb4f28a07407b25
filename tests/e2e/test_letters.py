"""From a saved contact to an approved, sent letter in Chromium, with axe-core on every page; then the survey."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from frontdoor.letters.models import SentLetter, SurveyResponse
from frontdoor.letters.tests.factories import recorded_contact
from frontdoor.letters.writing.services import letter_draft

pytestmark = pytest.mark.e2e


def test_worker_previews_edits_approves_and_sends_the_letter(page, users, sign_in, check_a11y):
    contact = recorded_contact(worker=users["csw"])
    sign_in(users["csw"])

    page.goto("/letters/")
    assert contact.reference in page.locator("table").inner_text()
    check_a11y(page, "letters-queue")

    page.click(f"text={contact.reference}")
    assert page.locator("h1").inner_text() == "Letter, survey and disagreements"
    check_a11y(page, "letters-contact")

    page.click("button:has-text('Draft the letter')")
    assert "Ava Hollis, born 12 April 2017" in page.locator(".fd-letter").inner_text()
    assert "Darren" not in page.locator(".fd-letter").inner_text()
    check_a11y(page, "letters-preview-draft")

    page.click("text=Edit the wording")
    check_a11y(page, "letters-edit")
    page.fill("#id_named_problem", "")
    page.click("button:has-text('Save and approve')")
    assert "Enter the text for 'What we are worried about'" in page.locator(".govuk-error-summary").inner_text()
    check_a11y(page, "letters-edit-error")

    page.fill("#id_named_problem", "Ava is often hungry at school and has a bruise on her arm.")
    page.click("button:has-text('Save and approve')")
    assert "Letter approved" in page.locator(".govuk-notification-banner").inner_text()
    check_a11y(page, "letters-preview-approved")

    page.click("text=Send by email")
    check_a11y(page, "letters-send")
    page.fill("#id_email", "ruth.teacher@school.example.org")
    page.click("button:has-text('Send the letter')")
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("Letters sent")
    check_a11y(page, "letters-contact-sent")

    sent = SentLetter.objects.get(contact=contact)
    assert sent.recipient == "ruth.teacher@school.example.org"
    assert len(mail.outbox) == 1

    # The caller follows the survey link from the letter, once, without signing in.
    survey_path = re.search(r"/letters/survey/[^/\s]+/", sent.content).group(0)
    caller = page.context.browser.new_context(base_url=page.url.split("/letters")[0])
    public = caller.new_page()
    public.goto(survey_path)
    check_a11y(public, "letters-survey")
    public.click("button:has-text('Send your answers')")
    assert "Select how helpful" in public.locator(".govuk-error-summary").inner_text()
    check_a11y(public, "letters-survey-error")
    public.check("text=Very helpful")
    public.fill("#id_could_be_better", "Nothing, thank you")
    public.click("button:has-text('Send your answers')")
    assert public.locator("h1").inner_text() == "Thank you"
    check_a11y(public, "letters-survey-thanks")
    public.goto(survey_path)
    assert "already answered" in public.locator("h1").inner_text()
    check_a11y(public, "letters-survey-used")
    caller.close()
    assert SurveyResponse.objects.get().helpfulness == 5


def test_disagreement_and_manager_pages(page, users, sign_in, check_a11y):
    contact = recorded_contact(worker=users["csw"])
    sign_in(users["csw"])
    page.goto(f"/letters/contact/{contact.pk}/")
    page.click("text=Record a disagreement with a decision")
    check_a11y(page, "letters-disagreement-new")
    page.click("button:has-text('Record the disagreement')")
    check_a11y(page, "letters-disagreement-new-error")
    page.check("text=The caller")
    page.fill("#id_raised_by_name", "Ruth Teacher, DSL")
    from django.utils import timezone

    today = timezone.localdate()
    page.fill("#id_raised_on_0", str(today.day))
    page.fill("#id_raised_on_1", str(today.month))
    page.fill("#id_raised_on_2", str(today.year))
    page.fill("#id_decision", "Advice only")
    page.fill("#id_reason", "She thinks a referral is needed")
    page.click("button:has-text('Record the disagreement')")
    assert page.locator("h1").inner_text() == "Professional disagreement"
    check_a11y(page, "letters-disagreement")

    page.context.clear_cookies()
    sign_in(users["manager"])
    page.goto("/letters/team/")
    check_a11y(page, "letters-team")
    page.goto("/letters/surveys/")
    check_a11y(page, "letters-survey-results")


def test_the_same_letter_edited_in_two_tabs(page, users, sign_in, check_a11y):
    """The later save is refused with who changed the letter, keeps the wording typed in it, and saving
    again from that page goes through."""
    letter = letter_draft(actor=users["csw"], contact=recorded_contact(worker=users["csw"]))
    sign_in(users["csw"])
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(f"/letters/{letter.pk}/edit/")
    other.fill("#id_agreed", "Wording from the first tab")
    other.click("button:has-text('Save draft')")
    page.fill("#id_agreed", "Wording from the second tab")
    page.click("button:has-text('Save draft')")
    assert "This letter was changed by" in page.locator(".govuk-error-summary").inner_text()
    expect(page.locator("#id_agreed")).to_have_value("Wording from the second tab")
    check_a11y(page, "letters-edit-stale")
    page.click("button:has-text('Save draft')")
    assert page.url.endswith(f"/letters/{letter.pk}/")
    letter.refresh_from_db()
    assert letter.agreed == "Wording from the second tab"


def test_the_letter_states_the_authorised_disposal(page, users, sign_in, check_a11y):
    """Drafted while the referral waited for a manager ("awaited, a second letter follows"); the manager has
    authorised disposal 3 since, so approval is refused until 'What we agreed' is written again from the record."""
    from frontdoor.directory.models import Team
    from frontdoor.referrals.builders import build_referral
    from frontdoor.referrals.services import referral_authorise

    contact = recorded_contact(worker=users["csw"])
    told = "A FAST social worker will start a single assessment and call you this week."
    referral = build_referral(
        worker=users["csw"], contact=contact, level=3, reasons="Needs assessment", disposal=3,
        disposal_reasons="Child in need", receiving_team=Team.objects.get(code="fast-norwich"),
        tell_professional_referrer=told,
    )  # fmt: skip
    letter = letter_draft(actor=users["csw"], contact=contact)
    referral_authorise(actor=users["manager"], referral=referral, version=referral.version)

    sign_in(users["csw"])
    page.goto(f"/letters/{letter.pk}/")
    assert "decision is awaited" in page.locator(".fd-letter").inner_text()
    expect(page.locator(".govuk-warning-text").first).to_contain_text("This letter no longer matches the record")
    check_a11y(page, "letters-preview-contradiction")
    page.screenshot(path="/tmp/letters-preview-contradiction.png", full_page=True)
    page.click("text=Edit the wording")
    page.click("button:has-text('Save and approve')")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "says the decision is awaited" in summary and "Child in need, high need" in summary
    check_a11y(page, "letters-edit-contradiction")
    page.screenshot(path="/tmp/letters-contradiction.png", full_page=True)

    page.click("button:has-text('Write ‘What we agreed’ again')")
    expect(page.locator("#id_agreed")).to_contain_text("the manager decided “Child in need, high need")
    expect(page.locator("#id_agreed")).to_contain_text(told)
    page.click("button:has-text('Save and approve')")
    assert "Letter approved" in page.locator(".govuk-notification-banner").inner_text()
    text = page.locator(".fd-letter").inner_text()
    assert "Ava Hollis: the manager decided “Child in need, high need: single assessment”." in text
    assert "progressing" not in text and "awaited" not in text
    check_a11y(page, "letters-preview-authorised")
    page.screenshot(path="/tmp/letters-authorised.png", full_page=True)
