"""The caller's survey: a signed, single-use, expiring link; misuse gets a clear page and stores nothing."""

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.test import Client

from frontdoor.letters.models import SurveyInvitation, SurveyResponse
from frontdoor.letters.survey import tokens as survey

from .factories import recorded_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(contact):
    return SurveyInvitation.objects.create(contact=contact)


def url_for(invitation, contact_id=None):
    return f"/letters/survey/{survey.make_token(invitation_id=invitation.pk, contact_id=contact_id or invitation.contact_id)}/"


@pytest.fixture
def public():
    """A browser with no sign-in, with CSRF checks on as in real life."""
    return Client(enforce_csrf_checks=True)


def _post(client, url, data):
    page = client.get(url)
    token = page.cookies["csrftoken"].value
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


def test_the_link_works_once_without_signing_in(public, invitation):
    url = url_for(invitation)
    page = public.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "How helpful was your conversation with us?" in html
    # The public page never names the caller or the children.
    for name in ["Ruth", "Ava", "Hollis", invitation.contact.reference]:
        assert name not in html
    response = _post(public, url, {"helpfulness": "4", "could_be_better": "Quicker answer"})
    assert response.status_code == 302 and response["Location"] == "/letters/survey/thanks/"
    answer = SurveyResponse.objects.get()
    assert (answer.contact_id, answer.helpfulness, answer.could_be_better) == (
        invitation.contact_id,
        4,
        "Quicker answer",
    )
    again = public.get(url)
    assert again.status_code == 410 and "already answered" in again.content.decode()
    assert public.post(url, {"helpfulness": "1"}).status_code in {403, 410}
    assert SurveyResponse.objects.count() == 1


def test_missing_answer_shows_a_govuk_error(public, invitation):
    response = _post(public, url_for(invitation), {"could_be_better": "x"})
    assert "Select how helpful the conversation was" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_post_without_csrf_token_is_refused(public, invitation):
    assert public.post(url_for(invitation), {"helpfulness": "5"}).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_expired_link(public, invitation, settings):
    settings.FRONTDOOR_SURVEY_TOKEN_DAYS = 30
    with time_machine.travel(dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC), tick=False):
        url = url_for(invitation)
    with time_machine.travel(dt.datetime(2026, 1, 31, 11, tzinfo=dt.UTC), tick=False):
        assert public.get(url).status_code == 200
    with time_machine.travel(dt.datetime(2026, 2, 1, 13, tzinfo=dt.UTC), tick=False):
        page = public.get(url)
        assert page.status_code == 410 and "expired" in page.content.decode()
        assert public.post(url, {"helpfulness": "5"}).status_code in {403, 410}
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # changed signature
        lambda t: signing.dumps({"i": "x", "c": "y"}, salt="some.other.salt"),  # signed for something else
        lambda t: "not-a-token",
        lambda t: signing.dumps(["i", "c"], salt=survey.SALT),  # right key, wrong shape
        lambda t: signing.dumps({"i": 1}, salt=survey.SALT),
        lambda t: signing.dumps([1, 2, 3], salt=survey.SALT),
    ],
)
def test_forged_links(public, invitation, tamper):
    url = f"/letters/survey/{tamper(url_for(invitation).split('/')[3])}/"
    page = public.get(url)
    assert page.status_code == 404 and "does not work" in page.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_genuine_token_for_the_wrong_contact_is_refused(public, invitation, users):
    other = recorded_contact(worker=users["csw"])
    page = public.get(url_for(invitation, contact_id=other.pk))
    assert page.status_code == 404
    assert not SurveyResponse.objects.exists()


def test_token_for_a_missing_invitation(public, contact):
    import uuid

    url = f"/letters/survey/{survey.make_token(invitation_id=uuid.uuid4(), contact_id=contact.pk)}/"
    assert public.get(url).status_code == 404


def test_results_show_aggregates_to_managers_and_analysts(client_for, users, contact):
    for value, comment in [(5, ""), (3, "Took a while to get through"), (4, "")]:
        inv = SurveyInvitation.objects.create(contact=contact)
        SurveyResponse.objects.create(invitation=inv, contact=contact, helpfulness=value, could_be_better=comment)
    for role in ["manager", "analyst"]:
        html = client_for(users[role]).get("/letters/surveys/").content.decode()
        assert "3 answers" in html and "average 4.0" in html and "Took a while to get through" in html
        assert contact.reference not in html
