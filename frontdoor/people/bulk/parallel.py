"""Spreading a bulk job over worker processes (bulk matching, the duplicate scan).

Workers are forked, so they inherit the warmed name caches; each opens its own database
connection. With one worker, or one job, everything runs in this process.

Garbage collection: the scoring caches hold hundreds of thousands of small objects, and Python's
cyclic collector walks all of them again and again as they grow; measured, that was a third of the
CPU time of bulk matching. So each job runs with the collector off, then collects once (walking only
what the job made) and freezes what survives (`gc.freeze`), so that later collections skip it.
Nothing is lost by this: objects still go as soon as nothing refers to them, and the cycles a job
leaves are collected at its end.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator

from django.db import connections


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def parallel_map(func: Callable, jobs: list, *, workers: int, warm_up: Callable | None = None) -> Iterator:
    """Yield func(job) for every job, in order, as each is done. `warm_up` runs here first, before
    the workers fork."""
    calls = [(func, job) for job in jobs]
    frozen_before = gc.get_freeze_count()
    try:
        if workers <= 1 or len(jobs) <= 1:
            yield from map(_run, calls)
            return
        if warm_up:
            _run((lambda _: warm_up(), None))
        connections.close_all()  # a connection must not be shared across a fork
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_run, calls)
    finally:
        if not frozen_before:  # this process goes on (a task worker, the tests): back to normal collection
            gc.unfreeze()


def _run(call: tuple[Callable, object]):
    """One job with the cyclic garbage collector held off until it is done (see the module's note)."""
    func, job = call
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return func(job)
    finally:
        gc.collect()
        gc.freeze()
        if was_enabled:
            gc.enable()
