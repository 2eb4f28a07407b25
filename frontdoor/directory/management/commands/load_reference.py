from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontdoor.directory.services import ReferenceDataError, reference_data_load


class Command(BaseCommand):
    help = "Load or update the authority's localities, districts, teams, agencies and services from a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(settings.FRONTDOOR_REFERENCE_FILE))

    def handle(self, *args, file, **options):
        try:
            counts = reference_data_load(path=Path(file))
        except (ReferenceDataError, KeyError) as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded from {file}: {summary}"))
