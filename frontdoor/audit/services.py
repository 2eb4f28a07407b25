"""Writing audit events. Call inside the same transaction as the change being audited."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from . import domain
from .context import current_origin
from .models import AuditChainHead, AuditEvent

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

ACTIONS = frozenset(AuditEvent.Action.values)


def object_type_of(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def audit_record(
    *, actor: User | None, action: str, obj: models.Model | None, summary: str, changes: dict[str, Any] | None = None
) -> AuditEvent:
    """`obj` None only for an event about no stored row (a sign-in with a username nobody has).

    `action` must be one of AuditEvent.Action. The actor's username and role are kept as they are now,
    and the event is chained to the one before it under a lock on the chain's head row."""
    if action not in ACTIONS:
        raise ValueError(f"{action!r} is not an audit action; use one of AuditEvent.Action")
    who = actor if getattr(actor, "is_authenticated", False) else None
    origin = current_origin.get()
    event = AuditEvent(
        at=timezone.now(),
        actor=who,
        actor_username=who.get_username() if who is not None else "",
        actor_role=getattr(who, "role", "") if who is not None else "",
        action=str(action),
        object_type=object_type_of(obj) if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        # as it will read back from the database, so that the hash can be checked later
        changes=json.loads(json.dumps(changes or {}, cls=DjangoJSONEncoder)),
        ip_address=AuditEvent._meta.get_field("ip_address").to_python(origin.ip_address),
        user_agent=origin.user_agent[:300],
        path=origin.path[:300],
    )
    with transaction.atomic(savepoint=False):  # a failure here fails the caller's whole transaction
        head = _locked_head()
        event.sequence = head.sequence + 1
        event.prev_hash = head.hash
        event.hash = event.computed_hash()
        event.save(force_insert=True)
        AuditChainHead.objects.filter(pk=head.pk).update(sequence=event.sequence, hash=event.hash)
    return event


def audit_search(*, actor: User, summary: str, terms: dict[str, Any], results: int) -> AuditEvent:
    """A search with its terms and the number of results it gave (no object: a search names no row)."""
    return audit_record(
        actor=actor, action="search", obj=None, summary=summary, changes={"terms": terms, "results": results}
    )


def _locked_head() -> AuditChainHead:
    """The chain's head, locked until the transaction ends (made again from the last event if missing,
    as after a test database is emptied)."""
    head = AuditChainHead.objects.select_for_update().filter(pk=AuditChainHead.ONLY).first()
    if head is None:
        last = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        AuditChainHead.objects.get_or_create(
            pk=AuditChainHead.ONLY,
            defaults=last or {"sequence": 0, "hash": domain.GENESIS},
        )
        head = AuditChainHead.objects.select_for_update().get(pk=AuditChainHead.ONLY)
    return head


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for each field whose value differs, values made JSON-safe as strings."""
    return {
        k: [None if before.get(k) is None else str(before.get(k)), None if after.get(k) is None else str(after.get(k))]
        for k in after
        if before.get(k) != after.get(k)
    }
