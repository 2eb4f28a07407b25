from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.contacts.services import contact_start_from_public_call
from frontdoor.core.locking import bump_version

from .models import Handover
from .permissions import can_check_allocation, can_take_handover

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


@transaction.atomic
def handover_record(*, actor: User, **fields) -> Handover:
    if not can_check_allocation(actor):
        raise PermissionDenied
    handover = Handover(
        created_by=actor, modified_by=actor, taken_at=fields.pop("taken_at", None) or timezone.now(), **fields
    )
    handover.full_clean()
    handover.save()
    audit_record(
        actor=actor, action="create", obj=handover, summary=f"Recorded a public call: {handover.get_outcome_display()}"
    )
    return handover


@transaction.atomic
def handover_take(*, actor: User, handover: Handover) -> Handover:
    """A consultant social worker takes a public call handed over to CADS: its draft contact starts, owned by
    them and filled in from what the advisor recorded, and the two are linked. Taking it again (a double
    click) is harmless; a call someone else has taken is refused with their name."""
    if not can_take_handover(actor):
        raise PermissionDenied("Only a consultant social worker or manager can take a public call")
    locked = Handover.objects.select_for_update().get(pk=handover.pk)  # the handover row only
    if locked.contact is not None:
        if locked.contact.worker_id == actor.pk:
            return locked
        worker = locked.contact.worker
        raise ValidationError(f"{worker.get_full_name() or worker.username} has already taken this call")
    if locked.outcome != Handover.Outcome.CADS:
        raise ValidationError("Only a call handed over to CADS can be taken")
    locked.contact = contact_start_from_public_call(
        actor=actor,
        received_at=locked.taken_at,
        caller_name=locked.caller_name,
        caller_phone=locked.caller_phone,
        caller_confidential=locked.caller_confidential,
        what_was_said=locked.notes,
        child_name=locked.child_name,
        child_date_of_birth=locked.child_date_of_birth,
        child_address=locked.child_address,
        child_postcode=locked.child_postcode,
        person=locked.person,
    )
    bump_version(locked, actor=actor)
    locked.save()
    audit_record(
        actor=actor,
        action="change",
        obj=locked,
        summary=f"Took the public call about {locked.child_name}: started contact {locked.contact.reference}",
    )
    return locked
