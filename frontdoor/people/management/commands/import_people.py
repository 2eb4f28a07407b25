"""manage.py import_people FILE.csv: load or update people from the authority's main system.

Columns are documented in the README ("Person import"). Rows are matched on person_id: a re-run
updates rather than duplicates. A row with a value that cannot be stored (an empty name, an impossible
date) is loaded with that value blank and a "needs checking" note, and reported with its line; only a row
with no usable person_id, or no name and no date of birth at all, is refused (reported and skipped). A file
that is not UTF-8, is not valid CSV or lacks a required column is refused before anything is loaded.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from frontdoor.people.bulk.importing import ExtractError
from frontdoor.people.bulk.services import LARGE_LOAD
from frontdoor.people.services import people_import


class Command(BaseCommand):
    help = "Load or update people from a CSV extract (see README: Person import)"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument(
            "--quiet-rows", action="store_true", help="Do not print each refused row or row that needs checking"
        )
        parser.add_argument(
            "--defer-indexes",
            choices=["auto", "yes", "no"],
            default="auto",
            help=f"Rebuild search indexes after loading (auto: when the file has {LARGE_LOAD:,} rows or more)",
        )

    def handle(self, *args, file, batch_size, quiet_rows, defer_indexes, **options):
        def refused(bad):
            if not quiet_rows:
                what = "loaded, needs checking" if bad.loaded else "skipped"
                self.stderr.write(f"Line {bad.line}: {what} ({bad.person_id or 'no person_id'}): {bad.reason}")

        try:
            result = people_import(path=file, batch_size=batch_size, defer_indexes=defer_indexes, on_refused=refused)
        except ExtractError as e:
            raise CommandError(str(e)) from None
        run = result.run
        if result.ignored_columns:
            self.stdout.write(f"Ignoring unknown columns: {', '.join(result.ignored_columns)}")
        if result.deferred_indexes:
            self.stdout.write("Large file: search indexes were rebuilt after loading")
        self.stdout.write(
            f"Read {run.rows_read} rows: {run.created_count} new, {run.updated_count} updated, "
            f"{run.needs_checking_count} need checking, {run.rejected_count} refused, in {result.seconds:.1f} s"
        )
