"""Bulk work on the person index: the import from the authority's main system, and bulk matching.

The management commands only read their arguments, call one of these and print what they return.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.spreadsheets import SafeCsvWriter

from ..models import Person, PersonImport, PersonSearchKey
from ..search.candidates import build_query, search_ids
from .importing import BadRow, parse_date, read_rows, scan_file
from .load import fast_sqlite_writes, load_batch, secondary_indexes_deferred, tune_for_bulk_load
from .parallel import default_workers, parallel_map

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

MAX_KEPT_ERRORS = 1000
LARGE_LOAD = 100_000  # rows; at or above this, secondary indexes are rebuilt after loading
QUERY_COLUMNS = ("query_id", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address")


class BulkFileError(Exception):
    """The file cannot be used at all (not found, not UTF-8, not CSV, a required column missing)."""


@dataclass
class ImportResult:
    run: PersonImport
    ignored_columns: list[str]
    deferred_indexes: bool
    seconds: float


def people_import(
    *,
    path,
    batch_size: int = 5000,
    defer_indexes: str = "auto",
    on_refused: Callable[[BadRow], None] | None = None,
    actor: User | None = None,
) -> ImportResult:
    """Load or update people from a CSV extract (matched on person_id: a re-run updates, never duplicates).

    The whole file is checked first (ExtractError, nothing loaded); each bad row is then refused and
    reported to `on_refused`, and the rest loaded in batches. The run is recorded as a PersonImport
    with its counts and the first MAX_KEPT_ERRORS refusals, and audited.
    """
    started = time.perf_counter()
    total, ignored = scan_file(path)
    tune_for_bulk_load()
    run = PersonImport.objects.create(file_name=str(path)[:300])
    defer = defer_indexes == "yes" or (defer_indexes == "auto" and total >= LARGE_LOAD)
    with contextlib.ExitStack() as stack:
        stack.enter_context(fast_sqlite_writes())
        if defer:
            stack.enter_context(secondary_indexes_deferred([Person._meta.db_table, PersonSearchKey._meta.db_table]))
        created, updated, rejected, kept = _load(path, batch_size, on_refused, actor)
    with transaction.atomic():
        run.rows_read, run.created_count, run.updated_count = total, created, updated
        run.rejected_count, run.rejected_rows, run.finished_at = rejected, kept, timezone.now()
        run.save()
        audit_record(
            actor=actor,
            action="create",
            obj=run,
            summary=f"Imported {path}: {created} new, {updated} updated, {rejected} refused",
        )
    return ImportResult(run, ignored, defer, time.perf_counter() - started)


def _load(path, batch_size: int, on_refused, actor: User | None) -> tuple[int, int, int, list[dict]]:
    created = updated = rejected = 0
    kept: list[dict] = []
    batch: list[dict] = []
    actor_id = actor.pk if actor is not None else None
    for _line, values, bad in read_rows(path, today=timezone.localdate()):
        if bad:
            rejected += 1
            if len(kept) < MAX_KEPT_ERRORS:
                kept.append({"line": bad.line, "person_id": bad.person_id, "reason": bad.reason})
            if on_refused is not None:
                on_refused(bad)
            continue
        batch.append(cast(dict, values))  # a row is either refused (bad) or has its values
        if len(batch) >= batch_size:
            c, u = load_batch(batch, actor_id=actor_id)
            created, updated, batch = created + c, updated + u, []
    if batch:
        c, u = load_batch(batch, actor_id=actor_id)
        created, updated = created + c, updated + u
    return created, updated, rejected, kept


@dataclass
class MatchResult:
    queries: int
    written: int
    unreadable_dates: int
    seconds: float


def _read_queries(path) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f, strict=True)
            missing = [c for c in QUERY_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise BulkFileError(f"The queries file is missing the columns: {', '.join(missing)}")
            return list(reader)
    except UnicodeDecodeError:
        raise BulkFileError("The queries file is not UTF-8 text. Save it as ‘CSV UTF-8’ and try again.") from None
    except csv.Error as e:
        raise BulkFileError(f"The queries file is broken: {e}") from None
    except FileNotFoundError:
        raise BulkFileError(f"There is no file called {path}") from None


def people_match(*, queries, out, top: int = 5, workers: int | None = None) -> MatchResult:
    """Match a CSV of people against the person index, writing the best `top` for each to `out` (audited as
    an export with its files and parameters)."""
    started = time.perf_counter()
    today = timezone.localdate()
    rows = _read_queries(queries)
    jobs = [(rows[i : i + 500], top, today) for i in range(0, len(rows), 500)]
    # The name caches are warmed once here; the workers inherit them.
    chunks = parallel_map(
        _match_chunk,
        jobs,
        workers=workers or default_workers(),
        warm_up=lambda: _match_chunk((rows[:50], top, today)),
    )
    written = skipped = 0
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = SafeCsvWriter(f)  # query ids come from the caller's file: never a formula
        writer.writerow(["query_id", "rank", "person_id", "score"])
        for lines, bad_dates in chunks:
            writer.writerows(lines)
            written += len(lines)
            skipped += bad_dates
    audit_record(
        actor=None,  # run from the server's shell: no signed-in user
        action="export",
        obj=None,
        summary=f"Matched {len(rows)} people from {queries} against the person index into {out}",
        changes={"command": "match_people", "queries": str(queries), "out": str(out), "top": top, "rows": written},
    )
    return MatchResult(len(rows), written, skipped, time.perf_counter() - started)


def _match_chunk(job: tuple[list[dict], int, dt.date]) -> tuple[list[list], int]:
    """Match one chunk of query rows: (result lines, dates of birth that could not be read)."""
    rows, top, today = job
    found_for, bad_dates = [], 0
    for row in rows:
        try:
            dob = parse_date(row.get("date_of_birth", ""))
        except Exception:
            dob, bad_dates = None, bad_dates + 1
        text = f"{row.get('given_name', '')} {row.get('family_name', '')}".strip()
        query = build_query(text, dob, row.get("sex") or None, row.get("postcode") or None, today=today)
        found_for.append((row["query_id"], search_ids(query, limit=top)))
    pks = {s.pk for _, found in found_for for s in found}
    ids: dict[Any, str] = dict(Person.objects.filter(pk__in=pks).values_list("pk", "person_id"))
    lines = [
        [query_id, rank, ids.get(s.pk, ""), f"{s.score:.1f}"]
        for query_id, found in found_for
        for rank, s in enumerate(found, start=1)
    ]
    return lines, bad_dates
