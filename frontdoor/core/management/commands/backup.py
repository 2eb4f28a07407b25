"""manage.py backup --out FILE: a consistent copy of the SQLite database, safe while the service runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.core.backups import BackupError, backup_sqlite


class Command(BaseCommand):
    help = "Copy the SQLite database to FILE while the service runs (SQLite's online backup). PostgreSQL: pg_dump."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="the new backup file (must not exist)")

    def handle(self, *args, out, **options):
        try:
            written = backup_sqlite(out=out)
        except BackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(self.style.SUCCESS(f"Backed up to {written} ({written.stat().st_size:,} bytes)."))
