"""The audit trail cannot be rewritten: the database refuses UPDATE and DELETE whoever asks, and
`manage.py audit_verify` names the first event changed, removed or inserted by someone who got round that."""

import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from frontdoor.audit.models import AuditChainHead, AuditEvent
from frontdoor.audit.services import audit_record

from .tampering import TABLE, audit_triggers_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(users):
    made = [
        audit_record(actor=users["csw"], action="view", obj=users["csw2"], summary=f"Looked {n}", changes={"n": n})
        for n in range(5)
    ]
    return list(AuditEvent.objects.filter(pk__in=[e.pk for e in made]).order_by("sequence"))


def verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def broken() -> str:
    with pytest.raises(CommandError) as caught:
        verify()
    return str(caught.value)


def refused(statement):
    with pytest.raises(IntegrityError, match="never"), transaction.atomic():
        statement()


# --- the fixed vocabulary, and the actor at the time --------------------------------------------------------
def test_a_word_outside_the_vocabulary_is_refused(users):
    with pytest.raises(ValueError, match="not an audit action"):
        audit_record(actor=users["csw"], action="update", obj=users["csw2"], summary="Changed")


def test_renaming_the_actor_or_changing_their_role_does_not_rewrite_history(users):
    worker = users["receiving"]
    event = audit_record(actor=worker, action="view", obj=users["csw2"], summary="Looked")
    name = worker.username
    worker.username, worker.role = "someone-else", "manager"
    worker.save()
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.actor, event.actor_username, event.actor_role) == (worker, name, "receiving")


# --- append-only in the database ----------------------------------------------------------------------------
def test_the_orm_cannot_change_or_remove_events(trail):
    refused(lambda: AuditEvent.objects.filter(pk=trail[0].pk).update(summary="Nothing happened"))
    refused(lambda: AuditEvent.objects.filter(pk=trail[0].pk).delete())
    refused(lambda: AuditEvent.objects.all().delete())
    assert AuditEvent.objects.get(pk=trail[0].pk).summary == "Looked 0"


def test_raw_sql_cannot_change_or_remove_events(trail):
    def run(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)

    refused(lambda: run(f"UPDATE {TABLE} SET summary = 'Nothing happened'"))
    refused(lambda: run(f"DELETE FROM {TABLE}"))
    if connection.vendor == "postgresql":
        run("SET CONSTRAINTS ALL IMMEDIATE")  # else "pending trigger events" from the foreign keys come first
        refused(lambda: run(f"TRUNCATE {TABLE} CASCADE"))
    assert AuditEvent.objects.filter(summary__startswith="Looked").count() == 5


# --- the chain --------------------------------------------------------------------------------------------
def test_each_event_follows_the_one_before(trail):
    for before, after in zip(trail, trail[1:], strict=False):
        assert after.sequence == before.sequence + 1
        assert after.prev_hash == before.hash
        assert after.hash == after.computed_hash()
    head = AuditChainHead.objects.get()
    assert (head.sequence, head.hash) == (trail[-1].sequence, trail[-1].hash)
    assert verify().startswith(f"Audit trail OK: {AuditEvent.objects.count()} events")


def test_a_changed_event_is_named(trail):
    with audit_triggers_off(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET summary = 'Nothing to see' WHERE sequence = %s", [trail[2].sequence])
    message = broken()
    assert f"CHANGED: event #{trail[2].sequence} ({trail[2].id})" in message


def test_a_changed_actor_is_named(trail, users):
    with audit_triggers_off(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET actor_username = 'nobody' WHERE sequence = %s", [trail[1].sequence])
    assert f"CHANGED: event #{trail[1].sequence} ({trail[1].id})" in broken()


def test_a_removed_event_is_named(trail):
    with audit_triggers_off(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE sequence = %s", [trail[2].sequence])
    message = broken()
    assert f"REMOVED: event #{trail[3].sequence} ({trail[3].id}): event #{trail[2].sequence} before it" in message


def test_the_last_events_removed_are_noticed(trail):
    with audit_triggers_off(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE sequence >= %s", [trail[3].sequence])
    assert f"REMOVED: the end of the trail: events #{trail[3].sequence} to #{trail[4].sequence}" in broken()


def _forge(*, like: AuditEvent, sequence: int, prev_hash: str) -> AuditEvent:
    """A plausible event, hashed as the service would, written with raw SQL."""
    forged = AuditEvent(
        **{f.attname: getattr(like, f.attname) for f in AuditEvent._meta.concrete_fields},
    )
    forged.id, forged.sequence, forged.prev_hash = uuid.uuid4(), sequence, prev_hash
    forged.summary = "Looked at nothing"
    forged.hash = forged.computed_hash()
    fields = AuditEvent._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = [f.get_db_prep_save(getattr(forged, f.attname), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", values)
    return forged


def test_an_event_inserted_in_the_middle_is_named(trail):
    with audit_triggers_off(), connection.cursor() as cursor:
        at = trail[3].sequence
        cursor.execute(f"UPDATE {TABLE} SET sequence = sequence + 1000000 WHERE sequence >= %s", [at])
        cursor.execute(f"UPDATE {TABLE} SET sequence = sequence - 999999 WHERE sequence >= 1000000")
        forged = _forge(like=trail[2], sequence=at, prev_hash=trail[2].hash)
    assert f"INSERTED: event #{at} ({forged.id})" in broken()


def test_an_event_added_at_the_end_behind_the_services_back_is_named(trail):
    forged = _forge(like=trail[4], sequence=trail[4].sequence + 1, prev_hash=trail[4].hash)
    assert f"INSERTED: event #{forged.sequence} ({forged.id})" in broken()


def test_an_event_that_does_not_follow_the_one_before_is_named(trail):
    with audit_triggers_off(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE sequence = %s", [trail[2].sequence])
        forged = _forge(like=trail[2], sequence=trail[2].sequence, prev_hash="f" * 64)
    assert f"INSERTED: event #{forged.sequence} ({forged.id})" in broken()


def test_the_triggers_come_back_after_the_escape_hatch(trail):
    with audit_triggers_off():
        pass
    refused(lambda: AuditEvent.objects.all().delete())


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time anyway")
def test_writers_at_the_same_time_never_fork_the_chain(users):
    """Eight writers at once: the head's row lock queues them, so every event follows exactly one other."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def write(n):
        try:
            for i in range(10):
                with transaction.atomic():
                    audit_record(actor=users["csw"], action="view", obj=users["csw2"], summary=f"Writer {n}, {i}")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(8)))
    assert AuditEvent.objects.filter(summary__startswith="Writer").count() == 80
    assert verify().startswith("Audit trail OK")
