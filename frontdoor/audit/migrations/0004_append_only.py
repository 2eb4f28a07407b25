"""Audit events are append-only in the database itself: UPDATE, DELETE (and on PostgreSQL TRUNCATE) of
audit_auditevent are refused by triggers, whoever sends them. See docs/decisions/0019.

On SQLite a later migration that rebuilds this table (Django's "remake" for most ALTERs) drops the triggers
with the old table: such a migration must run CREATE_SQLITE again (test_append_only checks they exist)."""

from django.db import migrations, models

TABLE = "audit_auditevent"

CREATE_POSTGRESQL = [
    """
    CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit events are never changed or removed (% refused)', TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$
    """,
    f"""
    CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()
    """,
    f"""
    CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()
    """,
]
DROP_POSTGRESQL = [
    f"DROP TRIGGER IF EXISTS audit_event_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_event_refuse_change()",
]
CREATE_SQLITE = [
    f"""
    CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'audit events are never changed (UPDATE refused)'); END
    """,
    f"""
    CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'audit events are never removed (DELETE refused)'); END
    """,
]
DROP_SQLITE = ["DROP TRIGGER IF EXISTS audit_event_no_update", "DROP TRIGGER IF EXISTS audit_event_no_delete"]

STATEMENTS = {
    "postgresql": (CREATE_POSTGRESQL, DROP_POSTGRESQL),
    "sqlite": (CREATE_SQLITE, DROP_SQLITE),
}


def _run(schema_editor, which: int) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"No append-only triggers written for {vendor}")
    for sql in STATEMENTS[vendor][which]:
        schema_editor.execute(sql, params=None)


def create_triggers(apps, schema_editor):
    _run(schema_editor, 0)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_chain_the_rows_already_written"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ('create', 'Created'),
                    ('change', 'Changed'),
                    ('archive', 'Archived'),
                    ('view', 'Viewed'),
                    ('search', 'Searched'),
                    ('export', 'Exported'),
                    ('submit', 'Sent for authorisation'),
                    ('authorise', 'Authorised'),
                    ('return', 'Returned'),
                    ('allocate', 'Allocated'),
                    ('refused', 'Refused'),
                    ('break_glass', 'Opened a restricted record'),
                    ('sign_in', 'Signed in'),
                    ('sign_out', 'Signed out'),
                    ('sign_in_failed', 'Sign-in failed'),
                    ('locked_out', 'Locked out'),
                    ('unlocked', 'Unlocked'),
                    ('password_changed', 'Changed their password'),
                    ('password_reset', 'Password reset'),
                    ('two_factor_started', 'Started setting up a second factor'),
                    ('two_factor_enrolled', 'Set up a second factor'),
                    ('two_factor_failed', 'Second factor failed'),
                    ('two_factor_reset', 'Second factor reset'),
                    ('recovery_codes_made', 'Made recovery codes'),
                    ('recovery_code_used', 'Used a recovery code'),
                    ('other', 'Other'),
                ],
                 db_index=True, max_length=20),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
