"""Every page that edits a row of a person's record carries the row's version (core.locking): a save made
from a page opened before someone else's save, or with the version missing or forged, is refused the same
way, nothing is written, and the worker sees what they typed with the current version and who changed it."""

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def _details(r):
    child = r["child"]
    data = {
        "given_name": child.given_name,
        "family_name": child.family_name,
        "date_of_birth_0": str(child.date_of_birth.day),
        "date_of_birth_1": str(child.date_of_birth.month),
        "date_of_birth_2": str(child.date_of_birth.year),
        "sex": child.sex,
        "religion": "Typed in the old tab",
    }
    return child, [], data, lambda row: row.religion


def _address_correct(r):
    data = {"address": "Typed in the old tab", "postcode": "NR1 2AB"}
    return r["child"], [], data, lambda row: row.address


def _address_history_correct(r):
    data = {
        "address": "Typed in the old tab",
        "postcode": "NR3 1AA",
        "moved_in_0": "3",
        "moved_in_1": "2",
        "moved_in_2": "2016",
        "moved_out_0": "1",
        "moved_out_1": "1",
        "moved_out_2": "2020",
    }
    return r["earlier"], [r["earlier"].pk], data, lambda row: row.address


def _relationship_change(r):
    data = {"parental_responsibility": "True", "same_household": "False", "description": "Typed in the old tab"}
    return r["rel"], [r["rel"].pk], data, lambda row: row.description


def _involvement_change(r):
    data = {
        "kind": "open_case",
        "start_date_0": "1",
        "start_date_1": "9",
        "start_date_2": "2025",
        "notes": "Typed in the old tab",
    }
    return r["inv"], [r["inv"].pk], data, lambda row: row.notes


def _involvement_end(r):
    data = {"end_date_0": "14", "end_date_1": "10", "end_date_2": "2025"}
    return r["inv"], [r["inv"].pk], data, lambda row: row.end_date and f"{row.end_date:%Y}"


PAGES = {
    "details_edit": (_details, "Typed in the old tab"),
    "address_correct": (_address_correct, "Typed in the old tab"),
    "address_history_correct": (_address_history_correct, "Typed in the old tab"),
    "relationship_change": (_relationship_change, "Typed in the old tab"),
    "involvement_change": (_involvement_change, "Typed in the old tab"),
    "involvement_end": (_involvement_end, "2025"),
}


def _changed_elsewhere(row, by):
    """Someone else saved the row after this page was opened."""
    type(row).objects.filter(pk=row.pk).update(version=F("version") + 1, modified_by=by)
    row.refresh_from_db()


@pytest.mark.parametrize("name", PAGES)
def test_an_old_version_is_refused_then_saving_again_with_the_current_one_works(client_for, users, record, name):
    build, typed = PAGES[name]
    row, extra, data, saved_value = build(record)
    url = reverse(f"people:{name}", args=[record["child"].pk, *extra])
    opened = row.version
    _changed_elsewhere(row, users["manager"])
    c = client_for(users["csw"])

    response = c.post(url, {**data, "version": str(opened)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "your changes have not been saved" in html
    assert escape(users["manager"].get_full_name()) in html  # who changed it
    assert f'value="{typed}"' in html or f">{typed}</textarea>" in html
    assert f'name="version" value="{row.version}"' in html  # the current version: saving again is deliberate
    before = saved_value(row)
    row.refresh_from_db()
    assert saved_value(row) == before  # nothing written

    response = c.post(url, {**data, "version": str(row.version)})
    assert response.status_code == 302
    row.refresh_from_db()
    assert saved_value(row) == typed
    assert row.version == opened + 2  # raised by the save


@pytest.mark.parametrize("version", [None, "", "abc", "-1", "1.5"])
@pytest.mark.parametrize("name", PAGES)
def test_a_missing_or_forged_version_is_refused_as_stale(client_for, users, record, name, version):
    build, typed = PAGES[name]
    row, extra, data, saved_value = build(record)
    url = reverse(f"people:{name}", args=[record["child"].pk, *extra])
    before = saved_value(row)
    posted = dict(data) if version is None else {**data, "version": version}
    response = client_for(users["csw"]).post(url, posted)
    assert response.status_code == 200
    html = response.content.decode()
    assert "your changes have not been saved" in html
    assert f'name="version" value="{row.version}"' in html
    row.refresh_from_db()
    assert saved_value(row) == before


@pytest.mark.parametrize("name", PAGES)
def test_the_page_carries_the_current_version(client_for, users, record, name):
    build, _typed = PAGES[name]
    row, extra, _data, _saved = build(record)
    _changed_elsewhere(row, users["manager"])
    html = client_for(users["csw"]).get(reverse(f"people:{name}", args=[record["child"].pk, *extra])).content.decode()
    assert f'name="version" value="{row.version}"' in html


# Taking something off the record: the "Are you sure?" page carries the row's version too -------------

REMOVALS = {
    "address_history_archive": "earlier",
    "alias_archive": "alias",
    "disability_archive": "disability",
    "relationship_end": "rel",
}


@pytest.mark.parametrize("name", REMOVALS)
def test_a_removal_from_an_old_page_is_refused_then_works_with_the_current_version(client_for, users, record, name):
    row = record[REMOVALS[name]]
    url = reverse(f"people:{name}", args=[record["child"].pk, row.pk])
    c = client_for(users["csw"])
    assert f'name="version" value="{row.version}"' in c.get(url).content.decode()
    opened = row.version
    _changed_elsewhere(row, users["manager"])

    response = c.post(url, {"version": str(opened)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "so nothing has been done" in html and escape(users["manager"].get_full_name()) in html
    assert f'name="version" value="{row.version}"' in html
    row.refresh_from_db()
    assert not row.archived

    assert c.post(url, {"version": str(row.version)}).status_code == 302
    row.refresh_from_db()
    assert row.archived and row.version == opened + 2


@pytest.mark.parametrize("version", [None, "", "abc"])
@pytest.mark.parametrize("name", REMOVALS)
def test_a_removal_with_a_missing_or_forged_version_is_refused(client_for, users, record, name, version):
    row = record[REMOVALS[name]]
    url = reverse(f"people:{name}", args=[record["child"].pk, row.pk])
    response = client_for(users["csw"]).post(url, {} if version is None else {"version": version})
    assert response.status_code == 200
    assert "so nothing has been done" in response.content.decode()
    row.refresh_from_db()
    assert not row.archived
