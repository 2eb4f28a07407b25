"""One way to give out reference numbers: contacts (C261202-00002A), referrals (R2026-000123) and MASH
enquiries (M2026-000045).

Each number comes from a `ReferenceCounter` row read under `select_for_update` inside the caller's
transaction, so two workers saving at the same moment take turns and never get the same number (on
PostgreSQL; SQLite writes one at a time anyway), and a rolled-back save gives its number back. A
counter is started lazily, after the highest reference of its kind already stored, so a database
that had references before the counters existed never reuses one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db import IntegrityError, transaction

from .models import ReferenceCounter


@dataclass(frozen=True)
class ReferenceFormat:
    model: str  # "app_label.Model" whose `reference` field holds these references
    daily: bool  # the counter runs through the day the reference names, not the year
    date_format: str  # the date part after the prefix ("" for none)
    width: int
    base: int  # 10 for digits, 16 for upper-case hexadecimal (a contact read over the phone)

    def counter_key(self, prefix: str, on: dt.date) -> str:
        return f"{prefix}{on:{self.date_format}}" if self.daily else prefix

    def stem(self, prefix: str, on: dt.date) -> str:
        return f"{prefix}{on:{self.date_format}}-"

    def number(self, value: int) -> str:
        return f"{value:0{self.width}X}" if self.base == 16 else f"{value:0{self.width}d}"

    def parse(self, reference: str) -> int | None:
        try:
            return int(reference.rsplit("-", 1)[1], self.base)
        except (IndexError, ValueError):
            return None


FORMATS: dict[str, ReferenceFormat] = {
    "C": ReferenceFormat("contacts.Contact", daily=True, date_format="%y%m%d", width=6, base=16),
    "R": ReferenceFormat("referrals.Referral", daily=False, date_format="%Y", width=6, base=10),
    "M": ReferenceFormat("mash.MashEnquiry", daily=False, date_format="%Y", width=6, base=10),
}


def next_reference(*, prefix: str, on: dt.date) -> str:
    """The next reference of kind `prefix` ("C", "R" or "M") for a record made on `on` (a local date).

    Call inside the transaction that saves the record: the counter stays locked until it commits."""
    fmt = FORMATS[prefix]
    with transaction.atomic():
        counter = _locked_counter(fmt, prefix, on)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
    return fmt.stem(prefix, on) + fmt.number(counter.last_number)


def _locked_counter(fmt: ReferenceFormat, prefix: str, on: dt.date) -> ReferenceCounter:
    key = fmt.counter_key(prefix, on)
    counters = ReferenceCounter.objects.select_for_update()
    counter = counters.filter(prefix=key, year=on.year).first()
    if counter is not None:
        return counter
    try:
        with transaction.atomic():  # a savepoint: another worker may start the same counter at once
            ReferenceCounter.objects.create(prefix=key, year=on.year, last_number=_highest_stored(fmt, prefix, on))
    except IntegrityError:
        pass  # they did; theirs is the counter (read below once their transaction commits)
    return counters.get(prefix=key, year=on.year)


def _highest_stored(fmt: ReferenceFormat, prefix: str, on: dt.date) -> int:
    """The highest number already stored for this counter (0 for none), so a new counter never reuses one."""
    model = apps.get_model(fmt.model)
    stored = model._default_manager.filter(reference__startswith=fmt.stem(prefix, on))
    numbers = (fmt.parse(ref) for ref in stored.values_list("reference", flat=True).iterator())
    return max((n for n in numbers if n is not None), default=0)
