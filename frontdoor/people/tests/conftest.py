"""Fixtures shared by the people tests."""

import datetime as dt

import pytest

from frontdoor.people.models import AddressHistory, Alias, Disability, Involvement

from .factories import make_person, relate


@pytest.fixture
def record(users):
    child = make_person(
        "Jack", "Smith", sex="M", date_of_birth=dt.date(2016, 2, 3), address="1 Elm Road", postcode="NR1 2AB"
    )
    mum = make_person("Sarah", "Smith", date_of_birth=dt.date(1988, 5, 1))
    gran = make_person("Maureen", "Hall", date_of_birth=dt.date(1960, 7, 8))
    earlier = AddressHistory.objects.create(
        person=child,
        address="9 Old Street",
        postcode="NR3 1AA",
        moved_in=dt.date(2016, 2, 3),
        moved_out=dt.date(2020, 1, 1),
    )
    alias = Alias.objects.create(person=child, kind="alias", given_name="Jackie", family_name="Smith")
    disability = Disability.objects.create(person=child, code="AUT")
    rel = relate(mum, "parent", child, parental_responsibility=True, same_household=True)
    inv = Involvement.objects.create(person=child, kind="open_case", start_date=dt.date(2025, 9, 1))
    return {
        "child": child,
        "mum": mum,
        "gran": gran,
        "earlier": earlier,
        "alias": alias,
        "disability": disability,
        "rel": rel,
        "inv": inv,
    }
