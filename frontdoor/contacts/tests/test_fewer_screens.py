"""A call in fewer screens (issue 11, deliverable 10): the reason seeds the worries, the family on the record is
offered with a tick each, people and actions are added in place (htmx) with the plain forms still working, the
read-back comes before the caller's hopes, and the decision can be made on the check page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import domain
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.people.selectors import relatives_on_record
from frontdoor.people.tests.factories import relate
from frontdoor.referrals.models import ContactDecision, Referral

from . import factories
from .test_views import child_data

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def url(contact, name, **kw):
    return reverse(f"contacts:{name}", kwargs={"pk": contact.pk, **kw})


def fresh(contact):
    contact.refresh_from_db()
    return contact


@pytest.fixture
def csw_client(users, client_for):
    return client_for(users["csw"])


@pytest.fixture
def hughes():
    """Geraldine on the record with her mother (parental responsibility, same household), brother and a
    grandmother who lives elsewhere."""
    geraldine = factories.person(given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2019, 4, 2))
    mother = factories.person(given_name="Sandra", family_name="Hughes", date_of_birth=dt.date(1990, 1, 5), sex="F")
    brother = factories.person(given_name="Kyle", family_name="Hughes", date_of_birth=dt.date(2006, 9, 14), sex="M")
    nan = factories.person(given_name="Edna", family_name="Hughes", date_of_birth=dt.date(1960, 2, 2), sex="F")
    relate(mother, "parent", geraldine, parental_responsibility=True, same_household=True)
    relate(geraldine, "sibling", brother, same_household=True)  # recorded the other way round
    relate(nan, "grandparent", geraldine)
    return geraldine, mother, brother, nan


@pytest.fixture
def linked_draft(users, hughes):
    draft = factories.complete_draft(worker=users["csw"], children=0, last_step="caller")
    ContactPerson.objects.create(
        contact=draft,
        role="child",
        given_name="Geraldene",
        family_name="Hughs",
        date_of_birth=dt.date(2019, 4, 2),
        person=hughes[0],
        match_decision="linked",
    )
    return draft


@pytest.mark.parametrize(
    ("kind", "sex", "household", "description", "expected"),
    [
        ("parent", "F", True, "", ("parent_carer", "Mother")),
        ("parent", "M", False, "", ("parent_carer", "Father")),
        ("parent", "U", False, "", ("parent_carer", "Parent")),
        ("step_parent", "M", True, "", ("parent_carer", "Stepfather")),
        ("carer", "F", True, "", ("parent_carer", "Carer")),
        ("sibling", "M", True, "", ("sibling", "Brother")),
        ("half_sibling", "F", False, "", ("sibling", "Half-sister")),
        ("grandparent", "F", False, "", ("important", "Grandmother")),
        ("grandparent", "M", True, "", ("household", "Grandfather")),
        ("partner", "M", True, "", ("household", "Partner")),
        ("other", "U", True, "Lodger", ("household", "Lodger")),
        ("other", "U", False, "", ("important", "Family member")),
    ],
)
def test_role_for_a_relative_on_the_record(kind, sex, household, description, expected):
    """The role on the call and the words, from the record's relationship and sex."""
    assert domain.role_for_relative(kind=kind, sex=sex, same_household=household, description=description) == expected


def test_relatives_on_record_either_way_round_each_once(users, hughes):
    geraldine, mother, brother, nan = hughes
    found = relatives_on_record(user=users["csw"], people=[geraldine])
    assert {r.pk for r, _rel, _of in found} == {mother.pk, brother.pk, nan.pk}
    assert (
        relatives_on_record(user=users["mash_partner"], people=[geraldine]) == []
    )  # a MASH partner may not search the index


def test_the_reason_for_the_call_seeds_the_worries(csw_client, users):
    draft = factories.draft(worker=users["csw"], reason_for_call="Bruise on her arm", last_step="family")
    page = csw_client.get(url(draft, "worries")).content.decode()
    assert ">Bruise on her arm</textarea>" in page
    draft.worried_about = "Already written"
    draft.save()
    assert ">Already written</textarea>" in csw_client.get(url(draft, "worries")).content.decode()


def test_the_read_back_comes_before_the_callers_hopes(csw_client, users):
    """The relationship page starts with the named problem, drafted from the worries, and saves it."""
    draft = factories.complete_draft(worker=users["csw"], named_problem="", worried_about="Bruise.", scale=4)
    page = csw_client.get(url(draft, "relationship")).content.decode()
    assert page.index("id_named_problem") < page.index("id_caller_relationship")
    assert "Bruise. Scaled at 4 out of 10." in page
    r = csw_client.post(
        url(draft, "relationship"),
        {
            "version": draft.version,
            "named_problem": "Read back",
            "caller_relationship": "Teacher",
            "caller_hoped_outcome": "A visit",
        },
    )
    assert r.status_code == 302 and fresh(draft).named_problem == "Read back"


def test_the_family_on_the_record_is_offered_and_added_with_a_tick_on_continue(csw_client, linked_draft, hughes):
    geraldine, mother, brother, nan = hughes
    page = csw_client.get(url(linked_draft, "family")).content.decode()
    assert "Sandra Hughes: mother of Geraldine Hughes" in page
    assert "Kyle Hughes: brother of Geraldine Hughes" in page
    assert "Edna Hughes: grandmother of Geraldine Hughes" in page
    shown = AuditEvent.objects.filter(action="view", summary__startswith="Offered the family on the record").get()
    assert mother.person_id in shown.summary and brother.person_id in shown.summary
    r = csw_client.post(
        url(linked_draft, "family"), {"version": linked_draft.version, "known": [str(mother.pk), str(brother.pk)]}
    )
    assert r.status_code == 302 and r.url == url(linked_draft, "worries")
    people = {cp.person_id: cp for cp in fresh(linked_draft).people.all()}
    assert set(people) == {geraldine.pk, mother.pk, brother.pk}
    sandra = people[mother.pk]
    assert (sandra.role, sandra.relationship, sandra.lives_with_child, sandra.parental_responsibility) == (
        "parent_carer",
        "Mother",
        True,
        True,
    )
    assert sandra.match_decision == "linked" and sandra.shown_name == "Sandra Hughes"
    assert people[brother.pk].role == "sibling" and people[brother.pk].relationship == "Brother"
    assert AuditEvent.objects.filter(summary__startswith="Added from the record to call").count() == 1
    # Offered no more once on the call; ticking them again adds no one twice.
    page = csw_client.get(url(linked_draft, "family")).content.decode()
    assert "Sandra Hughes: mother" not in page and "Edna Hughes: grandmother" in page


def test_add_the_ticked_people_stays_on_the_family_page(csw_client, linked_draft, hughes):
    mother = hughes[1]
    r = csw_client.post(url(linked_draft, "family"), {"version": linked_draft.version, "add_known": "1"})
    assert r.status_code == 200 and "Tick the people to add from the record" in r.content.decode()
    r = csw_client.post(
        url(linked_draft, "family"), {"version": linked_draft.version, "known": [str(mother.pk)], "add_known": "1"}
    )
    assert r.status_code == 302 and r.url == url(linked_draft, "family")
    assert fresh(linked_draft).people.filter(person=mother).count() == 1
    # In place (htmx): the family part only, with the new version for Continue.
    nan = hughes[3]
    r = csw_client.post(
        url(linked_draft, "family"),
        {"version": fresh(linked_draft).version, "known": [str(nan.pk)], "add_known": "1"},
        **HX,
    )
    page = r.content.decode()
    assert page.strip().startswith('<div id="family-live">') and "<html" not in page
    assert f'name="version" value="{fresh(linked_draft).version}"' in page
    assert fresh(linked_draft).people.filter(person=nan).exists()


def test_a_stale_tick_is_refused_and_keeps_the_ticks(csw_client, linked_draft, hughes):
    mother = hughes[1]
    r = csw_client.post(url(linked_draft, "family"), {"version": linked_draft.version - 1, "known": [str(mother.pk)]})
    page = r.content.decode()
    assert r.status_code == 200 and "This call was changed by" in page
    assert f'value="{mother.pk}" aria-describedby="known-1-hint" checked' in page
    assert not fresh(linked_draft).people.filter(person=mother).exists()


def test_a_person_is_added_in_place_with_htmx(csw_client, users):
    """The add form, the match choice and the result come back as the family part of the page; ticks posted
    along are kept."""
    draft = factories.draft(worker=users["csw"], last_step="caller")
    existing = factories.person(given_name="Amelia", family_name="Hart", date_of_birth=dt.date(2016, 3, 1))
    r = csw_client.get(url(draft, "add_child"), **HX)
    page = r.content.decode()
    assert page.strip().startswith('<div id="family-live">') and 'id="id_given_name"' in page
    assert 'hx-post="' + url(draft, "add_child") in page
    data = child_data(draft, given_name="Amelia", family_name="Hart")
    r = csw_client.post(url(draft, "add_child"), {**data, "given_name": ""}, **HX)
    assert "Enter their first name" in r.content.decode() and "govuk-error-summary" in r.content.decode()
    r = csw_client.post(url(draft, "add_child"), data, **HX)
    page = r.content.decode()
    assert "Is Amelia Hart one of these people?" in page and page.strip().startswith('<div id="family-live">')
    assert fresh(draft).people.count() == 0
    r = csw_client.post(url(draft, "add_child"), {**data, "match": str(existing.pk)}, **HX)
    page = r.content.decode()
    assert r.status_code == 200 and "Amelia Hart added" in page
    assert fresh(draft).people.get().person == existing
    assert f'name="version" value="{fresh(draft).version}"' in page


def test_an_action_is_added_in_place_with_htmx_and_plainly_without(csw_client, users):
    draft = factories.draft(worker=users["csw"], last_step="outcome")
    due = timezone.localdate() + dt.timedelta(days=3)
    data = {"what": "Ring mum", "owner": "CSW", "due_date_0": due.day, "due_date_1": due.month, "due_date_2": due.year}
    r = csw_client.post(url(draft, "action_add"), {**data, "version": draft.version, "what": ""}, **HX)
    page = r.content.decode()
    assert page.strip().startswith('<div id="actions-live">')
    assert "Enter what will be done" in page and "govuk-error-summary" in page and "<html" not in page
    r = csw_client.post(url(draft, "action_add"), {**data, "version": draft.version}, **HX)
    page = r.content.decode()
    assert "Action added: Ring mum" in page and "Ring mum</td>" in page
    assert f'name="version" value="{fresh(draft).version}"' in page
    # Without JavaScript: the plain form post, then back to the page.
    r = csw_client.post(url(draft, "action_add"), {**data, "version": fresh(draft).version, "what": "Visit"})
    assert r.status_code == 302 and r.url == url(draft, "actions")
    assert list(fresh(draft).actions.values_list("what", flat=True)) == ["Ring mum", "Visit"]


def _decision(prefix, **over):
    data = {f"{prefix}-level": "3", f"{prefix}-outcome": ContactDecision.Outcome.REFERRAL, f"{prefix}-reasons": "Why"}
    data.update({f"{prefix}-{k}": v for k, v in over.items()})
    return data


def test_save_the_call_and_decide_for_each_child_on_the_check_page(csw_client, users):
    draft = factories.complete_draft(worker=users["csw"], children=2)
    page = csw_client.get(url(draft, "check")).content.decode()
    assert "Save the call and record the decision for each child" in page
    data = {
        "version": draft.version,
        "named_problem": "Named",
        "decide": "each",
        **_decision("c0"),
        "c0-version": "0",
        **_decision("c1", outcome=ContactDecision.Outcome.ADVICE, level="2"),
        "c1-version": "0",
    }
    r = csw_client.post(url(draft, "check"), data)
    contact = fresh(draft)
    assert contact.status == Contact.Status.RECORDED
    referral = Referral.objects.get(contact=contact)
    assert r.status_code == 302 and r.url == reverse("referrals:edit", kwargs={"pk": referral.pk})
    assert ContactDecision.objects.filter(contact=contact).count() == 2


def test_the_same_decision_for_all_children_on_the_check_page(csw_client, users):
    draft = factories.complete_draft(worker=users["csw"], children=2)
    data = {"version": draft.version, "named_problem": "Named", "decide": "all", **_decision("all")}
    r = csw_client.post(url(draft, "check"), data)
    assert r.status_code == 302
    assert Referral.objects.filter(contact=draft).count() == 2


def test_a_wrong_decision_saves_nothing_and_keeps_everything_typed(csw_client, users):
    """No reasons for one child: the call is not recorded, the named problem and both decisions are shown again."""
    draft = factories.complete_draft(worker=users["csw"], children=2)
    data = {
        "version": draft.version,
        "named_problem": "Typed during the read-back",
        "decide": "each",
        **_decision("c0"),
        **_decision("c1", reasons=""),
    }
    r = csw_client.post(url(draft, "check"), data)
    page = r.content.decode()
    assert r.status_code == 200 and "Enter the reasons for the decision" in page
    assert "Typed during the read-back" in page and 'id="id_c0-reasons"' in page and ">Why</textarea>" in page
    assert fresh(draft).status == Contact.Status.DRAFT and not ContactDecision.objects.exists()
    # Pressing "decide" with nothing chosen says so.
    r = csw_client.post(url(draft, "check"), {"version": draft.version, "named_problem": "N", "decide": "each"})
    assert "Record a decision for at least one child" in r.content.decode()
    assert fresh(draft).status == Contact.Status.DRAFT


def test_a_refused_decision_rolls_back_the_recording(csw_client, users, monkeypatch):
    """The decision service refuses after the contact was recorded: nothing is kept (one transaction)."""
    from frontdoor.referrals import services as referral_services

    draft = factories.complete_draft(worker=users["csw"], children=1)

    def refuse(**kwargs):
        from django.core.exceptions import ValidationError

        raise referral_services.ChildDecisionRefused(0, ValidationError({"reasons": "Refused by the service"}))

    monkeypatch.setattr(referral_services, "decisions_record_each", refuse)
    data = {"version": draft.version, "named_problem": "Named", "decide": "each", **_decision("c0")}
    r = csw_client.post(url(draft, "check"), data)
    page = r.content.decode()
    assert r.status_code == 200 and "Refused by the service" in page
    assert fresh(draft).status == Contact.Status.DRAFT and fresh(draft).recorded_at is None


def test_a_worker_who_may_not_decide_sees_no_decision_on_the_check_page(users, client_for, monkeypatch):
    from frontdoor.contacts.views import flow

    monkeypatch.setattr(flow, "can_decide", lambda user, contact=None: False)
    draft = factories.complete_draft(worker=users["csw"])
    client = client_for(users["csw"])
    page = client.get(url(draft, "check")).content.decode()
    assert "record the decision" not in page and "Save contact</button>" in page
    r = client.post(url(draft, "check"), {"version": draft.version, "named_problem": "N", "decide": "each"})
    assert r.status_code == 302 and r.url == url(draft, "recorded")
    assert not ContactDecision.objects.exists()
