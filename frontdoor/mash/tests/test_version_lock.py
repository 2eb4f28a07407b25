"""The MASH conclusion and a partner's answer refuse a stale, missing or forged version the same way as
every other edit page: nothing saved, what was typed kept, the current version carried so that saving
again succeeds."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from frontdoor.mash.models import InformationRequest, MashEnquiry
from frontdoor.referrals.tests.test_version_lock import shown_version

from .factories import request_make

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sent", ["old", "missing", "abc"])
def test_conclude_page_refuses_then_saves_with_the_version_it_shows(users, client_for, sent):
    enquiry = request_make(actor=users["csw"]).enquiry
    MashEnquiry.objects.filter(pk=enquiry.pk).update(version=enquiry.version + 1, modified_by=users["csw2"])
    url = reverse("mash:conclude", args=[enquiry.pk])
    data = {"analysis": "Police and health agree: strategy", "outcome": "strategy"}
    if sent != "missing":
        data["version"] = enquiry.version if sent == "old" else sent
    client = client_for(users["csw"])
    html = client.post(url, data).content.decode()
    assert f"This MASH enquiry was changed by {escape(users['csw2'].get_full_name())}" in html
    assert "Police and health agree: strategy" in html
    enquiry.refresh_from_db()
    assert enquiry.state == "open" and enquiry.analysis == ""
    data["version"] = shown_version(html)
    assert data["version"] == str(enquiry.version)
    assert client.post(url, data).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.state == "concluded" and enquiry.analysis == "Police and health agree: strategy"


@pytest.mark.parametrize("sent", ["old", "missing", "abc"])
def test_answer_page_refuses_then_saves_with_the_version_it_shows(users, client_for, sent):
    request = request_make(actor=users["csw"])
    InformationRequest.objects.filter(pk=request.pk).update(version=request.version + 1)
    url = reverse("mash:request", args=[request.pk])
    data = {"answer": "Two call-outs in 2025"}
    if sent != "missing":
        data["version"] = request.version if sent == "old" else sent
    partner = client_for(users["mash_partner"])
    html = partner.post(url, data).content.decode()
    assert "This request was changed by" in html and "Two call-outs in 2025" in html
    request.refresh_from_db()
    assert request.state == "sent" and request.answer == ""
    data["version"] = shown_version(html)
    assert data["version"] == str(request.version)
    assert partner.post(url, data).status_code == 302
    request.refresh_from_db()
    assert request.state == "answered" and request.answer == "Two call-outs in 2025"
