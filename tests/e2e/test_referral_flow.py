"""End to end in Chromium: a recorded contact about two children is decided (the same decision for
both), each child's referral is completed, both are authorised together by another manager and land in
the FAST Norwich team's queue. Every page passes axe-core."""

import pytest

from frontdoor.accounts.models import Role
from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.mash import services as mash_services
from frontdoor.mash.tests.factories import request_make
from frontdoor.referrals import services
from frontdoor.referrals.models import Referral
from frontdoor.referrals.tests.factories import contact_make, person_make

pytestmark = pytest.mark.e2e


def sign_out(page):
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()


def test_contact_to_referral_to_fast_queue(page, users, sign_in, check_a11y):
    """Two children on one call: one decision form for both ("the same decision for all children"), a
    referral for each, both authorised together, and both in the FAST Norwich team's queue."""
    child = person_make(given_name="Geraldine", family_name="Hughes", postcode="NR2 1AB", ethnicity="WBRI")
    contact = contact_make(worker=users["csw"], child=child, immediacy="immediate", domestic_abuse="yes", siblings=1)
    first_child, second_child = services.contact_children(contact)
    receiving = user_for_role(Role.RECEIVING_PRACTITIONER)
    assert receiving.team.code == "fast-norwich"

    sign_in(users["csw"])
    page.goto("/referrals/queues/mine/")
    assert contact.reference in page.inner_text("main")
    check_a11y(page, "referrals-queue-mine")
    page.click(f"a:has-text('{contact.reference}')")
    assert page.locator("h1").inner_text() == "Decide the response"
    main = page.inner_text("main")
    assert first_child.shown_name in main and second_child.shown_name in main
    check_a11y(page, "referrals-decision")
    page.screenshot(path="/tmp/perchild-decision.png", full_page=True)
    page.click("button:has-text('Save the same decision for all 2 children')")
    assert "Select the level of need" in page.inner_text(".govuk-error-summary")
    check_a11y(page, "referrals-decision-errors")
    same = page.locator("#decisions .govuk-inset-text")
    same.locator("label[for='id_all-level_3']").click()
    same.locator("text=Inconsistent explanations, or an admitted non-accidental injury").click()
    same.locator("text=Progress to referral").click()
    page.fill("#id_all-reasons", "The explanation for the bruises does not match the injuries.")
    page.click("button:has-text('Save the same decision for all 2 children')")

    referrals = list(Referral.objects.filter(contact=contact).order_by("reference"))
    assert len(referrals) == 2
    assert {r.decision.child_id for r in referrals} == {first_child.pk, second_child.pk}
    for n, referral in enumerate(referrals):
        if n:
            page.goto(f"/referrals/{referrals[0].pk}/")
            assert "Other children on this contact" in page.inner_text("main")
            check_a11y(page, "referrals-detail-siblings")
            page.screenshot(path="/tmp/perchild-referral-siblings.png", full_page=True)
            page.click(f"a:has-text('{referral.reference}')")
            page.click("text=Complete the referral")
        assert page.locator("h1").inner_text() == "Complete the referral"
        assert referral.decision.child.shown_name in page.inner_text(".govuk-caption-l")
        assert "FAST Norwich" in page.inner_text(".govuk-inset-text")
        check_a11y(page, "referrals-edit")
        # The household answers from the call are already there (the referral's own copy, editable).
        assert page.is_checked("#id_domestic_abuse_0")
        if referral.decision.child.person_id == child.pk:
            # The checklist is filled from the record (ethnicity is known); a missing item links to the
            # record's change page, which comes back here.
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
        for field in ("domestic_abuse", "mental_illness", "learning_difficulties"):
            page.click(f"label[for=id_{field}_1]")
        page.click("label[for=id_disposal_3]")
        page.fill("#id_disposal_reasons", "Suspected significant harm: strategy discussion needed.")
        page.fill("#id_tell_professional_referrer", "A strategy discussion will take place today.")
        page.click("button:has-text('Send for authorisation')")
        assert "Awaiting authorisation" in page.inner_text("main")
    check_a11y(page, "referrals-detail-awaiting")
    for referral in referrals:
        referral.refresh_from_db()
        assert referral.state == "awaiting_authorisation" and referral.receiving_team.code == "fast-norwich"
    sign_out(page)

    sign_in(users["manager"])
    page.goto("/referrals/queues/authorisation/")
    assert all(r.reference in page.inner_text("main") for r in referrals)
    assert "Authorise all 2 children together" in page.inner_text("main")
    check_a11y(page, "referrals-queue-authorisation")
    page.screenshot(path="/tmp/perchild-queue-authorisation.png", full_page=True)
    page.click(f"a:has-text('{referrals[0].reference}')")
    page.click("text=Authorise or return")
    assert "Authorise the children together" in page.inner_text("main")
    check_a11y(page, "referrals-authorise")
    page.screenshot(path="/tmp/perchild-authorise-together.png", full_page=True)
    page.click("button:has-text('Authorise all 2')")
    assert "authorised" in page.inner_text(".govuk-notification-banner")
    for referral in referrals:
        referral.refresh_from_db()
        assert referral.state == "with_team"
    page.goto(f"/contacts/{contact.pk}/")  # each child's decision and referral on the contact page
    decisions = page.inner_text("#decisions")
    assert all(r.reference in decisions for r in referrals) and second_child.shown_name in decisions
    check_a11y(page, "contact-detail-decisions")
    page.locator("#decisions").screenshot(path="/tmp/perchild-contact-decisions.png")
    referral = referrals[0]
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
    assert all(r.reference in page.inner_text("main") for r in referrals)  # both children's referrals
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
