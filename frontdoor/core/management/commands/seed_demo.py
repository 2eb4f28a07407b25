"""Make a synthetic demo data set (Faker en_GB): users for every role, families, people and contacts.

Each app that has demo data offers `demo.seed(*, people, fake, rng)`; they run in DEMO_APPS order. An app
whose `seed` also takes `contacts` is given `--contacts` (how many recorded calls; by default one per eight
people). A large authority's year (`--people 100000 --contacts 12500`) takes a minute or two: rows are
bulk-created.
Never real personal data.
"""

import inspect
import random
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from faker import Faker

DEMO_APPS = ["accounts", "people", "contacts", "referrals", "mash", "letters", "customer_service"]


class Command(BaseCommand):
    help = "Create synthetic demo users, families, people and contacts."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=400, help="roughly how many people to create")
        parser.add_argument(
            "--contacts", type=int, default=None, help="how many recorded contacts (default: one per 8 people)"
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed, for a repeatable data set")
        parser.add_argument("--if-empty", action="store_true", help="do nothing if demo data is already there")
        parser.add_argument(
            "--allow-production-demo",
            action="store_true",
            help="run even with DJANGO_DEBUG=false (a demonstration server, never a live one)",
        )

    def handle(self, *args, people, contacts, seed, if_empty, allow_production_demo, **options):
        from frontdoor.people.models import Person

        if not settings.DEBUG and not allow_production_demo:
            raise CommandError(
                "seed_demo makes users for every role with the published demo password, an administrator "
                "among them, so it does not run with DJANGO_DEBUG=false. For a demonstration server (never a "
                "live one) add --allow-production-demo."
            )

        if if_empty and Person.objects.exists():
            self.stdout.write("Demo data already present; leaving it as it is.")
            return
        fake = Faker("en_GB")
        fake.seed_instance(seed)
        rng = random.Random(seed)
        for app in DEMO_APPS:
            try:
                module = import_module(f"frontdoor.{app}.demo")
            except ModuleNotFoundError:
                continue
            if not hasattr(module, "seed"):
                continue
            extra = {"contacts": contacts} if "contacts" in inspect.signature(module.seed).parameters else {}
            with transaction.atomic():
                summary = module.seed(people=people, fake=fake, rng=rng, **extra)
            self.stdout.write(f"{app}: {summary}")
        # Fresh statistics after a bulk load, so the planner picks the indexes; on PostgreSQL also VACUUM, so
        # counts can read only the index (the visibility map) without waiting for autovacuum.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
