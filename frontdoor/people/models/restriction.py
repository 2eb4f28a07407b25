"""Restricted records (issue 12, deliverable 2): a person kept to named users and teams, and break-glass.

A restriction is lifted, never deleted (`lifted_at`), so the record keeps who restricted it and why; at most
one is in force per person. A break-glass grant opens one restricted person to one user until `expires_at`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .record import Person


class Restriction(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="restrictions")
    reason = models.TextField()
    restricted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    restricted_at = models.DateTimeField(default=timezone.now)
    named_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="restrictions_named")
    named_teams = models.ManyToManyField("directory.Team", blank=True, related_name="restrictions_named")
    changed_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lift_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(lifted_at__isnull=True), name="one_restriction_in_force"
            )
        ]

    def __str__(self) -> str:
        return f"Restriction on {self.person_id}"


class BreakGlass(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glasses")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="break_glasses")
    restriction = models.ForeignKey(Restriction, on_delete=models.PROTECT, related_name="break_glasses")
    reason = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "person", "expires_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_at__gt=models.F("granted_at")), name="break_glass_ends")
        ]

    def __str__(self) -> str:
        return f"Break-glass by {self.user_id} on {self.person_id}"
