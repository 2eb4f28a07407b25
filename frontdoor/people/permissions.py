"""Who may search, see and keep the person index (issue 12: access by role and relationship).

- Consultant social workers and front-door managers read and keep everyone: they must find any child
  during a call.
- A receiving practitioner reads and keeps the children their team holds work for (a referral routed to
  the team or allocated to them, an open involvement with the team or with them) and those children's
  family members; any other person is "not found". They do not browse the whole index.
- Customer service advisors never open a person: their allocation check matches people without showing
  them (`can_match_people`) and returns only the allocation (customer_service app).
- Administrators manage users, teams and reference data, not children's records; MASH partners and
  analysts never browse people.
- A restricted record (decision 26) overrides all of that: only the manager who restricted it, its named
  users and the members of its named teams open it, and anyone else only with a break-glass in force. Those
  it is restricted from see a notice instead (the person page answers 403 with it), and "Restricted record"
  in search results.
"""

from __future__ import annotations

from django.db.models import Q

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role

FRONT_DOOR = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)
READ_ALL_ROLES = FRONT_DOOR
KEEPER_ROLES = (*FRONT_DOOR, Role.RECEIVING_PRACTITIONER)


def can_search_people(user) -> bool:
    """Browse the whole index: search results with names, dates of birth and addresses."""
    return is_role(user, *READ_ALL_ROLES)


def can_match_people(user) -> bool:
    """Run the matcher on the user's behalf; only the allocation check may use it without `can_search_people`."""
    return is_role(user, *READ_ALL_ROLES, Role.CUSTOMER_SERVICE_ADVISOR)


def restricted_person_ids_for(user, *, break_glass: bool = True):
    """The people restricted from this user (a values("person_id") subquery, one query wherever it is used):
    a restriction in force that does not name them or their team, was not made by them, and that they hold
    no break-glass in force for. Other apps exclude contacts, referrals and letters about these people."""
    from django.utils import timezone

    from .models import BreakGlass, Restriction

    in_force = Restriction.objects.filter(lifted_at__isnull=True)
    if not getattr(user, "is_authenticated", False):
        return in_force.values("person_id")
    in_force = in_force.exclude(restricted_by=user).exclude(named_users=user)
    if break_glass:  # False: as if the user held no break-glass (who may manage the restriction)
        opened = BreakGlass.objects.filter(user=user, expires_at__gt=timezone.now()).values("restriction_id")
        in_force = in_force.exclude(pk__in=opened)
    if user.team_id:
        in_force = in_force.exclude(named_teams=user.team_id)
    return in_force.values("person_id")


def restricted_from(user) -> Q:
    """A Q over Person: the people restricted from this user."""
    return Q(pk__in=restricted_person_ids_for(user))


def is_restricted_from(user, person) -> bool:
    return restricted_person_ids_for(user).filter(person_id=person.pk).exists()


def held_people(user):
    """A Q over Person: the children the user's team holds work for and their family members (receiving
    practitioners), everyone (front door), nobody (anyone else); never a record restricted from them."""
    return _held_by_role(user) & ~restricted_from(user)


def _held_by_role(user):
    if is_role(user, *READ_ALL_ROLES):
        return Q()
    if not is_role(user, Role.RECEIVING_PRACTITIONER):
        return Q(pk__in=[])
    from frontdoor.contacts.models import ContactPerson
    from frontdoor.referrals.selectors import children_referred_to, contacts_referred_to

    from .models import Involvement, Relationship

    work = Q(worker=user) | (Q(team_id=user.team_id) if user.team_id else Q(pk__in=[]))
    involved = Involvement.objects.filter(work, end_date__isnull=True, archived=False).values("person_id")
    held = Q(pk__in=involved) | Q(pk__in=children_referred_to(user))
    held_ids = _people_ids(held)
    relatives_to = Relationship.objects.filter(from_person_id__in=held_ids).values("to_person_id")
    relatives_from = Relationship.objects.filter(to_person_id__in=held_ids).values("from_person_id")
    # Everyone named on a call behind a referral routed to them: the mother's partner named as the alleged
    # perpetrator is on the contact the team reads, though the index relates him to the mother, not the child.
    on_their_calls = ContactPerson.objects.filter(
        contact_id__in=contacts_referred_to(user), person__isnull=False, archived=False
    ).values("person_id")
    return held | Q(pk__in=relatives_to) | Q(pk__in=relatives_from) | Q(pk__in=on_their_calls)


def _people_ids(condition: Q):
    from .models import Person

    return Person.objects.filter(condition).values("pk")


# Set by `record.selectors.person_get` on the person it found through `held_people(user)`: the pages of one
# request ask `can_view_person` several times about that person (edit links, contacts, repeat concern).
VIEWABLE_BY = "_viewable_by_user"


def can_view_person(user, person=None) -> bool:
    """`person` None asks whether the user may open any person at all."""
    if not is_role(user, *KEEPER_ROLES):
        return False
    if person is None:
        return True
    if getattr(person, VIEWABLE_BY, None) == user.pk:
        return True  # `person_get` found them for this user in this request: asked already
    return _people_ids(held_people(user)).filter(pk=person.pk).exists()


def can_see_restricted_notice(user, person) -> bool:
    """Whether the user would open this person but for a restriction: they see the notice and may break the
    glass (anyone else gets "not found")."""
    return _people_ids(_held_by_role(user)).filter(pk=person.pk).exists() and is_restricted_from(user, person)


def can_break_glass(user, person) -> bool:
    return is_role(user, *KEEPER_ROLES) and can_see_restricted_notice(user, person)


def can_restrict(user, person=None) -> bool:
    """Restrict a record, change who it is kept to, or lift it: a team manager who may open it, other than
    through a break-glass."""
    if not is_role(user, Role.TEAM_MANAGER):
        return False
    if person is None:
        return True
    # a break-glass lets a manager read the record, not change or lift its restriction
    kept_from_them = restricted_person_ids_for(user, break_glass=False).filter(person_id=person.pk).exists()
    return can_view_person(user, person) and not kept_from_them


def can_see_break_glass_log(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER)


def can_edit_person(user, person=None) -> bool:
    """Keep the record right: details, addresses, other names, disabilities, relationships, involvements."""
    if person is not None and person.archived:
        return False
    return can_view_person(user, person)


def can_create_person(user) -> bool:
    """Make a new person record: during a call (the call flow has its own, narrower, gate), or as a family
    member who has no record yet. Anyone who may keep records right may do the second (decision 9)."""
    return is_role(user, *KEEPER_ROLES)


def can_add_new_relative(user, person=None) -> bool:
    """Record a family member of `person` who has no record yet: their record and the relationship together."""
    return can_edit_person(user, person) and can_create_person(user)


# Records the import loaded with a value left blank (issue 11). Those who keep the person index check them:
# team managers and consultant social workers (who make and correct records on calls), and administrators.
# Receiving practitioners may correct a record but do not keep the index; advisors, partners and analysts
# never see the list.
CHECKING_ROLES = (Role.TEAM_MANAGER, Role.CONSULTANT_SOCIAL_WORKER)  # not the administrator (decision 21)


def can_list_needs_checking(user) -> bool:
    return is_role(user, *CHECKING_ROLES)


def can_clear_needs_checking(user, person=None) -> bool:
    """Say a record that needed checking has been checked and corrected (its note is cleared)."""
    return is_role(user, *CHECKING_ROLES) and can_edit_person(user, person)


def can_list_repeat_concerns(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER)


def can_manage_duplicates(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER)
