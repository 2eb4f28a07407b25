from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role


def can_view_audit(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER, Role.ADMINISTRATOR)


def can_see_who_looked(user) -> bool:
    """ "Who has looked at this child": the front door's managers (issue 12). It names the child, so not the
    administrator, who keeps users and teams but not children's records."""
    return is_role(user, Role.TEAM_MANAGER)
