"""A run of the person import."""

from django.db import models

from frontdoor.core.models import TrackedModel


class PersonImport(TrackedModel):
    """One run of `manage.py import_people`: what was read, loaded and refused."""

    file_name = models.CharField(max_length=300)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    rejected_rows = models.JSONField(default=list, blank=True, help_text="The first 1,000 refused rows")
    needs_checking_count = models.PositiveIntegerField(
        default=0, help_text="Rows loaded with a value left blank that needs checking"
    )
    needs_checking_rows = models.JSONField(
        default=list, blank=True, help_text="The first 1,000 rows loaded that need checking"
    )

    def __str__(self) -> str:
        return f"Import of {self.file_name} at {self.created_at:%Y-%m-%d %H:%M}"
