"""Writes for single sign-on: make or update the Front Door account from the identity provider's claims.

Role, team and agency follow the user's groups on every sign-in, so the council manages access in its
directory; every change is audited with before and after values in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from frontdoor.audit.services import audit_record, changed_fields
from frontdoor.directory.models import Agency, Team

from . import domain

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

TRACKED = ("role", "team", "agency", "first_name", "last_name", "email", "is_staff")


class SSORefused(Exception):
    """The identity provider said who the user is, but Front Door will not let them in."""

    def __init__(self, reason: str, user: User | None = None):
        super().__init__(reason)
        self.reason = reason
        self.user = user


def _team(value: str | None) -> Team | None:
    if not value:
        return None
    return (
        Team.objects.filter(active=True, code=value).first()
        or Team.objects.filter(active=True, name__iexact=value).first()
    )


def _agency(value: str | None) -> Agency | None:
    if not value:
        return None
    return Agency.objects.filter(code=value).first() or Agency.objects.filter(name__iexact=value).first()


def _snapshot(user: User) -> dict[str, Any]:
    return {
        "role": user.role,
        "team": user.team.name if user.team_id and user.team else None,
        "agency": user.agency.name if user.agency_id and user.agency else None,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_staff": user.is_staff,
    }


def sso_user_sync(*, user: User | None, claims: Mapping[str, Any], mapping: domain.GroupMapping) -> User:
    """Make (user=None) or update the account for these claims; raise SSORefused when it may not sign in.

    A refused existing account is left as it was (an administrator decides) and the refusal is audited
    (in its own transaction: the refusal is raised, and must not roll its audit event back)."""
    if user is not None and not user.is_active:
        reason: str | None = domain.SWITCHED_OFF
    elif domain.has_group_overage(claims):
        reason = domain.GROUP_OVERAGE
    elif user is None and not domain.username_from_claims(claims):
        reason = domain.NO_USERNAME
    else:
        access = domain.access_from_groups(domain.groups_from_claims(claims), mapping)
        agency = _agency(access.agency) or (user.agency if user is not None else None)
        reason = domain.refusal(access=access, agency_known=agency is not None)
    if reason:
        if user is not None:
            with transaction.atomic():
                audit_record(
                    actor=None,
                    action="refused",
                    obj=user,
                    summary=f"Single sign-on refused ({reason.replace('_', ' ')})",
                    changes={"reason": reason},
                )
        raise SSORefused(reason, user)
    assert access.role is not None
    return _sso_user_save(user=user, claims=claims, mapping=mapping, access=access, agency=agency)


@transaction.atomic
def _sso_user_save(
    *, user: User | None, claims: Mapping[str, Any], mapping: domain.GroupMapping, access: domain.Access, agency
) -> User:
    from frontdoor.accounts.models import User

    created = user is None
    if user is None:
        user = User(username=domain.username_from_claims(claims))
        user.set_unusable_password()
        before: dict[str, Any] = {}
    else:
        before = _snapshot(user)

    first, last = domain.names_from_claims(claims)
    user.first_name = first or user.first_name
    user.last_name = last or user.last_name
    user.email = domain.email_from_claims(claims) or user.email
    if created or user.role != access.role:
        user.is_staff = access.role == "admin"
    user.role = access.role or user.role
    if mapping.teams:
        user.team = _team(access.team)
    user.agency = agency
    user.full_clean(exclude=["password"])
    user.save()

    after = _snapshot(user)
    if created:
        audit_record(
            actor=None,
            action="create",
            obj=user,
            summary=f"Account made at first single sign-on as {user.get_role_display()}",
            changes=changed_fields({}, after),
        )
    elif changes := changed_fields(before, after):
        summary = "Role changed by single sign-on" if "role" in changes else "Account updated by single sign-on"
        audit_record(actor=None, action="change", obj=user, summary=summary, changes=changes)
    return user
