"""Keeping a person's connections right: relationships to other people, and involvements with
children's services. Same shape as record.services: atomic, permission-checked, validated, audited,
stale saves refused, archived and never deleted."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from frontdoor.audit.services import audit_record, changed_fields
from frontdoor.core.locking import bump_version, lock_for_change

from ..models import Involvement, Person, Relationship
from ..permissions import can_add_new_relative
from ..record import domain
from ..record.services import person_create, refuse_if, require_edit, save_if_changed, today_local

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

# Relationships ---------------------------------------------------------------------------------


def relationship_sentence(rel: Relationship) -> str:
    return domain.relationship_sentence(rel.kind, rel.from_person.full_name, rel.to_person.full_name, rel.description)


def _audit_both(*, actor: User, rel: Relationship, action: str, summary: str, changes: dict) -> None:
    """The event goes on both people's records, so each one's audit trail shows it."""
    for person in (rel.from_person, rel.to_person):
        audit_record(actor=actor, action=action, obj=person, summary=summary, changes=changes)


@transaction.atomic
def relationship_add(
    *,
    actor: User,
    from_person: Person,
    kind: str,
    to_person: Person,
    parental_responsibility: bool = False,
    same_household: bool = False,
    description: str = "",
) -> Relationship:
    """`from_person` is the `kind` of `to_person` ("Sarah is the parent of Jack")."""
    require_edit(actor, from_person, to_person)
    if from_person.pk == to_person.pk:
        raise ValidationError(f"{from_person.full_name} cannot be related to themselves: choose someone else")
    description = (description or "").strip()
    if kind == Relationship.Kind.OTHER and not description:
        raise ValidationError({"description": "Enter how they are related"})
    pair = Q(from_person=from_person, to_person=to_person) | Q(from_person=to_person, to_person=from_person)
    if Relationship.objects.select_for_update().filter(pair, kind=kind, archived=False).exists():
        raise ValidationError(
            {
                "kind": f"A relationship like this between {from_person.full_name} and {to_person.full_name} is already recorded"
            }
        )
    rel = Relationship(
        from_person=from_person,
        kind=kind,
        to_person=to_person,
        parental_responsibility=bool(parental_responsibility),
        same_household=bool(same_household),
        description=description,
        created_by=actor,
        modified_by=actor,
    )
    rel.full_clean()
    rel.save()
    _audit_both(
        actor=actor,
        rel=rel,
        action="change",
        summary=f"Recorded a relationship: {relationship_sentence(rel)}",
        changes={
            "relationship": [None, relationship_sentence(rel)],
            "parental_responsibility": [None, str(rel.parental_responsibility)],
            "same_household": [None, str(rel.same_household)],
        },
    )
    return rel


@transaction.atomic
def family_member_create(
    *,
    actor: User,
    person: Person,
    kind: str,
    new_person_first: bool,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date | None = None,
    expected_date_of_birth: dt.date | None = None,
    approximate_age: int | None = None,
    sex: str = "U",
    postcode: str = "",
    parental_responsibility: bool = False,
    same_household: bool = False,
    description: str = "",
) -> tuple[Person, Relationship]:
    """A family member of `person` who has no record yet: their new record and the relationship, both
    or neither. The worker has searched first and chosen "None of these".

    `new_person_first` says which way round: True is "the new person is the `kind` of `person`" (her
    mother), False is "`person` is the `kind` of the new person" (his baby). The record is made by
    `person_create`, so its search keys and its own audit event are written; the relationship is audited
    on both people, as any other.
    """
    require_edit(actor, person)
    if not can_add_new_relative(actor, person):
        raise PermissionDenied("You cannot add a new person to this record")
    given_name, family_name = (given_name or "").strip(), (family_name or "").strip()
    errors = domain.person_details_errors(
        date_of_birth=date_of_birth,
        expected_date_of_birth=expected_date_of_birth,
        approximate_age=approximate_age,
        sex=sex,
        today=today_local(),
    )
    if not given_name:
        errors["given_name"] = "Enter their first name"
    if not family_name:
        errors["family_name"] = "Enter their last name"
    if kind not in Relationship.Kind.values:
        errors["kind"] = "Select how they are related"
    elif kind == Relationship.Kind.OTHER and not (description or "").strip():
        errors["description"] = "Enter how they are related"
    refuse_if(errors)
    new = person_create(
        actor=actor,
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        expected_date_of_birth=expected_date_of_birth,
        approximate_age=approximate_age,
        sex=sex,
        postcode=postcode or "",
    )
    from_person, to_person = (new, person) if new_person_first else (person, new)
    rel = relationship_add(
        actor=actor,
        from_person=from_person,
        kind=kind,
        to_person=to_person,
        parental_responsibility=parental_responsibility,
        same_household=same_household,
        description=description,
    )
    return new, rel


@transaction.atomic
def relationships_add_missing(
    *, actor: User, said: list[tuple[Person, str, Person, bool, bool, str]]
) -> list[Relationship]:
    """Record relationships said elsewhere (a call), skipping any pair of people already related on the
    record, whatever the kind, and any pair twice in `said`: nothing is duplicated. Each item is
    (from_person, kind, to_person, parental_responsibility, same_household, description); each one made is
    audited on both people by `relationship_add`. Returns the relationships made."""
    ids = {p.pk for f, _, t, *_ in said for p in (f, t)}
    related = {
        frozenset(pair)
        for pair in Relationship.objects.filter(
            from_person_id__in=ids, to_person_id__in=ids, archived=False
        ).values_list("from_person_id", "to_person_id")
    }
    made = []
    for from_person, kind, to_person, pr, household, description in said:
        pair = frozenset((from_person.pk, to_person.pk))
        if len(pair) < 2 or pair in related:
            continue
        related.add(pair)
        rel = relationship_add(
            actor=actor,
            from_person=from_person,
            kind=kind,
            to_person=to_person,
            parental_responsibility=pr,
            same_household=household,
            description=description,
        )
        made.append(rel)
    return made


def _live_relationship(rel: Relationship, person: Person | None) -> None:
    if rel.archived or (person is not None and person.pk not in (rel.from_person_id, rel.to_person_id)):
        raise ValidationError("That relationship is not recorded for this person")


@transaction.atomic
def relationship_update(
    *,
    actor: User,
    relationship: Relationship,
    version: int | None,
    parental_responsibility: bool,
    same_household: bool,
    description: str = "",
    person: Person | None = None,
) -> Relationship:
    """Change whether they hold parental responsibility, share a household, and the description."""
    require_edit(actor, relationship.from_person, relationship.to_person)
    _live_relationship(relationship, person)
    locked = lock_for_change(relationship, version=version, noun="relationship")
    description = (description or "").strip()
    if locked.kind == Relationship.Kind.OTHER and not description:
        raise ValidationError({"description": "Enter how they are related"})
    before = {f: getattr(locked, f) for f in ("parental_responsibility", "same_household", "description")}
    locked.parental_responsibility, locked.same_household = bool(parental_responsibility), bool(same_household)
    locked.description = description
    locked.full_clean()
    changes = changed_fields(before, {f: getattr(locked, f) for f in before})
    if changes:
        bump_version(locked, actor=actor)
        locked.save()
        _audit_both(
            actor=actor,
            rel=locked,
            action="change",
            summary=f"Changed a relationship: {relationship_sentence(locked)}",
            changes=changes,
        )
    return locked


@transaction.atomic
def relationship_end(
    *, actor: User, relationship: Relationship, version: int | None, person: Person | None = None
) -> Relationship:
    """Take a relationship off the record (archived: it stays in the history and the audit trail)."""
    require_edit(actor, relationship.from_person, relationship.to_person)
    _live_relationship(relationship, person)
    locked = lock_for_change(relationship, version=version, noun="relationship")
    _live_relationship(locked, person)
    locked.archived = True
    bump_version(locked, actor=actor)
    locked.save(update_fields=["archived", "version", "modified_by", "modified_at"])
    _audit_both(
        actor=actor,
        rel=locked,
        action="archive",
        summary=f"Ended a relationship: {relationship_sentence(locked)}",
        changes={"relationship": [relationship_sentence(locked), None]},
    )
    return locked


# Involvements ----------------------------------------------------------------------------------

INVOLVEMENT_FIELDS = ("kind", "start_date", "end_date", "worker", "worker_name", "team", "cp_category", "notes")


def _involvement_snapshot(inv: Involvement) -> dict:
    return {
        "kind": inv.kind,
        "start_date": inv.start_date,
        "end_date": inv.end_date,
        "worker": inv.worker_display if inv.worker_id else None,
        "worker_name": inv.worker_name,
        "team": inv.team.name if inv.team is not None else None,
        "cp_category": inv.cp_category,
        "notes": inv.notes,
    }


def _check_involvement(inv: Involvement) -> None:
    inv.worker_name = (inv.worker_name or "").strip()
    inv.notes = (inv.notes or "").strip()
    refuse_if(
        domain.involvement_errors(
            kind=inv.kind,
            start_date=inv.start_date,
            end_date=inv.end_date,
            cp_category=inv.cp_category,
            has_worker=inv.worker_id is not None,
            worker_name=inv.worker_name,
            today=today_local(),
        )
    )
    inv.full_clean()


def _describe(inv: Involvement) -> str:
    category = f" ({inv.get_cp_category_display()})" if inv.cp_category else ""
    return f"{inv.get_kind_display()}{category} from {inv.start_date:%-d %B %Y}"


@transaction.atomic
def involvement_add(
    *,
    actor: User,
    person: Person,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    worker=None,
    worker_name: str = "",
    team=None,
    cp_category: str = "",
    notes: str = "",
) -> Involvement:
    """A period of involvement with children's services (a child protection plan needs its category)."""
    require_edit(actor, person)
    inv = Involvement(
        person=person,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        worker=worker,
        worker_name=worker_name,
        team=team,
        cp_category=cp_category or "",
        notes=notes,
        created_by=actor,
        modified_by=actor,
    )
    _check_involvement(inv)
    inv.save()
    audit_record(
        actor=actor,
        action="change",
        obj=person,
        summary=f"Recorded an involvement for {person.full_name}: {_describe(inv)}",
        changes=changed_fields({}, _involvement_snapshot(inv)),
    )
    return inv


def _own_involvement(person: Person, involvement: Involvement) -> None:
    if involvement.person_id != person.pk or involvement.archived:
        raise ValidationError("That involvement is not recorded for this person")


@transaction.atomic
def involvement_update(
    *, actor: User, person: Person, involvement: Involvement, version: int | None, **values
) -> Involvement:
    """Correct an involvement: any of INVOLVEMENT_FIELDS."""
    unknown = set(values) - set(INVOLVEMENT_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of an involvement: {', '.join(sorted(unknown))}")
    require_edit(actor, person)
    _own_involvement(person, involvement)
    locked = lock_for_change(involvement, version=version, noun="involvement")
    before = _involvement_snapshot(locked)
    for name, value in values.items():
        setattr(locked, name, "" if value is None and name in ("worker_name", "cp_category", "notes") else value)
    _check_involvement(locked)
    summary = f"Corrected an involvement of {person.full_name}: {_describe(locked)}"
    return save_if_changed(locked, before, _involvement_snapshot(locked), actor=actor, person=person, summary=summary)


@transaction.atomic
def involvement_end(
    *, actor: User, person: Person, involvement: Involvement, version: int | None, end_date: dt.date
) -> Involvement:
    """The involvement has ended (on or after the day it started, and not in the future)."""
    require_edit(actor, person)
    _own_involvement(person, involvement)
    locked = lock_for_change(involvement, version=version, noun="involvement")
    if locked.end_date is not None:
        raise ValidationError({"end_date": f"This already ended on {locked.end_date:%-d %B %Y}: correct it instead"})
    before = _involvement_snapshot(locked)
    locked.end_date = end_date
    bump_version(locked, actor=actor)
    _check_involvement(locked)
    locked.save()
    audit_record(
        actor=actor,
        action="change",
        obj=person,
        summary=f"Ended an involvement of {person.full_name}: {_describe(locked)}, ended {end_date:%-d %B %Y}",
        changes=changed_fields(before, _involvement_snapshot(locked)),
    )
    return locked
