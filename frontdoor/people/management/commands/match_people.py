"""manage.py match_people QUERIES.csv --top K --out RESULTS.csv

Matches each row (query_id, given_name, family_name, date_of_birth, sex, postcode, address) against
the person index and writes query_id, rank, person_id, score for the best K people of each. A query with a
missing or unusable value is matched on what it has; it, and any query that finds nobody, is reported with
its line (standard error), so no query is dropped silently.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from frontdoor.people.bulk.parallel import default_workers
from frontdoor.people.bulk.services import BulkFileError
from frontdoor.people.services import people_match


class Command(BaseCommand):
    help = "Match a CSV of people against the person index"

    def add_arguments(self, parser):
        parser.add_argument("queries")
        parser.add_argument("--top", type=int, default=5)
        parser.add_argument("--out", required=True)
        parser.add_argument(
            "--workers", type=int, default=default_workers(), help="Processes to match with (default 2)"
        )
        parser.add_argument("--quiet-rows", action="store_true", help="Do not print each query reported")

    def handle(self, *args, queries, top, out, workers, quiet_rows, **options):
        def reported(note):
            if not quiet_rows:
                self.stderr.write(f"Line {note.line} ({note.person_id}): {note.reason}")

        try:
            result = people_match(queries=queries, out=out, top=top, workers=workers, on_reported=reported)
        except BulkFileError as e:
            raise CommandError(str(e)) from None
        rate = result.queries / result.seconds if result.seconds else 0
        note = (
            f" ({result.unreadable_dates} dates of birth could not be read and were ignored)"
            if result.unreadable_dates
            else ""
        )
        unmatched = sum(not r.loaded for r in result.reported)
        self.stdout.write(
            f"Matched {result.queries} queries, wrote {result.written} rows to {out} "
            f"in {result.seconds:.1f} s ({rate:.0f}/s){note}; {len(result.reported)} reported "
            f"({unmatched} with no result)"
        )
