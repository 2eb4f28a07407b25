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
