"""Annex A list 1 carries only national codes and labels (issue 11, deliverable 9): every coded column of the
downloaded sheet is read back and each value checked against the standard's allowed values; a child known
only by an approximate age has an age; a child linked to a record is reported with the record's values."""

import csv
import datetime as dt
import io
import itertools

import pytest
from django.utils import timezone

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.core import codes
from frontdoor.core.codes import STANDARDS_DIR
from frontdoor.people.models import Person
from frontdoor.reporting import domain
from frontdoor.reporting.selectors import LIST_1_COLUMNS

pytestmark = pytest.mark.django_db

URL = "/reporting/annex-a/list-1/?start_0=1&start_1=11&start_2=2026&end_0=30&end_1=11&end_2=2026&format="
WHEN = dt.datetime(2026, 11, 2, 10, 30)  # noqa: DTZ001 (made aware in the local zone below)
_refs = itertools.count(1)


def _standard_list_1() -> dict[str, dict]:
    """The standard's List 1 columns, read straight from the file (not through the code under test)."""
    with (STANDARDS_DIR / "annex_a_lists_1-5_columns.csv").open(encoding="utf-8-sig", newline="") as f:
        return {row["column"]: row for row in csv.DictReader(f) if row["list"] == "List 1"}


def _contact(*, source="", caller_type="professional", confidential=False, when=WHEN):
    from frontdoor.accounts.models import User

    at = timezone.make_aware(when)
    return Contact.objects.create(
        reference=f"C{next(_refs):06d}",
        worker=User.objects.filter(role="csw").first(),
        received_at=at,
        status=Contact.Status.RECORDED,
        caller_type=caller_type,
        caller_confidential=confidential,
        source=source,
        recorded_at=at,
        decision_due_at=at + dt.timedelta(days=1),
        agreed_outcome="advice",
    )


def _child(contact, person=None, **said):
    said.setdefault("given_name", person.given_name if person else "Child")
    return ContactPerson.objects.create(contact=contact, person=person, role="child", **said)


@pytest.fixture
def every_code(users):
    """A child for every ethnicity code, sex and source, one with no ethnicity, and children not linked."""
    contact = _contact()
    for i, (code, _label) in enumerate(codes.ethnicity_choices()):
        person = Person.objects.create(
            person_id=f"E{i:03d}",
            given_name=f"Child{i}",
            family_name="Moss",
            sex="MFU"[i % 3],
            ethnicity=code,
            date_of_birth=dt.date(2015, 1, 1),
        )
        _child(contact, person)
    _child(contact, Person.objects.create(person_id="E999", given_name="No", family_name="Ethnicity"))
    for code, _label in codes.referral_source_choices():
        _child(_contact(source=code), given_name="Unlinked", sex="F", date_of_birth=dt.date(2018, 4, 5))
    _child(_contact(caller_type="public", confidential=True), given_name="Anonymous", sex="")
    _child(_contact(caller_type="public"), given_name="Public", approximate_age=6)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_every_coded_cell_of_the_download_is_in_the_code_list(users, client_for, every_code, fmt):
    response = client_for(users["analyst"]).get(URL + fmt)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    else:
        sheet = list(csv.reader(io.StringIO(response.content.decode())))
    header, rows = sheet[0], sheet[1:]
    assert header == LIST_1_COLUMNS
    assert len(rows) == len(codes.ethnicity_choices()) + 1 + len(codes.referral_source_choices()) + 2
    standard = _standard_list_1()
    coded = [name for name in header if standard[name]["type"] == "category"]
    assert coded == ["Gender", "Ethnicity", "Contact Source"]
    for name in coded:
        allowed = {v.strip() for v in standard[name]["allowed_values"].split("|")}
        column = [row[header.index(name)] for row in rows]
        assert set(column) <= allowed, (name, set(column) - allowed)
    ethnicities = [row[header.index("Ethnicity")] for row in rows]
    # every ethnicity code appears under its own label, and "Information not yet obtained" is t) NOBT
    assert {e.split(") ", 1)[1] for e in ethnicities} == {code for code, _ in codes.ethnicity_choices()}
    assert ethnicities.count("t) NOBT") == 1 + len(codes.referral_source_choices()) + 2 + 1  # NOBT, none, unlinked
    sources = {row[header.index("Contact Source")] for row in rows}
    assert {s.split(") ", 1)[1].split(":")[0] for s in sources} >= {code for code, _ in codes.referral_source_choices()}
    for row in rows:
        age = row[header.index("Age of Child (Years)")]
        assert age in (None, "") or int(age) >= 0
        assert row[header.index("Child Unique ID")] and len(str(row[header.index("Child Unique ID")])) <= 20


def test_a_child_known_only_by_an_approximate_age_has_an_age(users, every_code):
    from frontdoor.reporting.selectors import annex_a_list_1

    rows = annex_a_list_1(user=users["analyst"], start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    public = [r for r in rows if r[3] == "" and r[4] is not None]
    assert [r[4] for r in public] == [6]
    record = Person.objects.create(person_id="AGE1", given_name="Aged", family_name="Only", approximate_age=9)
    _child(_contact(), record)
    rows = annex_a_list_1(user=users["analyst"], start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    assert next(r for r in rows if r[0] == "AGE1")[3:5] == ["", 9]


def test_a_linked_child_is_reported_with_the_record_values_not_the_callers(users):  # noqa: ARG001 (the worker)
    """The caller said "Geraldene Hughs", born 3 March 2019, about 6; the record is Geraldine Hughes, born
    1 May 2019, female, Indian: the return carries the record's date of birth, age, sex and ethnicity."""
    from frontdoor.reporting.selectors import annex_a_list_1

    record = Person.objects.create(
        person_id="P0000010",
        given_name="Geraldine",
        family_name="Hughes",
        sex="F",
        ethnicity="AIND",
        date_of_birth=dt.date(2019, 5, 1),
    )
    _child(
        _contact(),
        record,
        given_name="Geraldene",
        family_name="Hughs",
        date_of_birth=dt.date(2019, 3, 3),
        approximate_age=6,
        sex="M",
    )
    (row,) = annex_a_list_1(user=users["analyst"], start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    assert row == ["P0000010", "b) Female", "j) AIND", "01/05/2019", 7, "02/11/2026", "u) 10: Unknown"]


@pytest.mark.parametrize(
    ("code", "label"),
    [("NOBT", "t) NOBT"), (None, "t) NOBT"), ("", "t) NOBT"), ("REFU", "s) REFU"), ("XXXX", "t) NOBT")],
)
def test_ethnicity_labels_are_the_standards(code, label):
    assert domain.ethnicity_label(code) == label


def test_a_code_list_label_with_a_note_never_reaches_a_cell(monkeypatch):
    """Were a code list to carry a note again, the cell would still be the allowed value naming the code."""
    domain._annex_labels.cache_clear()
    monkeypatch.setattr(
        domain,
        "_code_labels",
        lambda *a: {"NOBT": "s) NOBT in liia schema; t) NOBT in D2I SSD Annex A script", "WBRI": "a) WBRI"},
    )
    try:
        assert domain.ethnicity_label("NOBT") == "t) NOBT" and domain.ethnicity_label("WBRI") == "a) WBRI"
    finally:
        domain._annex_labels.cache_clear()


@pytest.mark.parametrize(
    ("dob", "age", "expected"),
    [
        (dt.date(2015, 6, 10), None, 11),
        (dt.date(2015, 6, 10), 3, 11),  # a date of birth wins over an age
        (None, 6, 6),
        (None, 0, 0),
        (None, None, None),
    ],
)
def test_age_of_child(dob, age, expected):
    assert domain.age_of_child(dob, age, dt.date(2026, 11, 2)) == expected
