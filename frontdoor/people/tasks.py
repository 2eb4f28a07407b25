"""Background jobs for the person index."""

from django_tasks import task

from .duplicates.scan import duplicate_scan_run
from .models import DuplicateScan


@task()
def find_duplicates_task(scan_id: int) -> int:
    """Run a duplicate scan a manager asked for (see duplicates.py). Returns the pairs it added."""
    scan = DuplicateScan.objects.filter(pk=scan_id, finished_at__isnull=True).first()
    if scan is None:
        return 0
    return duplicate_scan_run(scan).pairs_found
