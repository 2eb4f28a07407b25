"""Prepared statements for the person search on PostgreSQL.

Django turns psycopg's prepared statements off by default (they confuse connection poolers in
transaction mode) and binds parameters on the client. The search runs a handful of statement shapes
thousands of times, and planning them is a third of their cost on the server, so it uses a cursor of
its own: parameters bound on the server and the statement prepared once per connection. The cursor
is still wrapped by Django, so query logging and execute wrappers (query counts in tests) see it.
PgBouncer 1.21 or later in transaction mode supports these protocol-level prepared statements.
"""

from __future__ import annotations

from django.db import connection


def _preparing_cursor_class():
    import psycopg

    class PreparingCursor(psycopg.Cursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True if prepare is None else prepare, binary=binary)

    return PreparingCursor


_cursor_class = None
NEVER_AUTOMATICALLY = 2**31 - 1


def prepared_cursor():
    """A Django cursor that prepares its statements (PostgreSQL), or the usual cursor (SQLite)."""
    global _cursor_class
    if connection.vendor != "postgresql":
        return connection.cursor()
    if _cursor_class is None:
        _cursor_class = _preparing_cursor_class()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django's default (None) turns preparing off altogether. A threshold no statement reaches keeps
        # the ORM's client-bound statements unprepared while this cursor's prepare=True takes effect.
        raw.prepare_threshold = NEVER_AUTOMATICALLY
        # Only prepared statements (this cursor's) are affected: each look-up is a bounded index scan
        # whatever the values, so planning once per connection is enough.
        raw.execute("SET plan_cache_mode = force_generic_plan")
    return connection._prepare_cursor(_cursor_class(raw))
