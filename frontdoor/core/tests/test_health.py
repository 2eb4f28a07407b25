"""/healthz for the council's monitoring: the database answers and the background worker's heartbeat is recent."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from frontdoor.core import health

pytestmark = pytest.mark.django_db

ROLES = ["csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]
T0 = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def db_worker_backend(settings):
    """As in production: tasks wait in the database for `manage.py worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.FRONTDOOR_HEARTBEAT_SECONDS = 60
    settings.FRONTDOOR_HEARTBEAT_STALE_SECONDS = 300


def run_ready_tasks():
    """What one pass of the worker does (db_worker's own loop takes an exclusive transaction, which a
    test's transaction cannot nest)."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="t",
    )
    for result in DBTaskResult.objects.ready():
        result.claim("t")
        worker.run_task(result)


def test_anyone_may_ask_without_signing_in_and_sees_no_personal_data():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "worker": "not used", "status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_same_answer(role, users, client_for):
    assert client_for(users[role]).get("/healthz").status_code == 200


def test_only_get_and_head():
    assert Client().head("/healthz").status_code == 200
    assert Client().post("/healthz").status_code == 405


def test_healthy_while_the_worker_beats_then_503_when_it_stops(db_worker_backend):
    with time_machine.travel(T0, tick=False):
        assert Client().get("/healthz").status_code == 503  # no worker has ever beaten
        assert health.heartbeat_schedule(delay=dt.timedelta(0))  # `manage.py worker` starting
        assert not health.heartbeat_schedule(delay=dt.timedelta(0))  # one waiting heartbeat is enough
        run_ready_tasks()
        response = Client().get("/healthz")
        assert response.status_code == 200
        assert response.json() == {
            "database": "ok",
            "worker": "ok",
            "worker_last_heartbeat": T0.isoformat(),
            "status": "ok",
        }
    # The beat scheduled the next one a minute on; a running worker keeps the heartbeat fresh.
    with time_machine.travel(T0 + dt.timedelta(seconds=61), tick=False):
        run_ready_tasks()
    with time_machine.travel(T0 + dt.timedelta(seconds=61 + 299), tick=False):
        assert Client().get("/healthz").status_code == 200
    # The worker stops: five minutes after its last beat the service is unhealthy.
    with time_machine.travel(T0 + dt.timedelta(seconds=61 + 301), tick=False):
        response = Client().get("/healthz")
        assert response.status_code == 503
        assert response.json()["worker"] == "stale"
        assert response.json()["status"] == "unhealthy"


def test_old_heartbeats_are_forgotten(db_worker_backend):
    for minutes in range(0, 180, 1):
        with time_machine.travel(T0 + dt.timedelta(minutes=minutes), tick=False):
            health.heartbeat_schedule(delay=dt.timedelta(0))
            run_ready_tasks()
    kept = DBTaskResult.objects.filter(task_path=health.HEARTBEAT_TASK_PATH, status=TaskResultStatus.SUCCESSFUL)
    assert 55 <= kept.count() <= 62


def test_database_unreachable_is_503(monkeypatch):
    monkeypatch.setattr(health, "database_ok", lambda: False)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_the_monitor_may_ask_over_plain_http_when_the_service_redirects_to_https(settings, users):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/healthz").status_code == 200
    assert Client().get("/accounts/sign-in/").status_code == 301
