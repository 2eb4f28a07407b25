"""Synthetic families for the demo and tests: parents, children, relationships and involvements."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from frontdoor.directory.models import District, Team

from .models import Involvement, Person, Relationship
from .record.services import next_person_id
from .search.index import index_new_people, set_search_fields

ETHNICITIES = ["WBRI"] * 8 + ["WOTH", "MWBC", "ABAN", "BAFR", "CHNE", "WROM", "AOTH"]
# (a family whose roll is below this, the kind of involvement, started low to high days ago, still current)
INVOLVEMENT_ODDS = [
    (0.08, Involvement.Kind.CHILD_PROTECTION, (30, 300), True),
    (0.2, Involvement.Kind.OPEN_CASE, (10, 400), True),
    (0.25, Involvement.Kind.LOOKED_AFTER, (60, 900), True),
    (0.4, Involvement.Kind.EARLY_HELP, (400, 900), False),
]


def _postcode(rng, district: District | None) -> str:
    outward = rng.choice(district.postcode_prefixes.split()) if district and district.postcode_prefixes else "NR1"
    return f"{outward} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"


def _member(fake, person_id: str, sex: str, ages: tuple[int, int], home: dict) -> Person:
    """One of a household: a name for their sex, a date of birth in `ages` (years), the family's home."""
    given = fake.first_name_female() if sex == "F" else fake.first_name_male()
    return Person(
        person_id=person_id,
        given_name=given,
        sex=sex,
        date_of_birth=fake.date_of_birth(minimum_age=ages[0], maximum_age=ages[1]),
        first_language="English",
        **home,
    )


def seed(*, people: int, fake, rng) -> str:
    districts = list(District.objects.filter(active=True))
    today = timezone.localdate()
    number = int((next_person_id())[1:])
    made, families = 0, 0
    batch: list[Person] = []
    relationships: list[tuple[int, int, str, bool]] = []
    involvements: list[tuple[int, str, dt.date, bool]] = []
    while made < people:
        family_name = fake.last_name()
        district = rng.choice(districts) if districts else None
        address = fake.street_address().replace("\n", ", ")
        postcode = _postcode(rng, district)
        ethnicity = rng.choice(ETHNICITIES)
        start = len(batch)
        adults = rng.choice([1, 2, 2])
        home = {"family_name": family_name, "ethnicity": ethnicity, "address": address, "postcode": postcode}
        for i in range(adults):
            batch.append(_member(fake, f"P{number:07d}", "F" if i == 0 else "M", (19, 50), home))
            number += 1
        for _ in range(rng.randint(1, 4)):
            child = _member(fake, f"P{number:07d}", rng.choice("MF"), (0, 17), home)
            child.school = f"{fake.city()} {'Primary' if rng.random() < 0.6 else 'High'} School"
            batch.append(child)
            number += 1
        children = list(range(start + adults, len(batch)))
        for a in range(start, start + adults):
            for c in children:
                relationships.append((a, c, Relationship.Kind.PARENT, True))
        for i, c1 in enumerate(children):
            for c2 in children[i + 1 :]:
                relationships.append((c1, c2, Relationship.Kind.SIBLING, False))
        if adults == 2:
            relationships.append((start, start + 1, Relationship.Kind.PARTNER, False))
        roll = rng.random()
        found = next((row for row in INVOLVEMENT_ODDS if roll < row[0]), None)  # one kind for the family
        if found:
            _, kind, (low, high), current = found
            for c in children:
                involvements.append((c, kind, today - dt.timedelta(days=rng.randint(low, high)), current))
        made = len(batch)
        families += 1
    if len(batch) > 2:  # one record the import could not keep as given, for the "need checking" list
        batch[2].nhs_number = ""
        batch[2].needs_checking = (
            f"Imported from demo-extract.csv, line {3 + 1}, on {today:%-d %B %Y}. Left blank or unknown because "
            "nhs_number “943 476 5918”: Enter a real NHS number: the check digit does not match."
        )
    for person in batch:
        set_search_fields(person)
    saved = Person.objects.bulk_create(batch, batch_size=500)
    index_new_people(saved)
    Relationship.objects.bulk_create(
        [
            Relationship(
                from_person=saved[a], to_person=saved[b], kind=k, parental_responsibility=pr, same_household=True
            )
            for a, b, k, pr in relationships
        ],
        batch_size=500,
    )
    teams = list(Team.objects.filter(kind__in=[Team.Kind.FAST, Team.Kind.FAMILY_SUPPORT]))
    Involvement.objects.bulk_create(
        [
            Involvement(
                person=saved[p],
                kind=k,
                start_date=s,
                end_date=None if current else s + dt.timedelta(days=180),
                worker_name=fake.name(),
                team=rng.choice(teams) if teams else None,
                cp_category=rng.choice(["NEG", "EMO", "PHY"]) if k == Involvement.Kind.CHILD_PROTECTION else "",
            )
            for p, k, s, current in involvements
        ],
        batch_size=500,
    )
    return f"{len(saved)} people in {families} families, {len(relationships)} relationships, {len(involvements)} involvements"
