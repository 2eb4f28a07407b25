"""ui.pagination: pages from the database, links that keep the filters, and merged queues in order."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from frontdoor.accounts.models import User
from frontdoor.ui.pagination import MergedQuerySets, Source, _numbers, paginate


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, None, 10]),
        (5, 10, [1, None, 4, 5, 6, None, 10]),
        (10, 10, [1, None, 9, 10]),
        (3, 10, [1, 2, 3, 4, None, 10]),
    ],
)
def test_page_numbers_show_first_last_and_neighbours(current, last, expected):
    assert _numbers(current, last) == expected


def test_page_links_keep_the_filters():
    request = RequestFactory().get("/x/", {"kind": ["decision", "referral"], "urgent": "yes", "page": "2"})
    page = paginate(request, list(range(60)), per_page=25)
    assert page.number == 2 and list(page.object_list) == list(range(25, 50))
    assert page.previous_url == "?kind=decision&kind=referral&urgent=yes&page=1"
    assert page.next_url.endswith("page=3") and "urgent=yes" in page.next_url
    assert [(link.number, link.current) for link in page.links] == [(1, False), (2, True), (3, False)]


@pytest.mark.parametrize("asked", ["0", "-1", "abc", "999", ""])
def test_a_bad_page_number_gives_a_page_not_an_error(asked):
    page = paginate(RequestFactory().get("/x/", {"page": asked}), list(range(30)), per_page=25)
    assert page.number in (1, 2)


@pytest.mark.django_db
def test_a_queryset_page_is_one_count_and_one_limited_query(django_assert_num_queries):
    User.objects.bulk_create([User(username=f"u{n:03d}") for n in range(60)])
    request = RequestFactory().get("/x/", {"page": "3"})
    with django_assert_num_queries(2):
        page = paginate(request, User.objects.order_by("username"), per_page=25)
        names = [u.username for u in page.object_list]
    assert names == [f"u{n:03d}" for n in range(50, 60)]


@pytest.mark.django_db
def test_merged_querysets_page_in_the_merged_order_and_build_only_the_page(django_assert_max_num_queries):
    """Two ordered sources merged: every page holds the rows a full sort would put there."""
    User.objects.bulk_create([User(username=f"a{n:03d}", first_name=str(n % 7)) for n in range(40)])
    built: list[int] = []

    def build(pks):
        built.extend(pks)
        return {u.pk: u.username for u in User.objects.filter(pk__in=pks)}

    def source(prefix):
        keys = User.objects.filter(username__startswith=prefix).order_by("first_name", "pk")
        return Source(keys=keys.values_list("first_name", "pk"), build=build)

    # Split the users into two sources by the parity of their number.
    for u in User.objects.all():
        u.username = ("e" if int(u.username[1:]) % 2 == 0 else "o") + u.username
        u.save()
    merged = MergedQuerySets([source("e"), source("o")], sort_key=lambda row: row[0])
    everyone = {u.username for u in User.objects.all()}
    assert merged.count() == 40
    shown = []
    for number in (1, 2):
        with django_assert_max_num_queries(6):  # per source: a count, the page's keys, its rows
            page = paginate(RequestFactory().get("/x/", {"page": number}), merged, per_page=25)
            shown += list(page.object_list)
    assert len(shown) == 40 and set(shown) == everyone
    assert len(built) == 40  # each row built once, on its own page
    firsts = [User.objects.get(username=s).first_name for s in shown]
    assert firsts == sorted(firsts)
