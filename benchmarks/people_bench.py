"""Person index benchmark: generate N synthetic people, import them, then measure search.

    DATABASE_URL=... or SQLITE_PATH=var/bench.sqlite3 \
      .venv/bin/python benchmarks/people_bench.py --people 1000000 --queries 2000

Figures: import time, search latency p50/p95/p99 (server side: the person_search selector call),
top-5 accuracy on perturbed queries, bulk match throughput (match_people run as its own process, as a
user would run it) and peak memory.
The database named by DATABASE_URL / SQLITE_PATH is emptied of people first: never point it at real data.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--work-dir", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--skip-import", action="store_true", help="Reuse the people already loaded")
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument(
        "--duplicates", type=int, default=0, help="Plant this many near-duplicates and time the nightly scan"
    )
    parser.add_argument("--full-scan", action="store_true", help="Also time a duplicate scan of everyone")
    parser.add_argument(
        "--match-in-process",
        action="store_true",
        help="Run match_people in this process (warm caches, flattering): for the test suite, whose test "
        "database a child process cannot see",
    )
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.synthetic_people import perturb, write_people
    from frontdoor.accounts.models import Role, User
    from frontdoor.people.models import Person, PersonSearchKey
    from frontdoor.people.selectors import person_search

    work = Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    people_csv = work / f"people-{args.people}-{args.seed}.csv"
    figures: dict = {"people": args.people, "queries": args.queries, "database": connection.vendor}
    print("Command:", " ".join([Path(sys.executable).name, *sys.argv]), flush=True)
    call_command("migrate", verbosity=0)

    started = time.perf_counter()
    if args.skip_import and people_csv.exists():  # the people are loaded already: sample the same file
        step = max(1, args.people // args.queries)
        with open(people_csv, encoding="utf-8", newline="") as f:
            sample = [row for i, row in enumerate(csv.DictReader(f), start=1) if i % step == 0][: args.queries]
    else:
        sample = write_people(people_csv, args.people, seed=args.seed, sample=args.queries)
        figures["generate_s"] = round(time.perf_counter() - started, 1)
        print(f"Generated {args.people} people in {figures['generate_s']} s -> {people_csv}", flush=True)

    if not args.skip_import:
        PersonSearchKey.objects.all()._raw_delete(using="default")
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {Person._meta.db_table} WHERE person_id LIKE 'B%%'")
        started = time.perf_counter()
        call_command("import_people", str(people_csv), quiet_rows=True, batch_size=10000)
        seconds = max(time.perf_counter() - started, 1e-6)
        figures["import_s"] = round(seconds, 1)
        figures["import_rows_per_s"] = round(args.people / seconds)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    figures["peak_mb_after_import"] = round(peak_mb())

    user, _ = User.objects.get_or_create(username="bench-csw", defaults={"role": Role.CONSULTANT_SOCIAL_WORKER})
    rng = random.Random(args.seed)
    queries = [perturb(row, rng, i) for i, row in enumerate(sample, start=1)]
    for q in queries[:20]:  # warm up caches (name forms, page cache)
        person_search(user=user, text=q.text, date_of_birth=q.date_of_birth, sex=q.sex, postcode=q.postcode, limit=5)
    timings, cpu, hits, misses = [], [], 0, []
    for q in queries:
        t, c = time.perf_counter(), time.process_time()
        results = person_search(
            user=user, text=q.text, date_of_birth=q.date_of_birth, sex=q.sex, postcode=q.postcode, limit=5
        )
        timings.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        if any(r.person.person_id == q.target for r in results):
            hits += 1
        else:
            misses.append(q)
    figures.update(
        search_p50_ms=round(percentile(timings, 50), 1),
        search_p95_ms=round(percentile(timings, 95), 1),
        search_p99_ms=round(percentile(timings, 99), 1),
        search_max_ms=round(max(timings), 1),
        search_cpu_p95_ms=round(percentile(cpu, 95), 1),
        load_average_1m=round(os.getloadavg()[0], 2),
        top5_accuracy_pct=round(100 * hits / len(queries), 2),
    )
    for q in misses[: args.show_misses]:
        print("MISS", q.target, repr(q.text), q.date_of_birth, q.sex, q.postcode, q.changes)

    queries_csv, results_csv = work / "queries.csv", work / "results.csv"
    with open(queries_csv, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["query_id", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address"])
        for q in queries:
            dob = q.date_of_birth.isoformat() if q.date_of_birth else ""
            writer.writerow([q.query_id, q.given_name, q.family_name, dob, q.sex or "", q.postcode or "", ""])
    figures.update(bulk_match_figures(queries, queries_csv, results_csv, in_process=args.match_in_process))
    if args.duplicates:
        figures.update(duplicate_scan_figures(sample, args, work))
    figures["peak_mb"] = round(peak_mb())
    print("Figures:")
    for key, value in figures.items():
        print(f"  {key}: {value}")
    return figures


def bulk_match_figures(queries, queries_csv: Path, results_csv: Path, in_process: bool = False) -> dict:
    """Time `manage.py match_people` as a user runs it: a fresh process with cold caches, start-up included."""
    from django.core.management import call_command

    command = [sys.executable, str(ROOT / "manage.py"), "match_people", str(queries_csv), "--top", "5"]
    command += ["--out", str(results_csv), "--quiet-rows"]
    started = time.perf_counter()
    if in_process:
        call_command("match_people", str(queries_csv), top=5, out=str(results_csv), quiet_rows=True)
    else:
        subprocess.run(command, check=True, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    with open(results_csv, encoding="utf-8", newline="") as f:
        found = {(row["query_id"], row["person_id"]) for row in csv.DictReader(f)}
    hits = sum((q.query_id, q.target) in found for q in queries)
    return {
        "match_s": round(seconds, 1),
        "match_queries_per_s": round(len(queries) / seconds),
        "match_top5_accuracy_pct": round(100 * hits / len(queries), 2),
    }


def duplicate_scan_figures(sample: list[dict], args, work: Path) -> dict:
    """Plant near-duplicates of sampled people (as a re-keyed record would arrive from another system),
    time the nightly scan of the changed people and, with --full-scan, a scan of everyone."""
    from django.core.management import call_command
    from django.utils import timezone

    from benchmarks.synthetic_people import plant_duplicates
    from frontdoor.people.duplicates.scan import duplicate_scan_run, duplicate_scan_start
    from frontdoor.people.models import DuplicateScan, Person, PersonSearchKey, PossibleDuplicate

    def remove_planted():
        planted_pks = Person.objects.filter(person_id__startswith="D").values("pk")
        PossibleDuplicate.objects.all().delete()
        PersonSearchKey.objects.filter(person_id__in=planted_pks)._raw_delete(using="default")
        Person.objects.filter(person_id__startswith="D")._raw_delete(using="default")

    remove_planted()
    DuplicateScan.objects.all().delete()
    DuplicateScan.objects.create(scope=DuplicateScan.Scope.EVERYONE, finished_at=timezone.now())  # "last night"
    planted_csv = work / "planted-duplicates.csv"
    pairs = plant_duplicates(planted_csv, sample[: args.duplicates], seed=args.seed)
    call_command("import_people", str(planted_csv), quiet_rows=True, defer_indexes="no")
    started = time.perf_counter()
    call_command("find_duplicates")
    seconds = time.perf_counter() - started
    ids = dict(Person.objects.filter(person_id__in=[p for pair in pairs for p in pair]).values_list("pk", "person_id"))
    found = {
        frozenset((ids.get(a), ids.get(b)))
        for a, b in PossibleDuplicate.objects.values_list("person_a_id", "person_b_id")
    }
    recall = sum(frozenset(pair) in found for pair in pairs) / len(pairs)
    figures = {
        "duplicates_planted": len(pairs),
        "duplicate_scan_changed_s": round(seconds, 1),
        "duplicate_scan_recall_pct": round(100 * recall, 1),
        "duplicate_pairs_recorded": PossibleDuplicate.objects.count(),
    }
    if args.full_scan:
        started = time.perf_counter()
        scan = duplicate_scan_run(duplicate_scan_start(everyone=True), workers=2)
        seconds = time.perf_counter() - started
        figures["duplicate_scan_everyone_s"] = round(seconds, 1)
        figures["duplicate_scan_everyone_people_per_s"] = round(scan.people_checked / seconds)
    remove_planted()
    return figures


if __name__ == "__main__":
    main()
