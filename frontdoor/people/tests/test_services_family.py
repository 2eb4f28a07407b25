"""Relationships and involvements kept from the person record: rules, audit, and the family they make."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from frontdoor.audit.models import AuditEvent
from frontdoor.directory.models import Team
from frontdoor.people import services_family as services
from frontdoor.people.family import family_for
from frontdoor.people.models import Involvement, Relationship
from frontdoor.people.services_record import StaleRecordError, record_version

from .factories import make_person, relate

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(users):
    return {
        "mum": make_person("Sarah", "Smith", date_of_birth=dt.date(1988, 5, 1)),
        "child": make_person("Jack", "Smith", sex="M", date_of_birth=dt.date(2016, 2, 3)),
        "gran": make_person("Maureen", "Hall", date_of_birth=dt.date(1960, 7, 8)),
    }


# Relationships ---------------------------------------------------------------------------------


def test_a_relationship_is_recorded_audited_on_both_people_and_joins_the_family(users, people):
    mum, child = people["mum"], people["child"]
    rel = services.relationship_add(
        actor=users["csw"],
        from_person=mum,
        kind="parent",
        to_person=child,
        parental_responsibility=True,
        same_household=True,
    )
    assert services.relationship_sentence(rel) == "Sarah Smith is the parent of Jack Smith"
    for person in (mum, child):
        event = AuditEvent.objects.get(object_id=str(person.pk), action="change")
        assert event.summary == "Recorded a relationship: Sarah Smith is the parent of Jack Smith"
    family = family_for(child)
    assert {p.pk for p in family.people} == {mum.pk, child.pk}
    assert family.generation[mum.pk] < family.generation[child.pk]


def test_a_person_cannot_be_related_to_themselves(users, people):
    with pytest.raises(ValidationError) as exc:
        services.relationship_add(actor=users["csw"], from_person=people["mum"], kind="carer", to_person=people["mum"])
    assert "themselves" in exc.value.messages[0]
    assert not Relationship.objects.exists()


@pytest.mark.parametrize("kind, reverse", [("parent", False), ("parent", True), ("sibling", True)])
def test_an_identical_live_relationship_is_refused(users, people, kind, reverse):
    """The same kind between the same two people, either way round, is already recorded."""
    a, b = people["mum"], people["child"]
    relate(a, kind, b)
    with pytest.raises(ValidationError) as exc:
        services.relationship_add(
            actor=users["csw"], from_person=b if reverse else a, kind=kind, to_person=a if reverse else b
        )
    assert "already recorded" in exc.value.message_dict["kind"][0]


def test_an_ended_relationship_can_be_recorded_again_and_other_kinds_alongside(users, people):
    a, b = people["mum"], people["child"]
    relate(a, "parent", b, archived=True)
    services.relationship_add(actor=users["csw"], from_person=a, kind="parent", to_person=b)
    services.relationship_add(actor=users["csw"], from_person=a, kind="carer", to_person=b)
    assert Relationship.objects.filter(archived=False).count() == 2


def test_other_needs_a_description(users, people):
    with pytest.raises(ValidationError) as exc:
        services.relationship_add(
            actor=users["csw"], from_person=people["gran"], kind="other", to_person=people["child"]
        )
    assert "description" in exc.value.message_dict


def test_flags_change_with_the_version_and_a_stale_save_is_refused(users, people):
    rel = relate(people["gran"], "grandparent", people["child"])
    opened = record_version(rel)
    services.relationship_update(
        actor=users["csw"], relationship=rel, version=opened, parental_responsibility=True, same_household=False
    )
    rel.refresh_from_db()
    assert rel.parental_responsibility
    event = AuditEvent.objects.filter(object_id=str(people["child"].pk)).get()
    assert event.changes["parental_responsibility"] == ["False", "True"]
    with pytest.raises(StaleRecordError):
        services.relationship_update(
            actor=users["manager"], relationship=rel, version=opened, parental_responsibility=False, same_household=True
        )
    rel.refresh_from_db()
    assert rel.parental_responsibility and not rel.same_household


def test_ending_a_relationship_archives_it_and_it_leaves_the_family(users, people):
    rel = relate(people["gran"], "grandparent", people["child"])
    services.relationship_end(actor=users["csw"], relationship=rel, person=people["child"])
    rel.refresh_from_db()
    assert rel.archived
    assert [p.pk for p in family_for(people["child"]).people] == [people["child"].pk]
    assert AuditEvent.objects.filter(object_id=str(people["gran"].pk), action="archive").exists()


def test_relationship_needs_a_role_that_may_edit(users, people):
    for role in ("csa", "analyst", "mash_partner"):
        with pytest.raises(PermissionDenied):
            services.relationship_add(
                actor=users[role], from_person=people["mum"], kind="parent", to_person=people["child"]
            )


# Involvements ----------------------------------------------------------------------------------


def test_a_child_protection_plan_needs_its_category_and_nothing_else_has_one(users, people):
    child = people["child"]
    with pytest.raises(ValidationError) as exc:
        services.involvement_add(actor=users["csw"], person=child, kind="cp_plan", start_date=dt.date(2026, 1, 5))
    assert "cp_category" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.involvement_add(
            actor=users["csw"], person=child, kind="open_case", start_date=dt.date(2026, 1, 5), cp_category="NEG"
        )
    assert "cp_category" in exc.value.message_dict
    inv = services.involvement_add(
        actor=users["csw"],
        person=child,
        kind="cp_plan",
        start_date=dt.date(2026, 1, 5),
        cp_category="EMO",
        worker=users["receiving"],
        team=Team.objects.filter(active=True).first(),
    )
    assert inv.is_current and inv.worker == users["receiving"]
    event = AuditEvent.objects.get(object_id=str(child.pk))
    assert event.changes["cp_category"] == [None, "EMO"]


def test_ending_an_involvement_before_it_started_is_refused(users, people):
    inv = Involvement.objects.create(person=people["child"], kind="early_help", start_date=dt.date(2025, 9, 1))
    with pytest.raises(ValidationError) as exc:
        services.involvement_end(
            actor=users["csw"],
            person=people["child"],
            involvement=inv,
            version=record_version(inv),
            end_date=dt.date(2025, 8, 31),
        )
    assert "end_date" in exc.value.message_dict
    inv.refresh_from_db()
    assert inv.end_date is None
    services.involvement_end(
        actor=users["csw"],
        person=people["child"],
        involvement=inv,
        version=record_version(inv),
        end_date=dt.date(2025, 9, 1),
    )
    inv.refresh_from_db()
    assert inv.end_date == dt.date(2025, 9, 1) and not inv.is_current


def test_an_involvement_is_corrected_with_the_version(users, people):
    inv = Involvement.objects.create(
        person=people["child"], kind="cp_plan", start_date=dt.date(2025, 9, 1), cp_category="NEG"
    )
    opened = record_version(inv)
    services.involvement_update(
        actor=users["manager"],
        person=people["child"],
        involvement=inv,
        version=opened,
        kind="cp_plan",
        start_date=dt.date(2025, 9, 2),
        cp_category="PHY",
        worker_name="Pat Lee (Suffolk)",
    )
    inv.refresh_from_db()
    assert (inv.start_date, inv.cp_category, inv.worker_display) == (dt.date(2025, 9, 2), "PHY", "Pat Lee (Suffolk)")
    changes = AuditEvent.objects.get(object_id=str(people["child"].pk)).changes
    assert changes["cp_category"] == ["NEG", "PHY"]
    with pytest.raises(StaleRecordError):
        services.involvement_update(
            actor=users["csw"], person=people["child"], involvement=inv, version=opened, notes="typed"
        )


def test_a_worker_is_chosen_or_named_not_both(users, people):
    with pytest.raises(ValidationError) as exc:
        services.involvement_add(
            actor=users["csw"],
            person=people["child"],
            kind="open_case",
            start_date=dt.date(2026, 1, 5),
            worker=users["receiving"],
            worker_name="Someone else",
        )
    assert "worker_name" in exc.value.message_dict


def test_an_involvement_of_someone_else_is_refused(users, people):
    inv = Involvement.objects.create(person=people["mum"], kind="early_help", start_date=dt.date(2025, 9, 1))
    with pytest.raises(ValidationError):
        services.involvement_end(
            actor=users["csw"],
            person=people["child"],
            involvement=inv,
            version=record_version(inv),
            end_date=dt.date(2025, 10, 1),
        )
