"""Helpers for pages that open one record: 403 for a role that may never open them, 404 for a record
the user may not see or that does not exist (the two look the same)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404

T = TypeVar("T")


def found_or_404(found: T | None) -> T:
    """What a selector found for the user, or 404: "not found" and "not allowed" both come back as None."""
    if found is None:
        raise Http404
    return found


def visible_or_404(request, may_open: Callable[[object], bool], get: Callable[..., T | None], **lookup) -> T:
    """The record `get(user=..., **lookup)` finds for the user: 403 for a role that may never open these
    pages (`may_open`), 404 for a record the user may not see or that does not exist."""
    if not may_open(request.user):
        raise PermissionDenied
    return found_or_404(get(user=request.user, **lookup))


def once_per_request(request, key, compute: Callable[[], T]) -> T:
    """`compute()` worked out at most once for this request (the header's counts and the home page's show
    the same numbers: each is counted once)."""
    cache = request.__dict__.setdefault("_frontdoor_once", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]
