"""Finding probable duplicate people with the matching engine (a background task and a nightly command).

Each person checked is searched for exactly as a worker would search for them (names, date of birth,
sex, postcode) and any other record scoring at least DUPLICATE_SCORE becomes a PossibleDuplicate for a
manager to review. A scan of everyone reads the whole index; the usual scan checks only the people
added or changed (names, aliases) since the last finished scan, against everyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from ..bulk.parallel import default_workers, parallel_map
from ..models import Alias, DuplicateScan, Person, PossibleDuplicate
from ..search.candidates import search_ids
from ..search.matching.scoring import Query

DUPLICATE_SCORE = 85.0
CHUNK = 2000
# An unfinished scan with no sign of life for this long has died with its process: a scan records
# progress every few seconds, so this leaves room for a queued scan the worker has not reached yet.
SILENT_AFTER = dt.timedelta(minutes=30)
_FIELDS = ("pk", "given_name", "family_name", "date_of_birth", "sex", "postcode")


def _query_for(given, family, dob, sex, postcode) -> Query:
    return Query(
        text=f"{given} {family}",
        date_of_birth=dob,
        sex=sex if sex in ("M", "F") else None,
        postcode=postcode or None,
    )


def pairs_for(people: Iterable[tuple], *, threshold: float = DUPLICATE_SCORE) -> dict:
    """{(pk a, pk b): (score, reasons)} for rows of _FIELDS; each pair once, smaller pk first."""
    found: dict = {}
    for pk, *details in people:
        for match in search_ids(_query_for(*details), limit=5):
            if match.pk == pk or match.score < threshold:
                continue
            a, b = sorted([pk, match.pk], key=str)
            if (a, b) not in found or found[(a, b)][0] < match.score:
                found[(a, b)] = (match.score, match.reasons)
    return found


def _check_chunk(ids: list) -> dict:
    rows = Person.objects.filter(pk__in=ids, archived=False).values_list(*_FIELDS)
    return pairs_for(rows)


def record_pairs(found: dict) -> int:
    """Store pairs not already recorded (whatever their status: a dismissed pair stays dismissed)."""
    if not found:
        return 0
    firsts = {a for a, _ in found}
    known = set(PossibleDuplicate.objects.filter(person_a_id__in=firsts).values_list("person_a_id", "person_b_id"))
    new = [
        PossibleDuplicate(person_a_id=a, person_b_id=b, score=score, reasons=reasons)
        for (a, b), (score, reasons) in found.items()
        if (a, b) not in known
    ]
    PossibleDuplicate.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def people_to_check(scan: DuplicateScan):
    """Ids of the people a scan checks, in a stable order."""
    people = Person.objects.filter(archived=False)
    if scan.scope == DuplicateScan.Scope.CHANGED and scan.since:
        renamed = Alias.objects.filter(modified_at__gte=scan.since).values("person_id")
        people = people.filter(Q(modified_at__gte=scan.since) | Q(pk__in=renamed))
    return people.order_by("pk").values_list("pk", flat=True)


def last_finished_scan() -> DuplicateScan | None:
    return DuplicateScan.objects.filter(finished_at__isnull=False).order_by("-started_at").first()


def running_scan() -> DuplicateScan | None:
    cutoff = timezone.now() - SILENT_AFTER
    alive = Q(progress_at__gte=cutoff) | Q(progress_at__isnull=True, started_at__gte=cutoff)
    return DuplicateScan.objects.filter(alive, finished_at__isnull=True, failed="").order_by("-started_at").first()


def duplicate_scan_start(*, actor=None, everyone: bool = False) -> DuplicateScan:
    """A new scan record. Changed people only, since the last finished scan began (everyone if none has)."""
    previous = None if everyone else last_finished_scan()
    if previous is None:
        return DuplicateScan.objects.create(scope=DuplicateScan.Scope.EVERYONE, requested_by=actor)
    return DuplicateScan.objects.create(
        scope=DuplicateScan.Scope.CHANGED, since=previous.started_at, requested_by=actor
    )


def duplicate_scan_run(scan: DuplicateScan, *, workers: int = 1, chunk: int = CHUNK) -> DuplicateScan:
    """Check the scan's people, recording pairs as each chunk is done (so a long scan shows progress)."""
    try:
        ids = list(people_to_check(scan))
        scan.people_total, scan.progress_at = len(ids), timezone.now()
        scan.save(update_fields=["people_total", "progress_at"])
        jobs = [ids[i : i + chunk] for i in range(0, len(ids), chunk)]
        warm = (lambda: _check_chunk(jobs[0][:20])) if jobs else None
        for checked, found in zip(jobs, parallel_map(_check_chunk, jobs, workers=workers, warm_up=warm), strict=True):
            scan.pairs_found += record_pairs(found)
            scan.people_checked += len(checked)
            scan.progress_at = timezone.now()
            scan.save(update_fields=["people_checked", "pairs_found", "progress_at"])
        scan.finished_at = timezone.now()
        scan.save(update_fields=["finished_at"])
    except Exception as e:
        scan.failed = f"{type(e).__name__}: {e}"[:2000]
        scan.save(update_fields=["failed"])
        raise
    return scan


def find_duplicates(*, everyone: bool = True, workers: int | None = None, actor=None) -> int:
    """Start and run a scan here and now. Returns the pairs it added."""
    scan = duplicate_scan_start(actor=actor, everyone=everyone)
    return duplicate_scan_run(scan, workers=workers if workers is not None else 1).pairs_found


__all__ = [
    "DUPLICATE_SCORE",
    "default_workers",
    "duplicate_scan_run",
    "duplicate_scan_start",
    "find_duplicates",
    "last_finished_scan",
    "pairs_for",
    "record_pairs",
    "running_scan",
]
