import datetime as dt

import pytest
from playwright.sync_api import expect

from frontdoor.people.models import Person
from frontdoor.people.services import person_index_update

pytestmark = pytest.mark.e2e


def test_advisor_checks_for_a_worker_and_hands_over_to_cads(page, users, sign_in, check_a11y):
    """An advisor finds no allocated worker, records a live handover to CADS, and sees it in the list."""
    ruby = Person.objects.create(
        person_id="P0000200",
        given_name="Ruby",
        family_name="Hart",
        date_of_birth=dt.date(2017, 2, 1),
        postcode="NR3 1AA",
        sex="F",
    )
    person_index_update(ruby)
    sign_in(users["csa"])
    check_a11y(page, "csa-home")
    page.click("a.govuk-button:has-text('Check for a social worker')")
    check_a11y(page, "csa-check")
    page.fill("#id_child_name", "Ruby Hart")
    page.click("button:has-text('Check')")
    expect(page.locator("body")).to_contain_text("No allocated worker")
    assert "/customer-service/?s=" in page.url and "Ruby" not in page.url  # the child's name is not in the URL
    check_a11y(page, "csa-results")
    page.get_by_label("Live handover to CADS").check()
    page.select_option("#id_handed_to", str(users["csw"].pk))
    page.fill("#id_caller_phone", "07700 900982")
    page.click("button:has-text('Record the call')")
    expect(page.locator("body")).to_contain_text("The call has been recorded")
    check_a11y(page, "csa-calls")


def test_a_public_call_handed_over_opens_as_a_filled_in_contact(page, users, sign_in, check_a11y):
    """The advisor records a public call and hands it to CADS; the consultant social worker takes it from
    "Public calls" and the contact opens with the caller, the child, the address and what was said filled in;
    the contact and the call link to each other."""
    from frontdoor.customer_service.models import Handover

    said = "The children next door are left alone every night and cry for hours."
    child = Person.objects.create(
        person_id="P0000201", given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2019, 6, 1)
    )
    person_index_update(child)
    sign_in(users["csa"])
    page.goto("/customer-service/")
    page.fill("#id_child_name", "Geraldine Hughes")
    page.click("button:has-text('Check')")
    page.get_by_label("Geraldine Hughes").check()
    page.get_by_label("Live handover to CADS").check()
    page.select_option("#id_handed_to", str(users["csw"].pk))
    page.fill("#id_caller_name", "Pat Doe")
    page.fill("#id_caller_phone", "07700 900982")
    page.get_by_label("The caller asked to keep their identity confidential").check()
    page.fill("#id_child_address", "3 Mill Lane, Norwich")
    page.fill("#id_notes", said)
    check_a11y(page, "public-call-handover-form")
    page.click("button:has-text('Record the call')")
    expect(page.locator("body")).to_contain_text("Waiting for CADS")
    check_a11y(page, "public-calls-advisor")

    page.context.clear_cookies()
    sign_in(users["csw"])
    page.click("nav >> text=Public calls")
    waiting = page.locator("table").first
    expect(waiting).to_contain_text("Geraldine Hughes")
    expect(waiting).to_contain_text("Pat Doe")  # a confidential caller is named to CADS workers
    check_a11y(page, "public-calls-waiting")
    page.screenshot(path="/tmp/letters-public-calls.png", full_page=True)
    page.click("table >> text=Geraldine Hughes")
    expect(page.locator("h1")).to_have_text("Call about Geraldine Hughes")
    check_a11y(page, "public-call")
    page.click("button:has-text('Take this call')")

    expect(page.locator("#id_caller_name")).to_have_value("Pat Doe")
    expect(page.locator("#id_caller_phone")).to_have_value("07700 900982")
    expect(page.locator("#id_reason_for_call")).to_have_value(said)
    expect(page.locator("body")).to_contain_text("handed over by the customer service centre")
    check_a11y(page, "public-call-contact-caller")
    page.screenshot(path="/tmp/letters-public-call-contact.png", full_page=True)
    handover = Handover.objects.get()
    contact = handover.contact
    assert contact.worker == users["csw"] and contact.caller_confidential
    child_on_call = contact.people.get()
    assert child_on_call.person == child and child_on_call.address == "3 Mill Lane, Norwich"

    page.goto(f"/contacts/{contact.pk}/family/")
    expect(page.locator("main")).to_contain_text("Geraldine Hughes")
    check_a11y(page, "public-call-contact-family")
    page.click("text=See what the advisor recorded")
    expect(page.locator(".govuk-inset-text").first).to_contain_text(contact.reference)
    check_a11y(page, "public-call-taken")
    page.screenshot(path="/tmp/letters-public-call-taken.png", full_page=True)
    page.goto("/customer-service/calls/")
    expect(page.locator("body")).to_contain_text("No public calls are waiting for CADS")
    page.click(f"text=Contact {contact.reference}")
    expect(page.locator("h1")).to_have_text(contact.reference)
