"""Sessions end after 30 minutes with nothing done and after 10 hours in all, on the server (time-machine)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from frontdoor.accounts import sessions
from frontdoor.accounts.sessions import ABSOLUTE, IDLE, SessionLimits
from frontdoor.audit.models import AuditEvent

START = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
LIMITS = SessionLimits(idle_seconds=30 * 60, max_seconds=10 * 3600, warning_seconds=120)
IDLE_MESSAGE = "You were signed out because you had not done anything for 30 minutes."
ABSOLUTE_MESSAGE = "You were signed out because you had been signed in for 10 hours"


# --- rules --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("since_start", "since_activity", "reason"),
    [
        (0, 0, None),
        (29 * 60 + 59, 29 * 60 + 59, None),
        (30 * 60, 30 * 60, IDLE),
        (5 * 3600, 10, None),
        (10 * 3600 - 1, 10, None),
        (10 * 3600, 10, ABSOLUTE),
        (10 * 3600, 3600, ABSOLUTE),  # both: the absolute limit is the reason given
    ],
)
def test_expiry_reason(since_start, since_activity, reason):
    now = 1_000_000.0
    assert (
        sessions.expiry_reason(now=now, started=now - since_start, last_activity=now - since_activity, limits=LIMITS)
        == reason
    )


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(6, "6 seconds"), (1, "1 second"), (60, "1 minute"), (1800, "30 minutes"), (5400, "1 hour 30 minutes"),
     (36000, "10 hours"), (3600, "1 hour")],
)  # fmt: skip
def test_duration_words(seconds, words):
    assert sessions.duration_words(seconds) == words


def test_activity_is_written_at_most_once_a_minute_or_a_tenth_of_the_idle_time():
    assert LIMITS.activity_resolution == 60
    assert SessionLimits(idle_seconds=30, max_seconds=3600, warning_seconds=10).activity_resolution == 3


# --- the middleware ------------------------------------------------------------------------------------
@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in(client, users, clock, settings):
    settings.FRONTDOOR_SESSION_IDLE_MINUTES = 30
    settings.FRONTDOOR_SESSION_MAX_HOURS = 10
    client.force_login(users["csw"])
    assert client.get("/").status_code == 200  # the clock starts
    return client


def minutes(n):
    return n * 60


def assert_signed_out_with(client, response, message, user):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert message in page.content.decode()
    assert 'class="govuk-notification-banner"' in page.content.decode()
    return AuditEvent.objects.get(object_id=str(user.pk), action="sign_out")


@pytest.mark.django_db
def test_thirty_minutes_with_nothing_done_signs_the_user_out_with_a_message(signed_in, clock, users):
    clock.shift(minutes(29))
    assert signed_in.get("/").status_code == 200
    clock.shift(minutes(30))
    response = signed_in.get("/contacts/")
    event = assert_signed_out_with(signed_in, response, IDLE_MESSAGE, users["csw"])
    assert response["Location"] == reverse("accounts:login") + "?next=/contacts/"
    assert event.changes == {"reason": "idle"}
    assert event.actor == users["csw"]


@pytest.mark.django_db
def test_activity_keeps_the_session_open_until_the_absolute_limit(signed_in, clock, users):
    for _ in range(29):  # a request every 20 minutes for 9 h 40 min
        clock.shift(minutes(20))
        assert signed_in.get("/").status_code == 200
    clock.shift(minutes(20))  # 10 hours since signing in
    event = assert_signed_out_with(signed_in, signed_in.get("/"), ABSOLUTE_MESSAGE, users["csw"])
    assert event.changes == {"reason": "absolute"}


@pytest.mark.django_db
def test_asking_how_long_is_left_is_not_activity(signed_in, clock, users):
    clock.shift(minutes(20))
    status = signed_in.get(reverse("accounts:session_status"), HTTP_ACCEPT="application/json")
    assert status.json() == {"signed_in": True, "idle_remaining": 600, "absolute_remaining": 10 * 3600 - 1200}
    clock.shift(minutes(9))
    assert (
        signed_in.get(reverse("accounts:session_status"), HTTP_ACCEPT="application/json").json()["idle_remaining"] == 60
    )
    clock.shift(minutes(1))
    response = signed_in.get(reverse("accounts:session_status"), HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response.json()["signed_in"] is False and response.json()["reason"] == "idle"
    assert IDLE_MESSAGE in signed_in.get(reverse("accounts:login")).content.decode()


@pytest.mark.django_db
def test_stay_signed_in_starts_the_idle_clock_again(signed_in, clock):
    clock.shift(minutes(29))
    response = signed_in.post(reverse("accounts:session_keep_alive"), HTTP_ACCEPT="application/json")
    assert response.json()["idle_remaining"] == 1800
    clock.shift(minutes(29))
    assert signed_in.get("/").status_code == 200


@pytest.mark.django_db
def test_stay_signed_in_without_javascript_goes_back_to_the_page(signed_in, clock):
    clock.shift(minutes(28))
    response = signed_in.post(reverse("accounts:session_keep_alive"), {"next": "/contacts/"})
    assert response.status_code == 302 and response["Location"] == "/contacts/"
    response = signed_in.post(reverse("accounts:session_keep_alive"), {"next": "https://evil.invalid/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_stay_signed_in_cannot_revive_an_expired_session(signed_in, clock):
    clock.shift(minutes(31))
    response = signed_in.post(reverse("accounts:session_keep_alive"), HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert "_auth_user_id" not in signed_in.session


@pytest.mark.django_db
def test_a_live_search_after_expiry_sends_the_whole_page_to_sign_in(signed_in, clock):
    clock.shift(minutes(31))
    response = signed_in.get("/people/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("accounts:login")


@pytest.mark.django_db
def test_a_post_after_expiry_is_not_processed(signed_in, clock, users):
    clock.shift(minutes(31))
    response = signed_in.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login") + "?next=/accounts/sign-out/"
    assert AuditEvent.objects.filter(action="sign_out", object_id=str(users["csw"].pk)).count() == 1


@pytest.mark.django_db
def test_signing_in_again_starts_a_new_clock(client, users, clock, settings):
    client.get("/")  # anonymous
    response = client.post(
        reverse("accounts:login"), {"username": users["csw"].username, "password": "test-password-123"}
    )
    assert response.status_code == 302
    assert client.session[sessions.STARTED_KEY] == START.timestamp()
    clock.shift(minutes(31))
    assert client.get("/").status_code == 302
    client.post(reverse("accounts:login"), {"username": users["csw"].username, "password": "test-password-123"})
    assert client.session[sessions.STARTED_KEY] == START.timestamp() + minutes(31)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_idle_and_absolute_limits_are_configurable(signed_in, clock, settings, users):
    settings.FRONTDOOR_SESSION_IDLE_MINUTES = 5
    clock.shift(minutes(5))
    event = assert_signed_out_with(signed_in, signed_in.get("/"), "had not done anything for 5 minutes", users["csw"])
    assert event.changes == {"reason": "idle"}


@pytest.mark.django_db
def test_the_warning_is_on_every_page_for_a_signed_in_user_and_never_for_anyone_else(signed_in, client):
    page = signed_in.get("/").content.decode()
    assert 'data-module="fd-session-timeout"' in page
    assert 'data-idle-seconds="1800"' in page and 'data-warning-seconds="120"' in page
    assert 'data-absolute-remaining="36000"' in page  # the clock is frozen at sign-in
    assert "Anything you have typed on this page and not saved will be lost" in page
    assert '<script src="/static/accounts/session-timeout.js" defer></script>' in page
    assert " style=" not in page.split("<dialog")[1].split("</dialog>")[0]
    signed_in.post(reverse("accounts:logout"))
    assert "fd-session-timeout" not in signed_in.get(reverse("accounts:login")).content.decode()
