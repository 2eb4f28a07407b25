"""Repeat and accumulating concerns: the pure rule by table, then the selector and the manager's list."""

import datetime as dt

import pytest
from django.urls import reverse

from frontdoor.people.family.concerns import assess_contacts, children_with_repeat_concerns, repeat_concern_for_person

from .factories import make_person
from .test_merging import make_contact

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def ago(days, outcome=""):
    return (NOW - dt.timedelta(days=days), outcome)


@pytest.mark.parametrize(
    "contacts, expected",
    [
        ([ago(10), ago(100), ago(200)], ["3 contacts"]),
        ([ago(10), ago(100), ago(400)], []),
        ([ago(10), ago(60, "advice")], ["within 90 days of one that ended with no further action"]),
        ([ago(10), ago(60, "signpost")], ["no further action"]),
        ([ago(10), ago(60, "referral")], []),
        ([ago(10), ago(120, "advice")], []),
        ([ago(1), ago(2), ago(3, "advice")], ["3 contacts", "no further action"]),
    ],
)
def test_rule(contacts, expected):
    reasons = assess_contacts(contacts, now=NOW, threshold=3, window_days=365, nfa_days=90)
    assert len(reasons) == len(expected)
    for reason, want in zip(reasons, expected, strict=True):
        assert want in reason


def test_thresholds_are_settings(settings):
    settings.FRONTDOOR_REPEAT_CONTACTS = 2
    assert assess_contacts([ago(1), ago(2)], now=NOW, threshold=2, window_days=365, nfa_days=90)


@pytest.mark.django_db
def test_selector_partial_and_manager_list(users, client_for, settings):
    child = make_person("Jessica", "Smith")
    calm = make_person("Alfie", "Brown")
    for days in (3, 40, 100):
        make_contact(users["csw"], child, days_ago=days)
    make_contact(users["csw"], calm, days_ago=3)
    concern = repeat_concern_for_person(child)
    assert concern and "3 contacts" in concern.summary and len(concern.contacts) == 3
    assert repeat_concern_for_person(calm) is None
    assert [c.person for c in children_with_repeat_concerns()] == [child]
    page = client_for(users["manager"]).get(reverse("people:repeat_concerns")).content.decode()
    assert "Jessica Smith" in page and "Alfie Brown" not in page
    record = client_for(users["csw"]).get(reverse("people:detail", args=[child.pk])).content.decode()
    assert "Repeat or accumulating concern" in record
