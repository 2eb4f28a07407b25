"""Bulk work on the person index: the import from the authority's main system, and bulk matching.

The management commands only read their arguments, call one of these and print what they return.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.spreadsheets import SafeCsvWriter

from ..models import Person, PersonImport, PersonSearchKey
from ..search.candidates import build_query, search_ids
from ..validators import validate_postcode
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

    The whole file is checked first (ExtractError, nothing loaded). A row with a value that cannot be stored
    as given is loaded with that value blank and a "needs checking" note on the record; a row that cannot be
    loaded at all (no id, no name and no date of birth) is refused. Each is reported to `on_refused` (a
    BadRow; `loaded` tells which), and the rest loaded in batches. The run is recorded as a PersonImport
    with its counts and the first MAX_KEPT_ERRORS rows of each kind, and audited.
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
        counts = _load(path, batch_size, on_refused, actor)
    with transaction.atomic():
        run.rows_read, run.created_count, run.updated_count = total, counts.created, counts.updated
        run.rejected_count, run.rejected_rows = counts.refused, counts.refused_rows
        run.needs_checking_count, run.needs_checking_rows = counts.checking, counts.checking_rows
        run.finished_at = timezone.now()
        run.save()
        audit_record(
            actor=actor,
            action="create",
            obj=run,
            summary=(
                f"Imported {path}: {counts.created} new, {counts.updated} updated, "
                f"{counts.checking} to check, {counts.refused} refused"
            ),
        )
    return ImportResult(run, ignored, defer, time.perf_counter() - started)


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    refused: int = 0
    checking: int = 0
    refused_rows: list[dict] = field(default_factory=list)
    checking_rows: list[dict] = field(default_factory=list)


def _load(path, batch_size: int, on_refused, actor: User | None) -> _Counts:
    counts = _Counts()
    batch: list[dict] = []
    actor_id = actor.pk if actor is not None else None
    for _line, values, bad in read_rows(path, today=timezone.localdate()):
        if bad:
            if bad.loaded:
                counts.checking += 1
                kept = counts.checking_rows
            else:
                counts.refused += 1
                kept = counts.refused_rows
            if len(kept) < MAX_KEPT_ERRORS:
                kept.append({"line": bad.line, "person_id": bad.person_id, "reason": bad.reason})
            if on_refused is not None:
                on_refused(bad)
            if values is None:
                continue
        batch.append(cast(dict, values))
        if len(batch) >= batch_size:
            c, u = load_batch(batch, actor_id=actor_id)
            counts.created, counts.updated, batch = counts.created + c, counts.updated + u, []
    if batch:
        c, u = load_batch(batch, actor_id=actor_id)
        counts.created, counts.updated = counts.created + c, counts.updated + u
    return counts


@dataclass
class MatchResult:
    queries: int
    written: int
    unreadable_dates: int
    seconds: float
    reported: list[BadRow] = field(default_factory=list)  # queries with something missing or unusable, by line


def _read_queries(path) -> list[tuple[int, dict, str]]:
    """(line, row, problem with the row's shape or "") for every non-empty row."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f, strict=True)
            missing = [c for c in QUERY_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise BulkFileError(f"The queries file is missing the columns: {', '.join(missing)}")
            width = len(reader.fieldnames or [])
            rows = []
            for row in reader:
                shape = ""
                extra = row.pop(None, None)  # DictReader's key for extra fields
                if extra or any(v is None for v in row.values()):
                    given = width + len(extra or []) - sum(v is None for v in row.values())
                    shape = f"has {given} fields, expected {width}"
                rows.append((reader.line_num, {k: v or "" for k, v in row.items()}, shape))
            return rows
    except UnicodeDecodeError:
        raise BulkFileError("The queries file is not UTF-8 text. Save it as ‘CSV UTF-8’ and try again.") from None
    except csv.Error as e:
        raise BulkFileError(f"The queries file is broken: {e}") from None
    except FileNotFoundError:
        raise BulkFileError(f"There is no file called {path}") from None


def people_match(
    *, queries, out, top: int = 5, workers: int | None = None, on_reported: Callable[[BadRow], None] | None = None
) -> MatchResult:
    """Match a CSV of people against the person index, writing the best `top` for each to `out` (audited as
    an export with its files and parameters).

    No query is dropped silently: one with a missing or unusable value is matched on what it has, and one
    that finds nobody (or has nothing to match on) is reported too, each with its line, to `on_reported`
    and in the result."""
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
    reported: list[BadRow] = []
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = SafeCsvWriter(f)  # query ids come from the caller's file: never a formula
        writer.writerow(["query_id", "rank", "person_id", "score"])
        for lines, bad_dates, notes in chunks:
            writer.writerows(lines)
            written += len(lines)
            skipped += bad_dates
            reported.extend(notes)
    if on_reported is not None:
        for note in reported:
            on_reported(note)
    audit_record(
        actor=None,  # run from the server's shell: no signed-in user
        action="export",
        obj=None,
        summary=f"Matched {len(rows)} people from {queries} against the person index into {out}",
        changes={
            "command": "match_people",
            "queries": str(queries),
            "out": str(out),
            "top": top,
            "rows": written,
            "reported": len(reported),
        },
    )
    return MatchResult(len(rows), written, skipped, time.perf_counter() - started, reported)


def _query_values(row: dict, shape: str) -> tuple[str, dt.date | None, str | None, str | None, list[str]]:
    """(name text, date of birth, sex, postcode, problems): each unusable value left out and said why."""
    problems = [shape] if shape else []
    given, family = (row.get("given_name") or "").strip(), (row.get("family_name") or "").strip()
    if not given and not family:
        problems.append("no name")
    dob = None
    raw_dob = row.get("date_of_birth") or ""
    try:
        dob = parse_date(raw_dob)  # a date in the future is still searched (with its usual slips)
    except ValidationError as e:
        dob = None
        problems.append(f"date_of_birth “{raw_dob.strip()}”: {e.messages[0]}")
    raw_sex = (row.get("sex") or "").strip()
    sex = _QUERY_SEX.get(raw_sex.lower())
    if raw_sex and sex is None:
        problems.append(f"sex “{raw_sex}” is not M, F or U")
    postcode = (row.get("postcode") or "").strip() or None
    if postcode:
        try:
            validate_postcode(postcode)
        except ValidationError as e:
            problems.append(f"postcode “{postcode}”: {e.messages[0]}")
            postcode = None
    return f"{given} {family}".strip(), dob, sex, postcode, problems


_QUERY_SEX = {"m": "M", "male": "M", "f": "F", "female": "F", "u": None, "unknown": None, "not known": None}


def _match_chunk(job: tuple[list[tuple[int, dict, str]], int, dt.date]) -> tuple[list[list], int, list[BadRow]]:
    """Match one chunk of query rows: (result lines, dates of birth that could not be read, rows reported)."""
    rows, top, today = job
    found_for, bad_dates, notes = [], 0, []
    for line, row, shape in rows:
        text, dob, sex, postcode, problems = _query_values(row, shape)
        if any(p.startswith("date_of_birth") for p in problems):
            bad_dates += 1
        query_id = (row.get("query_id") or "").strip()
        if not query_id:
            query_id = f"line {line}"
            problems.append(f"no query_id: results written under “{query_id}”")
        found = search_ids(build_query(text, dob, sex, postcode, today=today), limit=top)
        if not text and dob is None and postcode is None:
            problems.append("nothing to match on (no name, date of birth or postcode): no results")
        elif not found:
            problems.append("no one in the index matched")
        elif problems:
            problems.append("matched on the rest")
        if problems:
            notes.append(BadRow(line, query_id, "; ".join(problems), loaded=bool(found)))
        found_for.append((query_id, found))
    pks = {s.pk for _, found in found_for for s in found}
    ids: dict[Any, str] = dict(Person.objects.filter(pk__in=pks).values_list("pk", "person_id"))
    lines = [
        [query_id, rank, ids.get(s.pk, ""), f"{s.score:.1f}"]
        for query_id, found in found_for
        for rank, s in enumerate(found, start=1)
    ]
    return lines, bad_dates, notes
