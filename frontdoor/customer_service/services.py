from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record

from .models import Handover
from .permissions import can_check_allocation

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
