"""manage.py import_people FILE.csv: load or update people from the authority's main system.

Columns are documented in the README ("Person import"). Rows are matched on person_id: a re-run
updates rather than duplicates. Each bad row is reported with its line number and skipped; a file
that is not UTF-8, is not valid CSV or lacks a required column is refused before anything is loaded.
"""

from __future__ import annotations

import contextlib
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.people.bulkload import fast_sqlite_writes, load_batch, secondary_indexes_deferred, tune_for_bulk_load
from frontdoor.people.importing import ExtractError, read_rows, scan_file
from frontdoor.people.models import Person, PersonImport, PersonSearchKey

MAX_KEPT_ERRORS = 1000
LARGE_LOAD = 100_000  # rows; at or above this, secondary indexes are rebuilt after loading


class Command(BaseCommand):
    help = "Load or update people from a CSV extract (see README: Person import)"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--quiet-rows", action="store_true", help="Do not print each refused row")
        parser.add_argument(
            "--defer-indexes",
            choices=["auto", "yes", "no"],
            default="auto",
            help=f"Rebuild search indexes after loading (auto: when the file has {LARGE_LOAD:,} rows or more)",
        )

    def handle(self, *args, file, batch_size, quiet_rows, defer_indexes, **options):
        started = time.perf_counter()
        try:
            total, ignored = scan_file(file)
        except ExtractError as e:
            raise CommandError(str(e)) from None
        if ignored:
            self.stdout.write(f"Ignoring unknown columns: {', '.join(ignored)}")
        tune_for_bulk_load()
        run = PersonImport.objects.create(file_name=str(file)[:300])
        defer = defer_indexes == "yes" or (defer_indexes == "auto" and total >= LARGE_LOAD)
        with contextlib.ExitStack() as stack:
            stack.enter_context(fast_sqlite_writes())
            if defer:
                self.stdout.write("Large file: search indexes will be rebuilt after loading")
                stack.enter_context(secondary_indexes_deferred([Person._meta.db_table, PersonSearchKey._meta.db_table]))
            counts = self._load(file, batch_size, quiet_rows)
        created, updated, rejected, kept = counts
        with transaction.atomic():
            run.rows_read, run.created_count, run.updated_count = total, created, updated
            run.rejected_count, run.rejected_rows, run.finished_at = rejected, kept, timezone.now()
            run.save()
            audit_record(
                actor=None,
                action="create",
                obj=run,
                summary=f"Imported {file}: {created} new, {updated} updated, {rejected} refused",
            )
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Read {total} rows: {created} new, {updated} updated, {rejected} refused, in {seconds:.1f} s"
        )

    def _load(self, file, batch_size: int, quiet_rows: bool) -> tuple[int, int, int, list[dict]]:
        created = updated = rejected = 0
        kept: list[dict] = []
        batch: list[dict] = []
        today = timezone.localdate()
        for _line, values, bad in read_rows(file, today=today):
            if bad:
                rejected += 1
                if len(kept) < MAX_KEPT_ERRORS:
                    kept.append({"line": bad.line, "person_id": bad.person_id, "reason": bad.reason})
                if not quiet_rows:
                    self.stderr.write(f"Line {bad.line}: skipped ({bad.person_id or 'no person_id'}): {bad.reason}")
                continue
            batch.append(values)
            if len(batch) >= batch_size:
                c, u = load_batch(batch)
                created, updated, batch = created + c, updated + u, []
        if batch:
            c, u = load_batch(batch)
            created, updated = created + c, updated + u
        return created, updated, rejected, kept
