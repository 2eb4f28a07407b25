"""The call flow through the web pages: each step posts, saves the draft and moves on; bad input is refused whole."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact, ContactPerson

from . import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def url(contact, name, **kw):
    return reverse(f"contacts:{name}", kwargs={"pk": contact.pk, **kw})


def caller_data(contact, **over):
    now = timezone.localtime() - dt.timedelta(minutes=5)
    data = {
        "version": contact.version,
        "received_date_0": now.day,
        "received_date_1": now.month,
        "received_date_2": now.year,
        "received_time": now.strftime("%H:%M"),
        "caller_type": "professional",
        "caller_name": "Ann Lee",
        "caller_role": "Class teacher",
        "caller_agency_name": "Colman Junior School",
        "caller_phone": "01603 223344",
        "caller_email": "ann.lee@example.org",
        "phone_route": "general",
        "reason_for_call": "Bruise on cheek",
    }
    data.update(over)
    return data


def child_data(contact, **over):
    data = {
        "version": contact.version,
        "role": "child",
        "given_name": "Zebedee",
        "family_name": "Quillfeather",
        "date_of_birth_0": "1",
        "date_of_birth_1": "3",
        "date_of_birth_2": "2016",
        "sex": "M",
    }
    data.update(over)
    return data


WORRIES = {
    "worried_about": "Bruise",
    "working_well": "Attends school",
    "needs_to_happen": "Talk to mum",
    "scale": "5",
    "scale_reason": "One injury",
    "child_location": "At school",
    "parents_aware": "no",
    "immediacy": "urgent",
}


@pytest.fixture
def csw_client(users, client_for):
    return client_for(users["csw"])


@pytest.fixture
def draft(users):
    return factories.draft(worker=users["csw"])


def fresh(contact):
    contact.refresh_from_db()
    return contact


def test_whole_call_through_the_pages(users, csw_client):
    """Start, answer every step, check answers and save: a recorded contact with due dates."""
    response = csw_client.post(reverse("contacts:start"))
    contact = Contact.objects.get(worker=users["csw"])
    assert response.url == url(contact, "caller")
    assert csw_client.get(response.url).status_code == 200
    r = csw_client.post(url(contact, "caller"), caller_data(contact))
    assert r.status_code == 302 and r.url == url(contact, "family"), r.content.decode()[:3000]
    existing = factories.person(given_name="Amelia", family_name="Hart", date_of_birth=dt.date(2015, 6, 1))
    # A child with no match is added straight away as new.
    r = csw_client.post(url(contact, "add_child"), child_data(fresh(contact)))
    assert r.status_code == 302
    # A child with a match: the page asks which record, then links the one chosen.
    data = child_data(
        fresh(contact),
        given_name="Amelia",
        family_name="Hart",
        date_of_birth_0="1",
        date_of_birth_1="6",
        date_of_birth_2="2015",
    )
    r = csw_client.post(url(contact, "add_child"), data)
    assert r.status_code == 200 and "Is Amelia Hart one of these people?" in r.content.decode()
    assert fresh(contact).people.count() == 1  # nothing added until the worker chooses
    r = csw_client.post(url(contact, "add_child"), {**data, "match": str(existing.pk)})
    assert r.status_code == 302
    assert fresh(contact).people.get(given_name="Amelia").person == existing
    # Each search on the call is audited with its terms; choosing a match does not search again.
    searches = AuditEvent.objects.filter(action="search").order_by("sequence")
    assert [(e.changes["terms"]["text"], e.changes["results"] > 0) for e in searches][-1] == ("Amelia Hart", True)
    assert searches.filter(changes__terms__text="Amelia Hart").count() == 1
    assert csw_client.get(url(contact, "family")).status_code == 200
    r = csw_client.post(url(contact, "family"), {"version": fresh(contact).version})
    assert r.url == url(contact, "worries")
    r = csw_client.post(url(contact, "worries"), {"version": fresh(contact).version, **WORRIES})
    assert r.url == url(contact, "records")
    assert "Amelia Hart" in csw_client.get(url(contact, "records")).content.decode()
    r = csw_client.post(url(contact, "records"), {"version": fresh(contact).version, "records_check_notes": "None"})
    assert r.url == url(contact, "consent")
    r = csw_client.post(url(contact, "consent"), {"version": fresh(contact).version, "consent": "obtained"})
    assert r.url == url(contact, "relationship")
    r = csw_client.post(
        url(contact, "relationship"),
        {
            "version": fresh(contact).version,
            "named_problem": "A bruise, explanations differ.",
            "caller_relationship": "Teacher",
            "caller_hoped_outcome": "Advice",
        },
    )
    assert r.url == url(contact, "outcome")
    r = csw_client.post(url(contact, "outcome"), {"version": fresh(contact).version, "agreed_outcome": "advice"})
    assert r.url == url(contact, "actions")
    due = TODAY() + dt.timedelta(days=3)
    r = csw_client.post(
        url(contact, "action_add"),
        {
            "version": fresh(contact).version,
            "what": "Speak to mum",
            "owner": "Caller",
            "due_date_0": due.day,
            "due_date_1": due.month,
            "due_date_2": due.year,
        },
    )
    assert r.status_code == 302
    r = csw_client.post(url(contact, "actions"), {"version": fresh(contact).version})
    assert r.url == url(contact, "check")
    page = csw_client.get(url(contact, "check")).content.decode()
    assert "Check your answers" in page and "Bruise" in page and "?return=check" in page
    r = csw_client.post(
        url(contact, "check"), {"version": fresh(contact).version, "named_problem": "A bruise, unexplained"}
    )
    assert r.url == url(contact, "recorded")
    contact = fresh(contact)
    assert contact.status == "recorded" and contact.decision_due_at and contact.letter_due_at
    assert csw_client.get(r.url).status_code == 200
    listing = csw_client.get(reverse("contacts:mine")).content.decode()
    assert contact.reference in listing
    assert csw_client.get(url(contact, "detail")).status_code == 200
    # After saving, a step page goes to the contact instead of editing it.
    assert csw_client.get(url(contact, "worries")).url == url(contact, "detail")


def test_change_from_check_returns_to_check(csw_client, users):
    contact = factories.complete_draft(worker=users["csw"])
    r = csw_client.post(url(contact, "consent") + "?return=check", {"version": contact.version, "consent": "refused"})
    assert r.url == url(contact, "check")


def test_a_new_person_needs_the_explicit_choice(csw_client, draft):
    """When records match, nothing is added until the worker picks one or says none of these."""
    factories.person(given_name="Amelia", family_name="Hart")
    data = child_data(draft, given_name="Amelia", family_name="Hart")
    r = csw_client.post(url(draft, "add_child"), {**data, "match": ""})
    assert r.status_code == 200 and "Select the record that is the same person" in r.content.decode()
    assert draft.people.count() == 0
    r = csw_client.post(url(draft, "add_child"), {**data, "match": "new"})
    assert r.status_code == 302
    assert draft.people.get().match_decision == "new"


def test_family_needs_a_child(csw_client, draft):
    r = csw_client.post(url(draft, "family"), {"version": draft.version})
    assert r.status_code == 200 and "Add at least one child" in r.content.decode()


def test_actions_need_one_action(csw_client, draft):
    r = csw_client.post(url(draft, "actions"), {"version": draft.version})
    assert "Add at least one action" in r.content.decode()


def test_check_lists_what_is_missing_and_keeps_the_named_problem(csw_client, draft):
    r = csw_client.post(url(draft, "check"), {"version": draft.version, "named_problem": "Typed summary"})
    page = r.content.decode()
    assert r.status_code == 200 and "Add at least one child" in page and "Typed summary" in page
    assert fresh(draft).named_problem == "Typed summary" and fresh(draft).is_draft


def test_forged_post_to_another_workers_draft_is_404_and_saves_nothing(users, client_for, draft):
    """A second worker posting a form to someone else's draft gets 404; the draft is untouched."""
    other = client_for(users["csw2"])
    for name, data in [
        ("caller", caller_data(draft)),
        ("worries", {"version": 1, **WORRIES}),
        ("add_child", child_data(draft)),
        ("family", {"version": 1}),
        ("action_add", {"version": 1, "what": "x", "owner": "y"}),
        ("check", {"version": 1, "named_problem": "x"}),
    ]:
        assert other.post(url(draft, name), data).status_code == 404, name
    assert other.get(url(draft, "detail")).status_code == 404
    draft = fresh(draft)
    assert draft.version == 1 and draft.caller_name == "" and draft.people.count() == 0
    assert not AuditEvent.objects.filter(object_id=str(draft.pk), action="change").exists()


def test_stale_version_is_refused_with_message_and_text_kept(csw_client, draft):
    """Two tabs: the second tab's save is refused, says why, and keeps what was typed."""
    csw_client.post(url(draft, "records"), {"version": 1, "records_check_notes": "From tab one"})
    r = csw_client.post(url(draft, "records"), {"version": 1, "records_check_notes": "From tab two"})
    page = r.content.decode()
    assert r.status_code == 200
    assert "This call was changed by" in page
    assert "From tab two" in page
    assert 'name="version" value="2"' in page
    assert fresh(draft).records_check_notes == "From tab one"


def test_drafts_list_resumes_at_the_next_step(csw_client, draft, users):
    csw_client.post(url(draft, "caller"), caller_data(draft))
    page = csw_client.get(reverse("contacts:drafts")).content.decode()
    assert url(draft, "family") in page and draft.reference in page


def test_my_contacts_marks_overdue_and_paginates(csw_client, users):
    old = factories.complete_draft(worker=users["csw"])
    Contact.objects.filter(pk=old.pk).update(
        status="recorded",
        decision_due_at=timezone.now() - dt.timedelta(days=3),
        letter_due_at=timezone.now() + dt.timedelta(days=3),
        received_at=timezone.now() - dt.timedelta(days=4),
    )
    page = csw_client.get(reverse("contacts:mine")).content.decode()
    assert "Overdue" in page and old.reference in page


def test_contact_page_audits_the_view_and_shows_the_trail_to_managers(users, client_for):
    contact = factories.complete_draft(
        worker=users["csw"], caller_confidential=True, caller_type="public", caller_name="Pat Secret"
    )
    Contact.objects.filter(pk=contact.pk).update(status="recorded")
    r = client_for(users["manager"]).get(url(contact, "detail"))
    page = r.content.decode()
    assert "Audit trail" in page and "Pat Secret" in page
    r = client_for(users["csw2"]).get(url(contact, "detail"))
    page = r.content.decode()
    assert "Audit trail" not in page and "Pat Secret" not in page and "Withheld" in page
    assert AuditEvent.objects.filter(object_id=str(contact.pk), action="view").count() == 2


def test_people_page_links_child(csw_client, draft):
    cp = ContactPerson.objects.create(
        contact=draft, role="child", given_name="Ada", family_name="Byron", approximate_age=4
    )
    page = csw_client.get(url(draft, "family")).content.decode()
    assert url(draft, "change_person", person_pk=cp.pk) in page
    r = csw_client.post(url(draft, "remove_person", person_pk=cp.pk), {"version": draft.version})
    assert r.status_code == 302 and not draft.people.exists()


def test_my_contacts_query_count_does_not_grow_with_rows(csw_client, users, django_assert_max_num_queries):
    """The list page costs the same number of queries for 3 contacts or 30."""
    for _ in range(30):
        c = factories.complete_draft(worker=users["csw"])
        Contact.objects.filter(pk=c.pk).update(
            status="recorded", decision_due_at=timezone.now(), letter_due_at=timezone.now()
        )
    with django_assert_max_num_queries(16):  # includes every app's navigation counts
        page = csw_client.get(reverse("contacts:mine")).content.decode()
    assert page.count("contacts/") >= 25 and "Page 1 of 2" in page


def test_team_contacts_come_a_page_at_a_time(users, client_for, django_assert_max_num_queries):
    """The manager's team list: 30 contacts, pages of 25 from the database, the same queries for page 2."""
    for _ in range(30):
        c = factories.complete_draft(worker=users["csw"])
        Contact.objects.filter(pk=c.pk).update(
            status="recorded", decision_due_at=timezone.now(), letter_due_at=timezone.now()
        )
    client = client_for(users["manager"])
    with django_assert_max_num_queries(20):
        first = client.get(reverse("contacts:team")).content.decode()
    with django_assert_max_num_queries(20):
        second = client.get(reverse("contacts:team") + "?page=2").content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
