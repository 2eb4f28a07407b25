"""Throttling and lockout on sign-in (django-axes), with every failure and lockout in the audit trail."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.accounts.selectors import locked_usernames
from frontdoor.accounts.services import user_unlock
from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"
PASSWORD = "test-password-123"


def sign_in(client, username, password):
    return client.post(SIGN_IN, {"username": username, "password": password})


@pytest.fixture
def worker(reference_data):
    return user_for_role(Role.CONSULTANT_SOCIAL_WORKER)


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(client, worker, settings):
    """The attack in issue 13: 30 wrong passwords in a row, then the right one. From the 5th the
    answer is the GOV.UK lockout page (429), and the right password no longer signs in."""
    statuses = [sign_in(client, worker.username, f"guess-{i}").status_code for i in range(30)]
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}
    response = sign_in(client, worker.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Your account is locked" in page
    assert f"wait {settings.FRONTDOOR_LOCKOUT_MINUTES} minutes" in page
    assert 'class="govuk-heading-l"' in page and "Traceback" not in page
    assert locked_usernames([worker.username]) == {worker.username}


def test_a_wrong_password_shows_the_gov_uk_error_and_never_writes_the_password_back(client, worker):
    response = sign_in(client, worker.username, "my-secret-guess")
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert "my-secret-guess" not in response.content.decode()


def test_every_failure_and_lockout_is_audited_with_the_username_never_the_password(client, worker):
    for i in range(6):
        sign_in(client, worker.username, f"guess-{i}")
    sign_in(client, "nobody-has-this-name", "guess")
    failed = AuditEvent.objects.filter(action="sign_in_failed")
    assert failed.count() == 7
    mine = failed.filter(object_type="accounts.user", object_id=str(worker.pk))
    assert mine.count() == 6
    assert all(e.changes == {"username": worker.username} for e in mine)
    unknown = failed.get(changes__username="nobody-has-this-name")
    assert (unknown.object_type, unknown.object_id, unknown.actor) == ("", "", None)
    assert unknown.ip_address == "127.0.0.1"
    assert AuditEvent.objects.filter(action="locked_out", object_id=str(worker.pk)).exists()
    written = " ".join(f"{e.summary} {e.changes}" for e in AuditEvent.objects.all())
    assert "guess" not in written


def test_the_lockout_ends_after_the_configured_minutes(client, worker, settings):
    start = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for i in range(5):
            sign_in(client, worker.username, f"guess-{i}")
        assert sign_in(client, worker.username, PASSWORD).status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=settings.FRONTDOOR_LOCKOUT_MINUTES + 1), tick=False):
        assert sign_in(client, worker.username, PASSWORD).status_code == 302


def test_each_try_while_locked_starts_the_lockout_time_again(client, worker, settings):
    """What the lockout page says: someone who keeps trying stays locked out (as does an attacker)."""
    start = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
    minutes = dt.timedelta(minutes=settings.FRONTDOOR_LOCKOUT_MINUTES)
    with time_machine.travel(start, tick=False):
        for i in range(5):
            sign_in(client, worker.username, f"guess-{i}")
    with time_machine.travel(start + minutes - dt.timedelta(minutes=1), tick=False):
        assert sign_in(client, worker.username, "one-more-guess").status_code == 429
    with time_machine.travel(start + minutes + dt.timedelta(minutes=1), tick=False):
        assert sign_in(client, worker.username, PASSWORD).status_code == 429
        assert locked_usernames([worker.username]) == {worker.username}


def test_guesses_are_not_kept_in_the_lockout_records(client, worker):
    from axes.models import AccessAttempt

    for i in range(3):
        sign_in(client, worker.username, f"secret-guess-{i}")
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert worker.username in stored and "secret-guess" not in stored


def test_an_administrator_unlocks_a_user_who_can_then_sign_in(client, worker, users):
    for i in range(5):
        sign_in(client, worker.username, f"guess-{i}")
    assert sign_in(client, worker.username, PASSWORD).status_code == 429
    user_unlock(actor=users["admin"], user=worker)
    assert locked_usernames([worker.username]) == set()
    response = sign_in(client, worker.username, PASSWORD)
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="unlocked", object_id=str(worker.pk), actor=users["admin"]).exists()


def test_the_unlock_button_on_the_users_page(client_for, client, worker, users):
    for i in range(5):
        sign_in(client, worker.username, f"guess-{i}")
    admin = client_for(users["admin"])
    page = admin.get(reverse("accounts:user", kwargs={"pk": worker.pk})).content.decode()
    assert "Locked" in page and "Unlock" in page
    response = admin.post(reverse("accounts:user_unlock", kwargs={"pk": worker.pk}), follow=True)
    assert f"{worker} can sign in again" in response.content.decode()
    assert sign_in(client, worker.username, PASSWORD).status_code == 302


def test_the_limit_and_minutes_come_from_settings(client, worker, settings):
    settings.AXES_FAILURE_LIMIT = 3
    statuses = [sign_in(client, worker.username, f"guess-{i}").status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def test_locking_is_by_username_so_another_user_at_the_same_address_still_signs_in(client, worker, users):
    """A council office shares one address: one person's mistakes must not lock out their colleagues."""
    for i in range(6):
        sign_in(client, worker.username, f"guess-{i}")
    assert sign_in(client, users["manager"].username, PASSWORD).status_code == 302


def test_a_successful_sign_in_resets_the_count(client, worker):
    for i in range(4):
        sign_in(client, worker.username, f"guess-{i}")
    assert sign_in(client, worker.username, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for i in range(4):
        assert sign_in(client, worker.username, f"guess-{i}").status_code == 200


def test_admin_login_is_our_sign_in_page(client, worker):
    """/admin/login/ sends people to the one sign-in page, so the admin site has the same lockout and 2FA;
    a password posted to it signs nobody in."""
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/admin/"
    response = client.post("/admin/login/", {"username": worker.username, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_any_authenticate_call_is_refused_while_locked(client, worker, rf):
    """The lockout is in the authentication backend, so it covers every sign-in form, not only ours."""
    from django.contrib.auth import authenticate

    for i in range(5):
        sign_in(client, worker.username, f"guess-{i}")
    request = rf.post("/anywhere/")
    assert authenticate(request, username=worker.username, password=PASSWORD) is None


def test_admin_login_for_someone_signed_in(client_for, users):
    assert client_for(users["admin"]).get("/admin/login/").status_code == 302
    assert client_for(users["csw"]).get("/admin/login/").status_code == 403
