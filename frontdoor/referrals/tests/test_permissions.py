"""Every page x every role: who gets the page (200), who is refused (403), and who cannot know it exists (404)."""

import pytest
from django.urls import reverse

from frontdoor.directory.models import Team
from frontdoor.mash import services as mash_services
from frontdoor.mash.tests.factories import request_make
from frontdoor.referrals import services

from .factories import contact_make, referral_make

pytestmark = pytest.mark.django_db

ROLES = ["csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]


@pytest.fixture
def world(users):
    contact = contact_make(worker=users["csw"])
    awaiting = referral_make(worker=users["csw"])
    routed = referral_make(worker=users["csw"], team=Team.objects.get(code="fast-norwich"))
    routed = services.referral_authorise(actor=users["manager"], referral=routed, version=routed.version)
    elsewhere = referral_make(worker=users["csw"], team=Team.objects.get(code="fast-west"))
    elsewhere = services.referral_authorise(actor=users["manager"], referral=elsewhere, version=elsewhere.version)
    police = request_make(actor=users["csw"])
    health = request_make(actor=users["csw"], enquiry=police.enquiry, agency_code="health-mash")
    routed_enquiry = mash_services.enquiry_open(
        actor=users["csw"], contact=routed.contact, reason="Injury to a baby", referral=routed
    )
    routed_request = request_make(actor=users["csw"], enquiry=routed_enquiry)
    elsewhere_enquiry = mash_services.enquiry_open(actor=users["csw"], contact=elsewhere.contact, reason="Threats")
    return {
        "routed_enquiry": routed_enquiry,
        "routed_request": routed_request,
        "elsewhere_enquiry": elsewhere_enquiry,
        "contact": contact,
        "awaiting": awaiting,
        "routed": routed,
        "elsewhere": elsewhere,
        "enquiry": police.enquiry,
        "police": police,
        "health": health,
    }


FD = {"csw": 200, "manager": 200}
# url builder, {role: status} (roles not listed get 403)
MATRIX = [
    (lambda w: reverse("referrals:queue", args=["mine"]), {**FD, "receiving": 200, "mash_partner": 404}),
    (lambda w: reverse("referrals:queue", args=["team"]), {**FD, "receiving": 200, "mash_partner": 404}),
    (
        lambda w: reverse("referrals:queue", args=["authorisation"]),
        {"manager": 200, "csw": 404, "receiving": 404, "mash_partner": 404},
    ),
    (
        lambda w: reverse("referrals:queue", args=["requests"]),
        {"mash_partner": 200, "csw": 404, "manager": 404, "receiving": 404},
    ),
    (lambda w: reverse("referrals:queue", args=["overdue"]), {**FD, "receiving": 404, "mash_partner": 200}),
    (lambda w: reverse("referrals:decision", args=[w["contact"].pk]), FD),
    (lambda w: reverse("referrals:detail", args=[w["awaiting"].pk]), {**FD, "receiving": 404}),
    (lambda w: reverse("referrals:detail", args=[w["routed"].pk]), {**FD, "receiving": 200}),
    (lambda w: reverse("referrals:detail", args=[w["elsewhere"].pk]), {**FD, "receiving": 404}),
    (lambda w: reverse("referrals:edit", args=[w["awaiting"].pk]), {**FD, "receiving": 404}),
    (lambda w: reverse("referrals:authorise", args=[w["awaiting"].pk]), {"manager": 200, "receiving": 404}),
    (lambda w: reverse("referrals:sharing", args=[w["awaiting"].pk]), {"manager": 200, "receiving": 404}),
    (lambda w: reverse("referrals:police", args=[w["awaiting"].pk]), {**FD, "receiving": 404}),
    (lambda w: reverse("referrals:milestone", args=[w["routed"].pk]), {"manager": 200, "receiving": 200}),
    # The contact and MASH enquiry behind a referral: read by the team it was routed to (issue 11), 404 for
    # the receiving practitioner otherwise; the MASH's own pages stay the front door's.
    (lambda w: reverse("contacts:detail", args=[w["routed"].contact_id]), {**FD, "receiving": 200}),
    (lambda w: reverse("contacts:detail", args=[w["elsewhere"].contact_id]), {**FD, "receiving": 404}),
    (lambda w: reverse("contacts:detail", args=[w["awaiting"].contact_id]), {**FD, "receiving": 404}),
    (lambda w: reverse("contacts:detail", args=[w["contact"].pk]), {**FD, "receiving": 404}),
    (lambda w: reverse("mash:detail", args=[w["routed_enquiry"].pk]), {**FD, "receiving": 200}),
    (lambda w: reverse("mash:detail", args=[w["elsewhere_enquiry"].pk]), {**FD, "receiving": 404}),
    (lambda w: reverse("mash:request_add", args=[w["routed_enquiry"].pk]), FD),
    (lambda w: reverse("mash:conclude", args=[w["routed_enquiry"].pk]), FD),
    (lambda w: reverse("mash:request", args=[w["routed_request"].pk]), {**FD, "mash_partner": 200}),
    (lambda w: reverse("mash:open", args=[w["contact"].pk]), FD),
    (lambda w: reverse("mash:detail", args=[w["enquiry"].pk]), {**FD, "receiving": 404}),
    (lambda w: reverse("mash:request_add", args=[w["enquiry"].pk]), FD),
    (lambda w: reverse("mash:conclude", args=[w["enquiry"].pk]), FD),
    (lambda w: reverse("mash:request", args=[w["police"].pk]), {**FD, "mash_partner": 200}),
    (lambda w: reverse("mash:request", args=[w["health"].pk]), {**FD, "mash_partner": 404}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("index", range(len(MATRIX)))
def test_permission_matrix(world, users, client_for, role, index):
    url_for, expected = MATRIX[index]
    response = client_for(users[role]).get(url_for(world))
    assert response.status_code == expected.get(role, 403), url_for(world)


def test_take_is_post_only_and_for_the_receiving_team(world, users, client_for):
    url = reverse("referrals:take", args=[world["routed"].pk])
    assert client_for(users["receiving"]).get(url).status_code == 405
    for role in ROLES:
        if role == "receiving":
            continue
        expected = 403
        assert client_for(users[role]).post(url, {"version": world["routed"].version}).status_code == expected, role
    response = client_for(users["receiving"]).post(url, {"version": world["routed"].version})
    assert response.status_code == 302


def test_anonymous_users_are_sent_to_sign_in(world, client):
    response = client.get(reverse("referrals:queue", args=["mine"]))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
