"""Customer service advisors learn only whether a child has an allocated worker, and log where the call went."""

import datetime as dt

import pytest

from frontdoor.customer_service.models import Handover
from frontdoor.directory.models import Team
from frontdoor.people.models import Involvement, Person
from frontdoor.people.services import person_index_update

ROLES = ["csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]


@pytest.fixture
def child_with_worker(reference_data):
    child = Person.objects.create(
        person_id="P0000100",
        given_name="Maisie",
        family_name="Clarke",
        date_of_birth=dt.date(2015, 4, 3),
        postcode="NR2 4AB",
        sex="F",
    )
    person_index_update(child)
    Involvement.objects.create(
        person=child,
        kind="open_case",
        start_date=dt.date(2026, 1, 5),
        worker_name="Gail Porter",
        team=Team.objects.get(code="fast-norwich"),
    )
    Involvement.objects.create(person=child, kind="cp_plan", start_date=dt.date(2026, 1, 5), cp_category="NEG")
    return child


@pytest.mark.parametrize("role", ROLES)
def test_check_page_permissions(users, client_for, role):
    allowed = role in {"csa", "manager"}
    assert client_for(users[role]).get("/customer-service/").status_code == (200 if allowed else 403)


@pytest.mark.parametrize("role", ROLES)
def test_handover_list_permissions(users, client_for, role):
    allowed = role in {"csa", "csw", "manager"}
    assert client_for(users[role]).get("/customer-service/calls/").status_code == (200 if allowed else 403)


@pytest.mark.parametrize("role", ROLES)
def test_handover_post_permissions(users, client_for, role):
    allowed = role in {"csa", "manager"}
    response = client_for(users[role]).post(
        "/customer-service/handover/", {"child_name": "A child", "outcome": "no_concern"}
    )
    assert response.status_code == (302 if allowed else 403)
    assert Handover.objects.count() == (1 if allowed else 0)


def test_advisor_sees_allocated_worker_but_not_the_record(users, client_for, child_with_worker):
    body = (
        client_for(users["csa"])
        .post("/customer-service/", {"child_name": "Maisie Clarke", "postcode": "NR2 4AB"}, follow=True)
        .content.decode()
    )
    assert "Gail Porter" in body
    assert "FAST Norwich" in body
    assert "Neglect" not in body and "protection" not in body.lower().replace("immediate danger", "")


def test_the_child_checked_for_is_never_in_the_url(users, client_for, child_with_worker):
    response = client_for(users["csa"]).post(
        "/customer-service/", {"child_name": "Maisie Clarke", "postcode": "NR2 4AB"}, follow=True
    )
    (url, status), *_ = response.redirect_chain
    assert status == 302 and url.startswith("/customer-service/?s=")
    assert "Maisie" not in url and "NR2" not in url
    assert "Gail Porter" in response.content.decode()


def test_live_handover_to_cads_is_recorded(users, client_for, child_with_worker):
    response = client_for(users["csa"]).post(
        "/customer-service/handover/",
        {
            "child_name": "Maisie Clarke",
            "postcode": "NR2 4AB",
            "person": str(child_with_worker.pk),
            "outcome": "cads",
            "handed_to": users["csw"].pk,
            "caller_name": "Pat Doe",
            "caller_phone": "01603 223000",
        },
    )
    assert response.status_code == 302
    handover = Handover.objects.get()
    assert handover.person == child_with_worker
    assert handover.allocated_worker == "Gail Porter"
    assert handover.handed_to == users["csw"]
    assert handover.created_by == users["csa"]


def test_bad_input_is_refused_and_kept(users, client_for):
    response = client_for(users["csa"]).post(
        "/customer-service/handover/",
        {
            "child_name": "Sam Doe",
            "postcode": "NOT A CODE",
            "outcome": "cads",
            "caller_phone": "12345",
            "caller_name": "Jo Bloggs",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a real postcode, like NR1 2DH" in body
    assert "Enter a UK phone number" in body
    assert "Select the consultant social worker who took the call" in body
    assert 'value="Jo Bloggs"' in body
    assert not Handover.objects.exists()


def test_advisor_sees_only_own_calls(users, client_for):
    from frontdoor.customer_service.services import handover_record

    handover_record(actor=users["manager"], child_name="Other Child", outcome="no_concern")
    handover_record(actor=users["csa"], child_name="Own Child", outcome="no_concern")
    body = client_for(users["csa"]).get("/customer-service/calls/").content.decode()
    assert "Own Child" in body and "Other Child" not in body
    assert "Other Child" in client_for(users["csw"]).get("/customer-service/calls/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["mash_partner", "receiving"])
def test_selectors_give_nothing_to_a_user_who_may_not_see_it(users, child_with_worker, role):
    """Reads never raise for a user without the right: they find nothing, the same as for no match."""
    from frontdoor.customer_service import selectors

    user = users[role]
    assert selectors.allocation_check(user=user, text="Maisie Clarke") == []
    assert list(selectors.cads_workers(user=user)) == []
    Handover.objects.create(child_name="Maisie Clarke", outcome="cads", taken_at=dt.datetime.now(dt.UTC))
    assert list(selectors.handovers_recent(user=user)) == []


def test_invisible_characters_are_taken_out_of_the_names_recorded(users, client_for, child_with_worker):
    """A right-to-left override or a zero-width space typed into a name is not stored (look-alike names)."""
    response = client_for(users["csa"]).post(
        "/customer-service/handover/",
        {
            "child_name": "Mai\u200bsie \u202eClarke\u202c",
            "postcode": "NR2 4AB",
            "person": "",
            "outcome": "cads",
            "handed_to": users["csw"].pk,
            "caller_name": "Pat\u2066 Doe\u2069",
        },
    )
    assert response.status_code == 302
    handover = Handover.objects.get()
    assert (handover.child_name, handover.caller_name) == ("Maisie Clarke", "Pat Doe")


def test_public_calls_come_a_page_at_a_time(users, client_for, django_assert_max_num_queries):
    """30 calls this week: 25 on the first page, newest first, the rest on page 2, a fixed number of queries."""
    now = dt.datetime.now(dt.UTC)
    for n in range(30):
        Handover.objects.create(
            child_name=f"Child {n:02d}",
            outcome="no_concern",
            taken_at=now - dt.timedelta(minutes=n),
            created_by=users["csw"],
        )
    client = client_for(users["csw"])
    with django_assert_max_num_queries(15):
        first = client.get("/customer-service/calls/").content.decode()
    with django_assert_max_num_queries(15):
        second = client.get("/customer-service/calls/?page=2").content.decode()
    assert "Child 00" in first and "Child 24" in first and "Child 25" not in first
    assert "Child 29" in second and "Child 00" not in second and "Page 2 of 2" in second
