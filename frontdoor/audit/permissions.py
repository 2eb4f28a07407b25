from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role


def can_view_audit(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER, Role.ADMINISTRATOR)
