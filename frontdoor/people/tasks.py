"""Background jobs for the person index."""

from django_tasks import task

from .duplicates import find_duplicates


@task()
def find_duplicates_task() -> int:
    """Look through the whole index for probable duplicates (a nightly job)."""
    return find_duplicates()
