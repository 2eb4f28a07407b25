"""Duplicates: found by the engine, merged without losing a contact, and undone exactly."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.builders import build_recorded_contact, linked
from frontdoor.contacts.models import ContactPerson
from frontdoor.people.duplicates.scan import find_duplicates
from frontdoor.people.duplicates.services import person_merge, person_merge_undo
from frontdoor.people.models import Alias, Involvement, PossibleDuplicate, Relationship
from frontdoor.people.search.matching.card import read_card
from frontdoor.people.selectors import person_search

from .factories import make_person, relate

pytestmark = pytest.mark.django_db


def make_contact(worker, person, *, days_ago=0, outcome=""):
    received_at = timezone.now() - dt.timedelta(days=days_ago)
    return build_recorded_contact(
        worker=worker, received_at=received_at, people=[linked(person)], agreed_outcome=outcome
    )


@pytest.fixture
def pair(users):
    keep = make_person("Jessica", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB")
    other = make_person("Jess", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB")
    mum = make_person("Sarah", "Smith", date_of_birth=dt.date(1985, 1, 1))
    relate(mum, "parent", other)
    relate(keep, "sibling", other)  # recorded by mistake between the two records
    Involvement.objects.create(person=other, kind="early_help", start_date=dt.date(2025, 1, 1))
    contacts = [make_contact(users["csw"], other, days_ago=d) for d in (5, 50)]
    contacts.append(make_contact(users["csw"], keep, days_ago=10))
    return {"keep": keep, "other": other, "mum": mum, "contacts": contacts}


def test_find_duplicates_records_the_pair(pair):
    added = find_duplicates()
    assert added == 1
    dup = PossibleDuplicate.objects.get()
    assert {dup.person_a, dup.person_b} == {pair["keep"], pair["other"]}
    assert find_duplicates() == 0  # not recorded twice


def test_merge_keeps_every_contact_and_undo_restores_exactly(pair, users):
    keep, other = pair["keep"], pair["other"]
    before = {
        "contacts": sorted(ContactPerson.objects.values_list("pk", "person_id")),
        "relationships": sorted(Relationship.objects.values_list("pk", "from_person_id", "to_person_id", "archived")),
        "involvements": sorted(Involvement.objects.values_list("pk", "person_id")),
    }
    merge = person_merge(actor=users["manager"], keep=keep, other=other)
    assert ContactPerson.objects.filter(person=keep).count() == 3
    assert ContactPerson.objects.count() == 3
    assert Relationship.objects.get(from_person=pair["mum"]).to_person == keep
    assert not Relationship.objects.filter(archived=False, from_person=keep, to_person=keep).exists()
    assert Involvement.objects.get().person == keep
    other.refresh_from_db()
    assert other.archived and not other.search_keys.exists()  # the search no longer offers them
    assert Alias.objects.filter(person=keep, given_name="Jess").exists()
    assert person_search(user=users["csw"], text="Jess Smith")[0].person == keep
    assert AuditEvent.objects.filter(object_id=str(keep.pk), summary__startswith="Merged").exists()

    person_merge_undo(actor=users["manager"], merge=merge)
    after = {
        "contacts": sorted(ContactPerson.objects.values_list("pk", "person_id")),
        "relationships": sorted(Relationship.objects.values_list("pk", "from_person_id", "to_person_id", "archived")),
        "involvements": sorted(Involvement.objects.values_list("pk", "person_id")),
    }
    assert after == before
    other.refresh_from_db()
    assert not other.archived and not Alias.objects.exists()
    assert other.search_keys.exists() and read_card(keep.search_keys.first().card).aliases == ()
    assert AuditEvent.objects.filter(summary__startswith="Undid the merge").count() == 2


def test_only_managers_merge(pair, users):
    with pytest.raises(PermissionDenied):
        person_merge(actor=users["csw"], keep=pair["keep"], other=pair["other"])


def test_compare_page_merge_and_undo_through_the_pages(pair, users, client_for):
    find_duplicates()
    dup = PossibleDuplicate.objects.get()
    c = client_for(users["manager"])
    page = c.get(reverse("people:duplicate", args=[dup.pk])).content.decode()
    assert "Are these the same person?" in page and "Jess" in page
    response = c.post(reverse("people:duplicate", args=[dup.pk]), {"action": "keep_a"})
    assert response.status_code == 302
    dup.refresh_from_db()
    assert dup.status == "merged"
    merge_url = response["Location"]
    assert "Undo this merge" in c.get(merge_url).content.decode()
    c.post(merge_url + "undo/")
    dup.refresh_from_db()
    assert dup.status == "open"


@pytest.mark.parametrize("role", ["csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"])
def test_duplicate_pages_permission_matrix(pair, users, client_for, role):
    find_duplicates()
    dup = PossibleDuplicate.objects.get()
    merge = person_merge(actor=users["manager"], keep=pair["keep"], other=pair["other"])
    c = client_for(users[role])
    allowed = role == "manager"  # the administrator keeps users and teams, not children (issue 12)
    for url in (
        reverse("people:duplicates"),
        reverse("people:duplicate", args=[dup.pk]),
        reverse("people:merge", args=[merge.pk]),
    ):
        assert c.get(url).status_code == (200 if allowed else 403), url
    for url in (reverse("people:duplicate_scan"), reverse("people:merge_undo", args=[merge.pk])):
        assert c.post(url).status_code == (302 if allowed else 403), url
