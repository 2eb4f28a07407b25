"""Who may record and see contacts: the one place the contacts app decides (see docs/decisions/0003).

- Consultant social workers and team managers record calls (the call flow). Customer service advisors
  hand public callers over to CADS live and do not record consultations; MASH partners, receiving
  practitioners, analysts and administrators never open the call flow.
- A draft belongs to its worker: only they may edit it.
- Front door workers (CSWs and managers) see every recorded contact, because the records check needs
  the prior contacts about a child whoever took them; they see their own drafts. Managers also see
  the drafts of workers in their own team.
- Nobody else opens contact pages here; other apps (referrals, MASH) share what their roles need.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role

RECORDING_ROLES = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)
VIEWING_ROLES = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)


def can_record_call(user) -> bool:
    return is_role(user, *RECORDING_ROLES)


def can_edit_draft(user, contact) -> bool:
    return can_record_call(user) and contact.is_draft and contact.worker_id == user.pk


def can_view_contacts(user) -> bool:
    return is_role(user, *VIEWING_ROLES)


def can_view_team_contacts(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER) and user.team_id is not None


def can_view_contact(user, contact) -> bool:
    if not can_view_contacts(user):
        return False
    if contact.status == contact.Status.RECORDED or contact.worker_id == user.pk:
        return True
    return can_view_team_contacts(user) and getattr(contact.worker, "team_id", None) == user.team_id


def visible_contacts_filter(user) -> Q:
    """The Q a queryset of Contact is filtered by so a user sees only what `can_view_contact` allows."""
    if not can_view_contacts(user):
        return Q(pk__in=[])
    q = Q(status="recorded") | Q(worker_id=user.pk)
    if can_view_team_contacts(user):
        q |= Q(worker__team_id=user.team_id)
    return q


def visible_contacts(user, qs: QuerySet) -> QuerySet:
    return qs.filter(visible_contacts_filter(user))


def can_change_linked_record(user, contact) -> bool:
    """After a contact is recorded, only a team manager corrects which record a person on it is linked to
    (before that, the worker does it on the call: change the person and choose again)."""
    return is_role(user, Role.TEAM_MANAGER) and not contact.is_draft and can_view_contact(user, contact)


def can_see_caller_identity(user, contact) -> bool:
    """A confidential member of the public is named only to the worker who took the call and managers."""
    if not contact.caller_confidential:
        return can_view_contact(user, contact)
    return contact.worker_id == user.pk or is_role(user, Role.TEAM_MANAGER)
