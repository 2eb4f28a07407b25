"""Reports show identifiable children's data in statutory lists: analysts, managers and administrators only."""

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role

REPORT_ROLES = (Role.PERFORMANCE_ANALYST, Role.TEAM_MANAGER, Role.ADMINISTRATOR)


def can_view_reports(user) -> bool:
    return is_role(user, *REPORT_ROLES)
