"""Who may see and act on feedback letters, survey answers and disagreements: one vocabulary for the app.

A contact's letters belong to its worker and the managers of the worker's team. MASH partners,
customer service advisors, receiving teams and analysts never see letters; managers and analysts
see survey results only in aggregate.
"""

from __future__ import annotations

from django.db.models import Q

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role


def contacts_filter(user) -> Q:
    """Contacts whose letters this user may see (a Q for contacts.Contact); never a call about a person whose
    record is restricted from them, unless they took it (decision 26)."""
    from frontdoor.contacts.permissions import restricted_contacts_filter

    if is_role(user, Role.CONSULTANT_SOCIAL_WORKER):
        return Q(worker=user)
    if is_role(user, Role.TEAM_MANAGER) and user.team_id:
        return Q(worker=user) | (Q(worker__team_id=user.team_id) & ~restricted_contacts_filter(user))
    return Q(pk__in=[])


def can_view_letters(user, contact) -> bool:
    if is_role(user, Role.CONSULTANT_SOCIAL_WORKER):
        return contact.worker_id == user.pk
    if is_role(user, Role.TEAM_MANAGER):
        if contact.worker_id == user.pk:
            return True
        if not (user.team_id and contact.worker.team_id == user.team_id):
            return False
        from frontdoor.contacts.models import Contact
        from frontdoor.contacts.permissions import restricted_contacts_filter

        return not Contact.objects.filter(restricted_contacts_filter(user), pk=contact.pk).exists()
    return False


def can_write_letter(user, contact) -> bool:
    """Draft, edit, approve and send: the same people who may see the letter."""
    return can_view_letters(user, contact) and contact.status == "recorded"


def can_record_disagreement(user, contact) -> bool:
    return can_view_letters(user, contact)


def can_use_letter_queue(user) -> bool:
    return is_role(user, Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)


def can_view_team_letters(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER)


def can_view_survey_results(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER, Role.PERFORMANCE_ANALYST)
