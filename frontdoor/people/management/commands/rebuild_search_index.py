"""manage.py rebuild_search_index: rebuild every person's search keys and card.

For after a change to the matching rules, or after person records were changed in the database other
than through Front Door or `import_people` (the search reads a copy of what it scores: decision 10).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from frontdoor.people.search.index import index_rebuild_all


class Command(BaseCommand):
    help = "Rebuild the search keys and cards of every person"

    def handle(self, *args, **options):
        started = time.perf_counter()
        done = index_rebuild_all()
        self.stdout.write(f"Rebuilt the search index for {done:,} people in {time.perf_counter() - started:.1f} s")
