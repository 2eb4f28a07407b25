"""Second factor (django-otp): setting up an authenticator app, the code after the password, recovery
codes, and FRONTDOOR_REQUIRE_2FA. Codes are computed in the test from the device's key."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.accounts import domain
from frontdoor.accounts.models import Role
from frontdoor.accounts.services import authenticator_confirm, authenticator_start
from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"
START = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)  # near now: sessions made in the tests stay valid


def code_for(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)


def sign_in(client, user):
    return client.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})


@pytest.fixture
def worker(reference_data):
    return user_for_role(Role.CONSULTANT_SOCIAL_WORKER)


@pytest.fixture
def required(settings):
    settings.FRONTDOOR_REQUIRE_2FA = True


@pytest.fixture
def enrolled(worker):
    """The worker with an app set up (at START) and their ten recovery codes."""
    with time_machine.travel(START, tick=False):
        device = authenticator_start(actor=worker)
        codes = authenticator_confirm(actor=worker, device=device, code=code_for(device))
    return worker, TOTPDevice.objects.get(user=worker), codes


def test_required_sends_a_new_user_from_any_page_to_set_up_then_shows_recovery_codes(client, worker, required):
    """With FRONTDOOR_REQUIRE_2FA on, the password alone opens nothing: the app is set up with a QR code
    (inline SVG) or the key written out, confirmed with a first code, and ten recovery codes are shown once."""
    with time_machine.travel(START, tick=False):
        assert sign_in(client, worker).status_code == 302
        response = client.get("/people/")
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:two_factor_enrol") + "?next=%2Fpeople%2F"
        page = client.get(response["Location"])
        html = page.content.decode()
        assert (
            "<svg" in html
            and 'role="img"' in html
            and "style=" not in html
            and "<script>" not in html.split("<main")[1]
        )
        device = TOTPDevice.objects.get(user=worker, confirmed=False)
        secret = re.search(r'id="secret">([A-Z2-7 ]+)<', html).group(1)
        assert secret.replace(" ", "") in device.config_url
        wrong = client.post(page.request["PATH_INFO"], {"code": "000000", "next": "/people/"})
        assert "Enter the 6-digit code shown in your authenticator app" in wrong.content.decode()
        done = client.post(reverse("accounts:two_factor_enrol"), {"code": code_for(device), "next": "/people/"})
        assert client.get("/people/").status_code == 200
    assert done.status_code == 200
    codes = re.findall(r'<code class="fd-code">([a-z2-7]{8})</code>', done.content.decode())
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=worker).values_list("token", flat=True)) == set(codes)
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="two_factor_enrolled", object_id=str(worker.pk)).exists()


def test_required_asks_for_the_code_after_the_password(client, enrolled, required):
    worker, device, _ = enrolled
    with time_machine.travel(START + dt.timedelta(minutes=5), tick=False):
        sign_in(client, worker)
        response = client.get("/")
        assert response["Location"] == reverse("accounts:two_factor_verify") + "?next=%2F"
        page = client.get(response["Location"])
        assert "Enter the code from your app" in page.content.decode()
        assert page.context["nav_items"] == []  # no menu of links that would only lead back here
        response = client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200 and len(home.context["nav_items"]) > 0


def test_a_wrong_code_is_refused_audited_and_then_slowed_down(client, enrolled, required):
    worker, device, _ = enrolled
    with time_machine.travel(START + dt.timedelta(minutes=5), tick=False):
        sign_in(client, worker)
        response = client.post(reverse("accounts:two_factor_verify"), {"code": "123456"})
        assert response.status_code == 200
        assert "Enter the 6-digit code shown in your authenticator app" in response.content.decode()
        response = client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
        assert "too many wrong codes" in response.content.decode()
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action="two_factor_failed", object_id=str(worker.pk)).count() == 2
    with time_machine.travel(START + dt.timedelta(minutes=6), tick=False):
        response = client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    assert response.status_code == 302


def test_a_recovery_code_works_once_in_place_of_a_code(client, enrolled, required):
    worker, _, codes = enrolled
    sign_in(client, worker)
    spaced = domain.grouped(codes[0]).upper()  # typed as written, in groups, in capitals
    response = client.post(reverse("accounts:two_factor_verify"), {"code": spaced}, follow=True)
    assert "You used a recovery code. You have 9 left" in response.content.decode()
    client.post(reverse("accounts:logout"))
    sign_in(client, worker)
    response = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert "Enter the 6-digit code shown in your authenticator app" in response.content.decode()
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action="recovery_code_used", object_id=str(worker.pk)).count() == 1


def test_new_recovery_codes_replace_the_old_ones(client, enrolled, required):
    worker, device, old = enrolled
    with time_machine.travel(START + dt.timedelta(minutes=5), tick=False):
        sign_in(client, worker)
        client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
        assert "Make new recovery codes" in client.get(reverse("accounts:recovery_codes")).content.decode()
        response = client.post(reverse("accounts:recovery_codes"))
    new = re.findall(r'<code class="fd-code">([a-z2-7]{8})</code>', response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=worker).values_list("token", flat=True)) == set(new)
    assert AuditEvent.objects.filter(action="recovery_codes_made", object_id=str(worker.pk)).exists()


def test_recovery_codes_page_needs_a_verified_session(client, enrolled, required):
    worker, _, _ = enrolled
    sign_in(client, worker)
    response = client.post(reverse("accounts:recovery_codes"))
    assert response.status_code == 302
    assert StaticToken.objects.filter(device__user=worker).count() == 10


def test_not_required_a_user_without_an_app_goes_straight_in(client, worker, settings):
    settings.FRONTDOOR_REQUIRE_2FA = False
    sign_in(client, worker)
    assert client.get("/").status_code == 200


def test_not_required_a_user_who_chose_an_app_still_shows_a_code(client, enrolled, settings):
    settings.FRONTDOOR_REQUIRE_2FA = False
    worker, _, _ = enrolled
    sign_in(client, worker)
    assert client.get("/")["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_single_sign_on_sessions_count_as_verified(client_for, worker, required):
    """The contract with single sign-on: a session the identity provider signed in is already verified."""
    client = client_for(worker)
    assert client.get("/").status_code == 302
    session = client.session
    session[domain.SIGNED_IN_BY] = domain.BY_SSO
    session.save()
    assert client.get("/").status_code == 200


def test_exempt_pages_stay_open_before_the_second_factor(client, worker, required):
    sign_in(client, worker)
    assert client.get(reverse("accounts:two_factor_enrol")).status_code == 200
    assert client.get("/static/ui/frontdoor.css").status_code in (200, 404)
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_an_app_already_set_up_cannot_be_replaced_from_a_password_only_session(client, enrolled, required):
    worker, device, _ = enrolled
    sign_in(client, worker)
    assert client.get(reverse("accounts:two_factor_enrol"))["Location"] == reverse("accounts:account")
    assert list(TOTPDevice.objects.filter(user=worker)) == [device]


def test_an_administrator_resets_the_second_factor(client, client_for, enrolled, users, settings):
    worker, _, _ = enrolled
    response = client_for(users["admin"]).post(
        reverse("accounts:user_reset_two_factor", kwargs={"pk": worker.pk}), follow=True
    )
    assert "authenticator app and recovery codes have been removed" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=worker).exists()
    assert not StaticToken.objects.filter(device__user=worker).exists()
    settings.FRONTDOOR_REQUIRE_2FA = True
    sign_in(client, worker)
    assert client.get("/")["Location"].startswith(reverse("accounts:two_factor_enrol"))
    assert AuditEvent.objects.filter(action="two_factor_reset", object_id=str(worker.pk), actor=users["admin"]).exists()
