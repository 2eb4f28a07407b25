"""MASH: social workers run enquiries; partners see only requests addressed to their own agency.

A receiving practitioner reads (never changes) the MASH enquiries on the contact behind a referral routed
to their team or allocated to them: the reason, the combined analysis and outcome, and the partners'
answers, except an answer its partner marked not for onward sharing. Another team's enquiry answers 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from frontdoor.accounts.models import Role
from frontdoor.accounts.permissions import is_role

FRONT_DOOR = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER)


def can_run_enquiries(user) -> bool:
    return is_role(user, *FRONT_DOOR)


def can_use_requests(user) -> bool:
    """Partners and the front door may open the information requests pages at all."""
    return is_role(user, *FRONT_DOOR, Role.MASH_PARTNER)


def requests_visible_to(user, queryset: QuerySet) -> QuerySet:
    if is_role(user, *FRONT_DOOR):
        return queryset
    if is_role(user, Role.MASH_PARTNER) and user.agency_id:
        return queryset.filter(agency_id=user.agency_id)
    return queryset.none()


def can_answer(user, request) -> bool:
    return is_role(user, Role.MASH_PARTNER) and bool(user.agency_id) and request.agency_id == user.agency_id


def can_read_received_enquiries(user) -> bool:
    return is_role(user, Role.RECEIVING_PRACTITIONER)


def can_open_enquiries(user) -> bool:
    """The MASH enquiry page: the front door runs it, a receiving team reads it (403 for other roles)."""
    return can_run_enquiries(user) or can_read_received_enquiries(user)


def enquiries_visible_to(user, queryset: QuerySet) -> QuerySet:
    """Every enquiry for the front door; for a receiving practitioner, those on a contact (or referral) routed
    to their team or to them (the referrals app's rule); none for anyone else."""
    if can_run_enquiries(user):
        return queryset
    if can_read_received_enquiries(user):
        from frontdoor.referrals.models import Referral
        from frontdoor.referrals.permissions import referrals_visible_to

        routed = referrals_visible_to(user, Referral.objects.all())
        return queryset.filter(Q(referral__in=routed) | Q(contact__in=routed.values("contact_id")))
    return queryset.none()


def enquiry_readable(user):
    """An expression for annotating enquiries: whether the user may open each (one query for a list)."""
    from django.db.models import Exists, OuterRef, Value

    if can_run_enquiries(user):
        return Value(True)
    if not can_read_received_enquiries(user):
        return Value(False)
    from frontdoor.referrals.models import Referral
    from frontdoor.referrals.permissions import referrals_visible_to

    routed = referrals_visible_to(user, Referral.objects.all())
    return Exists(routed.filter(pk=OuterRef("referral_id"))) | Exists(routed.filter(contact=OuterRef("contact_id")))


def can_read_answer(user, request) -> bool:
    """An answer a partner marked not for onward sharing stays within the MASH (and its own agency)."""
    if can_run_enquiries(user):
        return True
    if is_role(user, Role.MASH_PARTNER):
        return can_answer(user, request)
    return can_read_received_enquiries(user) and not request.not_for_onward_sharing
