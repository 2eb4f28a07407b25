"""Customer service advisors check for an allocated worker and log handovers; CADS staff see the handovers.
Administrators do neither: they manage users, teams and reference data, not children (issue 12)."""

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role


def can_check_allocation(user) -> bool:
    return is_role(user, Role.CUSTOMER_SERVICE_ADVISOR, Role.TEAM_MANAGER)


def can_view_handovers(user) -> bool:
    return is_role(user, Role.CUSTOMER_SERVICE_ADVISOR, Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)
