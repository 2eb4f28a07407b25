"""Who may record and see contacts: the one place the contacts app decides (see docs/decisions/0003).

- Consultant social workers and team managers record calls (the call flow). Customer service advisors
  hand public callers over to CADS live and do not record consultations; MASH partners, receiving
  practitioners, analysts and administrators never open the call flow.
- A draft belongs to its worker: only they may edit it.
- Front door workers (CSWs and managers) see every recorded contact, because the records check needs
  the prior contacts about a child whoever took them; they see their own drafts. Managers also see
  the drafts of workers in their own team.
- A receiving practitioner reads (never changes) the contact behind each referral routed to their team
  or allocated to them, in a read-only view where a confidential caller's identity never appears (not in
  the caller's details, nor in action owners or text naming them). "Routed to them" is the referrals
  app's own rule (`referrals.permissions.referrals_visible_to`), so the two can never disagree.
- Nobody else opens contact pages here; other apps (referrals, MASH) share what their roles need.
- A contact naming a person whose record is restricted from the user (decision 26) is hidden from them like
  the record, except from the worker who took the call (they already know what they were told).
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


def can_read_received_contacts(user) -> bool:
    """Receiving practitioners read the contacts behind the referrals routed to them (read only)."""
    return is_role(user, Role.RECEIVING_PRACTITIONER)


def can_open_contact_pages(user) -> bool:
    """Whether the role may open a contact's page at all (403 otherwise; 404 for one it may not see)."""
    return can_view_contacts(user) or can_read_received_contacts(user)


def routed_referrals(user) -> QuerySet:
    """The referrals routed to the receiving practitioner's team or allocated to them (the referrals app's
    rule). Written as a filter on Referral.contact, so it holds for one or several referrals per contact."""
    from frontdoor.referrals.models import Referral
    from frontdoor.referrals.permissions import referrals_visible_to

    return referrals_visible_to(user, Referral.objects.all())


def received_contacts_filter(user) -> Q:
    """The recorded contacts behind a referral routed to the user's team (none for other roles)."""
    if not can_read_received_contacts(user):
        return Q(pk__in=[])
    return Q(status="recorded", pk__in=routed_referrals(user).values("contact_id"))


def received_contact_readable(user, contact_ref: str = "pk"):
    """An expression for annotating rows: whether the contact named by `contact_ref` (an OuterRef path) is
    behind a referral routed to the user (with `received_contacts_filter`, one query for a whole list)."""
    from django.db.models import Exists, OuterRef, Value

    if not can_read_received_contacts(user):
        return Value(False)
    return Exists(routed_referrals(user).filter(contact=OuterRef(contact_ref)))


def can_view_team_contacts(user) -> bool:
    return is_role(user, Role.TEAM_MANAGER) and user.team_id is not None


def can_view_contact(user, contact, *, restricted: bool | None = None) -> bool:
    """`restricted`: whether the contact is about a person restricted from the user, when the caller already
    knows (a list annotated with `contact_restricted`); None asks the database."""
    if not _can_view_contact_by_role(user, contact):
        return False
    if restricted is None:
        from .models import Contact

        restricted = Contact.objects.filter(restricted_contacts_filter(user), pk=contact.pk).exists()
    return not restricted


def restricted_contacts_among(user, contact_ids) -> set:
    """Which of these contacts are about a person restricted from the user: one query (none for no contacts)."""
    from .models import Contact

    ids = list(contact_ids)
    if not ids:
        return set()
    return set(Contact.objects.filter(restricted_contacts_filter(user), pk__in=ids).values_list("pk", flat=True))


def contact_restricted(user, contact_ref: str = "pk"):
    """An expression for annotating rows: whether the contact named by `contact_ref` (an OuterRef path) is
    about a person restricted from the user (one query for a whole list)."""
    from django.db.models import Exists, OuterRef

    from .models import Contact

    return Exists(Contact.objects.filter(restricted_contacts_filter(user), pk=OuterRef(contact_ref)))


def _can_view_contact_by_role(user, contact) -> bool:
    if can_read_received_contacts(user):
        return contact.status == contact.Status.RECORDED and routed_referrals(user).filter(contact=contact).exists()
    if not can_view_contacts(user):
        return False
    if contact.status == contact.Status.RECORDED or contact.worker_id == user.pk:
        return True
    return can_view_team_contacts(user) and getattr(contact.worker, "team_id", None) == user.team_id


def restricted_contacts_filter(user) -> Q:
    """A Q over Contact: the calls naming someone whose record is restricted from the user, but for the calls
    they took themselves (one subquery; `people.permissions.restricted_person_ids_for`)."""
    from frontdoor.people.permissions import restricted_person_ids_for

    from .models import ContactPerson

    about = ContactPerson.objects.filter(person_id__in=restricted_person_ids_for(user)).values("contact_id")
    return Q(pk__in=about) & ~Q(worker_id=user.pk)


def visible_contacts_filter(user) -> Q:
    """The Q a queryset of Contact is filtered by so a user sees only what `can_view_contact` allows."""
    if can_read_received_contacts(user):
        return received_contacts_filter(user) & ~restricted_contacts_filter(user)
    if not can_view_contacts(user):
        return Q(pk__in=[])
    q = Q(status="recorded") | Q(worker_id=user.pk)
    if can_view_team_contacts(user):
        q |= Q(worker__team_id=user.team_id)
    return q & ~restricted_contacts_filter(user)


def visible_contacts(user, qs: QuerySet) -> QuerySet:
    return qs.filter(visible_contacts_filter(user))


def can_change_linked_record(user, contact) -> bool:
    """After a contact is recorded, only a team manager corrects which record a person on it is linked to
    (before that, the worker does it on the call: change the person and choose again)."""
    return is_role(user, Role.TEAM_MANAGER) and not contact.is_draft and can_view_contact(user, contact)


def can_see_caller_identity(user, contact) -> bool:
    """A confidential member of the public is named only to the worker who took the call and managers
    (never to a receiving team)."""
    if not contact.caller_confidential:
        return can_view_contact(user, contact)
    return is_role(user, *RECORDING_ROLES) and (contact.worker_id == user.pk or is_role(user, Role.TEAM_MANAGER))


def reads_as_receiving_team(user) -> bool:
    """The contact page is the receiving team's read-only view: no call flow, decision, letter or audit trail,
    and the caller's identity withheld where it is confidential."""
    return can_read_received_contacts(user)
