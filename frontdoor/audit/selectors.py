"""Reading the audit trail: managers and administrators only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from .models import AuditEvent
from .permissions import can_view_audit
from .services import object_type_of

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def audit_events_for_object(*, user: User, obj: models.Model, limit: int = 200):
    if not can_view_audit(user):
        return AuditEvent.objects.none()
    return (
        AuditEvent.objects.filter(object_type=object_type_of(obj), object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-at")[:limit]
    )
