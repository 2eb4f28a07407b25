"""Search results show the records flags as GOV.UK tags (CP plan, looked after, open case), read in one
query for the whole page of results (issue 11, part 4)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontdoor.people.models import Involvement
from frontdoor.people.selectors import person_search

from .factories import make_person

pytestmark = pytest.mark.django_db


def smiths(n: int):
    people = [make_person("Jack", "Smith", date_of_birth=dt.date(2016, 2, 1 + i)) for i in range(n)]
    for person in people:
        Involvement.objects.create(person=person, kind="cp_plan", start_date=dt.date(2026, 1, 1))
        Involvement.objects.create(person=person, kind="open_case", start_date=dt.date(2026, 1, 1))
    return people


def test_search_results_carry_current_flags_only(users):
    cp, looked_after, ended = (make_person("Jack", "Smith", date_of_birth=dt.date(2016, 2, d)) for d in (1, 2, 3))
    Involvement.objects.create(person=cp, kind="cp_plan", start_date=dt.date(2026, 1, 1))
    Involvement.objects.create(person=looked_after, kind="looked_after", start_date=dt.date(2026, 1, 1))
    Involvement.objects.create(
        person=ended, kind="open_case", start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 6, 1)
    )
    flags = {m.person.pk: m.flags for m in person_search(user=users["csw"], text="Jack Smith")}
    assert flags[cp.pk].cp_plan and not flags[cp.pk].looked_after and not flags[cp.pk].open_case
    assert flags[looked_after.pk].looked_after
    assert not flags[ended.pk]  # an ended involvement is no flag


def test_the_flags_cost_one_query_however_many_results(users):
    def count(n):
        smiths(n)
        with CaptureQueriesContext(connection) as ctx:
            found = person_search(user=users["csw"], text="Jack Smith")
        assert all(m.flags.cp_plan for m in found)
        return len(ctx.captured_queries)

    assert count(1) == count(5)


def test_the_search_page_shows_the_flags_as_tags(users, client_for):
    smiths(2)
    page = client_for(users["csw"]).post(reverse("people:search"), {"q": "Jack Smith"}, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert html.count('<strong class="govuk-tag govuk-tag--red fd-flag">CP plan</strong>') == 2
    assert html.count("Open case</strong>") == 2
