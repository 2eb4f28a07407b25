"""Keeping a person's record right: their details, addresses, other names and disabilities.

Each service is atomic, checks `can_edit_person`, validates with `full_clean()` and writes its audit
event (on the person, so it shows in the person's audit trail) in the same transaction. Changes to a
row that already exists carry the version the worker saw (core.locking): a save from a stale tab, or
with the version missing or forged, raises StaleEdit and nothing is written. Every save raises the
row's version. Rows are archived, never deleted.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record, changed_fields
from frontdoor.core import codes
from frontdoor.core.locking import bump_version, lock_for_change
from frontdoor.core.models import TrackedModel

from ..models import DETAIL_FIELDS, AddressHistory, Alias, Disability, Person
from ..permissions import can_clear_needs_checking, can_create_person, can_edit_person
from ..search.index import SEARCHED_FIELDS, person_index_update
from ..validators import normalise_nhs_number, normalise_postcode
from . import domain

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def require_edit(actor: User, *people: Person) -> None:
    for person in people:
        if not can_edit_person(actor, person):
            raise PermissionDenied("You cannot change this person's record")


def refuse_if(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def save_if_changed(row: models.Model, before: dict[str, Any], after: dict[str, Any], *, actor: User, person, summary):
    """Save and audit a corrected row, but only when a value really changed: the audit says what."""
    changes = changed_fields(before, after)
    if changes:
        bump_version(row, actor=actor)
        row.save()
        audit_record(actor=actor, action="change", obj=person, summary=summary, changes=changes)
    return row


def archive_row(row: TrackedModel, *, actor: User, person: Person, summary: str, field: str, was: str):
    """Take a row off the record: archived, so it stays in the history and the audit trail."""
    row.archived = True
    bump_version(row, actor=actor)
    row.save(update_fields=["archived", "version", "modified_by", "modified_at"])
    audit_record(actor=actor, action="archive", obj=person, summary=summary, changes={field: [was, None]})
    return row


def today_local() -> dt.date:
    return timezone.localdate()


def _date(value: dt.date | None) -> str:
    return f"{value:%-d %B %Y}" if value else "date not known"


# Creating ---------------------------------------------------------------------------------------


def next_person_id() -> str:
    """The next free authority-style person ID (P and seven digits) for a record made here."""
    last = (
        Person.objects.filter(person_id__startswith="P")
        .order_by("-person_id")
        .values_list("person_id", flat=True)
        .first()
    )
    number = int(last[1:]) + 1 if last and last[1:].isdigit() else 1
    return f"P{number:07d}"


@transaction.atomic
def person_create(*, actor: User, given_name: str, family_name: str, **fields) -> Person:
    """Create a person record (the worker has already seen the search results and chosen to)."""
    if not can_create_person(actor):
        raise PermissionDenied("You cannot create person records")
    person = Person(
        person_id=fields.pop("person_id", None) or next_person_id(),
        given_name=given_name,
        family_name=family_name,
        created_by=actor,
        modified_by=actor,
        **fields,
    )
    person.postcode = normalise_postcode(person.postcode)
    person.nhs_number = normalise_nhs_number(person.nhs_number)
    person.upn = (person.upn or "").strip().upper()
    person.full_clean()
    person.save()
    person_index_update(person)
    audit_record(
        actor=actor,
        action="create",
        obj=person,
        summary=f"Created person record {person.person_id} for {person.full_name}",
    )
    return person


# Details ---------------------------------------------------------------------------------------


def _normalised(values: dict[str, Any]) -> dict[str, Any]:
    clean = {}
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        if name == "nhs_number":
            value = normalise_nhs_number(value)
        elif name == "upn":
            value = (value or "").upper()
        elif value is None and isinstance(Person._meta.get_field(name), models.CharField | models.TextField):
            value = ""
        clean[name] = value
    return clean


@transaction.atomic
def person_details_update(*, actor: User, person: Person, version: int | None, **values: Any) -> Person:
    """Change any of the person's details (DETAIL_FIELDS); the audit event lists each field old → new.

    A change of name rebuilds the person's search keys in the same transaction.
    """
    unknown = set(values) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Not details of a person: {', '.join(sorted(unknown))}")
    require_edit(actor, person)
    locked = lock_for_change(person, version=version, noun="person's record")
    values = _normalised(values)
    before = {name: getattr(locked, name) for name in values}
    for name, value in values.items():
        setattr(locked, name, value)
    refuse_if(
        domain.person_details_errors(
            date_of_birth=locked.date_of_birth,
            expected_date_of_birth=locked.expected_date_of_birth,
            approximate_age=locked.approximate_age,
            sex=locked.sex,
            today=today_local(),
        )
    )
    locked.full_clean()
    changes = changed_fields(before, {name: getattr(locked, name) for name in values})
    if not changes:
        return locked
    bump_version(locked, actor=actor)
    locked.save()
    if SEARCHED_FIELDS & set(changes):
        person_index_update(locked)
    labels = ", ".join(str(getattr(Person._meta.get_field(name), "verbose_name", name)) for name in changes)
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=f"Changed the details of {locked.full_name}: {labels}",
        changes=changes,
    )
    return locked


@transaction.atomic
def person_needs_checking_clear(*, actor: User, person: Person, version: int | str | None) -> Person:
    """The record the import loaded with a value left blank has been checked and corrected: clear its note.

    Carries the version the worker saw (a change since, or the note cleared by someone else, is refused as
    stale). The audit event keeps the note as it was."""
    if not can_clear_needs_checking(actor, person):
        raise PermissionDenied("You cannot mark this record as checked")
    locked = lock_for_change(person, version=version, noun="person's record")
    if not locked.needs_checking:
        raise ValidationError("This record does not need checking")
    note = locked.needs_checking
    locked.needs_checking = ""
    bump_version(locked, actor=actor)
    locked.save(update_fields=["needs_checking", "version", "modified_by", "modified_at"])
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=f"Checked the record of {locked.full_name} ({locked.person_id}): the import's note was cleared",
        changes={"needs_checking": [note, ""]},
    )
    return locked


# Addresses -------------------------------------------------------------------------------------


def _current_rows(person: Person):
    return AddressHistory.objects.select_for_update().filter(person=person, archived=False, moved_out__isnull=True)


def _address_values(address: str, postcode: str) -> tuple[str, str]:
    return (address or "").strip(), normalise_postcode(postcode)


@transaction.atomic
def person_address_move(
    *, actor: User, person: Person, address: str, postcode: str, moved_in: dt.date
) -> AddressHistory:
    """They have moved: the current address goes into the history with a moved-out date (the day they
    moved in to the new one), and the new address becomes the current one."""
    require_edit(actor, person)
    locked = Person.objects.select_for_update().get(pk=person.pk)
    address, postcode = _address_values(address, postcode)
    current = list(_current_rows(locked))
    latest = max((row.moved_in for row in current if row.moved_in), default=None)
    refuse_if(domain.address_move_errors(moved_in=moved_in, current_moved_in=latest))
    new = AddressHistory(
        person=locked, address=address, postcode=postcode, moved_in=moved_in, created_by=actor, modified_by=actor
    )
    new.full_clean()
    for row in current:
        row.moved_out = moved_in
        bump_version(row, actor=actor)
        row.full_clean()
        row.save()
    if not current and locked.address:
        # An address from the demo or an import: keep it in the history, moved-in date not known.
        AddressHistory.objects.create(
            person=locked,
            address=locked.address,
            postcode=locked.postcode,
            moved_out=moved_in,
            created_by=actor,
            modified_by=actor,
        )
    new.save()
    before = {"address": locked.address, "postcode": locked.postcode}
    locked.address, locked.postcode = address, postcode
    bump_version(locked, actor=actor)  # an open details or address page of this person is now stale
    locked.save(update_fields=["address", "postcode", "version", "modified_by", "modified_at"])
    person_index_update(locked)  # the postcode is on the search card
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=f"Recorded a new address for {locked.full_name}, moved in {_date(moved_in)}",
        changes=changed_fields(before, {"address": address, "postcode": postcode}),
    )
    return new


@transaction.atomic
def person_address_correct(
    *, actor: User, person: Person, version: int | None, address: str, postcode: str, moved_in: dt.date | None
) -> Person:
    """Put right a mistake in the current address (not a move): the person and its history row agree."""
    require_edit(actor, person)
    locked = lock_for_change(person, version=version, noun="person's record")
    address, postcode = _address_values(address, postcode)
    current = list(_current_rows(locked))
    row = current[0] if current else None
    if row is None and moved_in:
        row = AddressHistory(person=locked, created_by=actor)
    before = {"address": locked.address, "postcode": locked.postcode, "moved_in": row.moved_in if row else None}
    if row is not None:
        row.address, row.postcode, row.moved_in = address, postcode, moved_in
        row.full_clean()
    locked.address, locked.postcode = address, postcode
    locked.full_clean()
    changes = changed_fields(before, {"address": address, "postcode": postcode, "moved_in": moved_in})
    if not changes:
        return locked
    if row is not None:
        bump_version(row, actor=actor)
        row.save()
    bump_version(locked, actor=actor)
    locked.save(update_fields=["address", "postcode", "version", "modified_by", "modified_at"])
    person_index_update(locked)  # the postcode is on the search card
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=f"Corrected the current address of {locked.full_name}",
        changes=changes,
    )
    return locked


def _history_row(person: Person, row: AddressHistory) -> AddressHistory:
    if row.person_id != person.pk or row.archived:
        raise ValidationError("That address is not in this person's history")
    if row.moved_out is None:
        raise ValidationError("That is the current address: correct it, or record a new address if they have moved")
    return row


@transaction.atomic
def address_history_correct(
    *,
    actor: User,
    person: Person,
    row: AddressHistory,
    version: int | None,
    address: str,
    postcode: str,
    moved_in: dt.date | None,
    moved_out: dt.date,
) -> AddressHistory:
    """Put right an earlier address or its dates."""
    require_edit(actor, person)
    _history_row(person, row)
    locked = lock_for_change(row, version=version, noun="address")
    address, postcode = _address_values(address, postcode)
    refuse_if(
        domain.date_order_errors(
            moved_in,
            moved_out,
            end_field="moved_out",
            message="The date they moved out must be the same as or after the date they moved in",
        )
    )
    before = {f: getattr(locked, f) for f in ("address", "postcode", "moved_in", "moved_out")}
    locked.address, locked.postcode, locked.moved_in, locked.moved_out = address, postcode, moved_in, moved_out
    locked.full_clean()
    after = {f: getattr(locked, f) for f in before}
    summary = f"Corrected an earlier address of {person.full_name}"
    return save_if_changed(locked, before, after, actor=actor, person=person, summary=summary)


@transaction.atomic
def address_history_archive(*, actor: User, person: Person, row: AddressHistory, version: int | None) -> AddressHistory:
    """Take an earlier address out of the record (kept, archived, in case it was right after all)."""
    require_edit(actor, person)
    _history_row(person, row)
    row = _history_row(person, lock_for_change(row, version=version, noun="address"))
    summary = f"Removed an earlier address of {person.full_name}: {row}"
    return archive_row(row, actor=actor, person=person, summary=summary, field="address_history", was=str(row))


# Other names -----------------------------------------------------------------------------------


def _name_key(given: str, family: str) -> tuple[str, str]:
    return " ".join(given.lower().split()), " ".join(family.lower().split())


@transaction.atomic
def alias_add(*, actor: User, person: Person, kind: str, given_name: str = "", family_name: str = "") -> Alias:
    """A previous name or another name they are known by; the person is then found by it in searches."""
    require_edit(actor, person)
    locked = Person.objects.select_for_update().get(pk=person.pk)
    given_name, family_name = (given_name or "").strip(), (family_name or "").strip()
    if not given_name and not family_name:
        raise ValidationError({"given_name": "Enter a first name or last name"})
    key = _name_key(given_name, family_name)
    if key == _name_key(locked.given_name, locked.family_name):
        raise ValidationError({"given_name": f"{locked.full_name} is their current name"})
    live = Alias.objects.filter(person=locked, archived=False).values_list("given_name", "family_name")
    if any(_name_key(g, f) == key for g, f in live):
        raise ValidationError({"given_name": "That name is already recorded for them"})
    alias = Alias(
        person=locked,
        kind=kind,
        given_name=given_name,
        family_name=family_name,
        created_by=actor,
        modified_by=actor,
    )
    alias.full_clean()
    alias.save()
    person_index_update(locked)
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=f"Added another name for {locked.full_name}: {alias.get_kind_display().lower()} {alias}",
        changes={"alias": [None, f"{alias} ({alias.get_kind_display().lower()})"]},
    )
    return alias


@transaction.atomic
def alias_archive(*, actor: User, person: Person, alias: Alias, version: int | None) -> Alias:
    require_edit(actor, person)
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if alias.person_id != locked.pk:
        raise ValidationError("That name is not recorded for this person")
    alias = lock_for_change(alias, version=version, noun="other name")
    if alias.person_id != locked.pk or alias.archived:
        raise ValidationError("That name is not recorded for this person")
    was = f"{alias} ({alias.get_kind_display().lower()})"
    summary = f"Removed another name of {locked.full_name}: {alias}"
    archive_row(alias, actor=actor, person=locked, summary=summary, field="alias", was=was)
    person_index_update(locked)
    return alias


# Disabilities ----------------------------------------------------------------------------------


@transaction.atomic
def disability_add(*, actor: User, person: Person, code: str, notes: str = "") -> Disability:
    """Record a disability (CIN census code). A code removed earlier is brought back rather than
    added twice: the database allows each code once per person, archived or not."""
    require_edit(actor, person)
    locked = Person.objects.select_for_update().get(pk=person.pk)
    rows = {d.code: d for d in Disability.objects.select_for_update().filter(person=locked)}
    live = {c for c, d in rows.items() if not d.archived}
    label = codes.label(codes.disability_choices(), code)
    if code in live:
        raise ValidationError({"code": f"{label} is already recorded for {locked.full_name}"})
    refuse_if(domain.disability_errors(code=code, live_codes=live))
    disability = rows.get(code)
    if disability is None:
        disability = Disability(person=locked, code=code, created_by=actor, modified_by=actor)
    else:
        bump_version(disability, actor=actor)  # brought back: a new version of the archived row
    disability.notes, disability.archived = (notes or "").strip(), False
    disability.full_clean()
    disability.save()
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=f"Recorded a disability for {locked.full_name}: {label}",
        changes={"disability": [None, label]},
    )
    return disability


@transaction.atomic
def disability_archive(*, actor: User, person: Person, disability: Disability, version: int | None) -> Disability:
    require_edit(actor, person)
    if disability.person_id != person.pk:
        raise ValidationError("That disability is not recorded for this person")
    disability = lock_for_change(disability, version=version, noun="disability")
    if disability.person_id != person.pk or disability.archived:
        raise ValidationError("That disability is not recorded for this person")
    label = disability.get_code_display()
    summary = f"Removed a disability of {person.full_name}: {label}"
    return archive_row(disability, actor=actor, person=person, summary=summary, field="disability", was=label)
