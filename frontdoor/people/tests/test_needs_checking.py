"""Records that need checking (issue 11): the list for those who keep the index, the note on the record,
and marking it checked (a service, audited, version-locked); every role's row of the permission matrix."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.core.locking import StaleEdit
from frontdoor.people.models import Involvement
from frontdoor.people.record.naming import display_name
from frontdoor.people.record.services import person_needs_checking_clear

from .factories import make_person

pytestmark = pytest.mark.django_db

ROLES = ["csw", "csw2", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]
NOTE = "Imported from people.csv, line 12, on 5 December 2026. Left blank or unknown because given_name was empty."

# (page, method): {role: status}. The list: 403 to every other role. Marking checked: 404 to roles that
# may not see the person at all (as for any record), 403 to those who may see but not mark it.
MATRIX = {
    ("list", "get"): {"csw": 200, "csw2": 200, "manager": 200},
    ("clear", "post"): {
        "csw": 302,
        "csw2": 302,
        "manager": 302,
        # Decision 21: the advisor and the administrator open no person; this baby is not the receiving team's.
        "admin": 404,
        "csa": 404,
        "receiving": 404,
        "mash_partner": 404,
        "analyst": 404,
    },
}


@pytest.fixture
def baby():
    return make_person(
        "", "Hughes", date_of_birth=None, expected_date_of_birth=dt.date(2027, 2, 1), needs_checking=NOTE
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("page", "method"), list(MATRIX))
def test_permission_matrix(client_for, users, baby, role, page, method):
    url = reverse("people:needs_checking") if page == "list" else reverse("people:needs_checking_clear", args=[baby.pk])
    data = {"version": baby.version} if method == "post" else None
    response = getattr(client_for(users[role]), method)(url, data)
    assert response.status_code == MATRIX[(page, method)].get(role, 403), (page, role)
    baby.refresh_from_db()
    assert (baby.needs_checking == "") == (page == "clear" and response.status_code == 302)


def test_the_list_links_each_record_and_is_audited(client_for, users, baby):
    make_person("Clean", "Record")
    one_name = make_person("Tanvir", "", needs_checking="Imported from x.csv, line 3. family_name was empty.")
    response = client_for(users["manager"]).get(reverse("people:needs_checking"))
    html = response.content.decode()
    assert "2 records to check" in html
    assert reverse("people:detail", args=[baby.pk]) + "#needs-checking" in html
    assert "Baby of Hughes" in html and "Tanvir" in html and "Clean Record" not in html
    assert "line 12" in html and "given_name was empty" in html
    event = AuditEvent.objects.filter(action="view", actor=users["manager"]).latest("sequence")
    assert event.changes["people"] == [one_name.person_id, baby.person_id]  # by family name: "" before Hughes
    assert "records that need checking" in event.summary


def test_the_list_is_paginated_in_the_database_with_a_fixed_number_of_queries(client_for, users):
    for i in range(30):
        make_person(f"Given{i:02d}", "Brown", needs_checking=f"line {i}")
    c = client_for(users["manager"])
    c.get(reverse("people:needs_checking"))  # warm the session and the header's counts
    with CaptureQueriesContext(connection) as first:
        page1 = c.get(reverse("people:needs_checking")).content.decode()
    with CaptureQueriesContext(connection) as second:
        page2 = c.get(reverse("people:needs_checking"), {"page": 2}).content.decode()
    assert "Given00 Brown" in page1 and "Given25 Brown" not in page1 and "Given25 Brown" in page2
    assert len(first) == len(second) and len(first) <= 25  # the header's counts and the audit row included


def test_the_home_page_offers_the_list_with_its_count(client_for, users, baby):
    html = client_for(users["manager"]).get("/").content.decode()
    assert 'href="/people/needs-checking/"' in html and "Records that need checking</a> (1)" in html
    assert 'href="/people/needs-checking/"' not in client_for(users["receiving"]).get("/").content.decode()


def test_the_record_shows_the_note_and_marking_it_checked_clears_it(client_for, users, baby):
    c = client_for(users["csw"])
    html = c.get(reverse("people:detail", args=[baby.pk])).content.decode()
    assert "This record needs checking" in html and "line 12" in html and "Mark as checked" in html
    response = c.post(reverse("people:needs_checking_clear", args=[baby.pk]), {"version": baby.version}, follow=True)
    html = response.content.decode()
    assert "The record of Baby of Hughes is marked as checked" in html and "This record needs checking" not in html
    baby.refresh_from_db()
    assert baby.needs_checking == "" and baby.modified_by == users["csw"]
    event = AuditEvent.objects.get(action="change", object_id=str(baby.pk))
    assert event.changes == {"needs_checking": [NOTE, ""]}
    # someone who may see the record but not mark it sees the note without the button
    held = make_person(needs_checking="x")  # a child the receiving practitioner's team holds work for
    Involvement.objects.create(
        person=held, kind="early_help", start_date=dt.date(2026, 1, 5), team=users["receiving"].team
    )
    html = client_for(users["receiving"]).get(reverse("people:detail", args=[held.pk])).content
    assert b"This record needs checking" in html and b"Mark as checked" not in html


def test_marking_checked_from_a_stale_page_is_refused_and_says_why(client_for, users, baby):
    stale = baby.version
    person_needs_checking_clear(actor=users["manager"], person=baby, version=stale)
    response = client_for(users["csw"]).post(
        reverse("people:needs_checking_clear", args=[baby.pk]), {"version": stale}, follow=True
    )
    assert response.status_code == 200 and "changed" in response.content.decode()
    assert AuditEvent.objects.filter(action="change", object_id=str(baby.pk)).count() == 1


def test_the_service_refuses_a_record_that_does_not_need_checking_and_a_role_that_may_not(users, baby):
    clean = make_person("Clean", "Record")
    with pytest.raises(ValidationError):
        person_needs_checking_clear(actor=users["manager"], person=clean, version=clean.version)
    with pytest.raises(PermissionDenied):
        person_needs_checking_clear(actor=users["receiving"], person=baby, version=baby.version)
    with pytest.raises(StaleEdit):
        person_needs_checking_clear(actor=users["manager"], person=baby, version=None)
    baby.refresh_from_db()
    assert baby.needs_checking == NOTE


@pytest.mark.parametrize(
    ("given", "family", "dates", "shown"),
    [
        ("Geraldine", "Hughes", {"date_of_birth": dt.date(2019, 5, 1)}, "Geraldine Hughes"),
        ("Tanvir", "", {"date_of_birth": dt.date(1990, 2, 3)}, "Tanvir"),
        ("", "Hughes", {"expected_date_of_birth": dt.date(2027, 2, 1)}, "Baby of Hughes"),
        ("", "Hughes", {"date_of_birth": dt.date(2026, 11, 20)}, "Baby of Hughes"),
        ("", "Hughes", {"approximate_age": 0}, "Baby of Hughes"),
        ("", "Hughes", {"date_of_birth": dt.date(1980, 1, 1)}, "Hughes"),  # an adult known by one name
        ("", "Hughes", {}, "Hughes"),
        ("", "", {"date_of_birth": dt.date(2026, 11, 20)}, "Unnamed"),
        ("  ", " ", {}, "Unnamed"),
    ],
)
def test_how_a_name_is_shown(given, family, dates, shown):
    assert display_name(given, family, today=dt.date(2026, 12, 5), **dates) == shown
