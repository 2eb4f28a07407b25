"""Reads of the person index. `person_search` is the one search used everywhere (call flow, people pages).

Baseline implementation: simple name/date-of-birth matching. The matching engine (issue 3) replaces
the internals but keeps this signature and the PersonMatch shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from .models import Involvement, Person
from .permissions import can_search_people


@dataclass
class PersonMatch:
    person: Person
    score: float  # 0-100, higher is a stronger match
    reasons: list[str] = field(default_factory=list)

    @property
    def strength(self) -> str:
        return "Strong" if self.score >= 80 else "Possible" if self.score >= 55 else "Weak"


def person_search(
    *,
    user,
    text: str,
    date_of_birth: dt.date | None = None,
    sex: str | None = None,
    postcode: str | None = None,
    limit: int = 10,
) -> list[PersonMatch]:
    if not can_search_people(user):
        return []
    words = [w for w in text.replace(",", " ").split() if w]
    if not words and not date_of_birth:
        return []
    query = Q()
    for word in words:
        query &= Q(given_name__istartswith=word) | Q(family_name__istartswith=word)
    qs = Person.objects.filter(archived=False).filter(query)
    if date_of_birth:
        qs = qs.filter(date_of_birth=date_of_birth) if not words else qs
    matches = []
    for person in qs[: limit * 5]:
        score, reasons = 60.0, ["Name starts with what you typed"]
        if date_of_birth and person.date_of_birth == date_of_birth:
            score += 30
            reasons.append("Same date of birth")
        if sex and person.sex == sex:
            score += 5
        if postcode and person.postcode.replace(" ", "").upper() == postcode.replace(" ", "").upper():
            score += 5
            reasons.append("Same postcode")
        matches.append(PersonMatch(person, min(score, 100), reasons))
    matches.sort(key=lambda m: -m.score)
    return matches[:limit]


def person_get(*, user, pk) -> Person | None:
    if not can_search_people(user):
        return None
    return Person.objects.filter(pk=pk, archived=False).first()


def current_involvements(person: Person):
    return person.involvements.filter(end_date__isnull=True, archived=False).select_related("team", "worker")


def past_involvements(person: Person):
    return person.involvements.filter(end_date__isnull=False, archived=False).select_related("team", "worker")


__all__ = ["PersonMatch", "person_search", "person_get", "current_involvements", "past_involvements", "Involvement"]
