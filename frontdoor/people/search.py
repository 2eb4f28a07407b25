"""Candidate retrieval for person search: indexed look-ups for a bounded set, then scoring in Python.

First pass: the sound-alike name keys, the date of birth and its usual slips, the postcode and the
exact family name with the given name's start. When that finds nothing close to the best possible
score, a second pass widens to given-name-sound-and-family-initial keys and family name prefixes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .matching.dates import date_variants
from .matching.keys import query_keys, readings
from .matching.query_text import parse_search_text
from .matching.scoring import (
    DOB_WEIGHT,
    NAME_WEIGHT,
    POSTCODE_WEIGHT,
    SEX_WEIGHT,
    Candidate,
    Query,
    score_candidate,
    strength,
)
from .models import Alias, Person, PersonSearchKey
from .validators import normalise_postcode

PER_LOOKUP = 250
MIN_SCORE = 30.0
GOOD_ENOUGH = 0.85  # of the best score the query could reach
_FIELDS = (
    "id",
    "given_name",
    "middle_names",
    "preferred_name",
    "family_name",
    "date_of_birth",
    "approximate_age",
    "sex",
    "postcode",
)


@dataclass
class ScoredId:
    pk: object
    score: float
    reasons: list[str] = field(default_factory=list)


def _prefix_range(prefix: str) -> tuple[str, str]:
    return prefix, prefix + "zzzzzzzz"


def _ids(qs, limit: int = PER_LOOKUP) -> list:
    return list(qs.values_list("person_id" if qs.model is PersonSearchKey else "id", flat=True)[:limit])


def _first_pass(query: Query) -> set:
    found: set = set()
    keys = query_keys(query.text)
    if keys:
        found.update(_ids(PersonSearchKey.objects.filter(key__in=sorted(keys))))
    if query.date_of_birth:
        found.update(_ids(Person.objects.filter(date_of_birth__in=date_variants(query.date_of_birth))))
    postcode = normalise_postcode(query.postcode)
    if postcode:
        found.update(_ids(Person.objects.filter(postcode=postcode)))
    for reading in readings(query.text):
        family = "".join(reading.family)
        if family and reading.given:
            found.update(
                _ids(Person.objects.filter(search_family=family, search_given__range=_prefix_range(reading.given)))
            )
        elif family:
            found.update(_ids(Person.objects.filter(search_family__range=_prefix_range(family))))
    return found


def _second_pass(query: Query) -> set:
    found: set = set()
    keys = query_keys(query.text, wide=True)
    if keys:
        found.update(_ids(PersonSearchKey.objects.filter(key__in=sorted(keys)), 2 * PER_LOOKUP))
    for reading in readings(query.text):
        family = "".join(reading.family)
        if family and reading.given:
            found.update(
                _ids(
                    Person.objects.filter(
                        search_family__range=_prefix_range(family[:3]),
                        search_given__range=_prefix_range(reading.given[:2]),
                    )
                )
            )
    return found


def _score(query: Query, ids: set, done: dict) -> None:
    todo = [pk for pk in ids if pk not in done]
    if not todo:
        return
    aliases: dict = {}
    for pk, given, family in Alias.objects.filter(person_id__in=todo, archived=False).values_list(
        "person_id", "given_name", "family_name"
    ):
        aliases.setdefault(pk, []).append((given, family))
    for row in Person.objects.filter(pk__in=todo, archived=False).values_list(*_FIELDS):
        pk, given, middle, preferred, family, dob, approx, sex, postcode = row
        candidate = Candidate(
            given_name=given,
            family_name=family,
            other_given=tuple(n for n in (preferred, middle) if n),
            aliases=tuple(aliases.get(pk, ())),
            date_of_birth=dob,
            approximate_age=approx,
            sex=sex,
            postcode=postcode,
        )
        score, reasons = score_candidate(query, candidate)
        done[pk] = ScoredId(pk, score, reasons)


def best_possible(query: Query) -> float:
    total = NAME_WEIGHT
    if query.date_of_birth:
        total += DOB_WEIGHT
    elif query.age is not None:
        total += DOB_WEIGHT * 0.6
    if query.postcode:
        total += POSTCODE_WEIGHT
    if query.sex in ("M", "F"):
        total += SEX_WEIGHT
    return total * 100


def build_query(
    text: str, date_of_birth: dt.date | None, sex: str | None, postcode: str | None, today: dt.date | None = None
) -> Query:
    name_text, typed_date, age = parse_search_text(text)
    return Query(
        text=name_text,
        date_of_birth=date_of_birth or typed_date,
        age=age,
        sex=(sex or "").upper()[:1] or None,
        postcode=postcode or None,
        today=today or dt.date.today(),
    )


def search_ids(query: Query, *, limit: int = 10) -> list[ScoredId]:
    """The best `limit` people for a query (ids, scores and reasons), best first."""
    if not query.text and not query.date_of_birth and not query.postcode:
        return []
    scored: dict = {}
    _score(query, _first_pass(query), scored)
    top = max((s.score for s in scored.values()), default=0.0)
    if top < GOOD_ENOUGH * best_possible(query) and query.text:
        _score(query, _second_pass(query), scored)
    ranked = sorted((s for s in scored.values() if s.score >= MIN_SCORE), key=lambda s: (-s.score, str(s.pk)))
    return ranked[:limit]


def strength_of(score: float) -> str:
    return strength(score)


__all__ = ["ScoredId", "build_query", "search_ids", "strength_of"]
