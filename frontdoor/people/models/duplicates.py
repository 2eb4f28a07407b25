"""Probable duplicates, the scans that find them, and merges (which can be undone)."""

from django.conf import settings
from django.db import models

from frontdoor.core.models import TrackedModel

from .record import Alias, Person


class PossibleDuplicate(models.Model):
    """Two records the matching engine thinks may be the same person, waiting for a manager."""

    class Status(models.TextChoices):
        OPEN = "open", "To review"
        MERGED = "merged", "Merged"
        DISMISSED = "dismissed", "Not the same person"

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    found_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-score", "found_at"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_once"),
            models.CheckConstraint(condition=~models.Q(person_a=models.F("person_b")), name="duplicate_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} and {self.person_b} ({self.score:.0f})"


class DuplicateScan(models.Model):
    """One run of the duplicate search: everyone, or only the people changed since the last run."""

    class Scope(models.TextChoices):
        CHANGED = "changed", "People added or changed since the last scan"
        EVERYONE = "everyone", "Everyone"

    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.CHANGED)
    since = models.DateTimeField(null=True, blank=True, help_text="Changed people only: changed at or after this")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    people_total = models.PositiveIntegerField(default=0, help_text="People to check")
    people_checked = models.PositiveIntegerField(default=0)
    pairs_found = models.PositiveIntegerField(default=0)
    failed = models.TextField(blank=True, help_text="Why the scan stopped, if it did")
    progress_at = models.DateTimeField(null=True, blank=True, help_text="Last sign of life: as each chunk is done")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Duplicate scan ({self.get_scope_display().lower()}) at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class PersonMerge(TrackedModel):
    """A merge of `merged` into `kept`: exactly what moved, so that undo can put it all back."""

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_merged")
    duplicate = models.ForeignKey(PossibleDuplicate, null=True, blank=True, on_delete=models.SET_NULL)
    moved = models.JSONField(default=dict, help_text="{model label: [ids moved from merged to kept]}")
    archived_rows = models.JSONField(default=dict, help_text="{model label: [ids archived by the merge]}")
    added_alias = models.ForeignKey(Alias, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.merged} merged into {self.kept}"
