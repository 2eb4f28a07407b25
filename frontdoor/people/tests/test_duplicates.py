"""The duplicate scan: everyone or only recent changes, one record per run, safe to repeat."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from frontdoor.people.duplicates import scan as duplicates
from frontdoor.people.duplicates.scan import duplicate_scan_run, duplicate_scan_start, find_duplicates, running_scan
from frontdoor.people.models import Alias, DuplicateScan, Person, PossibleDuplicate
from frontdoor.people.search.index import person_index_update

from .factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(db):
    """Three unrelated people, already scanned once."""
    people = [
        make_person("Jessica", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB"),
        make_person("Oliver", "Brown", sex="M", date_of_birth=dt.date(2012, 7, 1), postcode="NR3 1AA"),
        make_person("Amira", "Khan", date_of_birth=dt.date(2019, 11, 30), postcode="PE30 1AB"),
    ]
    assert find_duplicates() == 0
    return people


def test_the_first_scan_checks_everyone(index):
    scan = DuplicateScan.objects.get()
    assert scan.scope == DuplicateScan.Scope.EVERYONE
    assert (scan.people_total, scan.people_checked, scan.pairs_found) == (3, 3, 0)
    assert scan.is_finished


def test_a_later_scan_checks_only_people_added_since_against_everyone(index):
    jess = make_person("Jess", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB")
    scan = duplicate_scan_run(duplicate_scan_start())
    assert scan.scope == DuplicateScan.Scope.CHANGED
    assert scan.since == DuplicateScan.objects.order_by("started_at").first().started_at
    assert (scan.people_total, scan.pairs_found) == (1, 1)
    pair = PossibleDuplicate.objects.get()
    assert {pair.person_a, pair.person_b} == {index[0], jess}
    assert pair.score >= duplicates.DUPLICATE_SCORE and pair.reasons


def test_a_new_alias_brings_the_person_into_the_next_scan(index):
    oliver = index[1]
    Person.objects.update(modified_at=timezone.now() - dt.timedelta(minutes=10))
    DuplicateScan.objects.update(started_at=timezone.now() - dt.timedelta(minutes=5))
    Alias.objects.create(person=oliver, given_name="Ollie", family_name="Green")
    person_index_update(oliver)
    scan = duplicate_scan_run(duplicate_scan_start())
    assert scan.people_total == 1


def test_a_dismissed_pair_is_not_raised_again(index):
    make_person("Jess", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB")
    assert find_duplicates() == 1
    PossibleDuplicate.objects.update(status=PossibleDuplicate.Status.DISMISSED)
    assert find_duplicates() == 0
    assert PossibleDuplicate.objects.get().status == PossibleDuplicate.Status.DISMISSED


def test_a_failed_scan_says_why_and_is_not_left_running(index, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the index is unavailable")

    monkeypatch.setattr(duplicates, "search_ids", broken)
    scan = duplicate_scan_start(everyone=True)
    with pytest.raises(RuntimeError):
        duplicate_scan_run(scan)
    scan.refresh_from_db()
    assert "the index is unavailable" in scan.failed
    assert running_scan() is None


def test_a_scan_is_running_while_it_shows_signs_of_life():
    """A long scan stays running; one whose process died (no progress for half an hour) does not
    block the next night's scan."""
    now = timezone.now()
    queued = DuplicateScan.objects.create(scope=DuplicateScan.Scope.EVERYONE)
    assert running_scan() == queued
    DuplicateScan.objects.filter(pk=queued.pk).update(started_at=now - dt.timedelta(hours=1))
    assert running_scan() is None  # queued an hour ago and never started
    DuplicateScan.objects.filter(pk=queued.pk).update(
        started_at=now - dt.timedelta(hours=13), progress_at=now - dt.timedelta(minutes=1)
    )
    assert running_scan() == queued  # a long scan, still going
    DuplicateScan.objects.filter(pk=queued.pk).update(progress_at=now - dt.timedelta(minutes=31))
    assert running_scan() is None  # its process died


def test_a_scan_records_its_progress_as_it_goes(index):
    make_person("Jess", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB")
    scan = duplicate_scan_run(duplicate_scan_start(everyone=True), chunk=1)
    assert scan.progress_at is not None and scan.progress_at >= scan.started_at


def test_the_command_reports_what_it_checked_and_refuses_to_overlap(index):
    make_person("Jess", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB")
    from io import StringIO

    out = StringIO()
    call_command("find_duplicates", "--workers", "1", stdout=out)
    assert "Checked 1 people" in out.getvalue() and "1 new possible duplicate pairs" in out.getvalue()
    DuplicateScan.objects.create(scope=DuplicateScan.Scope.EVERYONE)  # still running
    with pytest.raises(CommandError, match="has not finished"):
        call_command("find_duplicates", "--workers", "1", stdout=StringIO())
    call_command("find_duplicates", "--workers", "1", "--force", "--everyone", stdout=out)


def test_a_manager_starts_a_scan_from_the_page(index, users, client_for, django_capture_on_commit_callbacks):
    make_person("Jess", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB")
    c = client_for(users["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("people:duplicate_scan"), {"scope": "changed"})
    assert response.status_code == 302
    scan = DuplicateScan.objects.order_by("-started_at").first()
    assert scan.requested_by == users["manager"] and scan.is_finished and scan.pairs_found == 1
    page = c.get(reverse("people:duplicates")).content.decode()
    assert "The last scan" in page and "found 1 new pair" in page


def test_the_page_shows_a_running_scan_and_does_not_start_another(index, users, client_for):
    DuplicateScan.objects.create(scope=DuplicateScan.Scope.EVERYONE, people_total=10, people_checked=4)
    c = client_for(users["manager"])
    page = c.get(reverse("people:duplicates")).content.decode()
    assert "4 of 10 people checked" in page and "Look for duplicates now" not in page
    before = DuplicateScan.objects.count()
    c.post(reverse("people:duplicate_scan"))
    assert DuplicateScan.objects.count() == before
