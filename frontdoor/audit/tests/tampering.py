"""For tests only: switch off the audit table's append-only triggers, to tamper as an attacker with the
database would, and to let a test database be emptied between tests. Production code never imports this."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection as default_connection
from django.db import transaction

TABLE = "audit_auditevent"


@contextmanager
def audit_triggers_off(connection=default_connection):
    """Within one transaction: the triggers are off inside the block and back on before it commits
    (on PostgreSQL every trigger of the session is off, foreign keys' too: tests only)."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # no trigger fires for a "replica" (a superuser's right); ALTER TABLE ... DISABLE TRIGGER would
            # fail inside a test's transaction with "pending trigger events" from the deferred foreign keys
            cursor.execute("SET LOCAL session_replication_role = replica")
            yield
            cursor.execute("SET LOCAL session_replication_role = origin")
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
            triggers = cursor.fetchall()
            for name, _ in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            yield
            for _, sql in triggers:
                cursor.execute(sql)
