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
from frontdoor.people.search import build_query, search_ids

QUERY_COLUMNS = ("query_id", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address")


class Command(BaseCommand):
    help = "Match a CSV of people against the person index"

    def add_arguments(self, parser):
        parser.add_argument("queries")
        parser.add_argument("--top", type=int, default=5)
        parser.add_argument("--out", required=True)

    def handle(self, *args, queries, top, out, **options):
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
        written = skipped = 0
        with open(out, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["query_id", "rank", "person_id", "score"])
            pending: list[tuple[str, list]] = []
            for row in rows:
                try:
                    dob = parse_date(row.get("date_of_birth", ""))
                except Exception:
                    dob = None
                    skipped += 1
                text = f"{row.get('given_name', '')} {row.get('family_name', '')}".strip()
                query = build_query(text, dob, row.get("sex") or None, row.get("postcode") or None, today=today)
                pending.append((row["query_id"], search_ids(query, limit=top)))
                if len(pending) >= 500:
                    written += self._flush(writer, pending)
                    pending = []
            written += self._flush(writer, pending)
        seconds = time.perf_counter() - started
        rate = len(rows) / seconds if seconds else 0
        note = f" ({skipped} dates of birth could not be read and were ignored)" if skipped else ""
        self.stdout.write(
            f"Matched {len(rows)} queries, wrote {written} rows to {out} in {seconds:.1f} s ({rate:.0f}/s){note}"
        )

    @staticmethod
    def _flush(writer, pending) -> int:
        pks = {s.pk for _, found in pending for s in found}
        ids = dict(Person.objects.filter(pk__in=pks).values_list("pk", "person_id"))
        n = 0
        for query_id, found in pending:
            for rank, s in enumerate(found, start=1):
                writer.writerow([query_id, rank, ids.get(s.pk, ""), f"{s.score:.1f}"])
                n += 1
        return n
