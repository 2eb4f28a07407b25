"""manage.py import_people and match_people: good rows load, rows with a faulty value load with it blank and
a "needs checking" note, only rows with no id (or no name and no date of birth) are skipped, each reported
with its line; re-runs update, and broken files load nothing."""

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
# Loaded with the faulty value blank and a note on the record (issue 11: never lose a person).
FAULTY = [
    "A4,Amy,Brown,2099-01-01,F,NR1 2AB,,,,",  # future date
    "A5,Amy,Brown,1888-01-01,F,NR1 2AB,,,,",  # before 1900
    "A6,Amy,Brown,2015-01-01,F,XX1,,,,",  # postcode
    "A7,Amy,Brown,2015-01-01,F,,,9434765918,,",  # NHS check digit
    "A8,Amy,Brown,2015-01-01,F,,,,A801200001001,",  # UPN check letter (A is wrong for this one)
    "A9,Amy,,2015-01-01,F,,,,,",  # no family name
]
# Refused: nothing can be loaded.
REFUSED = [
    "A1,Dup,Licate,2015-01-01,F,,,,,",  # repeated person_id
    "A10,Too,Few",  # broken line
    "A!1,Amy,Brown,2015-01-01,Q,,,,,",  # bad id (and sex)
]
BAD = FAULTY + REFUSED


def write(tmp_path, lines, name="people.csv", header=HEADER, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes((header + "\n".join(lines) + "\n").encode(encoding))
    return path


def test_good_rows_load_faulty_rows_load_to_check_and_only_unloadable_rows_are_refused(tmp_path, capsys, users):
    path = write(tmp_path, GOOD + BAD)
    call_command("import_people", str(path))
    out, err = capsys.readouterr()
    assert "9 new, 0 updated, 6 need checking, 3 refused" in out
    assert "Line 5: loaded, needs checking (A4): date_of_birth “2099-01-01”: Date of birth must be today" in err
    assert "Line 6: loaded, needs checking (A5)" in err and "after 1 January 1900" in err
    assert "Line 7" in err and "Enter a real postcode" in err
    assert "Line 8" in err and "NHS number" in err
    assert "Line 9" in err and "check letter" in err
    assert "Line 10: loaded, needs checking (A9): family_name was empty" in err
    assert "Line 11: skipped (A1)" in err and "already appeared on line 2" in err
    assert "Line 12: skipped (A10)" in err and "has 3 fields, expected 10" in err
    assert "Line 13: skipped (A!1)" in err and "person_id must be" in err and "sex “Q” is not M, F or U" in err
    jess = Person.objects.get(person_id="A1")
    assert (jess.postcode, jess.nhs_number, jess.date_of_birth, jess.preferred_name) == (
        "NR1 2AB",
        "9434765919",
        dt.date(2015, 3, 4),
        "Jess",
    )
    assert jess.needs_checking == ""
    assert Person.objects.get(person_id="A2").date_of_birth == dt.date(2010, 1, 2)
    future = Person.objects.get(person_id="A4")
    assert future.date_of_birth is None and future.postcode == "NR1 2AB"
    assert future.needs_checking.startswith("Imported from people.csv, line 5, on ")
    assert "date_of_birth “2099-01-01”" in future.needs_checking
    assert Person.objects.get(person_id="A6").postcode == ""
    assert "postcode “XX1”" in Person.objects.get(person_id="A6").needs_checking
    assert Person.objects.get(person_id="A7").nhs_number == ""
    assert "9434765918" in Person.objects.get(person_id="A7").needs_checking
    assert Person.objects.get(person_id="A8").upn == ""
    one_name = Person.objects.get(person_id="A9")
    assert (one_name.family_name, one_name.full_name) == ("", "Amy")
    assert "line 10" in one_name.needs_checking and "family_name was empty" in one_name.needs_checking
    run = PersonImport.objects.get()
    assert (run.rejected_count, run.needs_checking_count) == (3, 6)
    assert [r["line"] for r in run.rejected_rows] == [11, 12, 13]
    assert [r["line"] for r in run.needs_checking_rows] == [5, 6, 7, 8, 9, 10]
    # imported people are searchable straight away, those loaded to check too
    assert person_search(user=users["csw"], text="Bill OBrien")[0].person.person_id == "A2"
    found = person_search(user=users["csw"], text="Amy Brown", postcode="NR1 2AB")
    assert {"A4", "A5"} <= {r.person.person_id for r in found}


@pytest.mark.parametrize(
    ("line", "given", "family", "shown"),
    [
        ("U1,,Hughes,,U,NR2 4XY,,,,", "", "Hughes", "Baby of Hughes"),  # unborn, expected date below
        ("U2,,,2026-11-20,F,NR2 4XY,,,,", "", "", "Unnamed"),  # a baby not yet named, no family name given
        ("U3,Tanvir,,1990-02-03,M,NR2 4XY,,,,", "Tanvir", "", "Tanvir"),  # known by one name
        ("U4,,Hughes,2026-11-20,F,NR2 4XY,,,,", "", "Hughes", "Baby of Hughes"),
    ],
)
def test_a_person_with_one_name_or_none_yet_is_loaded_and_found(tmp_path, users, line, given, family, shown):
    header = HEADER.replace("\n", ",expected_date_of_birth\n")
    expected = "2027-02-01" if line.startswith("U1") else ""
    call_command("import_people", str(write(tmp_path, [f"{line},{expected}"], header=header)))
    person = Person.objects.get(person_id=line.split(",")[0])
    assert (person.given_name, person.family_name, person.full_name) == (given, family, shown)
    assert "was empty" in person.needs_checking

    def found(**terms):
        return person in [r.person for r in person_search(user=users["csw"], **terms)]

    # A postcode alone is never enough for anyone (it scores too little); with the one name or the date it is.
    if person.date_of_birth:
        assert found(text="", date_of_birth=person.date_of_birth)
        assert found(text="", date_of_birth=person.date_of_birth, postcode="NR2 4XY")
    if family:
        assert found(text=family) and found(text=family, postcode="NR2 4XY")
    if given:
        assert found(text=given) and found(text=given, postcode="NR2 4XY")


def test_a_row_with_no_name_and_no_date_of_birth_is_refused(tmp_path, capsys):
    call_command("import_people", str(write(tmp_path, ["N1,,,,F,NR1 2AB,1 High Street,,,"])))
    out, err = capsys.readouterr()
    assert "0 new, 0 updated, 0 need checking, 1 refused" in out
    assert "Line 2: skipped (N1): no name and no date of birth; given_name was empty; family_name was empty" in err


def test_an_unborn_child_with_no_name_yet_is_loaded_by_the_expected_date(tmp_path):
    header = HEADER.replace("\n", ",expected_date_of_birth\n")
    call_command("import_people", str(write(tmp_path, ["N3,,,,U,NR1 2AB,,,,,2027-03-01"], header=header)))
    person = Person.objects.get(person_id="N3")
    assert (person.full_name, person.expected_date_of_birth) == ("Unnamed", dt.date(2027, 3, 1))


def test_names_too_long_to_keep_are_still_a_name_given(tmp_path):
    call_command("import_people", str(write(tmp_path, [f"N4,{'A' * 101},{'B' * 120},,F,,,,,"])))
    person = Person.objects.get(person_id="N4")
    assert person.full_name == "Unnamed" and "is longer than 100 characters" in person.needs_checking


def test_a_row_with_no_name_and_an_impossible_date_is_loaded_to_check(tmp_path, capsys):
    """A date was given (though it cannot be right): the person exists, and someone must find out who they are."""
    call_command("import_people", str(write(tmp_path, ["N2,,,31/02/2015,F,NR1 2AB,,,,"])))
    person = Person.objects.get(person_id="N2")
    assert (person.full_name, person.date_of_birth) == ("Unnamed", None)
    assert "date_of_birth “31/02/2015”: 31/02/2015 is not a date" in person.needs_checking


def test_a_clean_row_on_a_later_import_clears_the_note_and_a_faulty_one_sets_it_again(tmp_path):
    call_command("import_people", str(write(tmp_path, ["C1,Amy,,2015-01-01,F,,,,,"])))
    assert Person.objects.get(person_id="C1").needs_checking
    call_command("import_people", str(write(tmp_path, ["C1,Amy,Brown,2015-01-01,F,,,,,"], name="fixed.csv")))
    assert Person.objects.get(person_id="C1").needs_checking == ""
    call_command("import_people", str(write(tmp_path, ["C1,Amy,Brown,2015-01-41,F,,,,,"], name="again.csv")))
    assert "again.csv, line 2" in Person.objects.get(person_id="C1").needs_checking


def test_a_messy_extract_loses_nobody(tmp_path, capsys, users):
    """A synthetic extract where about 4% of people have an empty name or an impossible date: every one of them
    is loaded, reported with their line, findable, and listed as needing checking."""
    import random

    rng = random.Random(11)
    lines, faulty = [], set()
    for i in range(1, 501):
        given, family, dob = f"Given{i}", f"Family{i % 37}", f"2010-{1 + i % 12:02d}-{1 + i % 28:02d}"
        roll = rng.random()
        if roll < 0.015:
            given = ""
        elif roll < 0.025:
            family = ""
        elif roll < 0.04:
            dob = f"2010-02-{30 + i % 2}"
        if roll < 0.04:
            faulty.add(f"M{i}")
        lines.append(f"M{i},{given},{family},{dob},U,NR1 2AB,,,,")
    call_command("import_people", str(write(tmp_path, lines)))
    out, err = capsys.readouterr()
    assert f"500 new, 0 updated, {len(faulty)} need checking, 0 refused" in out
    assert 10 <= len(faulty) <= 30
    assert set(Person.objects.exclude(needs_checking="").values_list("person_id", flat=True)) == faulty
    assert err.count("loaded, needs checking") == len(faulty)


def test_rerun_updates_rather_than_duplicates(tmp_path, capsys, users):
    call_command("import_people", str(write(tmp_path, GOOD)))
    changed = ["A1,Jessica,Smith,2015-03-04,F,NR2 4XY,3 New Street,,,"]
    call_command("import_people", str(write(tmp_path, changed, name="again.csv")))
    assert "0 new, 1 updated, 0 need checking, 0 refused" in capsys.readouterr().out
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
        "reported": 1,
    }


def test_match_people_matches_a_query_with_missing_or_faulty_values_on_what_it_has_and_reports_it(tmp_path, capsys):
    """Issue 11: no query is dropped silently. Each is matched on what it has, and reported with its line."""
    call_command("import_people", str(write(tmp_path, GOOD + ["A9,,Hughes,2026-11-20,F,NR2 4XY,,,,"])))
    queries = tmp_path / "queries.csv"
    queries.write_text(
        "query_id,given_name,family_name,date_of_birth,sex,postcode,address\n"
        "q1,Jess,Smith-Jones,2015-02-31,F,,\n"  # impossible date: matched on the name
        "q2,,Hughes,2026-11-20,,NR2 4XY,\n"  # no given name: an unnamed baby
        "q3,,,2010-01-02,X,NR3 1AA,\n"  # no name, odd sex: the date and postcode
        "q4,,,,,,\n"  # nothing at all
        ",William,O'Brien,2010-01-02,M,ZZ,\n"  # no query id, postcode not real
        "q6,Bill,O'Brien\n",  # too few fields
        encoding="utf-8",
    )
    out = tmp_path / "results.csv"
    call_command("match_people", str(queries), top=1, out=str(out))
    stdout, err = capsys.readouterr()
    best = {r["query_id"]: r["person_id"] for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert best == {"q1": "A1", "q2": "A9", "q3": "A2", "line 6": "A2", "q6": "A2"}
    assert "Line 2 (q1): date_of_birth “2015-02-31”" in err and "matched on the rest" in err
    assert "Line 3 (q2)" not in err  # one name is enough to match on, and a match was found
    assert "Line 4 (q3): no name; sex “X” is not M, F or U; matched on the rest" in err
    assert "Line 5 (q4): no name; nothing to match on (no name, date of birth or postcode): no results" in err
    assert "Line 6 (line 6): postcode “ZZ”: Enter a real postcode" in err and "no query_id" in err
    assert "Line 7 (q6): has 3 fields, expected 7; matched on the rest" in err
    assert "Matched 6 queries" in stdout and "5 reported (1 with no result)" in stdout


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

    reported = []
    result = people_import(
        path=write(tmp_path, GOOD + FAULTY[:2] + REFUSED[2:]), batch_size=2, on_refused=reported.append
    )
    run = result.run
    assert (run.rows_read, run.created_count, run.updated_count) == (6, 5, 0)
    assert (run.needs_checking_count, run.rejected_count) == (2, 1)
    assert [(bad.person_id, bad.loaded) for bad in reported] == [("A4", True), ("A5", True), ("A!1", False)]
    assert [row["line"] for row in run.needs_checking_rows] == [5, 6] and run.finished_at is not None
    assert [row["line"] for row in run.rejected_rows] == [7]
    event = AuditEvent.objects.get(object_id=str(run.pk), action="create")
    assert "5 new, 0 updated, 2 to check, 1 refused" in event.summary
    assert not result.deferred_indexes and result.ignored_columns == []


def test_the_person_fields_are_listed_once():
    """The details page, the bulk load and the import's columns all read models.PERSON_FIELDS."""
    from frontdoor.people.bulk.importing import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
    from frontdoor.people.bulk.load import STORED
    from frontdoor.people.models import DETAIL_FIELDS, PERSON_FIELDS

    assert set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS) == set(PERSON_FIELDS)
    assert set(STORED) - set(PERSON_FIELDS) == {"search_given", "search_family", "search_card", "needs_checking"}
    assert set(DETAIL_FIELDS) < set(PERSON_FIELDS)
    editable = {f.name for f in Person._meta.get_fields() if getattr(f, "editable", False) and f.concrete}
    assert set(PERSON_FIELDS) == editable - {"id", "created_by", "modified_by", "archived"}


def test_invisible_characters_in_an_extract_are_not_stored(tmp_path):
    """A zero-width space or a right-to-left override in the extract would make a look-alike name."""
    call_command("import_people", str(write(tmp_path, ["B1,Ger\u200baldine,\u202eHughes,2019-05-01,F,,,,,"])))
    person = Person.objects.get(person_id="B1")
    assert (person.given_name, person.family_name) == ("Geraldine", "Hughes")
