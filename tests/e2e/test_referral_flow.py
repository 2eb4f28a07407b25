"""End to end in Chromium: a recorded contact is decided, referred, authorised by another manager
and lands in the FAST Norwich team's queue. Every page passes axe-core."""

import pytest

from frontdoor.accounts.models import Role
from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.referrals.models import Referral
from frontdoor.referrals.tests.factories import contact_make

pytestmark = pytest.mark.e2e


def sign_out(page):
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()


def test_contact_to_referral_to_fast_queue(page, users, sign_in, check_a11y):
    contact = contact_make(worker=users["csw"], postcode="NR2 1AB", immediacy="immediate")
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

    sign_in(receiving)
    page.goto("/referrals/queues/team/")
    assert referral.reference in page.inner_text("main")
    check_a11y(page, "referrals-queue-team-fast")
    page.click(f"a:has-text('{referral.reference}')")
    page.click("button:has-text('Take into my work')")
    assert "Allocated to a practitioner" in page.inner_text("main")
    check_a11y(page, "referrals-detail-allocated")
    page.click("text=Record what happened next")
    page.click("text=Strategy discussion")
    page.click("button:has-text('Save')")
    assert "Enter the date" in page.inner_text(".govuk-error-summary")
    check_a11y(page, "referrals-milestone-errors")
