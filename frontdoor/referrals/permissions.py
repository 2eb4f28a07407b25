"""Who may decide, refer, authorise, route and record milestones. One vocabulary for views, selectors
and templates. Roles that may never see referrals get 403; a referral outside a receiving
practitioner's team answers 404 (the selector hides it)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role

FRONT_DOOR = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)
ROUTED_STATES = ("with_team", "allocated", "closed")
# Administrators manage users, teams and reference data, not children's records (issue 12).
READERS = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER, Role.RECEIVING_PRACTITIONER)


def can_decide(user, contact=None) -> bool:
    return is_role(user, *FRONT_DOOR)


def can_view_referrals(user) -> bool:
    return is_role(user, *READERS)


def referrals_visible_to(user, queryset: QuerySet) -> QuerySet:
    """The referrals a user may see: everything for the front door, their team's for receiving teams; never
    one about a child whose record is restricted from them (decision 26)."""
    if is_role(user, *FRONT_DOOR):
        return queryset.exclude(_about_restricted(user))
    if is_role(user, Role.RECEIVING_PRACTITIONER):
        routed = queryset.filter(state__in=ROUTED_STATES)
        routed = routed.filter(
            Q(receiving_team_id=user.team_id, receiving_team__isnull=False) | Q(allocated_worker=user)
        )
        return routed.exclude(_about_restricted(user))
    return queryset.none()


def _about_restricted(user) -> Q:
    """The child's record is restricted from the user (a referral with no child: the call names such a person),
    unless the user took the call."""
    from frontdoor.contacts.models import Contact
    from frontdoor.contacts.permissions import restricted_contacts_filter
    from frontdoor.people.permissions import restricted_person_ids_for

    restricted_calls = Contact.objects.filter(restricted_contacts_filter(user)).values("pk")
    return (Q(child_id__in=restricted_person_ids_for(user)) & ~Q(contact__worker_id=user.pk)) | Q(
        child__isnull=True, contact_id__in=restricted_calls
    )


def can_edit_referral(user, referral) -> bool:
    return is_role(user, *FRONT_DOOR)


def can_authorise(user, referral=None) -> bool:
    """Managers authorise; never a referral they prepared or sent for authorisation themselves."""
    if not is_role(user, Role.TEAM_MANAGER):
        return False
    if referral is None:
        return True
    return user.pk not in {referral.worker_id, referral.submitted_by_id}


def can_decide_sharing(user, referral=None) -> bool:
    return is_role(user, Role.TEAM_MANAGER)


def can_notify_police(user, referral=None) -> bool:
    return is_role(user, *FRONT_DOOR)


def can_record_milestone(user, referral=None) -> bool:
    if is_role(user, Role.TEAM_MANAGER):
        return True
    if not is_role(user, Role.RECEIVING_PRACTITIONER):
        return False
    return referral is None or referral.receiving_team_id == user.team_id or referral.allocated_worker_id == user.pk


def can_take(user, referral=None) -> bool:
    if not is_role(user, Role.RECEIVING_PRACTITIONER):
        return False
    return referral is None or referral.receiving_team_id == user.team_id


def can_see_queues(user) -> bool:
    return is_role(user, *FRONT_DOOR, Role.RECEIVING_PRACTITIONER, Role.MASH_PARTNER)
