"""For tests only: switch off the audit table's append-only triggers, to tamper as an attacker with the
database would, and to let a test database be emptied between tests. Production code never imports this."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection as default_connection
from django.db import transaction

TABLE = "audit_auditevent"


@contextmanager
def audit_triggers_off(connection=default_connection):
    """Within one transaction: the triggers are off inside the block and back on before it commits."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
            yield
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
            triggers = cursor.fetchall()
            for name, _ in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            yield
            for _, sql in triggers:
                cursor.execute(sql)
