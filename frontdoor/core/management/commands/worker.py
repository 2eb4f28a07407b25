"""The background worker as `make run` and `make serve` start it: db_worker, with the heartbeat running."""

from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand

from frontdoor.core.health import heartbeat_schedule


class Command(BaseCommand):
    help = "Run the background worker (django-tasks db_worker) and its heartbeat, which /healthz checks."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1, help="seconds between looks for new tasks")

    def handle(self, *args, interval, **options):
        heartbeat_schedule(delay=timedelta(0))  # the first beat at once; each beat schedules the next
        call_command("db_worker", interval=interval)
