"""Reads for finding people. `person_search` is the one search used everywhere (call flow, people pages).

The matching rules are in search.matching (pure) and the indexed candidate look-up in search.candidates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import Involvement, Person
from ..permissions import can_match_people, restricted_person_ids_for
from .candidates import build_query, search_ids, strength_of

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


@dataclass(frozen=True)
class PersonFlags:
    """What a search result shows as tags: a current open case, child protection plan, looked after."""

    open_case: bool = False
    cp_plan: bool = False
    looked_after: bool = False

    def __bool__(self) -> bool:
        return self.open_case or self.cp_plan or self.looked_after


FLAG_KINDS = (Involvement.Kind.OPEN_CASE, Involvement.Kind.CHILD_PROTECTION, Involvement.Kind.LOOKED_AFTER)


def flags_for_people(person_ids) -> dict:
    """The flags of each of these people who has any, by person pk: one query for any number of people."""
    kinds: dict = {}
    rows = Involvement.objects.filter(
        person_id__in=list(person_ids), end_date__isnull=True, archived=False, kind__in=FLAG_KINDS
    ).values_list("person_id", "kind")
    for person_id, kind in rows:
        kinds.setdefault(person_id, set()).add(kind)
    return {
        pk: PersonFlags(open_case="open_case" in k, cp_plan="cp_plan" in k, looked_after="looked_after" in k)
        for pk, k in kinds.items()
    }


@dataclass
class PersonMatch:
    person: Person
    score: float  # 0-100, higher is a stronger match
    reasons: list[str] = field(default_factory=list)
    flags: PersonFlags = field(default_factory=PersonFlags)
    # A record restricted from the searcher (decision 26): shown as "Restricted record", no details, no reasons
    restricted: bool = False

    @property
    def strength(self) -> str:
        return strength_of(self.score)


def person_search(
    *,
    user: User,
    text: str,
    date_of_birth: dt.date | None = None,
    sex: str | None = None,
    postcode: str | None = None,
    limit: int = 10,
) -> list[PersonMatch]:
    """People who may be the one described, best first, each with its reasons and strength.

    The text may carry a date of birth ("Jess Smith 4/3/2015") or an age ("Jess Smith 9").
    """
    if not can_match_people(user):
        return []
    query = build_query(text, date_of_birth, sex, postcode)
    found = search_ids(query, limit=limit)
    # Archived (merged) people have no search keys; this also keeps out one archived some other way.
    people = Person.objects.filter(archived=False).in_bulk([s.pk for s in found])
    flags = flags_for_people(people) if people else {}
    hidden = restricted_among(user, people)
    return [
        PersonMatch(people[s.pk], s.score, [], PersonFlags(), restricted=True)
        if s.pk in hidden
        else PersonMatch(people[s.pk], s.score, s.reasons, flags.get(s.pk, PersonFlags()))
        for s in found
        if s.pk in people
    ]


def restricted_among(user: User, person_ids) -> set:
    """Which of these people are restricted from the user: one query for any number (none for no people)."""
    ids = list(person_ids)
    if not ids:
        return set()
    return set(restricted_person_ids_for(user).filter(person_id__in=ids).values_list("person_id", flat=True))
