"""Every refused request of a signed-in user (403, or 404 for a record they may not see) leaves one audit row."""

import pytest
from django.test import Client
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.mash.tests.factories import request_make
from frontdoor.referrals.tests.factories import referral_make

pytestmark = pytest.mark.django_db


def refusals():
    return AuditEvent.objects.filter(action="refused").order_by("sequence")


def test_a_forbidden_record_page_is_recorded(users, client_for):
    referral = referral_make(worker=users["csw"])
    url = reverse("referrals:detail", args=[referral.pk])
    response = client_for(users["mash_partner"]).get(url, REMOTE_ADDR="10.1.2.3")
    (row,) = refusals()
    assert row.actor == users["mash_partner"] and row.actor_role == "mash_partner"
    assert row.changes == {
        "path": url,
        "method": "GET",
        "status": response.status_code,
        "url_name": "referrals:detail",
    }
    assert row.path == url and row.ip_address == "10.1.2.3" and row.object_type == ""


def test_another_agencys_request_is_recorded_as_not_found(users, client_for):
    police = request_make(actor=users["csw"])
    health = request_make(actor=users["csw"], enquiry=police.enquiry, agency_code="health-mash")
    url = reverse("mash:request", args=[health.pk])
    assert client_for(users["mash_partner"]).get(url).status_code == 404
    (row,) = refusals()
    assert row.changes["status"] == 404 and row.changes["path"] == url and row.actor == users["mash_partner"]


def test_a_refusal_a_service_recorded_is_not_recorded_twice(users, client_for):
    police = request_make(actor=users["csw"])
    health = request_make(actor=users["csw"], enquiry=police.enquiry, agency_code="health-mash")
    url = reverse("mash:request", args=[health.pk])
    response = client_for(users["mash_partner"]).post(url, {"answer": "Not mine", "version": 1})
    assert response.status_code == 404
    (row,) = refusals()
    assert row.object_id == str(health.pk)


def test_a_page_shown_records_no_refusal(users, client_for):
    referral = referral_make(worker=users["csw"])
    assert client_for(users["manager"]).get(reverse("referrals:detail", args=[referral.pk])).status_code == 200
    assert not refusals().exists()


def test_anonymous_requests_are_never_recorded(users):
    referral = referral_make(worker=users["csw"])
    anonymous = Client()
    anonymous.get("/healthz")
    anonymous.get("/static/no-such-file.css")
    anonymous.get(reverse("referrals:detail", args=[referral.pk]))  # sent to sign in
    anonymous.get("/no-such-page/")
    assert not refusals().exists()
