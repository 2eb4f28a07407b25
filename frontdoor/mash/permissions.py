"""MASH: social workers run enquiries; partners see only requests addressed to their own agency."""

from __future__ import annotations

from django.db.models import QuerySet

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role

FRONT_DOOR = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)


def can_run_enquiries(user) -> bool:
    return is_role(user, *FRONT_DOOR)


def can_use_requests(user) -> bool:
    """Partners and the front door may open the information requests pages at all."""
    return is_role(user, *FRONT_DOOR, Role.MASH_PARTNER)


def requests_visible_to(user, queryset: QuerySet) -> QuerySet:
    if is_role(user, *FRONT_DOOR):
        return queryset
    if is_role(user, Role.MASH_PARTNER) and user.agency_id:
        return queryset.filter(agency_id=user.agency_id)
    return queryset.none()


def can_answer(user, request) -> bool:
    return is_role(user, Role.MASH_PARTNER) and bool(user.agency_id) and request.agency_id == user.agency_id
