"""Spreading a bulk job over worker processes (bulk matching, the duplicate scan).

Workers are forked, so they inherit the warmed name caches; each opens its own database
connection. With one worker, or one job, everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator

from django.db import connections


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def parallel_map(func: Callable, jobs: list, *, workers: int, warm_up: Callable | None = None) -> Iterator:
    """Yield func(job) for every job, in order, as each is done. `warm_up` runs here first, before
    the workers fork."""
    if workers <= 1 or len(jobs) <= 1:
        yield from (func(job) for job in jobs)
        return
    if warm_up:
        warm_up()
    connections.close_all()  # a connection must not be shared across a fork
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(func, jobs)
