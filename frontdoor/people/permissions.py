"""Who may search, see and keep the person index. MASH partners and analysts never browse people.

Customer service advisors see the record (to check for an allocated worker) but never change it.
"""

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role

PEOPLE_ROLES = (
    Role.CONSULTANT_SOCIAL_WORKER,
    Role.TEAM_MANAGER,
    Role.CUSTOMER_SERVICE_ADVISOR,
    Role.RECEIVING_PRACTITIONER,
    Role.ADMINISTRATOR,
)


def can_search_people(user) -> bool:
    return is_role(user, *PEOPLE_ROLES)


def can_view_person(user, person=None) -> bool:
    return is_role(user, *PEOPLE_ROLES)


EDIT_ROLES = (
    Role.CONSULTANT_SOCIAL_WORKER,
    Role.TEAM_MANAGER,
    Role.RECEIVING_PRACTITIONER,
    Role.ADMINISTRATOR,
)


def can_edit_person(user, person=None) -> bool:
    """Keep the record right: details, addresses, other names, disabilities, relationships, involvements."""
    if person is not None and person.archived:
        return False
    return is_role(user, *EDIT_ROLES) and can_view_person(user, person)


def can_create_person(user) -> bool:
    """Make a new person record: during a call (the call flow has its own, narrower, gate), or as a family
    member who has no record yet. Anyone who may keep records right may do the second (decision 9)."""
    return is_role(user, *EDIT_ROLES)


def can_add_new_relative(user, person=None) -> bool:
    """Record a family member of `person` who has no record yet: their record and the relationship together."""
    return can_edit_person(user, person) and can_create_person(user)


# Records the import loaded with a value left blank (issue 11). Those who keep the person index check them:
# team managers and consultant social workers (who make and correct records on calls), and administrators.
# Receiving practitioners may correct a record but do not keep the index; advisors, partners and analysts
# never see the list.
CHECKING_ROLES = (Role.TEAM_MANAGER, Role.CONSULTANT_SOCIAL_WORKER, Role.ADMINISTRATOR)


def can_list_needs_checking(user) -> bool:
    return is_role(user, *CHECKING_ROLES)


def can_clear_needs_checking(user, person=None) -> bool:
    """Say a record that needed checking has been checked and corrected (its note is cleared)."""
    return is_role(user, *CHECKING_ROLES) and can_edit_person(user, person)


def can_list_repeat_concerns(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER, Role.ADMINISTRATOR)


def can_manage_duplicates(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER, Role.ADMINISTRATOR)
