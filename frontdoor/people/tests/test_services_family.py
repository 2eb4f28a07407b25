"""Relationships and involvements kept from the person record: rules, audit, and the family they make."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from frontdoor.audit.models import AuditEvent
from frontdoor.core.locking import StaleEdit
from frontdoor.directory.models import Team
from frontdoor.people.family import services
from frontdoor.people.family.members import family_for
from frontdoor.people.models import Involvement, Person, PersonSearchKey, Relationship

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
    opened = rel.version
    services.relationship_update(
        actor=users["csw"], relationship=rel, version=opened, parental_responsibility=True, same_household=False
    )
    rel.refresh_from_db()
    assert rel.parental_responsibility
    event = AuditEvent.objects.filter(object_id=str(people["child"].pk)).get()
    assert event.changes["parental_responsibility"] == ["False", "True"]
    with pytest.raises(StaleEdit):
        services.relationship_update(
            actor=users["manager"], relationship=rel, version=opened, parental_responsibility=False, same_household=True
        )
    rel.refresh_from_db()
    assert rel.parental_responsibility and not rel.same_household


def test_ending_a_relationship_archives_it_and_it_leaves_the_family(users, people):
    rel = relate(people["gran"], "grandparent", people["child"])
    services.relationship_end(actor=users["csw"], relationship=rel, person=people["child"], version=rel.version)
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
            version=inv.version,
            end_date=dt.date(2025, 8, 31),
        )
    assert "end_date" in exc.value.message_dict
    inv.refresh_from_db()
    assert inv.end_date is None
    services.involvement_end(
        actor=users["csw"],
        person=people["child"],
        involvement=inv,
        version=inv.version,
        end_date=dt.date(2025, 9, 1),
    )
    inv.refresh_from_db()
    assert inv.end_date == dt.date(2025, 9, 1) and not inv.is_current


def test_an_involvement_is_corrected_with_the_version(users, people):
    inv = Involvement.objects.create(
        person=people["child"], kind="cp_plan", start_date=dt.date(2025, 9, 1), cp_category="NEG"
    )
    opened = inv.version
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
    with pytest.raises(StaleEdit):
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
            version=inv.version,
            end_date=dt.date(2025, 10, 1),
        )


# A family member with no record yet ------------------------------------------------------------


def _new_mother(**changes) -> dict:
    values = {
        "kind": "parent",
        "new_person_first": True,
        "given_name": " Claire ",
        "family_name": "Ward",
        "approximate_age": 34,
        "sex": "F",
        "postcode": "nr2 4ab",
        "parental_responsibility": True,
        "same_household": True,
    }
    values.update(changes)
    return values


def test_a_new_family_member_and_the_relationship_are_recorded_together(users, people):
    """One call: the new person's record (made by person_create, so audited and indexed) and the
    relationship, audited on both of them; search then finds her and she is in the child's family."""
    from frontdoor.people.selectors import person_search

    child = people["child"]
    new, rel = services.family_member_create(actor=users["csw"], person=child, **_new_mother())
    new.refresh_from_db()
    assert (new.given_name, new.family_name, new.approximate_age, new.sex) == ("Claire", "Ward", 34, "F")
    assert new.postcode == "NR2 4AB" and new.person_id.startswith("P") and new.created_by == users["csw"]
    assert (rel.from_person, rel.kind, rel.to_person) == (new, "parent", child)
    assert rel.parental_responsibility and rel.same_household
    created = AuditEvent.objects.get(object_id=str(new.pk), action="create")
    assert created.summary == f"Created person record {new.person_id} for Claire Ward"
    for person in (new, child):
        event = AuditEvent.objects.get(object_id=str(person.pk), action="change")
        assert event.summary == "Recorded a relationship: Claire Ward is the parent of Jack Smith"
    assert new.search_keys.exists()
    assert [m.person for m in person_search(user=users["csw"], text="Clare Ward")][:1] == [new]
    assert new.pk in {p.pk for p in family_for(child).people}


def test_the_new_person_can_be_the_second_of_the_pair(users, people):
    """ "Sarah Smith is the parent of the new person": an unborn baby, sex not known, expected in spring."""
    expected = services.today_local() + dt.timedelta(days=90)
    new, rel = services.family_member_create(
        actor=users["csw"],
        person=people["mum"],
        **_new_mother(
            new_person_first=False,
            given_name="Baby",
            family_name="Smith",
            approximate_age=None,
            expected_date_of_birth=expected,
            sex="U",
            postcode="",
        ),
    )
    assert (rel.from_person, rel.to_person) == (people["mum"], new)
    assert new.expected_date_of_birth == expected and new.date_of_birth is None


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"given_name": "  "}, "given_name"),
        ({"family_name": ""}, "family_name"),
        ({"approximate_age": None}, "date_of_birth"),  # no age given any way
        ({"date_of_birth": dt.date(1990, 1, 1)}, "approximate_age"),  # and an approximate age too
        ({"postcode": "ZZ1"}, "postcode"),
        ({"sex": "X"}, "sex"),
        ({"kind": "other", "description": ""}, "description"),
        ({"kind": "cousin"}, "kind"),
    ],
)
def test_bad_input_leaves_nothing_half_written(users, people, changes, field):
    """A refusal of either part, whether found before or after the record is made, writes neither."""
    people_before = Person.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.family_member_create(actor=users["csw"], person=people["child"], **_new_mother(**changes))
    assert field in exc.value.message_dict
    assert Person.objects.count() == people_before
    assert not Relationship.objects.exists() and not AuditEvent.objects.exists()
    assert not PersonSearchKey.objects.filter(person__family_name="Ward").exists()


def test_a_refused_relationship_after_the_record_is_made_rolls_the_record_back(users, people, monkeypatch):
    """The relationship is refused only once the person exists (here: a refusal from relationship_add)."""
    people_before = Person.objects.count()

    def refuse(**kwargs):
        raise ValidationError({"kind": "Refused"})

    monkeypatch.setattr(services, "relationship_add", refuse)
    with pytest.raises(ValidationError):
        services.family_member_create(actor=users["csw"], person=people["child"], **_new_mother())
    assert Person.objects.count() == people_before
    assert not AuditEvent.objects.exists() and not PersonSearchKey.objects.filter(person__family_name="Ward").exists()


@pytest.mark.parametrize("role", ["csa", "analyst", "mash_partner"])
def test_a_new_family_member_needs_a_role_that_may_edit(users, people, role):
    with pytest.raises(PermissionDenied):
        services.family_member_create(actor=users[role], person=people["child"], **_new_mother())
    assert not Person.objects.filter(family_name="Ward").exists()


def test_no_new_family_member_for_an_archived_record(users, people):
    child = people["child"]
    child.archived = True
    child.save()
    with pytest.raises(PermissionDenied):
        services.family_member_create(actor=users["csw"], person=child, **_new_mother())
    assert not Person.objects.filter(family_name="Ward").exists()
