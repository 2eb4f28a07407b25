"""Merging two person records and undoing a merge. Every row that moves is recorded, so undo is exact.

A merge never loses a contact: every ContactPerson, Relationship, Involvement, Alias, address and
disability of the merged record moves to the kept one; the merged record is archived, not deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.locking import bump_version

from ..models import (
    AddressHistory,
    Alias,
    Disability,
    Involvement,
    Person,
    PersonMerge,
    PossibleDuplicate,
    Relationship,
)
from ..permissions import can_manage_duplicates
from ..search.index import person_index_update

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def _contact_person_model():
    from frontdoor.contacts.models import ContactPerson

    return ContactPerson


def _raised(model) -> dict:
    """The update that raises a moved row's version (core.locking): a page open on it is now stale."""
    return {"version": F("version") + 1} if any(f.name == "version" for f in model._meta.fields) else {}


def _movable():
    """(label, model, person field) for every row that points at a person."""
    return [
        ("contact_person", _contact_person_model(), "person"),
        ("relationship_from", Relationship, "from_person"),
        ("relationship_to", Relationship, "to_person"),
        ("involvement", Involvement, "person"),
        ("alias", Alias, "person"),
        ("address", AddressHistory, "person"),
        ("disability", Disability, "person"),
    ]


@transaction.atomic
def person_merge(
    *, actor: User, keep: Person, other: Person, duplicate: PossibleDuplicate | None = None
) -> PersonMerge:
    if not can_manage_duplicates(actor):
        raise PermissionDenied("Only managers can merge records")
    if keep.pk == other.pk:
        raise ValidationError("Choose two different records to merge")
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    other = Person.objects.select_for_update().get(pk=other.pk)
    if keep.archived or other.archived:
        raise ValidationError("One of these records has already been merged or archived")
    moved: dict[str, list[str]] = {}
    archived: dict[str, list[str]] = {}
    # A relationship between the two records would become a relationship with oneself: archive it.
    between = Relationship.objects.filter(archived=False, from_person__in=[keep, other], to_person__in=[keep, other])
    archived["relationship"] = [str(pk) for pk in between.values_list("pk", flat=True)]
    between.update(archived=True, modified_by=actor, version=F("version") + 1)
    kept_codes = set(Disability.objects.filter(person=keep).values_list("code", flat=True))
    clash = Disability.objects.filter(person=other, code__in=kept_codes)
    archived["disability"] = [str(pk) for pk in clash.values_list("pk", flat=True)]
    for label, model, field in _movable():
        rows = model.objects.filter(**{field: other})
        if label == "disability":
            rows = rows.exclude(code__in=kept_codes)
        if label.startswith("relationship"):
            rows = rows.exclude(pk__in=archived["relationship"])
        ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
        if ids:
            model.objects.filter(pk__in=ids).update(**{field: keep}, **_raised(model))
        moved[label] = ids
    added_alias = None
    if (other.given_name, other.family_name) != (keep.given_name, keep.family_name):
        added_alias = Alias.objects.create(
            person=keep,
            kind=Alias.Kind.ALIAS,
            given_name=other.given_name,
            family_name=other.family_name,
            created_by=actor,
            modified_by=actor,
        )
    other.archived = True
    bump_version(other, actor=actor)
    other.save(update_fields=["archived", "version", "modified_by", "modified_at"])
    person_index_update(other)  # an archived person has no search keys
    merge = PersonMerge.objects.create(
        kept=keep,
        merged=other,
        duplicate=duplicate,
        moved=moved,
        archived_rows=archived,
        added_alias=added_alias,
        created_by=actor,
        modified_by=actor,
    )
    if duplicate:
        duplicate.status, duplicate.decided_at, duplicate.decided_by = (
            PossibleDuplicate.Status.MERGED,
            timezone.now(),
            actor,
        )
        duplicate.save()
    person_index_update(keep)
    total = sum(len(v) for v in moved.values())
    summary = f"Merged {other.person_id} ({other.full_name}) into {keep.person_id}: {total} linked records moved"
    audit_record(actor=actor, action="change", obj=keep, summary=summary, changes={"moved": moved})
    audit_record(actor=actor, action="archive", obj=other, summary=summary)
    return merge


@transaction.atomic
def person_merge_undo(*, actor: User, merge: PersonMerge) -> PersonMerge:
    if not can_manage_duplicates(actor):
        raise PermissionDenied("Only managers can undo a merge")
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at:
        raise ValidationError("This merge has already been undone")
    keep, other = merge.kept, merge.merged
    for label, model, field in _movable():
        ids = merge.moved.get(label, [])
        if ids:
            model.objects.filter(pk__in=ids).update(**{field: other}, **_raised(model))
    Relationship.objects.filter(pk__in=merge.archived_rows.get("relationship", [])).update(
        archived=False, version=F("version") + 1
    )
    alias = merge.added_alias if merge.added_alias_id else None
    if alias is not None:
        merge.added_alias = None
        merge.save(update_fields=["added_alias"])
        alias.delete()
    other.archived = False
    bump_version(other, actor=actor)
    other.save(update_fields=["archived", "version", "modified_by", "modified_at"])
    merge.undone_at, merge.undone_by = timezone.now(), actor
    merge.save(update_fields=["undone_at", "undone_by", "modified_at"])
    if merge.duplicate_id:
        PossibleDuplicate.objects.filter(pk=merge.duplicate_id).update(status=PossibleDuplicate.Status.OPEN)
    person_index_update(keep)
    person_index_update(other)
    summary = f"Undid the merge of {other.person_id} into {keep.person_id}"
    audit_record(actor=actor, action="change", obj=keep, summary=summary)
    audit_record(actor=actor, action="change", obj=other, summary=summary)
    return merge


@transaction.atomic
def duplicate_dismiss(*, actor: User, duplicate: PossibleDuplicate) -> PossibleDuplicate:
    if not can_manage_duplicates(actor):
        raise PermissionDenied("Only managers can review duplicates")
    duplicate.status, duplicate.decided_at, duplicate.decided_by = (
        PossibleDuplicate.Status.DISMISSED,
        timezone.now(),
        actor,
    )
    duplicate.save()
    audit_record(
        actor=actor,
        action="change",
        obj=duplicate.person_a,
        summary=f"Marked {duplicate.person_a.person_id} and {duplicate.person_b.person_id} as different people",
    )
    return duplicate
