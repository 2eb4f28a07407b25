"""Health for the council's monitoring (/healthz): the database answers, the background worker is alive.

The worker proves it is alive by running a heartbeat task (frontdoor.core.tasks.worker_heartbeat) every
FRONTDOOR_HEARTBEAT_SECONDS: each run schedules the next, and `manage.py worker` starts the chain when
none is waiting. A worker that is stopped, stuck or cannot reach the database leaves the last
heartbeat to age; after FRONTDOOR_HEARTBEAT_STALE_SECONDS the service reports itself unhealthy.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Max
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

HEARTBEAT_TASK_PATH = "frontdoor.core.tasks.worker_heartbeat"
KEEP_HEARTBEATS_FOR = timedelta(hours=1)


def worker_runs_tasks() -> bool:
    """Only the database backend has a separate worker; the immediate backend (tests) runs tasks inline."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def last_heartbeat() -> datetime | None:
    return DBTaskResult.objects.filter(task_path=HEARTBEAT_TASK_PATH, status=TaskResultStatus.SUCCESSFUL).aggregate(
        last=Max("finished_at")
    )["last"]


def heartbeat_is_stale(last: datetime | None, *, now: datetime, stale_after: timedelta) -> bool:
    return last is None or now - last > stale_after


def health_report(*, now: datetime | None = None) -> tuple[bool, dict]:
    """(healthy, what a monitor may see): no personal data, no versions, no paths."""
    now = now or timezone.now()
    report: dict = {"database": "ok" if database_ok() else "unreachable"}
    healthy = report["database"] == "ok"
    if not worker_runs_tasks():
        report["worker"] = "not used"
    elif not healthy:
        report["worker"] = "unknown"
    else:
        last = last_heartbeat()
        stale_after = timedelta(seconds=settings.FRONTDOOR_HEARTBEAT_STALE_SECONDS)
        stale = heartbeat_is_stale(last, now=now, stale_after=stale_after)
        report["worker"] = "stale" if stale else "ok"
        report["worker_last_heartbeat"] = last.isoformat() if last else None
        healthy = not stale
    report["status"] = "ok" if healthy else "unhealthy"
    return healthy, report


def heartbeat_schedule(*, delay: timedelta) -> bool:
    """Enqueue the next heartbeat unless one is already waiting; True when one was enqueued."""
    from .tasks import worker_heartbeat

    if not worker_runs_tasks():
        return False
    if DBTaskResult.objects.filter(task_path=HEARTBEAT_TASK_PATH, status=TaskResultStatus.READY).exists():
        return False
    worker_heartbeat.using(run_after=timezone.now() + delay).enqueue()
    return True


def heartbeat_beat() -> None:
    """The heartbeat's own work: forget old heartbeats, schedule the next one."""
    DBTaskResult.objects.filter(
        task_path=HEARTBEAT_TASK_PATH,
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=timezone.now() - KEEP_HEARTBEATS_FOR,
    ).delete()
    heartbeat_schedule(delay=timedelta(seconds=settings.FRONTDOOR_HEARTBEAT_SECONDS))
