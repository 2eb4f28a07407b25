"""Every decision and referral edit page refuses a stale, missing or forged version the same way: nothing
is saved, the page names who changed the record, keeps what was typed and carries the current version,
so saving again from that page succeeds."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from frontdoor.audit.models import AuditEvent
from frontdoor.referrals import services
from frontdoor.referrals.models import ContactDecision, Referral

from .factories import contact_make, decision_make, referral_make

pytestmark = pytest.mark.django_db

STALE = "was changed by"
HOUSEHOLD = {
    "domestic_abuse": "unknown",
    "mental_illness": "unknown",
    "substance_misuse": "unknown",
    "learning_difficulties": "unknown",
}


def shown_version(html: str, name: str = "version") -> str:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    assert match, "the page carries no version"
    return match.group(1)


def test_manager_edit_is_not_overwritten_by_a_post_without_a_version(users, client_for):
    """The reproduction: a manager saves a referral; another edit POSTed with no version is refused, and
    the manager's text survives."""
    referral = referral_make(worker=users["csw"], submit=False)
    url = reverse("referrals:edit", args=[referral.pk])
    manager = client_for(users["manager"])
    response = manager.post(url, {**HOUSEHOLD, "version": referral.version, "other_agencies": "Manager's note"})
    assert response.status_code == 302
    response = client_for(users["csw"]).post(url, {**HOUSEHOLD, "other_agencies": "Overwrite without a version"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"This referral was changed by {escape(users['manager'].get_full_name())}" in html
    assert "Overwrite without a version" in html
    referral.refresh_from_db()
    assert referral.other_agencies == "Manager's note"
    assert shown_version(html) == str(referral.version)


@pytest.mark.parametrize("sent", ["old", "missing", "abc"])
def test_referral_edit_refuses_then_saves_with_the_version_it_shows(users, client_for, sent):
    referral = referral_make(worker=users["csw"], submit=False)
    opened = referral.version
    services.referral_update(actor=users["csw2"], referral=referral, version=opened, other_agencies="Theirs")
    url = reverse("referrals:edit", args=[referral.pk])
    data = {**HOUSEHOLD, "other_agencies": "Mine, typed carefully"}
    if sent != "missing":
        data["version"] = opened if sent == "old" else sent
    client = client_for(users["csw"])
    html = client.post(url, data).content.decode()
    assert STALE in html and "Mine, typed carefully" in html
    referral.refresh_from_db()
    assert referral.other_agencies == "Theirs"
    data["version"] = shown_version(html)
    assert data["version"] == str(referral.version)
    assert client.post(url, data).status_code == 302
    referral.refresh_from_db()
    assert referral.other_agencies == "Mine, typed carefully"


@pytest.mark.parametrize("sent", ["old", "missing", "abc"])
def test_decision_page_refuses_then_saves_with_the_version_it_shows(users, client_for, sent):
    contact = contact_make(worker=users["csw"])
    decision_make(contact=contact, actor=users["csw2"], outcome="advice", level=2)
    url = reverse("referrals:decision", args=[contact.pk])
    data = {"c0-level": "1", "c0-outcome": "nfa", "c0-reasons": "My own reasons"}
    if sent != "missing":
        data["c0-version"] = "0" if sent == "old" else sent  # "old": opened before the other worker decided
    client = client_for(users["csw"])
    html = client.post(url, data).content.decode()
    assert "This decision was changed by" in html and "My own reasons" in html
    decision = ContactDecision.objects.get()
    assert decision.outcome == "advice"
    data["c0-version"] = shown_version(html, name="c0-version")
    assert data["c0-version"] == str(decision.version)
    assert client.post(url, data).status_code == 302
    decision.refresh_from_db()
    assert decision.outcome == "nfa" and decision.reasons == "My own reasons"


@pytest.mark.parametrize("sent", ["old", "missing", "abc"])
def test_authorise_page_refuses_then_saves_with_the_version_it_shows(users, client_for, sent):
    referral = referral_make(worker=users["csw"])
    opened = referral.version
    services.referral_return(actor=users["manager"], referral=referral, version=opened, reasons="Ask the school")
    referral = services.referral_update(actor=users["csw"], referral=referral, version=opened + 1, submit=True)
    url = reverse("referrals:authorise", args=[referral.pk])
    data = {"action": "return", "reasons": "Still no school view"}
    if sent != "missing":
        data["version"] = opened if sent == "old" else sent
    client = client_for(users["manager"])
    html = client.post(url, data).content.decode()
    assert "This referral was changed by" in html and "Still no school view" in html
    referral.refresh_from_db()
    assert referral.state == "awaiting_authorisation"
    data["version"] = shown_version(html)
    assert data["version"] == str(referral.version)
    assert client.post(url, data).status_code == 302
    referral.refresh_from_db()
    assert referral.state == "returned" and referral.return_reasons == "Still no school view"


@pytest.mark.parametrize("sent", ["old", "missing", "abc"])
def test_take_with_a_stale_version_is_refused(users, client_for, sent):
    referral = referral_make(worker=users["csw"])
    referral = services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    Referral.objects.filter(pk=referral.pk).update(version=referral.version + 1)
    url = reverse("referrals:take", args=[referral.pk])
    data = {} if sent == "missing" else {"version": referral.version if sent == "old" else sent}
    client = client_for(users["receiving"])
    response = client.post(url, data, follow=True)
    assert "This referral was changed by" in response.content.decode()
    assert "so nothing has been done" in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == "with_team" and referral.allocated_worker is None
    assert client.post(url, {"version": referral.version}).status_code == 302
    referral.refresh_from_db()
    assert referral.state == "allocated" and referral.allocated_worker == users["receiving"]
    assert AuditEvent.objects.filter(object_id=str(referral.pk), action="allocate").count() == 1
