"""Pages: forms keep the user's text on error, stale edits are refused, queues show the right work."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.directory.models import Team
from frontdoor.mash.tests.factories import request_make
from frontdoor.referrals import services
from frontdoor.referrals.models import ContactDecision, Referral

from .factories import contact_make, decision_make, referral_make, referrals_make

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_decision_page_shows_levels_and_indicators(users, client_for):
    contact = contact_make(worker=users["csw"])
    html = client_for(users["csw"]).get(reverse("referrals:decision", args=[contact.pk])).content.decode()
    assert "Thriving, community based, low level" in html and "Level 4: Specialist, acute" in html
    assert "Fabricated or induced illness" in html and f"/contacts/{contact.pk}/" in html
    assert 'name="c0-s47_indicators" type="checkbox" value="fii"' in html


def test_several_s47_indicators_mark_strategy_discussion(users, client_for):
    contact = contact_make(worker=users["csw"])
    client_for(users["csw"]).post(
        reverse("referrals:decision", args=[contact.pk]),
        {
            "c0-version": "0",
            "c0-level": "4",
            "c0-outcome": "allocated_worker",
            "c0-reasons": "Open case",
            "c0-s47_indicators": ["fii", "no_parent"],
        },
    )
    decision = ContactDecision.objects.get()
    assert decision.s47_indicators == ["fii", "no_parent"] and decision.consider_strategy_discussion


def test_decision_missing_reasons_keeps_choices(users, client_for):
    contact = contact_make(worker=users["csw"])
    url = reverse("referrals:decision", args=[contact.pk])
    response = client_for(users["csw"]).post(url, {"c0-level": "3", "c0-outcome": "referral", "c0-reasons": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Enter the reasons for the decision" in html
    assert 'value="3" aria-describedby="id_c0-level-3-hint" checked' in html
    assert not Referral.objects.exists()


def test_decision_progress_to_referral_then_edit_and_submit(users, client_for):
    contact = contact_make(worker=users["csw"])
    client = client_for(users["csw"])
    response = client.post(
        reverse("referrals:decision", args=[contact.pk]),
        {
            "c0-version": "0",
            "c0-level": "4",
            "c0-outcome": "referral",
            "c0-reasons": "Bruising",
            "c0-s47_indicators": ["inconsistent_explanation"],
        },
    )
    referral = Referral.objects.get()
    assert response["Location"] == reverse("referrals:edit", args=[referral.pk])
    edit = client.get(response["Location"]).content.decode()
    assert "FAST Norwich" in edit and "Still missing" in edit
    data = {
        "version": referral.version,
        "domestic_abuse": "yes",
        "mental_illness": "no",
        "substance_misuse": "unknown",
        "learning_difficulties": "no",
        "disposal": "3",
        "disposal_reasons": "",
        "receiving_team": "",
        "send": "1",
    }
    response = client.post(response["Location"], data)
    html = response.content.decode()
    assert "Enter the reasons for the disposal" in html and "Select the receiving team" in html
    referral.refresh_from_db()
    assert referral.state == "draft" and referral.domestic_abuse == "unknown"
    data.update(disposal_reasons="Injury", receiving_team=Team.objects.get(code="fast-norwich").pk)
    response = client.post(reverse("referrals:edit", args=[referral.pk]), data)
    referral.refresh_from_db()
    assert response.status_code == 302 and referral.state == "awaiting_authorisation"


def test_stale_edit_keeps_the_second_users_text(users, client_for):
    referral = referral_make(worker=users["csw"], submit=False)
    url = reverse("referrals:edit", args=[referral.pk])
    base = {
        "version": referral.version,
        "domestic_abuse": "unknown",
        "mental_illness": "unknown",
        "substance_misuse": "unknown",
        "learning_difficulties": "unknown",
        "save": "1",
    }
    assert client_for(users["csw"]).post(url, {**base, "other_agencies": "First text"}).status_code == 302
    response = client_for(users["csw2"]).post(url, {**base, "other_agencies": "My careful second text"})
    html = response.content.decode()
    assert "This referral was changed by" in html and "My careful second text" in html
    referral.refresh_from_db()
    assert referral.other_agencies == "First text"


def test_manager_authorises_via_page_but_not_their_own(users, client_for):
    referral = referral_make(worker=users["csw"])
    own = referral_make(worker=users["manager"])
    manager = client_for(users["manager"])
    assert (
        "another manager must authorise" in manager.get(reverse("referrals:authorise", args=[own.pk])).content.decode()
    )
    response = manager.post(
        reverse("referrals:authorise", args=[own.pk]), {"action": "authorise", "version": own.version}
    )
    assert "cannot authorise" in response.content.decode()
    response = manager.post(
        reverse("referrals:authorise", args=[referral.pk]), {"action": "return", "version": referral.version}
    )
    assert "Enter the reasons for returning the referral" in response.content.decode()
    response = manager.post(
        reverse("referrals:authorise", args=[referral.pk]), {"action": "authorise", "version": referral.version}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == "with_team"


def _refs(client, name, query=""):
    html = client.get(reverse("referrals:queue", args=[name]) + query).content.decode()
    return html


def test_queue_contents_per_role(users, client_for):
    """Each role sees its own work: the worker's contacts, the manager's authorisations, the team's referrals."""
    undecided = contact_make(worker=users["csw"])
    strategy = contact_make(worker=users["csw2"])
    decision_make(contact=strategy, actor=users["csw2"], outcome="allocated_worker", indicators=["fii"])
    awaiting = referral_make(worker=users["csw"])
    routed = referral_make(worker=users["csw"])
    routed = services.referral_authorise(actor=users["manager"], referral=routed, version=routed.version)

    mine = _refs(client_for(users["csw"]), "mine")
    assert undecided.reference in mine and strategy.reference not in mine
    team = _refs(client_for(users["csw2"]), "team")
    assert undecided.reference in team
    auth = _refs(client_for(users["manager"]), "authorisation")
    assert awaiting.reference in auth and strategy.reference in auth and routed.reference not in auth
    assert auth.index(strategy.reference) < auth.index(awaiting.reference)
    receiving = _refs(client_for(users["receiving"]), "team")
    assert routed.reference in receiving and awaiting.reference not in receiving
    services.referral_take(actor=users["receiving"], referral=routed, version=routed.version)
    assert routed.reference in _refs(client_for(users["receiving"]), "mine")
    assert routed.reference not in _refs(client_for(users["receiving"]), "team")


def test_queue_sorted_immediate_first_and_filters(users, client_for):
    later = contact_make(worker=users["csw"], immediacy="not_urgent")
    immediate = contact_make(
        worker=users["csw"],
        immediacy="immediate",
        decision_due_at=later.decision_due_at + dt.timedelta(days=3),
    )
    client = client_for(users["csw"])
    html = _refs(client, "mine")
    assert html.index(immediate.reference) < html.index(later.reference)
    html = _refs(client, "mine", "?urgent=yes")
    assert immediate.reference in html and later.reference not in html
    html = _refs(client, "mine", "?kind=referral")
    assert immediate.reference not in html and "matches the filters" in html


def test_overdue_is_computed_across_a_bank_holiday(users, client_for):
    """A call on Christmas Eve afternoon is due on 29 December; it is overdue only after that."""
    with time_machine.travel(dt.datetime(2026, 12, 24, 15, tzinfo=LONDON), tick=False):
        contact = contact_make(worker=users["csw"])
    assert contact.decision_due_at == dt.datetime(2026, 12, 29, 15, tzinfo=LONDON)
    with time_machine.travel(dt.datetime(2026, 12, 29, 14, tzinfo=LONDON), tick=False):
        assert contact.reference not in _refs(client_for(users["csw"]), "overdue")
    with time_machine.travel(dt.datetime(2026, 12, 29, 15, 1, tzinfo=LONDON), tick=False):
        html = _refs(client_for(users["csw"]), "overdue")
        assert contact.reference in html and "Overdue" in html


def test_nav_counts(users, client_for):
    contact_make(worker=users["csw"])
    contact_make(worker=users["csw"])
    html = client_for(users["csw"]).get("/").content.decode()
    assert 'aria-label="2 items"' in html and "My work" in html


@pytest.mark.parametrize(
    "name,role",
    [
        ("mine", "csw"),
        ("overdue", "csw"),
        ("authorisation", "manager"),
        ("team", "receiving"),
        ("requests", "mash_partner"),
    ],
)
def test_queue_query_count_does_not_grow(users, client_for, name, role):
    """Queue pages use a fixed number of queries whatever the number of items."""
    client = client_for(users[role])
    url = reverse("referrals:queue", args=[name])

    def make(n):
        for _ in range(n):
            contact_make(worker=users["csw"])
            r = referral_make(worker=users["csw"])
            r2 = referral_make(worker=users["csw"])
            services.referral_authorise(actor=users["manager"], referral=r2, version=r2.version)
            request_make(actor=users["csw"])
            contact_make(worker=users["csw"], siblings=1)  # two children, both undecided
            pair = referrals_make(worker=users["csw"])  # two children's referrals awaiting authorisation
            services.referral_authorise(actor=users["manager"], referral=pair[0], version=pair[0].version)
            assert r

    make(1)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make(5)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), [q["sql"] for q in many]
    assert len(few) < 40


def test_queue_pages_come_from_the_database_in_urgency_order(users, client_for):
    """More items than a page: each page holds the next most urgent, immediate first, filters kept."""
    base = timezone.now()
    made = []
    for n in range(30):
        immediacy = "immediate" if n % 5 == 0 else "urgent"
        made.append(
            contact_make(worker=users["csw"], immediacy=immediacy, decision_due_at=base + dt.timedelta(hours=30 - n))
        )
    made.append(referral_make(worker=users["csw"], submit=False))  # a draft referral: also my work
    client = client_for(users["csw"])
    first = client.get(reverse("referrals:queue", args=["mine"])).content.decode()
    second = client.get(reverse("referrals:queue", args=["mine"]) + "?page=2").content.decode()
    assert "Showing 31 of 31" in first and 'aria-current="page"' in first and "page=2" in first
    immediate = sorted((c for c in made[:30] if c.immediacy == "immediate"), key=lambda c: c.decision_due_at)
    others = sorted((c for c in made[:30] if c.immediacy != "immediate"), key=lambda c: c.decision_due_at)
    order = [c.reference for c in immediate + others]
    on_first = [ref for ref in order if ref in first]
    assert on_first == order[: len(on_first)]
    assert all(ref in second for ref in order[len(on_first) :])
    urgent = client.get(reverse("referrals:queue", args=["mine"]) + "?urgent=yes&page=1").content.decode()
    assert "Showing 6 of 31" in urgent and all(c.reference in urgent for c in immediate)


def test_queue_page_two_costs_no_more_queries_than_page_one(users, client_for):
    for n in range(30):
        contact_make(worker=users["csw"], immediacy="immediate" if n % 3 == 0 else "urgent")
    client = client_for(users["csw"])
    url = reverse("referrals:queue", args=["mine"])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    with CaptureQueriesContext(connection) as two:
        client.get(url + "?page=2")
    assert len(two) <= len(one) < 40
