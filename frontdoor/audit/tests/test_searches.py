"""Every search leaves one audit row with its terms and the number of results, not one per re-display."""

import datetime as dt

import pytest
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.directory.models import Team
from frontdoor.people.models import Involvement
from frontdoor.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def searches():
    return AuditEvent.objects.filter(action="search").order_by("sequence")


@pytest.fixture
def child(users):
    person = make_person("Maisie", "Clarke", date_of_birth=dt.date(2015, 4, 3), postcode="NR2 4AB")
    Involvement.objects.create(
        person=person,
        kind="open_case",
        start_date=dt.date(2026, 1, 5),
        worker_name="Gail Porter",
        team=Team.objects.get(code="fast-norwich"),
    )
    return person


def test_people_search_is_recorded_once_with_its_terms(users, client_for, child):
    c = client_for(users["csw"])
    response = c.post(reverse("people:search"), {"q": "Maisie Clarke"}, follow=True)
    assert "Maisie Clarke" in response.content.decode()
    (row,) = searches()
    assert row.actor == users["csw"] and row.object_type == ""
    assert row.changes["terms"]["text"] == "Maisie Clarke" and row.changes["results"] == 1
    (results_url, _status), *_ = response.redirect_chain
    c.get(results_url)  # a refresh or the back button shows the same search again: not a new one
    assert searches().count() == 1
    c.post(reverse("people:search"), {"q": "Nobody Atall"}, follow=True)
    assert [r.changes["results"] for r in searches()] == [1, 0]


def test_live_people_search_is_recorded_once(users, client_for, child):
    c = client_for(users["manager"])
    response = c.post(reverse("people:search"), {"q": "Maisie"}, HTTP_HX_REQUEST="true")
    (row,) = searches()
    assert row.actor == users["manager"] and row.changes["terms"]["text"] == "Maisie"
    c.get(response["HX-Replace-Url"])
    assert searches().count() == 1


def test_refused_search_records_no_search(users, client_for, child):
    response = client_for(users["mash_partner"]).post(reverse("people:search"), {"q": "Maisie Clarke"}, follow=True)
    assert response.status_code == 403
    assert not searches().exists()


def test_relationship_find_is_recorded_once(users, client_for, child):
    c = client_for(users["csw"])
    response = c.post(reverse("people:relationship_find", args=[child.pk]), {"q": "Sarah Clarke"}, follow=True)
    (row,) = searches()
    assert row.changes["terms"] == {"text": "Sarah Clarke", "for_person": str(child.pk)}
    c.get(response.redirect_chain[0][0])
    assert searches().count() == 1


def test_advisors_check_records_the_search_and_the_child_looked_at(users, client_for, child):
    c = client_for(users["csa"])
    response = c.post("/customer-service/", {"child_name": "Maisie Clarke", "postcode": "NR2 4AB"}, follow=True)
    assert "Gail Porter" in response.content.decode()
    (row,) = searches()
    assert row.actor == users["csa"]
    assert row.changes == {
        "terms": {"text": "Maisie Clarke", "date_of_birth": None, "postcode": "NR2 4AB"},
        "results": 1,
    }
    (view,) = AuditEvent.objects.filter(action="view", object_type="people.person", object_id=str(child.pk))
    assert view.actor == users["csa"]
    c.get(response.redirect_chain[0][0])
    assert searches().count() == 1 and AuditEvent.objects.filter(action="view").count() == 1


def test_refused_advisors_check_records_nothing(users, client_for, child):
    response = client_for(users["mash_partner"]).post("/customer-service/", {"child_name": "Maisie Clarke"})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action__in=["search", "view"]).exists()
