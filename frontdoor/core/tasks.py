"""Background jobs of the core: the worker's heartbeat (see frontdoor.core.health)."""

from django_tasks import task

from . import health


@task()
def worker_heartbeat() -> str:
    health.heartbeat_beat()
    return "alive"
