"""manage.py backup and restore: a copy taken while the service runs puts the data back as it was."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from frontdoor.people.models import Person
from frontdoor.people.tests.factories import make_person

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL is backed up with pg_dump and pg_restore (README, Production)"
)


@sqlite_only
@pytest.mark.django_db(transaction=True)  # a backup is never taken inside a transaction
def test_backup_change_restore_finds_the_data_as_it_was(tmp_path):
    jessica = make_person("Jessica", "Smith")
    out = tmp_path / "frontdoor-backup.sqlite3"
    call_command("backup", out=out, stdout=StringIO())
    assert out.exists()

    Person.objects.filter(pk=jessica.pk).update(family_name="Changed")
    make_person("Added", "After")

    report = StringIO()
    call_command("restore", str(out), yes=True, keep_dir=tmp_path / "kept", stdout=report)
    assert list(Person.objects.values_list("given_name", "family_name")) == [("Jessica", "Smith")]
    # The database as it was before the restore is kept, and is itself a backup that can be restored.
    (kept,) = (tmp_path / "kept").iterdir()
    assert str(kept) in report.getvalue()
    call_command("restore", str(kept), yes=True, keep_dir=tmp_path / "kept", stdout=StringIO())
    assert sorted(Person.objects.values_list("family_name", flat=True)) == ["After", "Changed"]


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_backup_never_overwrites_a_file(tmp_path):
    out = tmp_path / "exists.sqlite3"
    out.write_text("precious")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", out=out, stdout=StringIO())
    assert out.read_text() == "precious"


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restore_asks_for_yes_first(tmp_path):
    out = tmp_path / "b.sqlite3"
    call_command("backup", out=out, stdout=StringIO())
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(out), stdout=StringIO())


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_file_that_is_not_a_front_door_database(tmp_path):
    import sqlite3

    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    with pytest.raises(CommandError, match="not an SQLite database"):
        call_command("restore", str(text), yes=True, keep_dir=tmp_path, stdout=StringIO())
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(CommandError, match="not a Front Door database"):
        call_command("restore", str(other), yes=True, keep_dir=tmp_path, stdout=StringIO())


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "sqlite", reason="the PostgreSQL advice")
def test_on_postgresql_backup_points_to_pg_dump(tmp_path):
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", out=tmp_path / "x", stdout=StringIO())
