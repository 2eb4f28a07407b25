"""Who may do what with accounts, and shared role groupings used by other apps' permission modules."""

from .models import Role

SOCIAL_WORK_ROLES = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)
CASE_READING_ROLES = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER, Role.RECEIVING_PRACTITIONER)


def is_role(user, *roles: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and getattr(user, "role", None) in roles)


def can_administer(user) -> bool:
    return is_role(user, Role.ADMINISTRATOR) or bool(user and user.is_superuser)


def can_manage_users(user) -> bool:
    """The Users pages: unlock, a temporary password, a new second factor. Administrators only."""
    return can_administer(user)
