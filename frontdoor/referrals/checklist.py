"""The referral information checklist (DOMAIN section 3), worked out on every read from the contact, its
people and their person records, never stored (decision 4), so it cannot go stale.

The record is the truth: once a person on the call is linked to a record, what the record holds counts
(the caller's words only where the record has nothing). Each item not known says where to add it: the
person record's change page, which comes back to the referral afterwards (`?next=`), or the referral's own
form; what only the call could tell (and the call is recorded, so it cannot change) says so. The panel's
wording follows the referral's state (`domain.checklist_wording`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import reverse

from frontdoor.people.models import Relationship
from frontdoor.people.permissions import can_edit_person
from frontdoor.ui.pages import with_next

from . import domain, permissions

if TYPE_CHECKING:
    from .models import Referral

HOUSEHOLD_ROLES = ("parent_carer", "sibling", "household")
FROM_THE_CALL = "Not recorded on the call"


@dataclass
class Fix:
    """One place to add a missing item (no `href` where the user cannot add it there)."""

    text: str
    href: str = ""


@dataclass
class Checklist:
    """The panel: its wording for the referral's state and the items; iterating it gives the items."""

    wording: domain.ChecklistWording
    items: list[dict] = field(default_factory=list)

    def __iter__(self):
        return iter(self.items)

    @property
    def missing(self) -> list[dict]:
        return [i for i in self.items if not i["known"]]


def _recorded(cp, name: str):
    """The record's value when linked and the record holds one, else what the caller said."""
    if cp.person_id and getattr(cp.person, name, None):
        return getattr(cp.person, name)
    return getattr(cp, name, None)


def _sex_known(cp) -> bool:
    return (cp.person.sex if cp.person_id else "") in ("M", "F") or cp.sex in ("M", "F")


def referral_checklist(referral: Referral, *, user=None, next_url: str = "") -> Checklist:
    """The checklist for `referral` as `user` sees it; the links to add what is missing come back to
    `next_url` (the page showing the panel)."""
    wording = domain.checklist_wording(referral.state)
    contact = referral.contact
    people = list(contact.people.all())
    children = [p for p in people if p.is_child]
    # One referral per child: the checklist is about this referral's child when it names one on the call.
    own = [c for c in children if referral.child_id and c.person_id == referral.child_id]
    children = own or children
    records = [c.person for c in children if c.person_id]

    def person_fix(person, text: str, view: str = "people:details_edit", anchor: str = "") -> Fix:
        if not wording.fixes or user is None or not can_edit_person(user, person):
            return Fix(text)
        return Fix(text, with_next(reverse(view, args=[person.pk]), next_url) + anchor)

    def unlinked(cp) -> Fix:
        return Fix(f"{cp.shown_name} has no person record yet")

    def per_child(test, what: str, anchor: str, view: str = "people:details_edit") -> tuple[bool, list[Fix]]:
        fixes = []
        for cp in children:
            if test(cp):
                continue
            if cp.person_id:
                fixes.append(person_fix(cp.person, f"Add {cp.shown_name}'s {what}", view, anchor))
            else:
                fixes.append(unlinked(cp))
        return bool(children) and not fixes, fixes

    def per_record(names: tuple[str, ...], what: str, anchor: str) -> tuple[bool, list[Fix]]:
        """Held only on person records (the call does not ask): each child's record must hold it."""
        return per_child(
            lambda cp: cp.person_id is not None and all(getattr(cp.person, n) for n in names), what, anchor
        )

    known: dict[str, bool] = {}
    fixes: dict[str, list[Fix]] = {}

    def item(code: str, result: tuple[bool, list[Fix]]) -> None:
        known[code], fixes[code] = result

    item(
        "child_names",
        per_child(lambda cp: bool(_recorded(cp, "given_name") and _recorded(cp, "family_name")), "full name", ""),
    )
    item(
        "child_dobs",
        per_child(
            lambda cp: bool(_recorded(cp, "date_of_birth") or (cp.person_id and cp.person.expected_date_of_birth)),
            "date of birth",
            "#id_date_of_birth_0",
        ),
    )
    item("child_sex", per_child(_sex_known, "sex", "#id_sex_0"))
    item(
        "address",
        per_child(
            lambda cp: bool(_recorded(cp, "address") and _recorded(cp, "postcode")),
            "address",
            "",
            view="people:address_correct",
        ),
    )
    item("school", per_record(("school",), "school or nursery", "#id_school"))
    item("ethnicity", per_record(("ethnicity",), "ethnicity", "#id_ethnicity"))
    item(
        "language_religion",
        per_record(("first_language", "religion"), "first language and religion", "#id_first_language"),
    )
    item("nationality", per_record(("nationality",), "nationality", "#id_nationality"))
    item(
        "communication",
        per_child(
            lambda cp: (
                cp.person_id is not None
                and bool(cp.person.communication_needs or cp.person.disabilities.filter(archived=False).exists())
            ),
            "needs and how they communicate",
            "#id_communication_needs",
        ),
    )

    # Parental responsibility and the household: said on the call, or held in the family's records.
    relationships = list(
        Relationship.objects.filter(to_person__in=records, archived=False).select_related("from_person")
    ) + list(Relationship.objects.filter(from_person__in=records, archived=False).select_related("to_person"))
    pr_known = any(p.parental_responsibility for p in people) or any(
        r.parental_responsibility and r.to_person_id in {p.pk for p in records} for r in relationships
    )
    known["parental_responsibility"] = pr_known
    fixes["parental_responsibility"] = (
        []
        if pr_known
        else [
            person_fix(p, f"Add who holds parental responsibility for {p.full_name}", "people:relationship_find")
            for p in records
        ]
        or [unlinked(c) for c in children]
    )

    record_ids = {p.pk for p in records}
    on_call = [p for p in people if not p.is_child and (p.lives_with_child or p.role in HOUSEHOLD_ROLES)]
    household: dict[object, tuple[str, object, object]] = {}  # key -> (name, date of birth, record)
    for cp in on_call:
        household[cp.person_id or cp.pk] = (cp.shown_name, _recorded(cp, "date_of_birth"), cp.person)
    for rel in relationships:
        if not rel.same_household:
            continue
        other = rel.from_person if rel.to_person_id in record_ids else rel.to_person
        if other.pk not in record_ids:
            household.setdefault(other.pk, (other.full_name, other.date_of_birth, other))
    household_fixes = []
    for name, born, person in household.values():
        if born:
            continue
        household_fixes.append(
            person_fix(person, f"Add {name}'s date of birth", anchor="#id_date_of_birth_0")
            if person is not None
            else Fix(f"{name} has no person record yet")
        )
    if not household:
        household_fixes = [
            person_fix(p, f"Add who lives with {p.full_name}", "people:relationship_find") for p in records
        ]
    known["household"] = bool(household) and not household_fixes
    fixes["household"] = household_fixes

    # What only the call tells.
    call = {
        "concern": bool(contact.worried_about or contact.reason_for_call),
        "location": bool(contact.child_location),
        "immediacy": bool(contact.immediacy),
        "perpetrator": any(p.role == "alleged_perpetrator" for p in people),
        "referrer_relationship": bool(contact.caller_relationship),
        "parents_aware": contact.parents_aware in ("yes", "no"),
    }
    for code, is_known in call.items():
        known[code], fixes[code] = is_known, [] if is_known else [Fix(FROM_THE_CALL)]

    # What the referral itself holds (a copy of the call's answers, editable while the referral is).
    may_edit = (
        wording.fixes
        and user is not None
        and permissions.can_edit_referral(user, referral)
        and domain.can_transition(referral.state, "edit")
    )
    edit_url = reverse("referrals:edit", args=[referral.pk]) if may_edit else ""
    known["other_agencies"] = bool(referral.other_agencies)
    known["household_questions"] = all(
        getattr(referral, f) not in ("", "unknown")
        for f in ("domestic_abuse", "mental_illness", "substance_misuse", "learning_difficulties")
    )
    fixes["other_agencies"] = (
        [] if known["other_agencies"] else [Fix("Add the other agencies", edit_url and edit_url + "#id_other_agencies")]
    )
    fixes["household_questions"] = (
        []
        if known["household_questions"]
        else [Fix("Answer the questions about the household", edit_url and edit_url + "#id_domestic_abuse_0")]
    )

    items = []
    for entry in domain.checklist(known):
        entry["fixes"] = fixes.get(entry["code"], []) if not entry["known"] else []
        items.append(entry)
    return Checklist(wording=wording, items=items)
