"""Small helpers shared by the referrals and MASH views."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from frontdoor.ui.forms import add_service_errors

T = TypeVar("T")


def visible_or_404(request, may_open: Callable[[object], bool], get: Callable[..., T | None], **lookup) -> T:
    """The record `get(user=..., **lookup)` finds for the user: 403 for a role that may never open these
    pages (`may_open`), 404 for a record the user may not see or that does not exist."""
    if not may_open(request.user):
        raise PermissionDenied
    found = get(user=request.user, **lookup)
    if found is None:
        raise Http404
    return found


def save_valid_form(request, form, save: Callable[[dict], T]) -> T | None:
    """For a valid POSTed form, the record `save(form.cleaned_data)` (one service call) returns.

    None when the form was not posted or is not valid, or when the service refused: its
    ValidationError (a stale version, services.StaleEdit, included) is then shown on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
