"""Writing audit events. Call inside the same transaction as the change being audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from .context import current_origin
from .models import AuditEvent

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def object_type_of(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def audit_record(
    *, actor: User | None, action: str, obj: models.Model | None, summary: str, changes: dict[str, Any] | None = None
) -> AuditEvent:
    """`obj` None only for an event about no stored row (a sign-in with a username nobody has)."""
    origin = current_origin.get()
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type_of(obj) if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        changes=changes or {},
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
        path=origin.path,
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for each field whose value differs, values made JSON-safe as strings."""
    return {
        k: [None if before.get(k) is None else str(before.get(k)), None if after.get(k) is None else str(after.get(k))]
        for k in after
        if before.get(k) != after.get(k)
    }
