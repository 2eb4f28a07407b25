"""The single sign-on backend's account rules, called with claim dicts (no network)."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory

from frontdoor.accounts.models import Role, User
from frontdoor.accounts.sso import FrontDoorOIDCBackend
from frontdoor.accounts.sso.backend import REFUSAL_SESSION_KEY
from frontdoor.audit.models import AuditEvent

from . import sso_support
from .factories import user_for_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings, reference_data):
    sso_support.configure(settings)
    backend = FrontDoorOIDCBackend()
    backend.request = RequestFactory().get("/oidc/callback/")
    backend.request.session = {}
    return backend


def sign_in(backend, claims):
    """What the library does after checking the tokens: find the account by claims, then make or update it."""
    users = backend.filter_users_by_claims(claims)
    assert len(users) <= 1
    return backend.update_user(users[0], claims) if users else backend.create_user(claims)


def test_first_sign_in_makes_the_account_from_the_claims(backend):
    user = sign_in(backend, sso_support.claims_for("sam.jones@council.invalid", groups=["grp-csw", "grp-cads"]))
    user.refresh_from_db()
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "sam.jones@council.invalid",
        "sam.jones@council.invalid",
        "Sam",
        "Jones",
    )
    assert user.role == Role.CONSULTANT_SOCIAL_WORKER
    assert user.team.code == "cads"
    assert not user.has_usable_password()
    assert not user.is_staff
    event = AuditEvent.objects.get(object_id=str(user.pk), action="create")
    assert event.changes["role"] == [None, "csw"]


def test_the_next_sign_in_finds_the_same_account_and_changes_nothing_unasked(backend):
    claims = sso_support.claims_for()
    first = sign_in(backend, claims)
    again = sign_in(backend, claims)
    assert again.pk == first.pk
    assert User.objects.filter(username=claims["preferred_username"]).count() == 1
    assert not AuditEvent.objects.filter(object_id=str(first.pk), action="change").exists()


def test_an_existing_local_account_is_matched_by_username_then_email(backend):
    local = user_for_role(Role.TEAM_MANAGER, username="priya.shah@council.invalid")
    by_email = user_for_role(Role.CONSULTANT_SOCIAL_WORKER, email="lee.wong@council.invalid")
    assert sign_in(backend, sso_support.claims_for("Priya.Shah@council.invalid", groups=["grp-manager"])).pk == local.pk
    found = sign_in(backend, sso_support.claims_for("lee.wong@council.invalid", groups=["grp-csw"]))
    assert found.pk == by_email.pk


def test_a_change_of_groups_changes_role_and_team_at_the_next_sign_in_and_is_audited(backend):
    user = sign_in(backend, sso_support.claims_for(groups=["grp-csw", "grp-cads"]))
    promoted = sign_in(backend, sso_support.claims_for(groups=["grp-manager", "grp-csw", "grp-fast"]))
    promoted.refresh_from_db()
    assert promoted.pk == user.pk
    assert promoted.role == Role.TEAM_MANAGER
    assert promoted.team.code == "fast-norwich"
    event = AuditEvent.objects.get(object_id=str(user.pk), action="change")
    assert event.summary == "Role changed by single sign-on"
    assert event.changes["role"] == ["csw", "manager"]
    assert event.changes["team"] == ["Children's Advice and Duty Service (CADS)", "FAST Norwich"]


def test_administrators_get_the_admin_site_and_lose_it_with_the_role(backend):
    user = sign_in(backend, sso_support.claims_for(groups=["grp-admin"]))
    assert user.role == Role.ADMINISTRATOR and user.is_staff
    user = sign_in(backend, sso_support.claims_for(groups=["grp-csw"]))
    assert user.role == Role.CONSULTANT_SOCIAL_WORKER and not user.is_staff


def test_groups_with_no_role_are_refused_and_no_account_is_made(backend):
    with pytest.raises(SuspiciousOperation):
        sign_in(backend, sso_support.claims_for("nobody@council.invalid", groups=["grp-cads", "other"]))
    assert not User.objects.filter(username="nobody@council.invalid").exists()
    assert backend.request.session[REFUSAL_SESSION_KEY] == "no_role"


def test_an_existing_user_who_left_every_group_is_refused_unchanged_and_audited(backend):
    user = sign_in(backend, sso_support.claims_for(groups=["grp-manager"]))
    with pytest.raises(SuspiciousOperation):
        sign_in(backend, sso_support.claims_for(groups=[]))
    user.refresh_from_db()
    assert user.role == Role.TEAM_MANAGER
    refused = AuditEvent.objects.get(object_id=str(user.pk), action="refused")
    assert refused.changes == {"reason": "no_role"}


def test_a_mash_partner_needs_an_agency(backend):
    with pytest.raises(SuspiciousOperation):
        sign_in(backend, sso_support.claims_for("pc.smith@police.invalid", groups=["grp-mash"]))
    assert backend.request.session[REFUSAL_SESSION_KEY] == "no_agency"
    user = sign_in(backend, sso_support.claims_for("pc.smith@police.invalid", groups=["grp-mash", "grp-police"]))
    assert user.role == Role.MASH_PARTNER and user.agency.code == "norfolk-police"


def test_a_switched_off_account_stays_off(backend):
    user = user_for_role(Role.CONSULTANT_SOCIAL_WORKER, username="gone@council.invalid", is_active=False)
    with pytest.raises(SuspiciousOperation):
        sign_in(backend, sso_support.claims_for("gone@council.invalid"))
    user.refresh_from_db()
    assert not user.is_active
    assert backend.request.session[REFUSAL_SESSION_KEY] == "switched_off"


def test_too_many_groups_is_refused_with_its_own_reason(backend):
    claims = sso_support.claims_for()
    del claims["groups"]
    claims["_claim_names"] = {"groups": "src1"}
    with pytest.raises(SuspiciousOperation):
        sign_in(backend, claims)
    assert backend.request.session[REFUSAL_SESSION_KEY] == "group_overage"


def test_claims_without_a_username_fail_verification(backend):
    assert not backend.verify_claims({"sub": "x"})
    assert backend.verify_claims({"sub": "x", "email": "a@b.invalid"})


def test_when_single_sign_on_is_off_the_backend_does_nothing(settings, users):
    settings.FRONTDOOR_OIDC_ENABLED = False
    backend = FrontDoorOIDCBackend()
    request = RequestFactory().get("/oidc/callback/?code=x&state=y")
    assert backend.authenticate(request, nonce="n", code_verifier=None) is None
    assert backend.get_user(users["csw"].pk) is None


def test_the_backend_ignores_password_sign_ins(backend, users):
    request = RequestFactory().post("/accounts/sign-in/")
    assert backend.authenticate(request, username=users["csw"].username, password="test-password-123") is None
