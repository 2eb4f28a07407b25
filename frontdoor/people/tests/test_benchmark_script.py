"""The benchmark script runs end to end on a tiny index (the real runs are in docs/benchmarks.md)."""

import pytest

from benchmarks.people_bench import main
from benchmarks.synthetic_people import Generator, nhs_number, perturb
from frontdoor.people.validators import nhs_number_is_valid

pytestmark = pytest.mark.django_db(transaction=True)


def test_generator_is_deterministic_and_valid():
    a, b = Generator(7), Generator(7)
    assert [a.person(i) for i in range(5)] == [b.person(i) for i in range(5)]
    import random

    assert all(nhs_number_is_valid(nhs_number(random.Random(i))) for i in range(50))


def test_perturbed_queries_keep_the_target():
    import random

    row = Generator(1).person(1)
    q = perturb(row, random.Random(3), 1)
    assert q.target == row["person_id"] and q.changes


@pytest.mark.slow
def test_benchmark_runs_on_200_people(tmp_path, capsys):
    args = ["--people", "200", "--queries", "40", "--work-dir", str(tmp_path), "--duplicates", "10"]
    figures = main([*args, "--match-in-process"])
    assert figures["top5_accuracy_pct"] >= 90
    assert figures["search_p95_ms"] > 0 and figures["match_queries_per_s"] > 0
    assert figures["match_top5_accuracy_pct"] >= 90
    assert figures["duplicates_planted"] == 10 and figures["duplicate_scan_recall_pct"] >= 80
    assert "Figures:" in capsys.readouterr().out
