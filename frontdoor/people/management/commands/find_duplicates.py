"""manage.py find_duplicates [--everyone] [--workers N]: the nightly duplicate scan (run it from cron).

By default only the people added or changed since the last finished scan are checked (against
everyone); --everyone checks the whole index. Pairs found wait for a manager under People > Possible
duplicates.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from frontdoor.people.bulk.parallel import default_workers
from frontdoor.people.duplicates.scan import duplicate_scan_run, duplicate_scan_start, running_scan


class Command(BaseCommand):
    help = "Look for probable duplicate person records"

    def add_arguments(self, parser):
        parser.add_argument("--everyone", action="store_true", help="Check everyone, not just recent changes")
        parser.add_argument("--workers", type=int, default=default_workers(), help="Processes (default 2)")
        parser.add_argument("--force", action="store_true", help="Run even if another scan seems to be running")

    def handle(self, *args, everyone, workers, force, **options):
        running = running_scan()
        if running and not force:
            raise CommandError(
                f"A scan started at {running.started_at:%H:%M on %d %B %Y} has not finished "
                f"({running.people_checked:,} of {running.people_total:,} checked). Use --force to run another."
            )
        started = time.perf_counter()
        scan = duplicate_scan_start(everyone=everyone)
        self.stdout.write(f"{scan.get_scope_display()}: checking…")
        scan = duplicate_scan_run(scan, workers=workers)
        seconds = time.perf_counter() - started
        rate = scan.people_checked / seconds if seconds else 0
        self.stdout.write(
            f"Checked {scan.people_checked:,} people in {seconds:.1f} s ({rate:,.0f}/s): "
            f"{scan.pairs_found:,} new possible duplicate pairs"
        )
