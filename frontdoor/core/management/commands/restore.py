"""manage.py restore FILE --yes: put a backup back, keeping a copy of the current database first."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontdoor.core.backups import BackupError, restore_sqlite


class Command(BaseCommand):
    help = "Replace the SQLite database with a backup made by `manage.py backup` (the current one is kept first)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a backup made by `manage.py backup`")
        parser.add_argument("--yes", action="store_true", help="yes, replace everything in the database")
        parser.add_argument(
            "--keep-dir",
            type=Path,
            default=None,
            help="where the copy of the current database goes (default: var/backups)",
        )

    def handle(self, *args, file, yes, keep_dir, **options):
        if not yes:
            raise CommandError(
                "Restoring replaces everything in the database with the backup: whatever was recorded since "
                "the backup is gone from the service (a copy of the current database is kept first). Stop "
                "the service (gunicorn and the worker), then run again with --yes."
            )
        try:
            kept = restore_sqlite(source=file, keep_dir=keep_dir or settings.VAR_DIR / "backups")
        except BackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(f"The database as it was is kept in {kept}.")
        self.stdout.write(
            self.style.SUCCESS(f"Restored {file}. Run `manage.py migrate` if it came from an older version.")
        )
