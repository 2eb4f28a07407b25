"""manage.py match_people QUERIES.csv --top K --out RESULTS.csv

Matches each row (query_id, given_name, family_name, date_of_birth, sex, postcode, address) against
the person index and writes query_id, rank, person_id, score for the best K people of each.
"""

from __future__ import annotations

import csv
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from frontdoor.people.importing import parse_date
from frontdoor.people.models import Person
from frontdoor.people.parallel import default_workers, parallel_map
from frontdoor.people.search import build_query, search_ids

QUERY_COLUMNS = ("query_id", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address")


class Command(BaseCommand):
    help = "Match a CSV of people against the person index"

    def add_arguments(self, parser):
        parser.add_argument("queries")
        parser.add_argument("--top", type=int, default=5)
        parser.add_argument("--out", required=True)
        parser.add_argument(
            "--workers", type=int, default=default_workers(), help="Processes to match with (default 2)"
        )

    def handle(self, *args, queries, top, out, workers, **options):
        started = time.perf_counter()
        today = timezone.localdate()
        try:
            with open(queries, encoding="utf-8-sig", newline="") as f:
                reader = csv.DictReader(f, strict=True)
                missing = [c for c in QUERY_COLUMNS if c not in (reader.fieldnames or [])]
                if missing:
                    raise CommandError(f"The queries file is missing the columns: {', '.join(missing)}")
                rows = list(reader)
        except UnicodeDecodeError:
            raise CommandError("The queries file is not UTF-8 text. Save it as ‘CSV UTF-8’ and try again.") from None
        except csv.Error as e:
            raise CommandError(f"The queries file is broken: {e}") from None
        except FileNotFoundError:
            raise CommandError(f"There is no file called {queries}") from None
        jobs = [(rows[i : i + 500], top, today) for i in range(0, len(rows), 500)]
        # The name caches are warmed once here; the workers inherit them.
        chunks = parallel_map(
            _match_chunk, jobs, workers=workers, warm_up=lambda: _match_chunk((rows[:50], top, today))
        )
        written = skipped = 0
        with open(out, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["query_id", "rank", "person_id", "score"])
            for lines, bad_dates in chunks:
                writer.writerows(lines)
                written += len(lines)
                skipped += bad_dates
        seconds = time.perf_counter() - started
        rate = len(rows) / seconds if seconds else 0
        note = f" ({skipped} dates of birth could not be read and were ignored)" if skipped else ""
        self.stdout.write(
            f"Matched {len(rows)} queries, wrote {written} rows to {out} in {seconds:.1f} s ({rate:.0f}/s){note}"
        )


def _match_chunk(job) -> tuple[list[list], int]:
    """Match one chunk of query rows: (result lines, dates of birth that could not be read)."""
    rows, top, today = job
    found_for, bad_dates = [], 0
    for row in rows:
        try:
            dob = parse_date(row.get("date_of_birth", ""))
        except Exception:
            dob, bad_dates = None, bad_dates + 1
        text = f"{row.get('given_name', '')} {row.get('family_name', '')}".strip()
        query = build_query(text, dob, row.get("sex") or None, row.get("postcode") or None, today=today)
        found_for.append((row["query_id"], search_ids(query, limit=top)))
    pks = {s.pk for _, found in found_for for s in found}
    ids = dict(Person.objects.filter(pk__in=pks).values_list("pk", "person_id"))
    lines = [
        [query_id, rank, ids.get(s.pk, ""), f"{s.score:.1f}"]
        for query_id, found in found_for
        for rank, s in enumerate(found, start=1)
    ]
    return lines, bad_dates
