"""MASH pages: partners see and answer only their own agency's requests."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.directory.models import Agency
from frontdoor.mash.models import InformationRequest, MashEnquiry
from frontdoor.referrals.tests.factories import contact_make

from .factories import request_make

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_worker_opens_enquiry_and_sends_request(users, client_for):
    contact = contact_make(worker=users["csw"])
    client = client_for(users["csw"])
    response = client.post(reverse("mash:open", args=[contact.pk]), {"reason": ""})
    assert "Enter why this needs the MASH" in response.content.decode()
    response = client.post(reverse("mash:open", args=[contact.pk]), {"reason": "Baby with a bruise"})
    enquiry = MashEnquiry.objects.get()
    assert response["Location"] == reverse("mash:detail", args=[enquiry.pk])
    police = Agency.objects.get(code="norfolk-police")
    response = client.post(
        reverse("mash:request_add", args=[enquiry.pk]), {"agency": police.pk, "rag": "red", "question": "Call-outs?"}
    )
    assert response.status_code == 302
    assert InformationRequest.objects.get().agency == police


def test_deadline_in_the_past_is_an_error_on_the_page(users, client_for):
    request = request_make(actor=users["csw"])
    url = reverse("mash:request_add", args=[request.enquiry.pk])
    with time_machine.travel(dt.datetime(2026, 3, 4, 10, tzinfo=LONDON), tick=False):
        response = client_for(users["csw"]).post(
            url,
            {
                "agency": Agency.objects.get(code="housing").pk,
                "rag": "green",
                "question": "Tenancy?",
                "due_on_0": "3",
                "due_on_1": "3",
                "due_on_2": "2026",
                "due_time": "12:00",
            },
        )
    html = response.content.decode()
    assert "The deadline must be in the future" in html and "Tenancy?" in html
    assert InformationRequest.objects.count() == 1


def test_police_user_answers_own_request_and_sees_nothing_else(users, client_for):
    police_request = request_make(actor=users["csw"])
    health_request = request_make(actor=users["csw"], enquiry=police_request.enquiry, agency_code="health-mash")
    partner = client_for(users["mash_partner"])
    queue = partner.get(reverse("referrals:queue", args=["requests"])).content.decode()
    assert str(police_request.pk) in queue and str(health_request.pk) not in queue
    assert partner.get(reverse("mash:request", args=[health_request.pk])).status_code == 404
    assert partner.get(reverse("mash:detail", args=[police_request.enquiry.pk])).status_code == 403
    response = partner.post(reverse("mash:request", args=[health_request.pk]), {"answer": "Not mine", "version": 1})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(object_id=str(health_request.pk), action="refused").count() == 1
    health_request.refresh_from_db()
    assert health_request.state == "sent"
    url = reverse("mash:request", args=[police_request.pk])
    assert "Send the answer" in partner.get(url).content.decode()
    response = partner.post(url, {"answer": "", "version": 1})
    assert "Enter the information your agency holds" in response.content.decode()
    response = partner.post(url, {"answer": "Two call-outs in 2025", "version": 1})
    assert response.status_code == 302
    police_request.refresh_from_db()
    assert police_request.state == "answered"


def test_worker_concludes(users, client_for):
    request = request_make(actor=users["csw"])
    url = reverse("mash:conclude", args=[request.enquiry.pk])
    client = client_for(users["csw"])
    response = client.post(url, {"analysis": "", "version": 1})
    assert "Enter the combined analysis" in response.content.decode()
    response = client.post(url, {"analysis": "Risk confirmed", "outcome": "strategy", "version": 1})
    assert response.status_code == 302
    html = client.get(reverse("mash:detail", args=[request.enquiry.pk])).content.decode()
    assert "Risk confirmed" in html and "Concluded" in html


def test_the_police_are_told_an_adults_approximate_age_where_no_date_of_birth_is_known(users, client_for):
    """An alleged perpetrator named on the call with only an age: the partner agency sees the age, to find them."""
    from frontdoor.contacts.models import ContactPerson

    request = request_make(actor=users["csw"])
    ContactPerson.objects.create(
        contact=request.enquiry.contact,
        role=ContactPerson.Role.ALLEGED_PERPETRATOR,
        given_name="Darren",
        family_name="Cole",
        relationship="Mum's partner",
        approximate_age=35,
        position=9,
    )
    html = client_for(users["mash_partner"]).get(reverse("mash:request", args=[request.pk])).content.decode()
    assert "Darren Cole (alleged perpetrator), about 35" in html
