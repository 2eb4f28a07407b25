"""A user changes their own password; an administrator gives a temporary one that must be changed."""

import pytest
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"
NEW = "kettle-harbour-violet-42"


@pytest.fixture
def worker(reference_data):
    return user_for_role(Role.CONSULTANT_SOCIAL_WORKER)


def change(client, old, new1, new2=None, next_url=""):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2 or new1, "next": next_url},
    )


def test_a_user_changes_their_password_and_stays_signed_in(client_for, worker, client):
    signed_in = client_for(worker)
    assert signed_in.get(reverse("accounts:password_change")).status_code == 200
    response = change(signed_in, PASSWORD, NEW)
    assert response.status_code == 302
    assert signed_in.get("/").status_code == 200  # session kept (update_session_auth_hash)
    worker.refresh_from_db()
    assert worker.check_password(NEW)
    event = AuditEvent.objects.get(action="password_changed", object_id=str(worker.pk))
    assert NEW not in f"{event.summary} {event.changes}"


@pytest.mark.parametrize(
    ("old", "new1", "new2", "field", "message"),
    [
        ("wrong-password", NEW, NEW, "old_password", "Your current password is not right"),
        (PASSWORD, NEW, NEW + "x", "new_password2", "The new passwords do not match"),
        (PASSWORD, "short", "short", "new_password1", "This password is too short"),
        (PASSWORD, "password123", "password123", "new_password1", "This password is too common"),
        ("", "", "", "old_password", "Enter your current password"),
    ],
)
def test_bad_passwords_get_a_gov_uk_error_and_nothing_typed_is_shown(
    client_for, worker, old, new1, new2, field, message
):
    response = change(client_for(worker), old, new1, new2)
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and message in html
    assert f'href="#id_{field}"' in html
    for typed in {old, new1, new2} - {""}:
        assert f'value="{typed}"' not in html
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)


def test_temporary_password_must_be_changed_before_anything_else(client, client_for, worker, users):
    """The administrator sets a temporary password; at sign-in the user is sent to choose their own,
    from every page, until they have."""
    admin = client_for(users["admin"])
    response = admin.post(
        reverse("accounts:user_password", kwargs={"pk": worker.pk}), {"password": "Temporary-Owl-981"}
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.must_change_password
    assert AuditEvent.objects.filter(action="password_reset", object_id=str(worker.pk), actor=users["admin"]).exists()

    assert (
        client.post("/accounts/sign-in/", {"username": worker.username, "password": "Temporary-Owl-981"}).status_code
        == 302
    )
    response = client.get("/people/")
    assert response["Location"] == reverse("accounts:password_change") + "?next=%2Fpeople%2F"
    assert "Choose a new password" in client.get(response["Location"]).content.decode()
    assert client.post(reverse("accounts:users")).status_code == 302
    response = change(client, "Temporary-Owl-981", NEW, next_url="/people/")
    assert response["Location"] == "/people/"
    worker.refresh_from_db()
    assert not worker.must_change_password
    assert client.get("/").status_code == 200


def test_a_weak_temporary_password_is_refused_next_to_the_field(client_for, worker, users):
    response = client_for(users["admin"]).post(
        reverse("accounts:user_password", kwargs={"pk": worker.pk}), {"password": "abc"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This password is too short" in html and 'href="#id_password"' in html
    worker.refresh_from_db()
    assert not worker.must_change_password and worker.check_password(PASSWORD)


def test_a_temporary_password_also_unlocks(client, client_for, worker, users):
    for i in range(5):
        client.post("/accounts/sign-in/", {"username": worker.username, "password": f"guess-{i}"})
    client_for(users["admin"]).post(
        reverse("accounts:user_password", kwargs={"pk": worker.pk}), {"password": "Temporary-Owl-981"}
    )
    assert (
        client.post("/accounts/sign-in/", {"username": worker.username, "password": "Temporary-Owl-981"}).status_code
        == 302
    )


def test_the_users_list_searches_and_shows_who_is_locked(client, client_for, worker, users):
    for i in range(5):
        client.post("/accounts/sign-in/", {"username": worker.username, "password": f"guess-{i}"})
    admin = client_for(users["admin"])
    html = admin.get(reverse("accounts:users"), {"q": worker.last_name}).content.decode()
    assert worker.username in html and "Locked" in html
    assert users["analyst"].username not in html or users["analyst"].last_name == worker.last_name
    html = admin.get(reverse("accounts:users"), {"q": "zzz-nobody"}).content.decode()
    assert "0 users found" in html


def test_the_admin_site_does_not_list_authenticator_keys_or_recovery_codes():
    from django.contrib import admin
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


def test_the_users_list_comes_a_page_at_a_time_keeping_the_search(client_for, users, django_assert_max_num_queries):
    from frontdoor.accounts.tests.factories import UserFactory

    for n in range(55):
        UserFactory(role=Role.CONSULTANT_SOCIAL_WORKER, username=f"pager{n:02d}", last_name="Pagewright")
    admin = client_for(users["admin"])
    with django_assert_max_num_queries(12):
        html = admin.get(reverse("accounts:users"), {"q": "Pagewright"}).content.decode()
    assert "55 users found" in html and 'rel="next"' in html and "q=Pagewright&amp;page=2" in html
    second = admin.get(reverse("accounts:users"), {"q": "Pagewright", "page": 2}).content.decode()
    assert second.count("pager") == 5
