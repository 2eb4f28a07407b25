"""The family chronology: contacts, referrals and what happened next, MASH outcomes and involvements,
newest first, linked only where the user may open the record, in a fixed number of queries."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontdoor.contacts.models import ContactPerson
from frontdoor.contacts.tests.factories import draft
from frontdoor.directory.models import Team
from frontdoor.mash import services as mash_services
from frontdoor.mash.tests.factories import request_make
from frontdoor.people.family.chronology import CONTACTS, INVOLVEMENTS, REFERRALS, chronology_filter
from frontdoor.people.family.members import family_for
from frontdoor.people.models import Involvement
from frontdoor.people.selectors import family_chronology
from frontdoor.referrals import services
from frontdoor.referrals.tests.factories import contact_make, referral_make

from .factories import make_person, relate

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def november(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=LONDON)


def make_family(children: int = 2, family_name: str = "Testfamily"):
    """Two parents (partners) and their children, all related as the person index records them."""
    mum = make_person("Sarah", family_name, sex="F", date_of_birth=dt.date(1988, 5, 1))
    dad = make_person("Liam", family_name, sex="M", date_of_birth=dt.date(1986, 2, 2))
    relate(mum, "partner", dad)
    kids = []
    for n in range(children):
        kid = make_person(f"Child{n}", family_name, date_of_birth=dt.date(2015 + n, 3, 4))
        for parent in (mum, dad):
            relate(parent, "parent", kid, parental_responsibility=True, same_household=True)
        kids.append(kid)
    return family_for(kids[0]), kids


def routed_referral(users, child, *, made, authorised, team="fast-norwich"):
    """A referral about `child` made (with its contact) at `made` and authorised and routed at `authorised`."""
    with time_machine.travel(made, tick=False):
        referral = referral_make(worker=users["csw"], child=child, team=Team.objects.get(code=team))
    with time_machine.travel(authorised, tick=False):
        return services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)


def milestone(users, referral, kind, day, **fields):
    with time_machine.travel(november(25), tick=False):
        return services.milestone_record(
            actor=users["manager"], referral=referral, kind=kind, date=dt.date(2026, 11, day), **fields
        )


def titles(events, who=None):
    return [e.what for e in events if who is None or e.who == who]


def test_a_referral_and_everything_that_happened_next_newest_first(users):
    """Contact, referral made and sent, authorised, routed, each milestone and the plan: one dated row each."""
    family, (child, _) = make_family()
    referral = routed_referral(users, child, made=november(2), authorised=november(3, 11))
    milestone(users, referral, "assessment_started", 3)
    milestone(users, referral, "strategy_discussion", 4)
    milestone(users, referral, "s47_started", 4)
    milestone(users, referral, "s47_outcome", 10, s47_outcome="icpc")
    milestone(users, referral, "icpc", 16)
    milestone(users, referral, "cp_plan", 16, cp_category="NEG")
    Involvement.objects.create(person=child, kind="cp_plan", start_date=dt.date(2026, 11, 16), cp_category="NEG")

    events = family_chronology(user=users["csw"], family=family)

    ref = referral.reference
    assert titles(events) == [
        "Child protection plan started",  # the milestone
        "Initial child protection conference",
        "Child protection plan started",  # the involvement in the person index
        "Section 47 enquiry outcome",
        "Section 47 enquiry started",
        "Strategy discussion",
        "Single assessment started",
        "Routed to FAST Norwich",
        f"Referral {ref} authorised",
        f"Referral {ref} sent for authorisation",
        f"Referral {ref} made",
        f"Contact {referral.contact.reference}",
    ]
    assert {e.who for e in events} == {child.full_name}
    by_title = {e.what: e for e in reversed(events)}
    assert by_title["Child protection plan started"].detail == f"Referral {ref}; Category: Neglect"
    assert by_title["Child protection plan started"].kind == REFERRALS
    assert (
        "Concerns substantiated: initial child protection conference" in by_title["Section 47 enquiry outcome"].detail
    )
    assert by_title[f"Referral {ref} made"].detail == "Level of need: Level 4: Specialist, acute"
    assert by_title[f"Referral {ref} authorised"].by == str(users["manager"])
    assert by_title[f"Referral {ref} authorised"].detail.startswith("Disposal: 4. Suspected significant harm")
    assert by_title[f"Referral {ref} authorised"].when == dt.date(2026, 11, 3)
    assert by_title["Strategy discussion"].when == dt.date(2026, 11, 4)
    contact = by_title[f"Contact {referral.contact.reference}"]
    assert contact.kind == CONTACTS and "Decision: Progress to referral (Level 4: Specialist, acute)" in contact.detail


def test_return_closure_and_disposal_one_are_dated(users):
    """A returned referral shows who returned it and when; closure shows its DfE reason; disposal 1 closes."""
    family, (first, second) = make_family()
    with time_machine.travel(november(2), tick=False):
        returned = referral_make(worker=users["csw"], child=first)
    with time_machine.travel(november(3, 9), tick=False):
        services.referral_return(
            actor=users["manager"], referral=returned, version=returned.version, reasons="Ask the school first"
        )
    closed = routed_referral(users, second, made=november(5), authorised=november(5, 15))
    milestone(users, closed, "closure", 20, closure_reason="RC8")
    with time_machine.travel(november(21), tick=False):
        front_door = referral_make(worker=users["csw"], child=second, disposal=1)
    with time_machine.travel(november(22), tick=False):
        services.referral_authorise(actor=users["manager"], referral=front_door, version=front_door.version)

    events = {e.what: e for e in family_chronology(user=users["csw"], family=family)}

    back = events[f"Referral {returned.reference} returned to the worker"]
    assert back.when == dt.date(2026, 11, 3) and back.by == str(users["manager"])
    assert "Ask the school first" not in back.detail
    assert events["Case closed"].detail == (
        f"Referral {closed.reference}; Reason: Case closed after assessment, no further action"
    )
    assert f"Referral {closed.reference} closed" not in events  # the closure milestone says it once
    assert events[f"Referral {front_door.reference} closed"].detail == "Closed at the front door"
    assert events[f"Referral {front_door.reference} closed"].when == dt.date(2026, 11, 22)


def test_one_row_a_contact_naming_several_of_the_family(users):
    """A call naming a child and her mother is one event about both, not one per person named."""
    family, (child, _) = make_family()
    mum = next(p for p in family.people if p.given_name == "Sarah")
    contact = contact_make(worker=users["csw"], child=child, agreed_outcome="advice")
    ContactPerson.objects.create(contact=contact, person=mum, role="parent_carer", given_name="Sarah", position=2)

    events = [e for e in family_chronology(user=users["csw"], family=family) if e.kind == CONTACTS]

    assert len(events) == 1
    assert events[0].who == f"{mum.full_name}, {child.full_name}"  # the family's order: parents first
    assert events[0].detail == "Outcome: Advice only"


def test_mash_enquiry_shows_its_outcome_never_the_partners_answer(users, client_for):
    """Opened and concluded, with the outcome; not the reason, the analysis, the question or the answer."""
    family, (child, _) = make_family()
    contact = contact_make(worker=users["csw"], child=child)
    enquiry = mash_services.enquiry_open(actor=users["csw"], contact=contact, reason="SECRET-REASON")
    request = request_make(actor=users["csw"], enquiry=enquiry)
    mash_services.request_answer(
        actor=users["mash_partner"], request=request, answer="SECRET-PARTNER-ANSWER", version=request.version
    )
    enquiry.refresh_from_db()
    mash_services.enquiry_conclude(
        actor=users["csw"], enquiry=enquiry, analysis="SECRET-ANALYSIS", outcome="strategy", version=enquiry.version
    )

    events = {e.what: e for e in family_chronology(user=users["csw"], family=family)}
    concluded = events[f"MASH enquiry {enquiry.reference} concluded"]
    assert concluded.detail == "Outcome: Strategy discussion: Section 47 threshold may be met"
    assert concluded.url == reverse("mash:detail", args=[enquiry.pk])
    assert f"MASH enquiry {enquiry.reference} opened" in events

    html = client_for(users["manager"]).get(reverse("people:family", args=[child.pk])).content.decode()
    assert "Strategy discussion: Section 47 threshold may be met" in html
    for secret in ("SECRET-REASON", "SECRET-PARTNER-ANSWER", "SECRET-ANALYSIS", request.question):
        assert secret not in html


def test_links_only_to_what_the_role_may_open(users):
    """Front door workers open contacts, referrals and MASH enquiries; a receiving practitioner only their
    team's referrals and what is behind them; a customer service advisor sees the events but opens none."""
    family, (child, sibling) = make_family()
    ours = routed_referral(users, child, made=november(2), authorised=november(3))  # FAST Norwich: receiving's team
    theirs = routed_referral(users, sibling, made=november(4), authorised=november(5), team="family-support-norwich")
    mash_services.enquiry_open(actor=users["csw"], contact=ours.contact, reason="Injury")
    ours_url = reverse("referrals:detail", args=[ours.pk])
    theirs_url = reverse("referrals:detail", args=[theirs.pk])

    def urls(role):
        return {e.url for e in family_chronology(user=users[role], family=family)} - {""}

    front_door = urls("csw")
    assert {ours_url, theirs_url, reverse("contacts:detail", args=[ours.contact.pk])} <= front_door
    assert any(u.startswith("/mash/") for u in front_door)
    assert urls("manager") == front_door
    # A receiving practitioner opens their team's referral, and the contact and MASH enquiry behind it.
    receiving = urls("receiving")
    assert {ours_url, reverse("contacts:detail", args=[ours.contact.pk])} <= receiving
    assert theirs_url not in receiving and reverse("contacts:detail", args=[theirs.contact.pk]) not in receiving
    assert len([u for u in receiving if u.startswith("/mash/")]) == 1
    for role in ("csa", "mash_partner", "analyst", "admin"):  # roles that never see the family page (issue 12)
        assert family_chronology(user=users[role], family=family) == []


def test_a_draft_shows_only_to_whoever_may_open_it(users):
    """Another worker's draft call is not in the chronology; the worker's own is, marked as a draft."""
    family, (child, _) = make_family()
    call = draft(worker=users["csw2"])
    ContactPerson.objects.create(contact=call, person=child, role="child", given_name=child.given_name)

    assert not [e for e in family_chronology(user=users["csw"], family=family) if e.kind == CONTACTS]
    (own,) = [e for e in family_chronology(user=users["csw2"], family=family) if e.kind == CONTACTS]
    assert own.detail.startswith("Draft") and own.url == reverse("contacts:detail", args=[call.pk])


def _queries(user, family) -> int:
    with CaptureQueriesContext(connection) as captured:
        family_chronology(user=user, family=family)
    return len(captured)


def _busy(users, family, start_day: int):
    """Each member: a contact, a referral routed to FAST with milestones, a MASH enquiry, an involvement."""
    for n, person in enumerate(family.people):
        day = start_day + n
        referral = routed_referral(users, person, made=november(day), authorised=november(day, 15))
        milestone(users, referral, "strategy_discussion", day)
        milestone(users, referral, "s47_started", day)
        contact_make(worker=users["csw"], child=person)
        mash_services.enquiry_open(actor=users["csw"], contact=referral.contact, reason="Injury")
        Involvement.objects.create(person=person, kind="open_case", start_date=dt.date(2026, 1, 1))


@pytest.mark.parametrize("role", ["csw", "receiving"])
def test_fixed_number_of_queries_whatever_the_family_size(users, role):
    """A family of 6, every member with contacts, a referral, milestones and more, costs what a family of 2 does."""
    small, _ = make_family(children=1, family_name="Small")
    big, _ = make_family(children=4, family_name="Big")
    assert len(small.people) == 3 and len(big.people) == 6
    _busy(users, small, 1)
    _busy(users, big, 5)

    assert len(family_chronology(user=users[role], family=big)) > 6 * 8
    # 8 for a receiving practitioner: whether their team holds this family (decision 21); one more for
    # everyone: whether the record is restricted from them (decision 26)
    assert _queries(users[role], big) == _queries(users[role], small) <= (9 if role == "receiving" else 8)


def test_filter_by_kind(users):
    """?show= picks one kind; anything else shows all; each option counts its events."""
    family, (child, _) = make_family()
    routed_referral(users, child, made=november(2), authorised=november(3))
    Involvement.objects.create(person=child, kind="open_case", start_date=dt.date(2026, 1, 1))
    events = family_chronology(user=users["csw"], family=family)

    shown = chronology_filter(events, "referrals")
    assert shown["selected"] == REFERRALS and {e.kind for e in shown["events"]} == {REFERRALS}
    assert [o["count"] for o in shown["options"]] == [len(events), 1, 4, 1]
    assert chronology_filter(events, "nonsense")["events"] == events
    assert [e.kind for e in chronology_filter(events, "involvements")["events"]] == [INVOLVEMENTS]


def test_family_page_shows_the_chronology_and_filters_without_javascript(users, client_for):
    """The timeline has dates as "3 November 2026", links, and a filter made of plain links."""
    family, (child, _) = make_family()
    referral = routed_referral(users, child, made=november(2), authorised=november(3))
    url = reverse("people:family", args=[child.pk])
    client = client_for(users["csw"])

    html = client.get(url).content.decode()
    assert "moj-timeline" in html and "3 November 2026" in html
    assert f'href="{reverse("referrals:detail", args=[referral.pk])}"' in html
    assert f'href="{reverse("contacts:detail", args=[referral.contact.pk])}"' in html
    assert f'href="{url}?show=referrals#chronology"' in html

    html = client.get(url, {"show": "contacts"}).content.decode()
    assert f"Contact {referral.contact.reference}" in html and f"Referral {referral.reference} made" not in html
    assert 'aria-current="page" href="' + url + '?show=contacts#chronology"' in html

    assert client_for(users["csa"]).get(url).status_code == 404  # the advisor never opens a family (issue 12)
    receiving = client_for(users["receiving"]).get(url).content.decode()  # the referral was routed to their team
    assert f"Referral {referral.reference} made" in receiving
    assert reverse("referrals:detail", args=[referral.pk]) in receiving


def test_family_page_query_count_is_bounded(users, client_for, django_assert_max_num_queries):
    """The whole family page, chronology and navigation counts included, for a busy family of 6."""
    family, _ = make_family(children=4)
    _busy(users, family, 1)
    client = client_for(users["csw"])
    # every app's navigation counts; the audit chain's head (2); decisions per child (1); which members are
    # restricted from the reader (1, decision 26)
    with django_assert_max_num_queries(28):
        client.get(reverse("people:family", args=[family.root.pk]))
