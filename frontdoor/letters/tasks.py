"""Background jobs: e-mailing a letter, one attempt per run, retried by the service."""

from django_tasks import task

from .dispatch import services


@task()
def letter_dispatch_task(dispatch_id: str) -> str:
    return services.dispatch_attempt(dispatch_id=dispatch_id)
