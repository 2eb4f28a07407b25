"""Single sign-on rules: from an identity provider's claims to a Front Door username, name, role,
team and agency. Pure functions, no database; the configuration is passed in.

Roles, teams and agencies come from the "groups" claim (Microsoft Entra ID sends group object ids).
When a user is in several groups that map to roles (or teams, or agencies), the group listed FIRST in
the setting wins: the council orders FRONTDOOR_OIDC_GROUP_ROLES by precedence (see docs/sso-entra.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

ROLE_VALUES = frozenset({"csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"})

# Why a sign-in is refused; each has its own wording on the refusal page.
NO_ROLE = "no_role"
NO_AGENCY = "no_agency"
NO_USERNAME = "no_username"
SWITCHED_OFF = "switched_off"
GROUP_OVERAGE = "group_overage"


@dataclass(frozen=True)
class GroupMapping:
    """The council's configuration: group claim value -> role value, team code or name, agency code."""

    roles: Mapping[str, str]
    teams: Mapping[str, str]
    agencies: Mapping[str, str]

    @classmethod
    def from_settings(cls, settings: Any) -> GroupMapping:
        return cls(
            roles=dict(getattr(settings, "FRONTDOOR_OIDC_GROUP_ROLES", {}) or {}),
            teams=dict(getattr(settings, "FRONTDOOR_OIDC_GROUP_TEAMS", {}) or {}),
            agencies=dict(getattr(settings, "FRONTDOOR_OIDC_GROUP_AGENCIES", {}) or {}),
        )

    def problems(self) -> list[str]:
        """Configuration mistakes worth refusing to start over: a role that does not exist."""
        return [
            f"FRONTDOOR_OIDC_GROUP_ROLES maps {group!r} to {role!r}, which is not a Front Door role"
            for group, role in self.roles.items()
            if role not in ROLE_VALUES
        ]


@dataclass(frozen=True)
class Access:
    """What a user's groups grant: a role value, a team (code or name) and an agency code, or None."""

    role: str | None
    team: str | None
    agency: str | None


def groups_from_claims(claims: Mapping[str, Any]) -> list[str]:
    groups = claims.get("groups") or []
    if isinstance(groups, str):
        groups = [groups]
    return [str(g) for g in groups]


def has_group_overage(claims: Mapping[str, Any]) -> bool:
    """Entra sends no groups, only a pointer to Microsoft Graph, when a user is in too many groups."""
    return "groups" not in claims and "groups" in (claims.get("_claim_names") or {})


def _first_match(groups: Iterable[str], table: Mapping[str, str]) -> str | None:
    member_of = set(groups)
    return next((value for group, value in table.items() if group in member_of), None)


def access_from_groups(groups: Iterable[str], mapping: GroupMapping) -> Access:
    groups = list(groups)
    role = _first_match(groups, mapping.roles)
    return Access(
        role=role if role in ROLE_VALUES else None,
        team=_first_match(groups, mapping.teams),
        agency=_first_match(groups, mapping.agencies),
    )


def username_from_claims(claims: Mapping[str, Any]) -> str:
    """The sign-in name the council uses (Entra: preferred_username, the UPN), else the e-mail address."""
    for key in ("preferred_username", "upn", "email"):
        value = str(claims.get(key) or "").strip().lower()
        if value:
            return value[:150]
    return ""


def email_from_claims(claims: Mapping[str, Any]) -> str:
    for key in ("email", "preferred_username", "upn"):
        value = str(claims.get(key) or "").strip()
        if "@" in value:
            return value[:254]
    return ""


def names_from_claims(claims: Mapping[str, Any]) -> tuple[str, str]:
    first = str(claims.get("given_name") or "").strip()
    last = str(claims.get("family_name") or "").strip()
    if not (first or last):
        name = str(claims.get("name") or "").strip()
        first, _, last = name.partition(" ")
    return first[:150], last[:150]


def refusal(*, access: Access, agency_known: bool) -> str | None:
    """Why groups that grant this access cannot sign in, or None when they can.

    agency_known: an agency will be set (from the groups, or already on the account)."""
    if access.role is None:
        return NO_ROLE
    if access.role == "mash_partner" and not agency_known:
        return NO_AGENCY
    return None
