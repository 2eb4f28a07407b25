"""The audit trail: who did what to which record, when, and from where.

Rows are never changed: the database refuses UPDATE and DELETE (triggers made by migration 0004), and each
row carries a hash over its content and the hash of the row before it (see domain.py, `manage.py audit_verify`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from . import domain


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        """The fixed vocabulary: `audit_record` refuses any other word."""

        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        ARCHIVE = "archive", "Archived"
        VIEW = "view", "Viewed"
        SEARCH = "search", "Searched"
        EXPORT = "export", "Exported"
        SUBMIT = "submit", "Sent for authorisation"
        AUTHORISE = "authorise", "Authorised"
        RETURN = "return", "Returned"
        ALLOCATE = "allocate", "Allocated"
        REFUSED = "refused", "Refused"
        BREAK_GLASS = "break_glass", "Opened a restricted record"
        SIGN_IN = "sign_in", "Signed in"
        SIGN_OUT = "sign_out", "Signed out"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out"
        UNLOCKED = "unlocked", "Unlocked"
        PASSWORD_CHANGED = "password_changed", "Changed their password"
        PASSWORD_RESET = "password_reset", "Password reset"
        TWO_FACTOR_STARTED = "two_factor_started", "Started setting up a second factor"
        TWO_FACTOR_ENROLLED = "two_factor_enrolled", "Set up a second factor"
        TWO_FACTOR_FAILED = "two_factor_failed", "Second factor failed"
        TWO_FACTOR_RESET = "two_factor_reset", "Second factor reset"
        RECOVERY_CODES_MADE = "recovery_codes_made", "Made recovery codes"
        RECOVERY_CODE_USED = "recovery_code_used", "Used a recovery code"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    actor_username = models.CharField(max_length=150, blank=True, help_text="The actor's username at the time")
    actor_role = models.CharField(max_length=20, blank=True, help_text="The actor's role at the time")
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    path = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_username or '-'} {self.action} {self.object_type} {self.object_id}"
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Audit events cannot be changed")
        super().save(*args, **kwargs)

    def computed_hash(self) -> str:
        """The hash this row's content gives now (equal to `hash` unless the row was changed)."""
        return domain.event_hash(
            sequence=self.sequence,
            id=str(self.id),
            at=self.at,
            actor_id=self.actor_id,
            actor_username=self.actor_username,
            actor_role=self.actor_role,
            action=self.action,
            object_type=self.object_type,
            object_id=self.object_id,
            summary=self.summary,
            changes=self.changes,
            ip_address=self.ip_address,
            path=self.path,
            user_agent=self.user_agent,
            prev_hash=self.prev_hash,
        )


class AuditChainHead(models.Model):
    """One row: the last event's sequence and hash. Writers lock it, so the chain never forks."""

    ONLY = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ONLY)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=domain.GENESIS)

    def __str__(self) -> str:
        return f"#{self.sequence} {self.hash[:12]}"
