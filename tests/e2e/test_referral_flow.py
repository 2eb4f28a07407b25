"""End to end in Chromium: a recorded contact is decided, referred, authorised by another manager
and lands in the FAST Norwich team's queue. Every page passes axe-core."""

import pytest

from frontdoor.accounts.models import Role
from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.mash import services as mash_services
from frontdoor.mash.tests.factories import request_make
from frontdoor.referrals.models import Referral
from frontdoor.referrals.tests.factories import contact_make, person_make

pytestmark = pytest.mark.e2e


def sign_out(page):
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()


def test_contact_to_referral_to_fast_queue(page, users, sign_in, check_a11y):
    child = person_make(given_name="Geraldine", family_name="Hughes", postcode="NR2 1AB", ethnicity="WBRI")
    contact = contact_make(worker=users["csw"], child=child, immediacy="immediate", domestic_abuse="yes")
    receiving = user_for_role(Role.RECEIVING_PRACTITIONER)
    assert receiving.team.code == "fast-norwich"

    sign_in(users["csw"])
    page.goto("/referrals/queues/mine/")
    assert contact.reference in page.inner_text("main")
    check_a11y(page, "referrals-queue-mine")
    page.click(f"a:has-text('{contact.reference}')")
    assert page.locator("h1").inner_text() == "Decide the response"
    check_a11y(page, "referrals-decision")
    page.click("button:has-text('Save decision')")
    assert "Select the level of need" in page.inner_text(".govuk-error-summary")
    check_a11y(page, "referrals-decision-errors")
    page.click("label[for=id_level_3]")
    page.click("text=Inconsistent explanations, or an admitted non-accidental injury")
    page.click("text=Progress to referral")
    page.fill("#id_reasons", "The explanation for the bruise does not match the injury.")
    page.click("button:has-text('Save decision')")

    assert page.locator("h1").inner_text() == "Complete the referral"
    assert "FAST Norwich" in page.inner_text(".govuk-inset-text")
    check_a11y(page, "referrals-edit")
    # The household answers from the call are already there (the referral's own copy, editable).
    assert page.is_checked("#id_domestic_abuse_0")
    # The checklist is filled from the record (ethnicity is known); a missing item links to the record's
    # change page, which comes back here.
    edit_url = page.url
    panel = page.locator(".govuk-task-list")
    assert "Still missing" in panel.inner_text()
    assert "Known" in panel.locator("li", has_text="Ethnicity of the children").inner_text()
    page.click('a:has-text("Add Geraldine Hughes\'s school or nursery")')
    assert "/people/" in page.url and "next=" in page.url
    check_a11y(page, "referrals-checklist-person-details")
    page.fill("#id_school", "Lakenham Primary")
    page.click("button:has-text('Save details')")
    page.wait_for_load_state()
    assert page.url.split("#")[0] == edit_url  # (the browser keeps the field's #anchor across the redirect)
    assert "Known" in page.locator(".govuk-task-list li", has_text="School or nursery").inner_text()
    page.screenshot(path="/tmp/receiving-checklist.png", full_page=True)
    for field in ("domestic_abuse", "mental_illness", "learning_difficulties"):
        page.click(f"label[for=id_{field}_1]")
    page.click("label[for=id_disposal_3]")
    page.fill("#id_disposal_reasons", "Suspected significant harm: strategy discussion needed.")
    page.fill("#id_tell_professional_referrer", "A strategy discussion will take place today.")
    page.click("button:has-text('Send for authorisation')")
    assert "Awaiting authorisation" in page.inner_text("main")
    check_a11y(page, "referrals-detail-awaiting")
    referral = Referral.objects.get()
    assert referral.state == "awaiting_authorisation" and referral.receiving_team.code == "fast-norwich"
    sign_out(page)

    sign_in(users["manager"])
    page.goto("/referrals/queues/authorisation/")
    assert referral.reference in page.inner_text("main")
    check_a11y(page, "referrals-queue-authorisation")
    page.click(f"a:has-text('{referral.reference}')")
    page.click("text=Authorise or return")
    check_a11y(page, "referrals-authorise")
    page.click("text=Yes, authorise and route it")
    page.click("button:has-text('Save')")
    assert "authorised" in page.inner_text(".govuk-notification-banner")
    sign_out(page)

    enquiry = mash_services.enquiry_open(actor=users["csw"], contact=contact, reason="Injury", referral=referral)
    police = request_make(actor=users["csw"], enquiry=enquiry)
    health = request_make(actor=users["csw"], enquiry=enquiry, agency_code="health-mash")
    mash_services.request_answer(
        actor=users["mash_partner"],
        request=police,
        answer="Two call-outs for domestic abuse in May",
        version=police.version,
    )
    nurse = user_for_role(Role.MASH_PARTNER, agency=health.agency)
    mash_services.request_answer(
        actor=nurse,
        request=health,
        answer="A sensitive health matter",
        version=health.version,
        not_for_onward_sharing=True,
    )
    enquiry.refresh_from_db()
    mash_services.enquiry_conclude(
        actor=users["csw"], enquiry=enquiry, analysis="Pattern of harm", outcome="strategy", version=enquiry.version
    )

    sign_in(receiving)
    page.goto("/referrals/queues/team/")
    assert referral.reference in page.inner_text("main")
    check_a11y(page, "referrals-queue-team-fast")
    page.click(f"a:has-text('{referral.reference}')")
    page.click("button:has-text('Take into my work')")
    assert "Allocated to a practitioner" in page.inner_text("main")
    check_a11y(page, "referrals-detail-allocated")
    assert "Not known yet" in page.inner_text(".govuk-task-list") and "Still missing" not in page.inner_text("main")

    # The team reads the contact behind the referral (read only) and the MASH enquiry, except the answer
    # the health partner marked not for onward sharing.
    referral_url = page.url
    page.locator(f"a[href='/contacts/{contact.pk}/']").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == contact.reference
    main = page.inner_text("main")
    assert "Bruise on the child's arm" in main and "Consent not sought" in main and contact.caller_name in main
    assert "Continue the call" not in main and "Record or view the decision" not in main
    check_a11y(page, "receiving-contact")
    page.screenshot(path="/tmp/receiving-contact.png", full_page=True)
    page.goto(referral_url)
    page.locator(f"a[href='/mash/{enquiry.pk}/']").first.click()
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "Two call-outs for domestic abuse in May" in main and "Pattern of harm" in main
    assert "sensitive health matter" not in main and "Not for onward sharing" in main
    check_a11y(page, "receiving-mash")
    page.screenshot(path="/tmp/receiving-mash.png", full_page=True)
    page.goto(referral_url)
    page.click("text=Record what happened next")
    page.click("text=Strategy discussion")
    page.click("button:has-text('Save')")
    assert "Enter the date" in page.inner_text(".govuk-error-summary")
    check_a11y(page, "referrals-milestone-errors")
