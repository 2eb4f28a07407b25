"""A call in fewer screens (issue 11, deliverable 10), measured in Chromium.

The issue's call: a teacher worried about two siblings (Geraldine Hughes, found by the misspelt "Geraldene Hughs",
and Toby, new), their mother and brother (on the record: one tick each), and the mother's partner (new, the alleged
perpetrator); two actions; the decision for both children made on the last page. The test counts main-frame
navigations (page loads; htmx swaps are not navigations and are counted apart) and the form fields the worker
fills, and asserts at most 12 page loads. axe-core runs on every page and every in-place state of the flow;
the screenshots are in test-artifacts/ and /tmp/screens-*.png. The figures are in docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.contacts.tests import factories
from frontdoor.people.models import Involvement
from frontdoor.people.tests.factories import relate
from frontdoor.referrals.models import ContactDecision, Referral

pytestmark = pytest.mark.e2e

MAX_PAGE_LOADS = 12


@pytest.fixture
def family(db):
    """The family in the index: Geraldine (CP plan), her mother Sandra and her older brother Kyle."""
    geraldine = factories.person(
        given_name="Geraldine",
        family_name="Hughes",
        date_of_birth=dt.date(2019, 4, 2),
        sex="F",
        address="14 Elm Road, Norwich",
        postcode="NR2 3AB",
    )
    mother = factories.person(
        given_name="Sandra", family_name="Hughes", date_of_birth=dt.date(1990, 1, 5), sex="F", postcode="NR2 3AB"
    )
    brother = factories.person(
        given_name="Kyle", family_name="Hughes", date_of_birth=dt.date(2006, 9, 14), sex="M", postcode="NR2 3AB"
    )
    relate(mother, "parent", geraldine, parental_responsibility=True, same_household=True)
    relate(brother, "sibling", geraldine, same_household=True)
    factories.involvement(geraldine, Involvement.Kind.CHILD_PROTECTION)
    return geraldine, mother, brother


class Worker:
    """The worker's hands: every field filled, ticked or chosen is counted, and every main-frame navigation."""

    def __init__(self, page, check_a11y):
        self.page, self.check_a11y = page, check_a11y
        self.fields = 0
        self.loads: list[str] = []
        self.swaps = 0
        page.on("framenavigated", lambda frame: frame.parent_frame is None and self.loads.append(frame.url))
        page.on("requestfinished", self._count_swap)
        self.shots = 0

    def _count_swap(self, request):
        if request.headers.get("hx-request"):
            self.swaps += 1

    def fill(self, selector, value):
        self.page.fill(selector, value)
        self.fields += 1

    def check(self, selector):
        self.page.check(selector)
        self.fields += 1

    def select(self, selector, **kwargs):
        self.page.select_option(selector, **kwargs)
        self.fields += 1

    def date(self, prefix, day: dt.date):
        """A GOV.UK date is one answer typed in three boxes: counted as three fields."""
        for i, part in enumerate((day.day, day.month, day.year)):
            self.fill(f"#{prefix}_{i}", str(part))

    def click(self, selector):
        self.page.click(selector)
        self.page.wait_for_load_state()

    def swap(self, selector, wait_for):
        """Press something htmx answers in place, and wait for the new part of the page."""
        self.page.click(selector)
        self.page.wait_for_selector(wait_for)

    def look(self, name):
        self.shots += 1
        self.check_a11y(self.page, f"screens-{self.shots:02d}-{name}")
        self.page.screenshot(path=f"/tmp/screens-{self.shots:02d}-{name}.png", full_page=True)


def add_in_place(w: Worker, button: str, *, fill, match=None):
    """Open the add form in the family page, fill it, search; choose the record (`match`) or add as new."""
    w.swap(f"#family-live a:has-text('{button}')", "#family-live #id_given_name")
    fill()
    w.swap("button:has-text('Search records and add')", "#family-live #family-notice, #family-live [name=match]")
    if w.page.locator("#family-live [name=match]").count():
        w.check(f"#family-live input[name=match][value='{match or 'new'}']")
        w.swap("button:has-text('Add to the call')", "#family-live #family-notice")


def test_the_issues_call_in_at_most_twelve_page_loads(page, users, sign_in, check_a11y, family):
    geraldine, mother, brother = family
    sign_in(users["csw"])
    w = Worker(page, check_a11y)
    w.loads.clear()

    # Start the call.
    w.click(".govuk-service-navigation >> text=Record a call")
    w.look("start")
    w.click("button:has-text('Start the call')")

    # 1. The caller and the reason for the call (date and time come in filled with now).
    w.look("caller")
    w.check("#id_caller_type_0")
    w.check("#id_phone_route_3")
    w.fill("#id_caller_name", "Ann Lee")
    w.fill("#id_caller_role", "Class teacher")
    w.select("#id_caller_agency", index=1)
    w.fill("#id_caller_phone", "01603 223344")
    reason = "Geraldene came to school with a bruise on her arm and said mum's partner grabbed her."
    w.fill("#id_reason_for_call", reason)
    w.click("button:has-text('Save and continue')")

    # 2. Children and family, in place: the misspelt child found and linked.
    assert page.locator("h1").inner_text() == "Children and family"
    w.look("family-empty")

    def geraldene():
        w.fill("#id_given_name", "Geraldene")
        w.fill("#id_family_name", "Hughs")
        w.date("id_date_of_birth", dt.date(2019, 4, 2))

    w.swap("#family-live a:has-text('Add a child')", "#family-live #id_given_name")
    w.look("family-add-child")
    geraldene()
    w.swap("button:has-text('Search records and add')", "#family-live [name=match]")
    expect(page.locator("#family-live .govuk-radios")).to_contain_text("CP plan")
    w.look("family-match")
    w.check(f"#family-live input[name=match][value='{geraldine.pk}']")
    w.swap("button:has-text('Add to the call')", "#family-live #family-notice")

    # The record's family is offered: the mother and the brother, a tick each (no search, nothing typed).
    offered = page.locator("#family-continue .govuk-checkboxes")
    expect(offered).to_contain_text("Sandra Hughes: mother of Geraldine Hughes")
    expect(offered).to_contain_text("Kyle Hughes: brother of Geraldine Hughes")
    w.look("family-offered")
    w.check(f"input[name=known][value='{mother.pk}']")
    w.check(f"input[name=known][value='{brother.pk}']")

    def toby():
        w.fill("#id_given_name", "Toby")
        w.fill("#id_family_name", "Hughes")
        w.date("id_date_of_birth", dt.date(2021, 2, 3))

    add_in_place(w, "Add a child", fill=toby)

    def darren():
        w.check("#id_role_4")  # alleged perpetrator
        w.fill("#id_given_name", "Darren")
        w.fill("#id_family_name", "Cole")
        w.fill("#id_approximate_age", "35")
        w.fill("#id_relationship", "Mum's partner")
        w.check("#id_lives_with_child")

    add_in_place(w, "Add a family member or someone important", fill=darren)
    # The ticks survive the swaps; Save and continue adds the ticked people.
    expect(page.locator(f"input[name=known][value='{mother.pk}']")).to_be_checked()
    w.look("family-before-continue")
    w.click("#family-continue button:has-text('Save and continue')")

    # 3. Worries: the reason for the call is already there to edit, not to type again.
    assert page.locator("h1").inner_text() == "Worries"
    expect(page.locator("#id_worried_about")).to_have_value(reason)
    w.look("worries")
    w.fill("#id_working_well", "Geraldine attends school every day.")
    w.fill("#id_needs_to_happen", "Someone needs to see Geraldine and Toby today.")
    w.check("#id_scale_3")
    w.fill("#id_scale_reason", "An injury with an account naming an adult in the household.")
    w.fill("#id_child_location", "At school until 3pm.")
    w.check("#id_parents_aware_1")
    w.check("#id_immediacy_1")
    for question, answer in (("domestic_abuse", 0), ("mental_illness", 2), ("substance_misuse", 2)):
        w.check(f"#id_{question}_{answer}")
    w.check("#id_learning_difficulties_1")
    w.click("button:has-text('Save and continue')")

    # 4. The records check covers everyone on the call; 5. consent.
    expect(page.locator("body")).to_contain_text("Child protection plan")
    w.look("records")
    w.click("button:has-text('Save and continue')")
    w.look("consent")
    w.check("#id_consent_0")
    w.click("button:has-text('Save and continue')")

    # 6. Read back (the named problem starts from the worries) before the caller's relationship and hopes.
    expect(page.locator("#id_named_problem")).to_have_value(f"{reason} Scaled at 3 out of 10.")
    w.look("read-back")
    w.fill("#id_caller_relationship", "Class teacher for two years; knows mum well.")
    w.fill("#id_caller_hoped_outcome", "That someone sees the children today.")
    w.click("button:has-text('Save and continue')")

    # 7. The agreed outcome, then the action plan added in place.
    w.look("outcome")
    w.check("#id_agreed_outcome_3")
    w.click("button:has-text('Save and continue')")
    w.look("actions")
    due = timezone.localdate() + dt.timedelta(days=2)
    for what, owner in (
        ("Tell the allocated worker about the bruise", "Consultant social worker"),
        ("Keep the school informed", "Ann Lee, Colman Junior School"),
    ):
        w.fill("#id_what", what)
        w.fill("#id_owner", owner)
        w.date("id_due_date", due)
        w.swap("button:has-text('Add action')", f"#actions-live td:has-text('{what}')")
    w.look("actions-added")
    w.click("#actions-live button:has-text('Save and continue')")

    # 8. Check your answers, then save the call and decide for both children on the same page.
    assert page.locator("h1").inner_text() == "Check your answers"
    for name in ("Toby Hughes", "Darren Cole"):
        expect(page.get_by_label(name, exact=False)).to_be_checked()
    w.look("check")
    w.check("#id_all-level_3")
    w.check(f"input[name='all-outcome'][value='{ContactDecision.Outcome.REFERRAL}']")
    w.fill(
        "#id_all-reasons", "A bruise explained as an adult in the household grabbing her; her brother too is at risk."
    )
    w.click("button:has-text('Save the call and record the same decision for all 2 children')")
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("recorded")
    w.look("referral")

    # The figures.
    print(f"\nA call in fewer screens: {len(w.loads)} page loads, {w.fields} fields, {w.swaps} in-place (htmx) updates")
    assert len(w.loads) <= MAX_PAGE_LOADS, w.loads

    # What was recorded: everyone on the call, linked where the record knew them; a referral per child.
    contact = Contact.objects.get(worker=users["csw"])
    assert contact.status == "recorded" and contact.worried_about == reason
    people = {cp.given_name: cp for cp in ContactPerson.objects.filter(contact=contact).select_related("person")}
    assert set(people) == {"Geraldene", "Toby", "Sandra", "Kyle", "Darren"}
    assert people["Geraldene"].person == geraldine and people["Geraldene"].shown_name == "Geraldine Hughes"
    assert (people["Sandra"].person, people["Sandra"].role, people["Sandra"].relationship) == (
        mother,
        "parent_carer",
        "Mother",
    )
    assert (people["Kyle"].person, people["Kyle"].role) == (brother, "sibling")
    assert people["Toby"].person is not None and people["Darren"].person is not None
    assert people["Darren"].role == "alleged_perpetrator"
    assert contact.actions.count() == 2
    referrals = Referral.objects.filter(contact=contact)
    assert sorted(r.child_name for r in referrals) == ["Geraldine Hughes", "Toby Hughes"]


def test_the_decision_on_the_check_page_keeps_everything_typed_on_an_error(page, users, sign_in, check_a11y):
    """A decision with a level but no reasons: nothing is saved, the named problem and the decision are kept."""
    draft = factories.complete_draft(worker=users["csw"], named_problem="Named once", last_step="actions")
    sign_in(users["csw"])
    page.goto(f"/contacts/{draft.pk}/check/")
    page.fill("#id_named_problem", "Named and changed during the read-back")
    page.check("#id_c0-level_2")
    page.click("button:has-text('Save the call and record the decision')")
    page.wait_for_load_state()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reasons for the decision")
    expect(page.locator("#id_named_problem")).to_have_value("Named and changed during the read-back")
    expect(page.locator("#id_c0-level_2")).to_be_checked()
    check_a11y(page, "screens-check-decision-error")
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_without_javascript_every_page_still_works(browser, live_server, users, check_a11y, family, page, sign_in):
    """No JavaScript: adding a person goes through the add and match pages, an action through the plain form,
    the family on the record is ticked and added on Continue. (axe-core needs JavaScript: each page is checked
    as its HTML shown in a second, scripted tab.)"""
    geraldine, mother, _brother = family
    sign_in(users["csw"])
    page.goto("/contacts/drafts/")
    axe_tab = page

    def check_plain(plain, name):
        axe_tab.set_content(plain.content())
        check_a11y(axe_tab, name)

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", users["csw"].username)
    page.fill("#id_password", "test-password-123")
    page.click("button:has-text('Sign in')")
    draft = factories.complete_draft(worker=users["csw"], children=0, last_step="caller")
    page.goto(f"/contacts/{draft.pk}/family/")
    page.click("a:has-text('Add a child')")
    assert page.locator("h1").inner_text() == "Add a child"
    page.fill("#id_given_name", "Geraldene")
    page.fill("#id_family_name", "Hughs")
    for i, part in enumerate(("2", "4", "2019")):
        page.fill(f"#id_date_of_birth_{i}", part)
    page.click("button:has-text('Search records and continue')")
    assert "one of these people?" in page.locator("h1").inner_text()
    check_plain(page, "screens-nojs-match")
    page.check(f"input[name=match][value='{geraldine.pk}']")
    page.click("button:has-text('Continue')")
    expect(page.locator("#family-continue")).to_contain_text("Sandra Hughes: mother of Geraldine Hughes")
    page.check(f"input[name=known][value='{mother.pk}']")
    check_plain(page, "screens-nojs-family")
    page.click("#family-continue button:has-text('Save and continue')")
    assert page.locator("h1").inner_text() == "Worries"
    assert draft.people.filter(person=mother, role="parent_carer").exists()
    page.goto(f"/contacts/{draft.pk}/actions/")
    due = timezone.localdate() + dt.timedelta(days=3)
    page.fill("#id_what", "Ring the school")
    page.fill("#id_owner", "CSW")
    for i, part in enumerate((due.day, due.month, due.year)):
        page.fill(f"#id_due_date_{i}", str(part))
    page.click("button:has-text('Add action')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Action added")
    expect(page.locator("#actions-live table")).to_contain_text("Ring the school")
    check_plain(page, "screens-nojs-actions")
    context.close()
