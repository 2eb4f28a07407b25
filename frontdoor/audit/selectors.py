"""Reading the audit trail: managers and administrators only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models

from .domain import Finding, Link, first_break
from .models import AuditChainHead, AuditEvent
from .permissions import can_see_who_looked, can_view_audit
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


def audit_events_about(*, user: User, objects: dict[str, list], since=None, until=None):
    """Every event on any of `objects` ({"people.person": [pk, ...], "referrals.referral": [...]}), newest
    first, optionally from `since` to `until` (dates, both included): who has looked at a child and at
    everything about them. Empty for a user who may not see who looked."""
    if not can_see_who_looked(user):
        return AuditEvent.objects.none()
    about = models.Q(pk__in=[])
    for object_type, pks in objects.items():
        if pks:
            about |= models.Q(object_type=object_type, object_id__in=[str(pk) for pk in pks])
    events = AuditEvent.objects.filter(about)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events.order_by("-sequence")


@dataclass(frozen=True)
class ChainCheck:
    finding: Finding | None
    count: int
    head_sequence: int
    head_hash: str


CHUNK = 5000


def audit_chain_check() -> ChainCheck:
    """Every event in sequence order, streamed; for `manage.py audit_verify` (an operator's check, not a page)."""
    head = AuditChainHead.objects.filter(pk=AuditChainHead.ONLY).first()
    events = AuditEvent.objects.order_by("sequence").iterator(chunk_size=CHUNK)
    links = (Link(e.sequence, str(e.id), e.prev_hash, e.hash, e.computed_hash()) for e in events)
    finding, count, last_hash = first_break(
        links, head_sequence=head.sequence if head else None, head_hash=head.hash if head else None
    )
    return ChainCheck(finding, count, head.sequence if head else 0, head.hash if head else last_hash)
