"""Print Locust's stats CSV as a Markdown table per page kind: requests, failures, median, p95, p99 (ms).

Usage: python benchmarks/load/table.py var/load/sqlite/stats_stats.csv [--title TEXT] [--target-ms 300]
"""

from __future__ import annotations

import argparse
import csv


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--title", default="")
    parser.add_argument("--target-ms", type=int, default=300)
    args = parser.parse_args()
    with open(args.csv, newline="") as f:
        rows = list(csv.DictReader(f))
    if args.title:
        print(f"\n{args.title}\n")
    print("| Page kind | Requests | Failures | Median (ms) | p95 (ms) | p99 (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    over = []
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "**All**" if row["Name"] == "Aggregated" else f"{row['Name']} ({row['Type']})"
        p95 = row["95%"]
        print(f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | {p95} | {row['99%']} |")
        if row["Name"] != "Aggregated" and p95 not in ("", "N/A") and float(p95) > args.target_ms:
            over.append(row["Name"])
    total = next((r for r in rows if r["Name"] == "Aggregated"), None)
    if total:
        print(f"\n{float(total['Requests/s']):.1f} requests a second in all.")
    print(f"Page kinds over {args.target_ms} ms at p95: {', '.join(over) if over else 'none'}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
