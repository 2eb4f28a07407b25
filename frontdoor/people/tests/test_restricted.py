"""Restricted records and break-glass (issue 12, deliverable 2; decision 26)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.audit.models import AuditEvent
from frontdoor.directory.models import Team
from frontdoor.people.models import BreakGlass, Involvement, Restriction
from frontdoor.people.permissions import can_view_person, held_people, restricted_person_ids_for
from frontdoor.people.restricted import services
from frontdoor.people.selectors import person_get, person_search

from .factories import make_person, relate

pytestmark = pytest.mark.django_db
PASSWORD = "test-password-123"


@pytest.fixture
def restricted(users):
    """Xanthe, restricted by the manager to csw (named); csw2 is not named."""
    child = make_person("Xanthe", "Restrictedson", date_of_birth=dt.date(2016, 2, 3), postcode="NR1 2AB")
    mum = make_person("Sarah", "Restrictedson", date_of_birth=dt.date(1988, 5, 1))
    relate(mum, "parent", child, parental_responsibility=True)
    restriction = services.restriction_create(
        actor=users["manager"],
        person=child,
        reason="A staff member's child",
        named_users=[users["csw"]],
        named_teams=[],
    )
    return {"child": child, "mum": mum, "restriction": restriction}


def detail(pk):
    return reverse("people:detail", args=[pk])


# The rules --------------------------------------------------------------------------------------------


def test_named_user_and_restricting_manager_open_it_others_do_not(users, restricted):
    """A restriction overrides 'the front door reads everyone', except for who it names and who made it."""
    child = restricted["child"]
    assert can_view_person(users["csw"], child)
    assert can_view_person(users["manager"], child)
    assert not can_view_person(users["csw2"], child)
    assert person_get(user=users["csw2"], pk=child.pk) is None
    assert person_get(user=users["csw"], pk=child.pk) == child
    # the mother is not restricted
    assert can_view_person(users["csw2"], restricted["mum"])


def test_a_named_team_opens_it(users, restricted):
    team = Team.objects.get(code="fast-norwich")
    services.restriction_change(
        actor=users["manager"],
        restriction=restricted["restriction"],
        reason="Police",
        named_users=[],
        named_teams=[team],
    )
    child = restricted["child"]
    receiving = users["receiving"]
    Involvement.objects.create(person=child, kind="open_case", start_date=dt.date(2025, 9, 1), team=team)
    assert can_view_person(receiving, child)
    assert not can_view_person(users["csw"], child)  # no longer named


def test_others_see_the_notice_naming_the_manager(users, restricted, client_for):
    """403, a GOV.UK page naming the manager, on the record, the family page and an edit page; no details."""
    manager = users["manager"]
    client = client_for(users["csw2"])
    child = restricted["child"]
    for url in (
        detail(child.pk),
        reverse("people:family", args=[child.pk]),
        reverse("people:details_edit", args=[child.pk]),
    ):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 403, url
        assert f"This record is restricted. Ask {manager.get_full_name()}." in page
        assert "Xanthe" not in page and "Restrictedson" not in page and "NR1 2AB" not in page
    assert AuditEvent.objects.filter(actor=users["csw2"], action="refused").exists()


def test_someone_who_would_not_see_it_anyway_gets_not_found(users, restricted, client_for):
    """A receiving practitioner whose team holds no work for the child: 404, not the notice."""
    assert client_for(users["receiving"]).get(detail(restricted["child"].pk)).status_code == 404


def test_search_shows_a_restricted_record_without_details(users, restricted):
    found = person_search(user=users["csw2"], text="Xanthe Restrictedson")
    match = next(m for m in found if m.person.pk == restricted["child"].pk)
    assert match.restricted and match.reasons == [] and not match.flags
    named = person_search(user=users["csw"], text="Xanthe Restrictedson")
    assert not next(m for m in named if m.person.pk == restricted["child"].pk).restricted


def test_search_page_says_restricted_record(users, restricted, client_for):
    client = client_for(users["csw2"])
    response = client.post(reverse("people:search"), {"q": "Xanthe Restrictedson"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Restricted record" in page
    assert "Restrictedson" not in page and "3 Feb 2016" not in page


# Break-glass ----------------------------------------------------------------------------------------


def test_wrong_password_is_refused_and_audited(users, restricted):
    with pytest.raises(ValidationError):
        services.break_glass(
            actor=users["csw2"], person=restricted["child"], reason="Child at hospital", password="wrong"
        )
    assert not BreakGlass.objects.exists()
    refused = AuditEvent.objects.get(actor=users["csw2"], action="refused", object_id=str(restricted["child"].pk))
    assert refused.changes["break_glass"] is True and refused.changes["reason"] == "Child at hospital"
    assert not can_view_person(users["csw2"], restricted["child"])


def test_wrong_password_on_the_page_keeps_the_reason(users, restricted, client_for):
    url = reverse("people:break_glass", args=[restricted["child"].pk])
    response = client_for(users["csw2"]).post(url, {"reason": "Child at hospital", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "The password is not right" in page and "Child at hospital" in page


def test_break_glass_opens_for_sixty_minutes_then_closes(users, restricted, client_for):
    child = restricted["child"]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        response = client_for(users["csw2"]).post(
            reverse("people:break_glass", args=[child.pk]), {"reason": "Child at hospital", "password": PASSWORD}
        )
        assert response.status_code == 302 and response["Location"] == detail(child.pk)
        grant = BreakGlass.objects.get(user=users["csw2"], person=child)
        assert grant.expires_at - grant.granted_at == dt.timedelta(minutes=60)
        event = AuditEvent.objects.get(action="break_glass", actor=users["csw2"])
        assert event.object_id == str(child.pk) and event.changes["reason"] == "Child at hospital"
        assert client_for(users["csw2"]).get(detail(child.pk)).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=59), tick=False):
        assert can_view_person(users["csw2"], child)
    with time_machine.travel(start + dt.timedelta(minutes=60, seconds=1), tick=False):
        assert not can_view_person(users["csw2"], child)
        assert client_for(users["csw2"]).get(detail(child.pk)).status_code == 403


def test_break_glass_minutes_is_a_setting(users, restricted, settings):
    settings.FRONTDOOR_BREAK_GLASS_MINUTES = 15
    grant = services.break_glass(actor=users["csw2"], person=restricted["child"], reason="Now", password=PASSWORD)
    assert grant.expires_at - grant.granted_at == dt.timedelta(minutes=15)


def test_the_restricting_manager_is_told(users, restricted, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.break_glass(actor=users["csw2"], person=restricted["child"], reason="Hospital", password=PASSWORD)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [users["manager"].email] and "Hospital" in message.body
    assert "Restrictedson" not in message.body
    home = client_for(users["manager"]).get(reverse("ui:home")).content.decode()
    assert "Restricted records opened" in home and "broke the glass 1 time" in home


def test_a_single_sign_on_user_gives_their_code(users, restricted):
    """No local password: the second-factor code; with no second factor either, break-glass is refused."""
    user = users["csw2"]
    user.set_unusable_password()
    user.save()
    assert services.break_glass_way(user) == ""
    with pytest.raises(ValidationError):
        services.break_glass(actor=user, person=restricted["child"], reason="Now", code="123456")
    assert AuditEvent.objects.filter(actor=user, action="refused").exists()
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    device.token_set.create(token="abcd1234")
    assert services.break_glass_way(user) == "code"
    services.break_glass(actor=user, person=restricted["child"], reason="Now", code="abcd1234")
    assert can_view_person(user, restricted["child"])


def test_break_glass_is_for_restricted_records_only(users, restricted):
    with pytest.raises(ValidationError):
        services.break_glass(actor=users["csw2"], person=restricted["mum"], reason="x", password=PASSWORD)
    with pytest.raises(ValidationError):  # a receiving practitioner who would not see the child anyway
        services.break_glass(actor=users["receiving"], person=restricted["child"], reason="x", password=PASSWORD)


# Restricting, changing, lifting: audited with before and after --------------------------------------


def test_restrict_change_and_lift_are_audited(users, restricted):
    restriction = restricted["restriction"]
    made = AuditEvent.objects.get(action="create", object_id=str(restriction.pk))
    assert made.changes["after"]["named_users"] == [users["csw"].username]
    services.restriction_change(
        actor=users["manager"],
        restriction=restriction,
        reason="Police investigation",
        named_users=[users["csw2"]],
        named_teams=[],
    )
    changed = AuditEvent.objects.get(action="change", object_id=str(restriction.pk))
    assert changed.changes["before"]["named_users"] == [users["csw"].username]
    assert changed.changes["after"]["named_users"] == [users["csw2"].username]
    assert changed.changes["after"]["reason"] == "Police investigation"
    services.restriction_lift(actor=users["manager"], restriction=restriction, reason="Investigation closed")
    lifted = AuditEvent.objects.get(action="archive", object_id=str(restriction.pk))
    assert lifted.changes["before"]["in_force"] and not lifted.changes["after"]["in_force"]
    assert can_view_person(users["csw"], restricted["child"])
    assert Restriction.objects.filter(person=restricted["child"]).count() == 1  # kept, not deleted


def test_only_a_manager_restricts(users):
    child = make_person("Amy", "Other")
    with pytest.raises(ValidationError):
        services.restriction_create(actor=users["csw"], person=child, reason="x", named_users=[], named_teams=[])


def test_restrict_page_flow(users, client_for):
    child = make_person("Amy", "Pageson")
    manager = client_for(users["manager"])
    assert "Restrict this record" in manager.get(detail(child.pk)).content.decode()
    url = reverse("people:restrict", args=[child.pk])
    response = manager.post(url, {"reason": "", "named_users": [str(users["csw"].pk)]})
    assert response.status_code == 200 and "Enter why this record is restricted" in response.content.decode()
    response = manager.post(url, {"reason": "Staff child", "named_users": [str(users["csw"].pk)]})
    assert response.status_code == 302
    assert Restriction.objects.get(person=child).named_users.get() == users["csw"]
    assert client_for(users["csw2"]).get(detail(child.pk)).status_code == 403
    lift = reverse("people:restriction_lift", args=[child.pk])
    assert manager.post(lift, {"lift_reason": "No longer needed"}).status_code == 302
    assert client_for(users["csw2"]).get(detail(child.pk)).status_code == 200


# Contacts, referrals and letters about a restricted person -------------------------------------------


def test_calls_and_referrals_about_a_restricted_child_are_hidden(users, restricted):
    from frontdoor.contacts.selectors import contact_get
    from frontdoor.letters.permissions import can_view_letters
    from frontdoor.referrals.selectors import referral_get
    from frontdoor.referrals.tests.factories import referral_make

    manager2 = user_for_role(Role.TEAM_MANAGER)
    referral = referral_make(worker=users["csw"], child=restricted["child"])
    contact = referral.contact
    assert contact_get(user=users["csw"], pk=contact.pk, audit=False) is not None  # took the call, and named
    assert contact_get(user=users["csw2"], pk=contact.pk, audit=False) is None
    assert referral_get(user=users["csw2"], pk=referral.pk) is None
    assert referral_get(user=users["manager"], pk=referral.pk) is not None
    assert not can_view_letters(manager2, contact)  # a manager of the worker's team, not named
    services.break_glass(actor=users["csw2"], person=restricted["child"], reason="Now", password=PASSWORD)
    assert contact_get(user=users["csw2"], pk=contact.pk, audit=False) is not None
    assert referral_get(user=users["csw2"], pk=referral.pk) is not None


def test_restricted_ids_is_one_query(users, restricted, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert list(restricted_person_ids_for(users["csw2"]).values_list("person_id", flat=True)) == [
            restricted["child"].pk
        ]
    from frontdoor.people.models import Person

    with django_assert_num_queries(1):
        assert restricted["child"] not in list(Person.objects.filter(held_people(users["csw2"])))


# Query-count guards -----------------------------------------------------------------------------------


def test_break_glass_log_queries_do_not_grow(users, restricted, client_for, django_assert_max_num_queries):
    client = client_for(users["manager"])
    url = reverse("people:break_glass_log")
    services.break_glass(actor=users["csw2"], person=restricted["child"], reason="One", password=PASSWORD)
    client.get(url)
    with django_assert_max_num_queries(25) as one:
        client.get(url)
    for n in range(5):
        other = make_person("Kid", f"Number{n}")
        services.restriction_create(actor=users["manager"], person=other, reason="x", named_users=[], named_teams=[])
        services.break_glass(actor=users["csw2"], person=other, reason=f"Reason {n}", password=PASSWORD)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert "Reason 4" in page and "One" in page


def test_search_queries_do_not_grow_with_restricted_results(users, client_for, django_assert_max_num_queries):
    client = client_for(users["csw2"])
    for n in range(2):
        make_person("Zed", "Samename", date_of_birth=dt.date(2015, 1, n + 1))
    client.post(reverse("people:search"), {"q": "Zed Samename"}, HTTP_HX_REQUEST="true")
    with django_assert_max_num_queries(40) as before:
        client.post(reverse("people:search"), {"q": "Zed Samename"}, HTTP_HX_REQUEST="true")
    for n in range(4):
        p = make_person("Zed", "Samename", date_of_birth=dt.date(2015, 2, n + 1))
        services.restriction_create(actor=users["manager"], person=p, reason="x", named_users=[], named_teams=[])
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = client.post(reverse("people:search"), {"q": "Zed Samename"}, HTTP_HX_REQUEST="true").content.decode()
    assert page.count("Restricted record") == 4


def test_a_relative_s_pages_leave_the_restricted_member_out(users, restricted, client_for):
    """The mother's record and family page do not name the restricted child to someone not named."""
    mum = restricted["mum"]
    client = client_for(users["csw2"])
    record = client.get(detail(mum.pk)).content.decode()
    family = client.get(reverse("people:family", args=[mum.pk])).content.decode()
    assert "Sarah" in record and "Xanthe" not in record
    assert "Sarah" in family and "Xanthe" not in family and "1 family member not shown" in family
    named = client_for(users["csw"]).get(reverse("people:family", args=[mum.pk])).content.decode()
    assert "Xanthe" in named


def test_the_family_chronology_leaves_out_the_restricted_child_s_referral(users, restricted):
    from frontdoor.people.selectors import family_chronology, family_get
    from frontdoor.referrals.tests.factories import referral_make

    referral = referral_make(worker=users["csw"], child=restricted["child"])
    from frontdoor.contacts.models import ContactPerson

    ContactPerson.objects.create(contact=referral.contact, person=restricted["mum"], role="adult", given_name="Sarah")
    family = family_get(user=users["csw2"], person=restricted["mum"])
    events = family_chronology(user=users["csw2"], family=family)
    assert not [e for e in events if referral.reference in e.what]
    assert all(not e.url or "/contacts/" not in e.url for e in events)  # the call names Xanthe: no link
    named = family_chronology(user=users["csw"], family=family_get(user=users["csw"], person=restricted["mum"]))
    assert [e for e in named if referral.reference in e.what]


def test_who_has_looked_shows_the_restriction_and_the_break_glass(users, restricted, client_for):
    services.break_glass(actor=users["csw2"], person=restricted["child"], reason="Hospital", password=PASSWORD)
    page = client_for(users["manager"]).get(reverse("people:looks", args=[restricted["child"].pk])).content.decode()
    assert "Restricted the record of person" in page and "Broke the glass on the restricted record" in page


def test_a_manager_who_broke_the_glass_reads_but_cannot_lift(users, restricted, client_for):
    manager2 = user_for_role(Role.TEAM_MANAGER)
    services.break_glass(actor=manager2, person=restricted["child"], reason="Urgent", password=PASSWORD)
    client = client_for(manager2)
    assert client.get(detail(restricted["child"].pk)).status_code == 200
    assert client.get(reverse("people:restrict", args=[restricted["child"].pk])).status_code == 403
    assert (
        client.post(reverse("people:restriction_lift", args=[restricted["child"].pk]), {"lift_reason": "x"}).status_code
        == 403
    )
    with pytest.raises(ValidationError):
        services.restriction_lift(actor=manager2, restriction=restricted["restriction"], reason="x")


# Where a call or the contact centre meets a restricted record ---------------------------------------


def test_the_advisors_check_says_restricted_and_names_no_worker(users, restricted):
    from frontdoor.customer_service.selectors import allocation_check

    Involvement.objects.create(
        person=restricted["child"], kind="open_case", start_date=dt.date(2026, 1, 5), worker_name="Kim Allen"
    )
    (found,) = [r for r in allocation_check(user=users["csa"], text="Xanthe Restrictedson") if r.person_pk]
    assert found.name == "Restricted record: pass the call to CADS"
    assert found.allocated_worker == "" and found.date_of_birth is None and found.postcode == ""


def test_the_calls_match_choice_shows_a_restricted_record_without_details(users, restricted):
    from django.template.loader import render_to_string

    matches = person_search(user=users["csw2"], text="Xanthe Restrictedson")
    html = render_to_string(
        "contacts/steps/_match_fields.html",
        {"matches": matches, "form": None, "person_form": None, "replay": [], "heading": True},
    )
    assert restricted["child"].person_id in html and "a restricted record" in html
    assert "Xanthe" not in html and "3 February 2016" not in html and "NR1 2AB" not in html
