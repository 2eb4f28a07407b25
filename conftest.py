"""Shared fixtures: reference data, a user for every role, and Chromium for end-to-end tests."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls made by the test
# itself (creating fixtures) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    """Tasks run at once in tests; e-mails go to memory; the clock's office hours are the defaults; no second
    factor asked for unless a test asks."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FRONTDOOR_OPENS_AT = "09:00"
    settings.FRONTDOOR_CLOSES_AT = "17:00"
    settings.FRONTDOOR_REQUIRE_2FA = False  # tests that need the second factor turn it on
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Tests sign users in, not attack them: a fast hasher instead of 1,000,000 rounds of PBKDF2 per user."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _flush_empties_the_audit_trail():
    """The database refuses to delete audit events; emptying a test database between transactional tests
    (Django's flush, used by live_server) turns the triggers off for that flush only. Tests only: see
    docs/decisions/0019-audit-no-one-can-rewrite.md."""
    from django.core.management.commands import flush
    from django.db import connections

    from frontdoor.audit.tests.tampering import audit_triggers_off

    original = flush.Command.handle

    def handle(self, *args, **options):
        with audit_triggers_off(connections[options["database"]]):
            return original(self, *args, **options)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original


def _load_reference_data() -> None:
    from django.conf import settings

    from frontdoor.directory.services import reference_data_load

    reference_data_load(path=settings.FRONTDOOR_REFERENCE_FILE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (localities, teams, agencies) loaded once into each test database, not per test;
    every test's own rows are rolled back around it."""
    with django_db_blocker.unblock():
        _load_reference_data()


@pytest.fixture
def reference_data(db):
    """The authority's reference data: already there, unless a transactional test emptied the database."""
    from frontdoor.directory.models import Authority

    if not Authority.objects.exists():
        _load_reference_data()


@pytest.fixture
def users(reference_data):
    """One user for every role, keyed by role value ("csw", "manager", ...), plus "csw2"."""
    from frontdoor.accounts.models import Role
    from frontdoor.accounts.tests.factories import user_for_role

    made = {role.value: user_for_role(role) for role in Role}
    made["csw2"] = user_for_role(Role.CONSULTANT_SOCIAL_WORKER)
    return made


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as that user."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make
