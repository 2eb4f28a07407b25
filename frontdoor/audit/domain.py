"""The audit chain's rules, pure: each event's hash covers its content and the hash before it.

The canonical form below is a contract with every event already written: change it and every older
event fails `manage.py audit_verify`. Add a field only with a new version of the form, never by editing this one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64  # the "previous hash" of the first event

# Verbs written before the vocabulary was fixed, and the word each now is.
SYNONYMS = {"update": "change", "refuse": "refused", "delete": "archive"}


def canonical_time(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def event_hash(
    *,
    sequence: int,
    id: str,
    at: datetime,
    actor_id: Any,
    actor_username: str,
    actor_role: str,
    action: str,
    object_type: str,
    object_id: str,
    summary: str,
    changes: Any,
    ip_address: str | None,
    path: str,
    user_agent: str,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) of the event's canonical content, version 1."""
    content = [
        "frontdoor-audit-v1",
        sequence,
        str(id),
        canonical_time(at),
        None if actor_id is None else str(actor_id),
        actor_username,
        actor_role,
        action,
        object_type,
        object_id,
        summary,
        changes,
        None if ip_address is None else str(ip_address),
        path,
        user_agent,
        prev_hash,
    ]
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


@dataclass(frozen=True)
class Finding:
    """The first thing wrong with the chain: which event, what happened to it, and how we know."""

    kind: str  # "changed", "removed" or "inserted"
    sequence: int | None
    event_id: str | None
    detail: str

    def __str__(self) -> str:
        where = f"event #{self.sequence} ({self.event_id})" if self.sequence is not None else "the end of the trail"
        return f"{self.kind.upper()}: {where}: {self.detail}"


@dataclass(frozen=True)
class Link:
    """What the walk needs of one event: its place, its stored hashes and the hash its content gives."""

    sequence: int
    id: str
    prev_hash: str
    hash: str
    computed: str


def first_break(links, *, head_sequence: int | None, head_hash: str | None) -> tuple[Finding | None, int, str]:
    """Walk the links in sequence order; (the first finding or None, events walked, last hash)."""
    before: Link | None = None
    two_before: Link | None = None
    beyond_head: Link | None = None
    count = 0
    for link in links:
        count += 1
        if head_sequence is not None and link.sequence == head_sequence + 1:
            beyond_head = link
        expected = 1 if before is None else before.sequence + 1
        previous_hash = GENESIS if before is None else before.hash
        if link.sequence > expected:
            missing = f"#{expected}" if link.sequence == expected + 1 else f"#{expected} to #{link.sequence - 1}"
            return Finding("removed", link.sequence, link.id, f"event {missing} before it is missing"), count, ""
        if link.sequence < expected:
            return Finding("inserted", link.sequence, link.id, f"a second event numbered #{link.sequence}"), count, ""
        if link.prev_hash != previous_hash:
            if before is not None and two_before is not None and link.prev_hash == two_before.hash:
                return (
                    Finding("inserted", before.sequence, before.id, f"event #{link.sequence} does not follow it"),
                    count,
                    "",
                )
            return (
                Finding("inserted", link.sequence, link.id, "it does not follow the event before it"),
                count,
                "",
            )
        if link.computed != link.hash:
            return Finding("changed", link.sequence, link.id, "its content no longer matches its hash"), count, ""
        two_before, before = before, link
    last_sequence = before.sequence if before else 0
    last_hash = before.hash if before else GENESIS
    if head_sequence is not None and head_sequence > last_sequence:
        return (
            Finding("removed", None, None, f"events #{last_sequence + 1} to #{head_sequence} are missing"),
            count,
            last_hash,
        )
    if head_sequence is not None and (head_sequence < last_sequence or head_hash != last_hash):
        extra = beyond_head or before
        assert extra is not None
        return (
            Finding("inserted", extra.sequence, extra.id, f"the trail was written to #{head_sequence} only"),
            count,
            last_hash,
        )
    return None, count, last_hash
