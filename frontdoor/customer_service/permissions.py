"""Customer service advisors check for an allocated worker and log handovers; CADS staff see the handovers,
and a consultant social worker (or manager) takes a call handed over to CADS, which starts its contact.
Administrators do none of this: they manage users, teams and reference data, not children (issue 12)."""

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role

CADS_ROLES = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)


def can_check_allocation(user) -> bool:
    return is_role(user, Role.CUSTOMER_SERVICE_ADVISOR, Role.TEAM_MANAGER)


def can_view_handovers(user) -> bool:
    return is_role(user, Role.CUSTOMER_SERVICE_ADVISOR, Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)


def can_take_handover(user) -> bool:
    """Taking a call handed over to CADS starts a contact owned by the taker: those who record calls."""
    return is_role(user, *CADS_ROLES)


def can_see_caller(user, handover) -> bool:
    """A caller who asked to stay confidential is named to CADS workers and the advisor who took the call only."""
    if not handover.caller_confidential:
        return can_view_handovers(user)
    return is_role(user, *CADS_ROLES) or (user.is_authenticated and handover.created_by_id == user.pk)
