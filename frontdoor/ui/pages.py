"""Helpers for pages that open one record: 403 for a role that may never open them, 404 for a record
the user may not see or that does not exist (the two look the same)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

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


# Coming back: a page reached from another page (a referral's "still missing" item opening a person record's
# change page) carries `?next=<that page>`, kept through its own form (a form with no action posts to the
# same address) and followed after saving, cancelling or going back. Only an address on this site is followed.
NEXT = "next"


def safe_next(request, default: str = "") -> str:
    """The `next` address of the request (query or form) if it is on this site, else `default`."""
    target = request.POST.get(NEXT) or request.GET.get(NEXT) or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def with_next(url: str, next_url: str) -> str:
    """`url` carrying `next_url` to come back to (unchanged without one); `url` has no query of its own."""
    return f"{url}?{urlencode({NEXT: next_url})}" if next_url else url


def next_param(request) -> str:
    """`next=...` for links and form actions on a page that should keep the way back, or ""."""
    target = safe_next(request)
    return urlencode({NEXT: target}) if target else ""
