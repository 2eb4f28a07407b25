"""Fast writes for the bulk import: batched inserts (COPY on PostgreSQL), updates and search keys.

Used only by the import (bulk.services.people_import); single-record changes go through record.services.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone

from ..models import PERSON_FIELDS, Alias, Person, PersonSearchKey
from ..search.index import keys_for, person_index_update, search_card, search_names

# The columns each row writes. `needs_checking` too: a clean row clears an earlier import's note (the
# authority's system now has the value right), a faulty one sets it again.
STORED = (*PERSON_FIELDS, "needs_checking", "search_given", "search_family", "search_card")
INSERTED = ("id", *STORED, "created_at", "modified_at", "created_by_id", "modified_by_id", "archived", "version")


_last_ms, _counter = 0, 0


def sequential_uuid() -> uuid.UUID:
    """A time-ordered UUID (version 7 layout): bulk inserts then append to the primary-key index
    instead of writing all over it, which is most of the cost of loading a million rows."""
    global _last_ms, _counter
    ms = time.time_ns() // 1_000_000
    if ms <= _last_ms:
        ms, _counter = _last_ms, _counter + 1
    else:
        _last_ms, _counter = ms, 0
    value = (ms << 80) | (0x7 << 76) | ((_counter & 0xFFF) << 64) | (0b10 << 62) | (int.from_bytes(os.urandom(8)) >> 2)
    if _counter > 0xFFF:
        _last_ms += 1
        _counter = 0
    return uuid.UUID(int=value)


def _pk_value(pk: uuid.UUID):
    return pk if connection.vendor == "postgresql" else pk.hex


def _insert(table: str, columns: Iterable[str], rows: list[tuple]) -> None:
    if not rows:
        return
    columns = list(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _prepare(values: dict) -> dict:
    values = dict(values)
    for name in STORED:
        values.setdefault(
            name, "" if name not in ("date_of_birth", "expected_date_of_birth", "approximate_age") else None
        )
    values["search_given"], values["search_family"] = search_names(values["given_name"], values["family_name"])
    values["search_card"] = search_card(values)  # other names are added after the load (person_index_update)
    for name in ("date_of_birth", "expected_date_of_birth"):
        if values[name] is not None:
            values[name] = values[name].isoformat()
    return values


def load_batch(batch: list[dict], *, actor_id=None) -> tuple[int, int]:
    """Insert new people and update existing ones (matched on person_id), with their search keys.

    Returns (created, updated). Runs in one transaction per batch.
    """
    now = timezone.now()
    person_table, key_table = Person._meta.db_table, PersonSearchKey._meta.db_table
    with transaction.atomic():
        found = Person.objects.filter(person_id__in=[v["person_id"] for v in batch])
        existing, merged = {}, set()
        for person_id, pk, archived in found.values_list("person_id", "id", "archived"):
            existing[person_id] = pk
            if archived:
                merged.add(pk)  # updated, but still not offered by the search
        inserts, updates, keys = [], [], []
        for raw in batch:
            values = _prepare(raw)
            pk = existing.get(values["person_id"])
            if pk is None:
                pk = sequential_uuid()
                inserts.append((_pk_value(pk), *(values[n] for n in STORED), now, now, actor_id, actor_id, False, 1))
            else:
                updates.append((*(values[n] for n in STORED), now, actor_id, _pk_value(pk)))
            if pk in merged:
                continue
            key_pk, card = _pk_value(pk), values["search_card"]
            keys.extend(
                (key_pk, k, card)
                for k in keys_for(values["given_name"], values["family_name"], values["preferred_name"])
            )
        _insert(person_table, INSERTED, inserts)
        if updates:
            assignments = ", ".join(f"{n} = %s" for n in (*STORED, "modified_at", "modified_by_id"))
            assignments += ", version = version + 1"  # an open edit page of this person is now stale
            with connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {person_table} SET {assignments} WHERE id = %s", updates)
            PersonSearchKey.objects.filter(person_id__in=list(existing.values()))._raw_delete(using="default")
        _insert(key_table, ("person_id", "key", "card"), keys)
        if existing:
            with_aliases = Alias.objects.filter(person_id__in=list(existing.values())).values_list(
                "person_id", flat=True
            )
            for person in Person.objects.filter(pk__in=set(with_aliases)):
                person_index_update(person)
    return len(inserts), len(updates)


def tune_for_bulk_load() -> None:
    """Bigger page cache for SQLite while loading (indexes stay in memory longer)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of a table's indexes that are neither its primary key nor unique."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        else:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
        rows = cursor.fetchall()
    return [(name, sql) for name, sql in rows if "UNIQUE" not in sql.upper()]


@contextmanager
def secondary_indexes_deferred(tables: Iterable[str]) -> Iterator[None]:
    """Drop the tables' secondary indexes for a large load and build them again afterwards.

    Building an index once over sorted data is far cheaper than keeping it up to date row by row.
    The indexes are rebuilt even if the load fails part way.
    """
    tables = list(tables)
    saved = [item for table in tables for item in _secondary_indexes(table)]
    with connection.cursor() as cursor:
        for name, _ in saved:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and connection.in_atomic_block:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # deferred key checks block CREATE INDEX
            for _, sql in saved:
                cursor.execute(sql)
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                # VACUUM marks the new pages all-visible, so the search's key look-ups are answered
                # from the index alone (index-only scans) straight away, not after autovacuum.
                for table in tables:
                    cursor.execute(f'VACUUM (ANALYZE) "{table}"')
            else:
                cursor.execute("ANALYZE")


@contextmanager
def fast_sqlite_writes() -> Iterator[None]:
    """On SQLite, skip fsync while bulk loading (a crash mid-import means re-running it)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:  # cannot change inside a transaction
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = NORMAL")
