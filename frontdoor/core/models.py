"""Abstract bases shared by the case records."""

import uuid

from django.conf import settings
from django.db import models


class TrackedModel(models.Model):
    """Opaque id, who created and last changed the row and when. Rows are archived, not deleted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    modified_at = models.DateTimeField(auto_now=True)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    archived = models.BooleanField(default=False)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save, to refuse stale edits (core.locking)"
    )

    class Meta:
        abstract = True


class ReferenceCounter(models.Model):
    """The last number given out for one kind of reference in one year (core.references).

    `prefix` is the part before the number that the counter belongs to: "R" and "M" count through the
    year; contacts ("C261202") count through the day their reference names."""

    prefix = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="core_reference_counter_unique")]

    def __str__(self) -> str:
        return f"{self.prefix} {self.year}: {self.last_number}"
