"""One version lock for every edit.

Every editable row carries an integer `version` (on `TrackedModel`), raised by one on each save. A page
that edits a row sends the version it showed; the service re-reads the row under a lock with
`lock_for_change()`, which refuses with `StaleEdit` when the version sent is missing, not a number, or
not the row's current one. Nothing is then written, and the page shows the worker what they typed with
the current version, so saving again is a deliberate choice made after seeing who changed it and when.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

M = TypeVar("M", bound=models.Model)


class StaleEdit(Exception):
    """The row was saved elsewhere (another worker, another tab, an import) since the page was opened."""

    def __init__(
        self,
        *,
        current_version: int,
        changed_by: str = "",
        changed_at: dt.datetime | None = None,
        noun: str = "record",
        changed_by_id: object = None,
    ):
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_by_id = changed_by_id
        self.changed_at = changed_at
        self.noun = noun
        self.by_you = False  # set by the page when the reader is the one who changed it (another tab)
        super().__init__(self.message)

    def for_reader(self, user) -> StaleEdit:
        """The refusal as the person reading it sees it: "you, in another tab" when they changed it."""
        self.by_you = self.changed_by_id is not None and self.changed_by_id == getattr(user, "pk", None)
        return self

    @property
    def what_happened(self) -> str:
        who = "you, in another tab or window," if self.by_you else (self.changed_by or "someone else")
        when = f" at {timezone.localtime(self.changed_at):%H:%M on %-d %B %Y}" if self.changed_at else ""
        return f"This {self.noun} was changed by {who}{when}, after you opened this page"

    @property
    def message(self) -> str:
        """For a form: what was typed is kept on the page."""
        return (
            f"{self.what_happened}, so your changes have not been saved. What you typed is shown below: check it "
            "against the latest version and save again."
        )

    @property
    def action_message(self) -> str:
        """For a button with nothing typed (approve, take, remove): nothing was done."""
        return f"{self.what_happened}, so nothing has been done. Check it as it is now and try again."


def parse_version(value: object) -> int | None:
    """The version a form sent as an int, or None when it is missing or not a whole number."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def stale_edit_for(row: models.Model, *, noun: str = "record") -> StaleEdit:
    """The refusal for a row that changed: its current version, and who last saved it and when."""
    changed_by = getattr(row, "modified_by", None)
    name = (changed_by.get_full_name() or changed_by.get_username()) if changed_by is not None else ""
    return StaleEdit(
        current_version=row.version,  # type: ignore[attr-defined]
        changed_by=name,
        changed_by_id=getattr(changed_by, "pk", None),
        changed_at=getattr(row, "modified_at", None),
        noun=noun,
    )


def lock_for_change(row: M, *, version: object, noun: str = "record") -> M:
    """`row` re-read under a row lock; StaleEdit unless `version` is the row's current version.

    Call inside `transaction.atomic`. A missing or forged version counts as stale.
    """
    model = type(row)
    locked = model._default_manager.select_for_update().get(pk=row.pk)
    if parse_version(version) != locked.version:  # type: ignore[attr-defined]
        raise stale_edit_for(locked, noun=noun)
    return locked


def bump_version(row: models.Model, *, actor: User | None = None) -> None:
    """Mark `row` as changed by `actor`: the next save is the new version. (Saving is the caller's.)"""
    row.version += 1  # type: ignore[attr-defined]
    if actor is not None and hasattr(row, "modified_by"):
        row.modified_by = actor
