"""Factories for people (en_GB Faker); people made here are indexed for search like real records."""

from __future__ import annotations

import datetime as dt
import itertools

from frontdoor.people.models import Person, Relationship
from frontdoor.people.search.index import person_index_update

_ids = itertools.count(1)


def make_person(given_name: str = "Jessica", family_name: str = "Smith", **fields) -> Person:
    fields.setdefault("person_id", f"T{next(_ids):07d}")
    fields.setdefault("date_of_birth", dt.date(2015, 3, 4))
    fields.setdefault("sex", "F")
    person = Person.objects.create(given_name=given_name, family_name=family_name, **fields)
    person_index_update(person)
    return person


def relate(from_person: Person, kind: str, to_person: Person, **fields) -> Relationship:
    return Relationship.objects.create(from_person=from_person, kind=kind, to_person=to_person, **fields)
