"""Who has looked at this child (issue 12): every look at the record and at what is about them, managers only."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from frontdoor.audit.models import AuditEvent

from .test_chronology import make_family, november, routed_referral

pytestmark = pytest.mark.django_db

ROLES = ["csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]


@pytest.fixture
def looked_at(users, client_for):
    family, (child, sibling) = make_family()
    referral = routed_referral(users, child, made=november(2), authorised=november(3))
    with time_machine.travel(november(10), tick=False):
        client_for(users["csw"]).get(reverse("people:detail", args=[child.pk]))
    with time_machine.travel(november(20), tick=False):
        client_for(users["receiving"]).get(reverse("referrals:detail", args=[referral.pk]))
        client_for(users["csw2"]).get(reverse("people:detail", args=[sibling.pk]))  # someone else's look
    return child, referral


@pytest.mark.parametrize("role", ROLES)
def test_only_a_manager_sees_who_has_looked(users, client_for, looked_at, role):
    child, _ = looked_at
    response = client_for(users[role]).get(reverse("people:looks", args=[child.pk]))
    assert response.status_code == (200 if role == "manager" else 404)


def test_the_page_lists_looks_at_the_record_and_at_the_referral_about_the_child(users, client_for, looked_at):
    child, referral = looked_at
    html = client_for(users["manager"]).get(reverse("people:looks", args=[child.pk])).content.decode()
    assert f"Viewed the record of {child.full_name}" in html
    assert users["receiving"].username in html and f"{referral.reference}" in html
    assert users["csw2"].username not in html  # they looked at the sibling, not at this child
    assert (
        f'href="{reverse("people:looks", args=[child.pk])}"'
        in client_for(users["manager"]).get(reverse("people:detail", args=[child.pk])).content.decode()
    )


def test_dates_narrow_the_list_and_a_bad_date_is_shown_next_to_the_field(users, client_for, looked_at):
    child, _ = looked_at
    url = reverse("people:looks", args=[child.pk])
    client = client_for(users["manager"])
    html = client.get(url, {"since_0": "15", "since_1": "11", "since_2": "2026"}).content.decode()
    assert users["receiving"].username in html and f"Viewed the record of {child.full_name}" not in html
    response = client.get(url, {"since_0": "31", "since_1": "2", "since_2": "2026"})
    assert response.status_code == 400 and "From must be a real date" in response.content.decode()
    assert 'value="31"' in response.content.decode()


def test_looking_at_who_looked_is_itself_recorded(users, client_for, looked_at):
    child, _ = looked_at
    client_for(users["manager"]).get(reverse("people:looks", args=[child.pk]))
    assert AuditEvent.objects.filter(
        actor=users["manager"], object_id=str(child.pk), summary__startswith="Viewed who has looked"
    ).exists()


def test_query_count_does_not_grow_with_the_history(users, client_for, looked_at, django_assert_max_num_queries):
    child, _ = looked_at
    for day in range(1, 4):
        with time_machine.travel(dt.datetime(2026, 11, 25, day, tzinfo=dt.UTC), tick=False):
            routed_referral(users, child, made=november(21 + day), authorised=november(22 + day))
    client = client_for(users["manager"])
    with django_assert_max_num_queries(36):  # the page's 10, the audit row's 3, the manager's navigation counts
        client.get(reverse("people:looks", args=[child.pk]))
