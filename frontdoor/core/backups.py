"""Backups of the SQLite database while the service runs (SQLite's online backup API), and restores.

PostgreSQL has its own tools (pg_dump -Fc / pg_restore, see the README's Production section); these
functions refuse it with that advice rather than half-doing it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connection
from django.utils import timezone

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every Front Door database has; a file without them is some other SQLite database.
FRONT_DOOR_TABLES = {"django_migrations", "accounts_user", "people_person", "contacts_contact"}


class BackupError(Exception):
    """Something the person running the command can put right; the message says how."""


def _sqlite_connection() -> sqlite3.Connection:
    if connection.vendor != "sqlite":
        raise BackupError(
            "The database is PostgreSQL: use its own tools. Back up with "
            '`pg_dump --format=custom --file=frontdoor.dump "$DATABASE_URL"` and restore with '
            '`pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" frontdoor.dump` '
            "(README, Production)."
        )
    if connection.in_atomic_block:
        raise BackupError("A backup cannot be taken inside a transaction.")
    connection.ensure_connection()
    return connection.connection


def _check(path: Path) -> None:
    """The file is a healthy SQLite database with Front Door's tables."""
    with path.open("rb") as f:
        if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{path} is not an SQLite database.")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (result,) = db.execute("PRAGMA quick_check").fetchone()
        if result != "ok":
            raise BackupError(f"{path} is damaged: {result}")
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{path} cannot be read as a database: {e}") from e
    finally:
        db.close()
    if missing := FRONT_DOOR_TABLES - tables:
        raise BackupError(f"{path} is not a Front Door database (no {', '.join(sorted(missing))}).")


def backup_sqlite(*, out: Path) -> Path:
    """A consistent copy of the live database in `out` (written beside it, then renamed into place)."""
    source = _sqlite_connection()
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} already exists; choose a new file name.")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        target.close()
    _check(partial)
    partial.rename(out)
    return out


def restore_sqlite(*, source: Path, keep_dir: Path) -> Path:
    """Replace the live database's contents with the backup in `source`, after keeping a copy of the
    current contents in `keep_dir`. Returns the path of that copy."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    _check(source)
    stem = f"before-restore-{timezone.now():%Y%m%d-%H%M%S}"
    names = (f"{stem}.sqlite3", *(f"{stem}-{n}.sqlite3" for n in range(2, 100)))
    kept = backup_sqlite(out=next(p for name in names if not (p := Path(keep_dir) / name).exists()))
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        backup.backup(_sqlite_connection())
    finally:
        backup.close()
    return kept
