"""manage.py import_people and match_people: good rows load, bad rows are reported and skipped,
re-runs update, and broken files load nothing."""

import csv
import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import Person, PersonImport
from frontdoor.people.search.index import person_index_update
from frontdoor.people.search.matching.card import read_card
from frontdoor.people.selectors import person_search

pytestmark = pytest.mark.django_db

HEADER = "person_id,given_name,family_name,date_of_birth,sex,postcode,address,nhs_number,upn,preferred_name\n"
GOOD = [
    "A1,Jessica,Smith-Jones,2015-03-04,F,nr1 2ab,1 High Street,943 476 5919,,Jess",
    "A2,William,O'Brien,02/01/2010,M,NR3 1AA,2 Low Road,,,",
    "A3,Zoë,Taylor,,U,,,,,",
]
BAD = [
    "A4,Amy,Brown,2099-01-01,F,NR1 2AB,,,,",  # future date
    "A5,Amy,Brown,1888-01-01,F,NR1 2AB,,,,",  # before 1900
    "A6,Amy,Brown,2015-01-01,F,XX1,,,,",  # postcode
    "A7,Amy,Brown,2015-01-01,F,,,9434765918,,",  # NHS check digit
    "A8,Amy,Brown,2015-01-01,F,,,,A801200001001,",  # UPN check letter (A is wrong for this one)
    "A9,Amy,,2015-01-01,F,,,,,",  # no family name
    "A1,Dup,Licate,2015-01-01,F,,,,,",  # repeated person_id
    "A10,Too,Few",  # broken line
    "A!1,Amy,Brown,2015-01-01,Q,,,,,",  # bad id and sex
]


def write(tmp_path, lines, name="people.csv", header=HEADER, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes((header + "\n".join(lines) + "\n").encode(encoding))
    return path


def test_good_rows_load_and_bad_rows_are_reported_with_line_and_reason(tmp_path, capsys, users):
    path = write(tmp_path, GOOD + BAD)
    call_command("import_people", str(path))
    out, err = capsys.readouterr()
    assert "3 new, 0 updated, 9 refused" in out
    assert "Line 5: skipped (A4): date_of_birth: Date of birth must be today or in the past" in err
    assert "Line 6" in err and "after 1 January 1900" in err
    assert "Line 7" in err and "Enter a real postcode" in err
    assert "Line 8" in err and "NHS number" in err
    assert "Line 9" in err and "check letter" in err
    assert "Line 10" in err and "family_name is empty" in err
    assert "Line 11" in err and "already appeared on line 2" in err
    assert "Line 12" in err and "has 3 fields, expected 10" in err
    assert "Line 13" in err and "person_id must be" in err and "sex must be M, F or U" in err
    jess = Person.objects.get(person_id="A1")
    assert (jess.postcode, jess.nhs_number, jess.date_of_birth, jess.preferred_name) == (
        "NR1 2AB",
        "9434765919",
        dt.date(2015, 3, 4),
        "Jess",
    )
    assert Person.objects.get(person_id="A2").date_of_birth == dt.date(2010, 1, 2)
    run = PersonImport.objects.get()
    assert run.rejected_count == 9 and run.rejected_rows[0]["line"] == 5
    # imported people are searchable straight away
    assert person_search(user=users["csw"], text="Bill OBrien")[0].person.person_id == "A2"


def test_rerun_updates_rather_than_duplicates(tmp_path, capsys, users):
    call_command("import_people", str(write(tmp_path, GOOD)))
    changed = ["A1,Jessica,Smith,2015-03-04,F,NR2 4XY,3 New Street,,,"]
    call_command("import_people", str(write(tmp_path, changed, name="again.csv")))
    assert "0 new, 1 updated, 0 refused" in capsys.readouterr().out
    assert Person.objects.filter(person_id="A1").count() == 1
    jess = Person.objects.get(person_id="A1")
    assert (jess.family_name, jess.postcode) == ("Smith", "NR2 4XY")
    assert person_search(user=users["csw"], text="Jessica Smith")[0].person == jess
    # the search card and every key carry the new details (the search scores from them)
    assert read_card(jess.search_card).postcode == "NR2 4XY"
    assert set(jess.search_keys.values_list("card", flat=True)) == {jess.search_card}


def test_rerun_updates_a_merged_person_but_the_search_still_leaves_them_out(tmp_path, users):
    call_command("import_people", str(write(tmp_path, GOOD)))
    merged = Person.objects.get(person_id="A2")
    merged.archived = True
    merged.save()
    person_index_update(merged)  # as a merge does
    call_command("import_people", str(write(tmp_path, ["A2,William,O'Brien,02/01/2010,M,NR3 1AB,,,,"], "again.csv")))
    merged.refresh_from_db()
    assert merged.postcode == "NR3 1AB" and not merged.search_keys.exists()


@pytest.mark.parametrize(
    "header, body, encoding, message",
    [
        ("person_id,given_name,family_name\n", ["A1,Jess,Smith"], "utf-8", "missing the columns: date_of_birth, sex"),
        (HEADER, ["A1,Zoë,Smith,2015-03-04,F,,,,,"], "latin-1", "not UTF-8"),
        (HEADER, ['A1,"Jess,Smith,2015-03-04,F,,,,,\nA2,x'], "utf-8", "broken"),
        ("", [""], "utf-8", "empty"),
    ],
)
def test_broken_files_load_nothing(tmp_path, header, body, encoding, message):
    path = write(tmp_path, body, header=header, encoding=encoding)
    with pytest.raises(CommandError, match=message):
        call_command("import_people", str(path))
    assert Person.objects.count() == 0


def test_match_people_writes_ranked_results(tmp_path, capsys):
    call_command("import_people", str(write(tmp_path, GOOD)))
    queries = tmp_path / "queries.csv"
    queries.write_text(
        "query_id,given_name,family_name,date_of_birth,sex,postcode,address\n"
        "q1,Jess,Smyth-Jones,2015-04-03,F,,\n"
        "q2,Bill,O'Brian,,M,NR3 1AA,\n"
        "q3,Nobody,Atall,1950-01-01,,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.csv"
    call_command("match_people", str(queries), top=2, out=str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0] == {"query_id": "q1", "rank": "1", "person_id": "A1", "score": rows[0]["score"]}
    assert float(rows[0]["score"]) >= 80
    assert [r["person_id"] for r in rows if r["query_id"] == "q2"][0] == "A2"
    assert not [r for r in rows if r["query_id"] == "q3"]
    assert "Matched 3 queries" in capsys.readouterr().out
    (export,) = AuditEvent.objects.filter(action="export")
    assert export.actor is None
    assert export.changes == {
        "command": "match_people",
        "queries": str(queries),
        "out": str(out),
        "top": 2,
        "rows": len(rows),
    }


@pytest.mark.parametrize("query_id", ['=HYPERLINK("http://x.invalid")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"])
def test_match_people_never_writes_a_formula(tmp_path, query_id):
    """A query id from the caller's file that a spreadsheet would run is written as text (leading ')."""
    call_command("import_people", str(write(tmp_path, GOOD)))
    queries = tmp_path / "queries.csv"
    with queries.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [["query_id", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address"]]
            + [[query_id, "Jess", "Smith", "2015-03-04", "F", "", ""]]
        )
    out = tmp_path / "results.csv"
    call_command("match_people", str(queries), top=1, out=str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and all(r["query_id"] == "'" + query_id for r in rows)


def test_match_people_refuses_missing_columns(tmp_path):
    queries = tmp_path / "q.csv"
    queries.write_text("query_id,given_name\nq1,Jess\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing the columns"):
        call_command("match_people", str(queries), out=str(tmp_path / "r.csv"))


def test_large_load_rebuilds_indexes_and_stays_searchable(tmp_path, capsys, users):
    """With indexes deferred (as for files of 100,000 rows or more) the indexes come back and search works."""
    from django.db import connection

    from frontdoor.people.bulk.load import _secondary_indexes

    before = sorted(name for name, _ in _secondary_indexes("people_personsearchkey"))
    call_command("import_people", str(write(tmp_path, GOOD)), defer_indexes="yes")
    assert "rebuilt after loading" in capsys.readouterr().out
    assert sorted(name for name, _ in _secondary_indexes("people_personsearchkey")) == before
    assert "person_search_key_card" in before or connection.vendor != "sqlite"
    assert person_search(user=users["csw"], text="Jess Smith-Jones")[0].person.person_id == "A1"


def test_the_import_service_does_the_whole_run_without_the_command(tmp_path, users):
    """bulk.services.people_import: read, check, load, record the run and audit it (the command only prints)."""
    from frontdoor.audit.models import AuditEvent
    from frontdoor.people.services import people_import

    refused = []
    result = people_import(path=write(tmp_path, GOOD + BAD[:2]), batch_size=2, on_refused=refused.append)
    run = result.run
    assert (run.rows_read, run.created_count, run.updated_count, run.rejected_count) == (5, 3, 0, 2)
    assert [bad.person_id for bad in refused] == ["A4", "A5"]
    assert [row["line"] for row in run.rejected_rows] == [5, 6] and run.finished_at is not None
    assert AuditEvent.objects.filter(object_id=str(run.pk), action="create").exists()
    assert not result.deferred_indexes and result.ignored_columns == []


def test_the_person_fields_are_listed_once():
    """The details page, the bulk load and the import's columns all read models.PERSON_FIELDS."""
    from frontdoor.people.bulk.importing import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
    from frontdoor.people.bulk.load import STORED
    from frontdoor.people.models import DETAIL_FIELDS, PERSON_FIELDS

    assert set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS) == set(PERSON_FIELDS)
    assert set(STORED) - set(PERSON_FIELDS) == {"search_given", "search_family", "search_card"}
    assert set(DETAIL_FIELDS) < set(PERSON_FIELDS)
    editable = {f.name for f in Person._meta.get_fields() if getattr(f, "editable", False) and f.concrete}
    assert set(PERSON_FIELDS) == editable - {"id", "created_by", "modified_by", "archived"}


def test_invisible_characters_in_an_extract_are_not_stored(tmp_path):
    """A zero-width space or a right-to-left override in the extract would make a look-alike name."""
    call_command("import_people", str(write(tmp_path, ["B1,Ger\u200baldine,\u202eHughes,2019-05-01,F,,,,,"])))
    person = Person.objects.get(person_id="B1")
    assert (person.given_name, person.family_name) == ("Geraldine", "Hughes")
