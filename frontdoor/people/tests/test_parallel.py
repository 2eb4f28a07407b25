"""Bulk jobs over worker processes: results in order, and garbage collection back to normal after."""

import gc

import pytest

from frontdoor.people.bulk.parallel import parallel_map


def _square(n):
    assert not gc.isenabled()  # held off while a job runs
    return n * n


def _fail(n):
    raise ValueError(n)


def test_results_come_in_order_in_this_process_and_in_workers():
    assert list(parallel_map(_square, [1, 2, 3], workers=1)) == [1, 4, 9]
    assert list(parallel_map(_square, list(range(10)), workers=2, warm_up=lambda: None)) == [n * n for n in range(10)]


def test_collection_is_back_to_normal_afterwards_even_when_a_job_fails():
    list(parallel_map(_square, [1, 2], workers=1))
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with pytest.raises(ValueError):
        list(parallel_map(_fail, [1], workers=1))
    assert gc.isenabled() and gc.get_freeze_count() == 0
