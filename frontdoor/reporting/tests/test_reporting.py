"""Annex A list 1 is a query over recorded contacts; only analysts, managers and administrators may run it."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.people.models import Person
from frontdoor.reporting import domain
from frontdoor.reporting.selectors import LIST_1_COLUMNS, annex_a_list_1


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"source": "3B", "caller_type": "professional", "agency_kind": "police", "confidential": False}, "3B"),
        ({"source": "", "caller_type": "professional", "agency_kind": "police", "confidential": False}, "6"),
        ({"source": "", "caller_type": "professional", "agency_kind": "housing", "confidential": False}, "4"),
        ({"source": "", "caller_type": "public", "agency_kind": None, "confidential": True}, "9"),
        ({"source": "", "caller_type": "public", "agency_kind": None, "confidential": False}, "1D"),
        ({"source": "", "caller_type": "professional", "agency_kind": None, "confidential": False}, "10"),
    ],
)
def test_derive_source(kwargs, expected):
    assert domain.derive_source(**kwargs) == expected


@pytest.mark.parametrize(
    "fn, value, expected",
    [
        (domain.gender_label, "F", "b) Female"),
        (domain.gender_label, None, "c) Not stated/recorded"),
        (domain.ethnicity_label, "WBRI", "a) WBRI"),
        (domain.source_label, "6", "q) 6: Police"),
        (domain.annex_date, dt.date(2020, 3, 1), "01/03/2020"),
    ],
)
def test_labels(fn, value, expected):
    assert fn(value) == expected


def test_age_in_years_before_and_after_birthday():
    assert domain.age_in_years(dt.date(2015, 6, 10), dt.date(2026, 6, 9)) == 10
    assert domain.age_in_years(dt.date(2015, 6, 10), dt.date(2026, 6, 10)) == 11
    assert domain.age_in_years(None, dt.date(2026, 6, 10)) is None


def _contact(worker, children, when):
    contact = Contact.objects.create(
        reference=f"C{Contact.objects.count() + 1:06d}",
        worker=worker,
        received_at=when,
        status=Contact.Status.RECORDED,
        caller_type="professional",
        recorded_at=when,
        decision_due_at=when + dt.timedelta(days=1),
        agreed_outcome="advice",
    )
    for i, child in enumerate(children):
        ContactPerson.objects.create(
            contact=contact,
            person=child,
            role="child",
            given_name=child.given_name,
            family_name=child.family_name,
            position=i,
        )
    return contact


@pytest.fixture
def two_child_contact(users):
    a = Person.objects.create(
        person_id="P0000001",
        given_name="Ava",
        family_name="Moss",
        sex="F",
        ethnicity="WBRI",
        date_of_birth=dt.date(2016, 5, 2),
    )
    b = Person.objects.create(
        person_id="P0000002",
        given_name="Leo",
        family_name="Moss",
        sex="M",
        ethnicity="MWBC",
        date_of_birth=dt.date(2019, 1, 20),
    )
    when = dt.datetime(2026, 11, 2, 10, 30, tzinfo=timezone.get_current_timezone())
    return _contact(users["csw"], [a, b], when)


def test_list_1_has_one_row_per_child_per_contact(users, two_child_contact):
    rows = annex_a_list_1(user=users["analyst"], start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    assert rows == [
        ["P0000001", "b) Female", "a) WBRI", "02/05/2016", 10, "02/11/2026", "u) 10: Unknown"],
        ["P0000002", "a) Male", "f) MWBC", "20/01/2019", 7, "02/11/2026", "u) 10: Unknown"],
    ]
    assert annex_a_list_1(user=users["analyst"], start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31)) == []


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("csw", False),
        ("manager", True),
        ("csa", False),
        ("mash_partner", False),
        ("receiving", False),
        ("analyst", True),
        ("admin", True),
    ],
)
def test_report_views_permissions(users, client_for, role, allowed):
    client = client_for(users[role])
    for url in [
        "/reporting/",
        "/reporting/annex-a/list-1/?start_0=1&start_1=11&start_2=2026&end_0=30&end_1=11&end_2=2026",
    ]:
        assert client.get(url).status_code == (200 if allowed else 403), url
    assert AuditEvent.objects.filter(action="export").count() == (1 if allowed else 0)


def test_list_1_csv_download(users, client_for, two_child_contact):
    response = client_for(users["analyst"]).get(
        "/reporting/annex-a/list-1/?start_0=1&start_1=11&start_2=2026&end_0=30&end_1=11&end_2=2026&format=csv"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == LIST_1_COLUMNS
    assert len(rows) == 3
    (export,) = AuditEvent.objects.filter(action="export")
    assert export.actor == users["analyst"]
    assert export.changes == {
        "report": "annex_a_list_1",
        "start": "2026-11-01",
        "end": "2026-11-30",
        "format": "csv",
        "rows": 2,
    }


def test_list_1_xlsx_download(users, client_for, two_child_contact):
    from openpyxl import load_workbook

    response = client_for(users["manager"]).get(
        "/reporting/annex-a/list-1/?start_0=1&start_1=11&start_2=2026&end_0=30&end_1=11&end_2=2026&format=xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == LIST_1_COLUMNS
    assert sheet.max_row == 3
    (export,) = AuditEvent.objects.filter(action="export")
    assert export.actor == users["manager"] and export.changes["format"] == "xlsx" and export.changes["rows"] == 2


def test_bad_period_shows_errors_and_keeps_input(users, client_for):
    response = client_for(users["analyst"]).get(
        "/reporting/annex-a/list-1/?start_0=31&start_1=2&start_2=2026&end_0=1&end_1=1&end_2="
    )
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="export").exists()
    body = response.content.decode()
    assert "Start date must be a real date" in body
    assert "End date must include a year" in body
    assert 'value="31"' in body


@pytest.mark.parametrize("url", ["/reporting/", "/reporting/annex-a/list-1/"])
def test_a_25_digit_year_is_a_form_error_not_a_server_error(users, client_for, url):
    """Every date is typed into the one GOV.UK date field; a year too big for Python is 'not a real date'."""
    year = "9" * 25
    params = {"start_0": "1", "start_1": "1", "start_2": year, "end_0": "2", "end_1": "1", "end_2": "2026"}
    response = client_for(users["analyst"]).get(url, params)
    assert response.status_code in (200, 400)  # the download answers 400 with the form and its errors
    body = response.content.decode()
    assert "Start date must be a real date" in body and f'value="{year}"' in body
