"""One child, one truth (issue 11, "Tests"): the issue's call recorded end to end in Chromium, then checked
as each role in turn.

A teacher is worried about two siblings: Geraldine Hughes (in the index; the caller says "Geraldene
Hughs") and Toby (new), their mother Sandra (in the index), her partner Darren (new, named as the alleged
perpetrator, lives in the household) and their older brother Liam (in the index). The consultant social
worker records the call (`record_the_call`, the only part that knows the call flow's pages), decides
"progress to referral" for both children and completes both referrals. Then:

- the manager finds both referrals in the authorisation queue under the record's names, authorises them
  together, sees the partner in the family's genogram and approves the letter, which states each child's
  authorised disposal and what the referral says the teacher is to be told;
- the consultant social worker opens a MASH enquiry on the contact and asks the police; the police MASH partner
  answers (their pages show the record's names);
- the FAST Norwich practitioner finds both referrals in the team queue and reads the contact and the
  police answer;
- the analyst's dashboard, the manager's Overdue queue and the Annex A download agree.

axe-core on every page new to the end-to-end suite (the others are checked by the tests that first visit them):
the letter naming two children's authorised disposals, drafted and approved, opening a MASH enquiry and the
Overdue queue. Every link the police partner and the FAST practitioner are shown must open for them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.contacts.tests import factories
from frontdoor.mash.models import InformationRequest, MashEnquiry
from frontdoor.mash.tests.factories import enquiry_make, request_make
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from frontdoor.reporting.domain import age_in_years

pytestmark = pytest.mark.e2e

MISSPELT = "Geraldene Hughs"
TOLD = "A FAST social worker will visit the family today and call you afterwards."


@dataclass
class Family:
    geraldine: Person
    mother: Person
    brother: Person


@pytest.fixture
def family(db) -> Family:
    """The seeded records (Faker en_GB elsewhere; fixed names here because the issue's call names them)."""
    geraldine = factories.person(
        given_name="Geraldine",
        family_name="Hughes",
        date_of_birth=dt.date(2019, 4, 2),
        sex="F",
        ethnicity="WBRI",
        address="14 Elm Road, Norwich",
        postcode="NR2 3AB",
    )
    mother = factories.person(
        given_name="Sandra", family_name="Hughes", date_of_birth=dt.date(1990, 1, 5), postcode="NR2 3AB"
    )
    brother = factories.person(
        given_name="Liam", family_name="Hughes", date_of_birth=dt.date(2011, 9, 14), postcode="NR2 3AB"
    )
    return Family(geraldine, mother, brother)


def new_page(browser, live_server, user):
    """One browser context per role, signed in."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "test-password-123")
    page.click("button:has-text('Sign in')")
    page.wait_for_load_state()
    return page


def no_errors(page):
    summary = page.locator(".govuk-error-summary")
    assert not summary.count(), f"{page.url}: {summary.inner_text()}"


def unfollowable_links(page, allowed=frozenset()) -> dict[str, int]:
    """{link text: status} for each link in the page's main content that answers 4xx or 5xx to this user."""
    links = page.eval_on_selector_all("main a[href^='/']", "els => els.map(e => [e.getAttribute('href'), e.innerText])")
    statuses = {text: page.request.get(href).status for href, text in links if text not in allowed}
    return {text: status for text, status in statuses.items() if status >= 400}


def no_misspelling(page, where: str):
    """The caller's spelling appears only as what "the caller said"."""
    text = page.inner_text("main")
    leaks = [
        text[max(i - 120, 0) : i + 40] for i in _find_all(text, MISSPELT) if not text[:i].endswith("the caller said: ")
    ]
    assert not leaks, f"{where}: {MISSPELT} leaked: {leaks}"


def _find_all(text: str, word: str):
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


# --- The call (the only part that knows the call flow's pages; nothing below depends on them) ---------------


def _save(page):
    page.click("button:has-text('Save and continue')")
    page.wait_for_load_state()
    no_errors(page)


def _add_person(page, *, child, given, family, dob=None, age=None, role="", relationship="", lives=False, postcode=""):
    # The add form opens in place in the family page (htmx); the search, the match choice and the result too.
    page.click("#family-live >> " + ("text=Add a child" if child else "text=Add a family member or someone important"))
    page.wait_for_selector("#family-live #id_given_name")
    if role:
        page.check(f"input[name=role][value={role}]")
    page.fill("#id_given_name", given)
    page.fill("#id_family_name", family)
    for i, part in enumerate(dob or ()):
        page.fill(f"#id_date_of_birth_{i}", part)
    if age:
        page.fill("#id_approximate_age", age)
    if relationship:
        page.fill("#id_relationship", relationship)
    if lives:
        page.check("#id_lives_with_child")
    if postcode:
        page.fill("#id_postcode", postcode)
    page.click("button:has-text('Search records and add')")
    page.wait_for_selector("#family-live #family-notice, #family-live [name=match]")
    no_errors(page)


def _choose(page, value):
    if page.locator("#family-live [name=match]").count():
        page.check(f"#family-live input[name=match][value='{value}']")
        page.click("button:has-text('Add to the call')")
        page.wait_for_selector("#family-live #family-notice")


def record_the_call(page, *, family: Family) -> Contact:
    """The issue's call, as a consultant social worker records it in the browser (signed in on `page`);
    returns the recorded contact."""
    page.goto("/contacts/new/")
    page.click("button:has-text('Start the call')")
    page.wait_for_load_state()
    received = timezone.localtime()
    page.fill("#id_received_date_0", str(received.day))
    page.fill("#id_received_date_1", str(received.month))
    page.fill("#id_received_date_2", str(received.year))
    page.fill("#id_received_time", received.strftime("%H:%M"))
    page.check("input[name=caller_type][value=professional]")
    page.check("input[name=phone_route][value=general]")
    page.fill("#id_caller_name", "Ann Lee")
    page.fill("#id_caller_role", "Class teacher")
    page.select_option("#id_caller_agency", label="School or college")
    page.fill("#id_caller_phone", "01603 223344")
    page.fill("#id_caller_email", "ann.lee@example.org")
    page.fill(
        "#id_reason_for_call",
        "Geraldene came to school with bruises on her arm; her brother Toby is scared of mum's partner.",
    )
    _save(page)

    _add_person(page, child=True, given="Geraldene", family="Hughs", dob=("2", "4", "2019"))
    _choose(page, family.geraldine.pk)
    _add_person(page, child=True, given="Toby", family="Hughes", dob=("3", "2", "2021"), postcode="NR2 3AB")
    _choose(page, "new")
    _add_person(
        page,
        child=False,
        given="Sandra",
        family="Hughes",
        age="36",
        role="parent_carer",
        relationship="Mother",
        lives=True,
    )
    _choose(page, family.mother.pk)
    _add_person(
        page,
        child=False,
        given="Darren",
        family="Cole",
        age="35",
        role="alleged_perpetrator",
        relationship="Mum's partner",
        lives=True,
    )
    _choose(page, "new")
    _add_person(
        page,
        child=False,
        given="Liam",
        family="Hughes",
        age="15",
        role="sibling",
        relationship="Older brother",
        lives=True,
    )
    _choose(page, family.brother.pk)
    _save(page)

    page.fill("#id_worried_about", "Bruises on Geraldine's arm; Toby says Darren shouts and grabs them.")
    page.fill("#id_working_well", "Both children attend school every day.")
    page.fill("#id_needs_to_happen", "Someone needs to see the children today.")
    page.check("#id_scale_2")
    page.fill("#id_scale_reason", "Injury with an explanation that does not fit; a named adult.")
    page.fill("#id_child_location", "Both at school until 3pm.")
    page.check("input[name=parents_aware][value=no]")
    page.check("input[name=immediacy][value=urgent]")
    page.check("input[name=domestic_abuse][value=yes]")
    page.check("input[name=mental_illness][value=no]")
    page.check("input[name=substance_misuse][value=unknown]")
    page.check("input[name=learning_difficulties][value=no]")
    _save(page)

    page.fill("#id_records_check_notes", "Geraldine and Liam known; Darren Cole not known.")
    _save(page)
    page.check("input[name=consent][value=obtained]")
    _save(page)
    # Read back: the named problem (drafted from the worries) before the caller's relationship and hopes.
    page.fill("#id_named_problem", "Geraldine has bruises and both children are frightened of mum's partner.")
    page.fill("#id_caller_relationship", "Class teacher for two years.")
    page.fill("#id_caller_hoped_outcome", "That someone sees the children today.")
    _save(page)
    page.check("input[name=agreed_outcome][value=referral]")
    page.fill("#id_outcome_notes", "Progress to referral for both children.")
    _save(page)

    due = timezone.localdate() + dt.timedelta(days=2)
    for what, owner in (
        ("Visit the children at school", "FAST"),
        ("Tell the teacher the outcome", "Consultant social worker"),
    ):
        page.fill("#id_what", what)
        page.fill("#id_owner", owner)
        page.fill("#id_due_date_0", str(due.day))
        page.fill("#id_due_date_1", str(due.month))
        page.fill("#id_due_date_2", str(due.year))
        page.click("button:has-text('Add action')")  # added in place (htmx)
        page.wait_for_selector(f"#actions-live td:has-text('{what}')")
        no_errors(page)
    _save(page)

    assert page.locator("h1").inner_text() == "Check your answers"
    page.click("button:has-text('Save contact and decide later')")
    page.wait_for_load_state()
    no_errors(page)
    assert "Contact recorded" in page.locator("h1").inner_text()
    page.screenshot(path="/tmp/journey-recorded.png", full_page=True)
    return Contact.objects.filter(status=Contact.Status.RECORDED, caller_name="Ann Lee").latest("received_at")


# --- After the call --------------------------------------------------------------------------------------


def decide_and_complete(page, contact: Contact) -> list[Referral]:
    """The consultant social worker decides "progress to referral" for both children and completes both."""
    page.goto(f"/referrals/contacts/{contact.pk}/decision/")
    assert page.locator("h1").inner_text() == "Decide the response"
    no_misspelling(page, "decision")
    same = page.locator("#decisions .govuk-inset-text")
    same.locator("input[name='all-level'][value='4']").check()
    same.locator("text=Inconsistent explanations, or an admitted non-accidental injury").click()
    same.locator("text=Progress to referral").click()
    page.fill("#id_all-reasons", "Bruises that do not fit the explanation, and a named adult in the household.")
    page.click("button:has-text('Save the same decision for all 2 children')")
    page.wait_for_load_state()
    no_errors(page)
    referrals = list(Referral.objects.filter(contact=contact).select_related("decision__child").order_by("reference"))
    assert len(referrals) == 2, "one referral per child"
    for referral in referrals:
        page.goto(f"/referrals/{referral.pk}/edit/")
        assert page.locator("h1").inner_text() == "Complete the referral"
        no_misspelling(page, "referral edit")
        assert "FAST Norwich" in page.inner_text(".govuk-inset-text"), "routed by the child's postcode"
        page.screenshot(path=f"/tmp/journey-referral-edit-{referral.decision.child.given_name}.png", full_page=True)
        assert page.is_checked("input[name=domestic_abuse][value=yes]"), "the household answers from the call"
        page.check("input[name=disposal][value='4']")
        page.fill("#id_disposal_reasons", "Suspected significant harm: strategy discussion needed.")
        page.fill("#id_tell_professional_referrer", TOLD)
        page.click("button:has-text('Send for authorisation')")
        page.wait_for_load_state()
        no_errors(page)
        assert "Awaiting authorisation" in page.inner_text("main")
    return referrals


def test_one_child_one_truth(page, browser, live_server, users, sign_in, check_a11y, family):
    # Other work in the service, for the overdue figures: a contact nobody has decided, past its deadline, with a
    # police request nobody has answered, past its deadline.
    late = enquiry_make(actor=users["csw2"], received_at=timezone.now() - dt.timedelta(days=4))
    unanswered = request_make(actor=users["csw2"], enquiry=late)
    InformationRequest.objects.filter(pk=unanswered.pk).update(
        sent_at=timezone.now() - dt.timedelta(days=3), due_at=timezone.now() - dt.timedelta(days=2)
    )
    fast = user_for_role(Role.RECEIVING_PRACTITIONER)
    assert fast.team.code == "fast-norwich"

    # The consultant social worker: the call, the decisions, the referrals.
    sign_in(users["csw"])
    contact = record_the_call(page, family=family)
    people = {cp.given_name: cp for cp in ContactPerson.objects.filter(contact=contact).select_related("person")}
    assert people["Geraldene"].person == family.geraldine and people["Geraldene"].shown_name == "Geraldine Hughes"
    partner, toby = people["Darren"].person, people["Toby"].person
    assert partner is not None and toby is not None, "the call feeds the index"
    referrals = decide_and_complete(page, contact)
    by_child = {r.decision.child.given_name: r for r in referrals}
    assert set(by_child) == {"Geraldene", "Toby"}

    # A MASH enquiry on the contact, with a request to the police.
    page.goto(f"/referrals/{referrals[0].pk}/")
    page.click("text=Open a MASH enquiry")
    page.wait_for_load_state()
    no_misspelling(page, "open a MASH enquiry")
    check_a11y(page, "journey-mash-open")
    page.fill("#id_reason", "A named adult in the household; bruises that do not fit the explanation.")
    page.click("button:has-text('Open')")
    page.wait_for_load_state()
    no_errors(page)
    enquiry = MashEnquiry.objects.get(contact=contact)
    page.click("text=Ask an agency for information")
    page.select_option("#id_agency", label="Norfolk Constabulary")
    page.check("input[name=rag][value=amber]")
    page.fill("#id_question", "Any call-outs to 14 Elm Road, or anything known about Darren Cole?")
    page.click("button:has-text('Send')")
    page.wait_for_load_state()
    no_errors(page)
    police = enquiry.requests.get()

    # The manager: the authorisation queue, authorise together, the genogram, the letter.
    manager = new_page(browser, live_server, users["manager"])
    manager.goto("/referrals/queues/authorisation/")
    main = manager.inner_text("main")
    assert all(r.reference in main for r in referrals)
    assert "Geraldine Hughes" in main
    no_misspelling(manager, "authorisation queue")
    manager.goto(f"/referrals/{by_child['Geraldene'].pk}/")
    no_misspelling(manager, "referral detail")
    assert "Geraldine Hughes" in manager.inner_text("main")
    manager.click("text=Authorise or return")
    manager.wait_for_load_state()
    no_misspelling(manager, "authorise")
    manager.screenshot(path="/tmp/journey-authorise.png", full_page=True)
    manager.click("button:has-text('Authorise all 2')")
    manager.wait_for_load_state()
    assert "authorised" in manager.inner_text(".govuk-notification-banner")
    for referral in referrals:
        referral.refresh_from_db()
        assert referral.state == "with_team" and referral.receiving_team.code == "fast-norwich"
    manager.goto(f"/contacts/{contact.pk}/")
    no_misspelling(manager, "contact detail (manager)")
    manager.goto(f"/people/{family.geraldine.pk}/family/")
    genogram = manager.inner_text("main")
    manager.screenshot(path="/tmp/journey-genogram.png", full_page=True)
    assert "Darren Cole" in genogram and "Toby Hughes" in genogram

    manager.goto(f"/letters/contact/{contact.pk}/")
    no_misspelling(manager, "letters for the contact")
    manager.click("button:has-text('Draft the letter')")
    manager.wait_for_load_state()
    no_errors(manager)
    letter = manager.inner_text(".fd-letter")
    assert MISSPELT not in letter and "Geraldine Hughes" in letter and "Toby Hughes" in letter
    for name in ("Geraldine Hughes", "Toby Hughes"):
        assert f"{name}: the manager decided “Suspected significant harm" in letter, f"{name}'s authorised disposal"
    assert TOLD in letter
    assert "progressing" not in letter and "awaited" not in letter
    check_a11y(manager, "journey-letter-preview")
    manager.click("text=Edit the wording")
    manager.click("button:has-text('Save and approve')")
    manager.wait_for_load_state()
    no_errors(manager)
    assert "Letter approved" in manager.inner_text(".govuk-notification-banner")
    assert "A manager has decided what happens next" in manager.inner_text(".fd-letter")
    check_a11y(manager, "journey-letter-approved")

    # The police MASH partner answers; their pages show the record's names.
    police_page = new_page(browser, live_server, users["mash_partner"])
    police_page.goto("/referrals/queues/requests/")
    assert f"/mash/requests/{police.pk}/" in police_page.content()
    no_misspelling(police_page, "requests queue")
    police_page.goto(f"/mash/requests/{police.pk}/")
    assert "Geraldine Hughes" in police_page.inner_text("main")
    assert "Darren Cole (alleged perpetrator), about 35" in police_page.inner_text("main")
    police_page.screenshot(path="/tmp/journey-police-request.png", full_page=True)
    no_misspelling(police_page, "police request")
    assert unfollowable_links(police_page) == {}, "links on the request the police cannot follow"
    police_page.fill("#id_answer", "Two call-outs to the address for domestic abuse in May; Darren Cole arrested once.")
    police_page.click("button:has-text('Send the answer')")
    police_page.wait_for_load_state()
    assert "your answer has been sent" in police_page.inner_text(".govuk-notification-banner")
    police_page.context.close()

    # The FAST Norwich practitioner: both referrals in the team queue; reads the contact and the police answer.
    team = new_page(browser, live_server, fast)
    team.goto("/referrals/queues/team/")
    main = team.inner_text("main")
    assert all(r.reference in main for r in referrals)
    no_misspelling(team, "team queue")
    for referral in referrals:
        team.goto(f"/referrals/{referral.pk}/")
        no_misspelling(team, "referral (team)")
        assert unfollowable_links(team) == {}, "links on the referral the team cannot follow"
    team.goto(f"/contacts/{contact.pk}/")
    main = team.inner_text("main")
    team.screenshot(path="/tmp/journey-team-contact.png", full_page=True)
    assert "Toby says Darren shouts" in main, "the worries"
    assert "Visit the children at school" in main, "the action plan"
    assert "Consent obtained" in main, "consent"
    assert "Geraldine and Liam known" in main, "the records check"
    no_misspelling(team, "contact (team)")
    # Every link opens, the alleged perpetrator's record included: the team holds everyone on a call behind a
    # referral routed to it (people/permissions.held_people), though the index relates him to the mother only.
    assert unfollowable_links(team) == {}, "links on the contact the team cannot follow"
    team.goto(f"/mash/{enquiry.pk}/")
    team.screenshot(path="/tmp/journey-team-mash.png", full_page=True)
    assert "Two call-outs to the address" in team.inner_text("main"), "the police answer"
    no_misspelling(team, "MASH enquiry (team)")
    assert unfollowable_links(team) == {}, "links on the MASH enquiry the team cannot follow"
    team.context.close()

    # The analyst: the dashboard, the Overdue queue and Annex A agree.
    analyst = new_page(browser, live_server, users["analyst"])
    analyst.goto("/reporting/")
    figures = [int(n) for n in analyst.locator(".fd-figure__number").all_inner_texts()]
    contacts_figure, children_figure = figures[0], figures[1]
    dashboard = {
        "decision": int(analyst.inner_text("#decision-overdue")),
        "request": int(analyst.inner_text("#requests-overdue")),
    }
    queue = {}
    for kind, reference in (("decision", late.contact.reference), ("request", late.reference)):
        manager.goto(f"/referrals/queues/overdue/?kind={kind}")
        queue[kind] = manager.locator("main table tbody tr").count()
        assert reference in manager.inner_text("main table")
        assert contact.reference not in manager.inner_text("main table")
    check_a11y(manager, "journey-queue-overdue")
    assert dashboard == queue == {"decision": 1, "request": 1}
    badge = manager.locator(".govuk-service-navigation__link", has_text="Overdue").locator(".fd-count").inner_text()
    assert int(badge) == sum(dashboard.values()), "the navigation's Overdue count agrees too"
    manager.context.close()
    with analyst.expect_download() as download:
        analyst.click("button:has-text('Download Annex A list 1 (CSV)')")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert (contacts_figure, children_figure, len(rows)) == (2, 3, 3), "one row per child per contact, as counted"
    ids = {r["Child Unique ID"]: r for r in rows}
    assert family.geraldine.person_id in ids and toby.person_id in ids, "both children counted"
    geraldine_row, toby_row = ids[family.geraldine.person_id], ids[toby.person_id]
    # The linked child's record values (never the caller's), the new child's as given, both ages computed.
    assert (geraldine_row["Date of Birth"], geraldine_row["Gender"]) == ("02/04/2019", "b) Female")
    assert geraldine_row["Ethnicity"].startswith("a) WBRI")
    assert toby_row["Date of Birth"] == "03/02/2021" and toby_row["Contact Source"].startswith("f) 2B")
    for row, born in ((geraldine_row, dt.date(2019, 4, 2)), (toby_row, dt.date(2021, 2, 3))):
        assert row["Age of Child (Years)"] == str(age_in_years(born, timezone.localdate()))
    for row in rows:
        for column in ("Gender", "Ethnicity", "Contact Source"):
            assert ") " in row[column] and "NOBT in" not in row[column], f"{column}: {row[column]} is not a code"
    analyst.context.close()
