"""End to end in Chromium: a police user answers their MASH request and can see nothing else."""

import pytest

from frontdoor.mash.tests.factories import enquiry_make, request_make
from frontdoor.referrals.tests.factories import referral_make

pytestmark = pytest.mark.e2e


def test_police_answers_and_sees_nothing_else(page, users, sign_in, check_a11y):
    enquiry = enquiry_make(actor=users["csw"])
    police_request = request_make(actor=users["csw"], enquiry=enquiry, rag="red")
    health_request = request_make(actor=users["csw"], enquiry=enquiry, agency_code="health-mash")
    referral = referral_make(worker=users["csw"])

    sign_in(users["mash_partner"])
    nav = page.inner_text("#navigation")
    assert "Information requests" in nav and "My work" not in nav
    page.goto("/referrals/queues/requests/")
    check_a11y(page, "mash-partner-queue")
    page.click(f"a[href='/mash/requests/{police_request.pk}/']")
    check_a11y(page, "mash-partner-request")
    page.click("button:has-text('Send the answer')")
    assert "Enter the information your agency holds" in page.inner_text(".govuk-error-summary")
    page.fill("#id_answer", "One domestic incident at the address in March 2026; no arrests.")
    page.check("#id_not_for_onward_sharing")
    page.click("button:has-text('Send the answer')")
    assert "your answer has been sent" in page.inner_text(".govuk-notification-banner")

    for url in (
        f"/mash/requests/{health_request.pk}/",
        f"/mash/{enquiry.pk}/",
        f"/referrals/{referral.pk}/",
        f"/referrals/contacts/{enquiry.contact_id}/decision/",
        f"/contacts/{enquiry.contact_id}/",
        "/people/",
        "/referrals/queues/mine/",
    ):
        response = page.goto(url)
        assert response.status in (403, 404), url
    assert page.goto(f"/mash/requests/{health_request.pk}/").status == 404

    page.goto("/")
    page.click("button:has-text('Sign out')")
    sign_in(users["csw"])
    page.goto(f"/mash/{enquiry.pk}/")
    assert "One domestic incident" in page.inner_text("main")
    assert "Not for onward sharing" in page.inner_text("main")  # the front door reads it, flagged
    check_a11y(page, "mash-enquiry")
    page.click("text=Ask an agency for information")
    check_a11y(page, "mash-request-add")
    page.goto(f"/mash/{enquiry.pk}/conclude/")
    page.fill("#id_analysis", "Police and health information together show a pattern of injury.")
    page.click("text=Strategy discussion: Section 47 threshold may be met")
    page.click("button:has-text('Save')")
    assert "Concluded" in page.inner_text("main")
