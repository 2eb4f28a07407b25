"""What the record-keeping pages share: the person they may change, the "Are you sure?" page, and the
way back to the record. (One service call with its refusals put back on the form is `ui.forms.submit`.)"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from frontdoor.core.locking import StaleEdit
from frontdoor.ui.pages import found_or_404

from ..permissions import can_edit_person
from . import selectors


def person_or_404(request, pk):
    """The person the user may see, or 404 (the same for one that does not exist)."""
    return found_or_404(selectors.person_get(user=request.user, pk=pk))


def editable_person(request, pk):
    person = person_or_404(request, pk)
    if not can_edit_person(request.user, person):
        raise PermissionDenied("Your role cannot change person records")
    return person


def done(request, person, message: str):
    messages.success(request, message)
    return redirect("people:detail", pk=person.pk)


def page(request, person, template: str, **context):
    return render(request, template, {"person": person, **context})


def confirm(
    request,
    person,
    *,
    row,
    thing: str,
    heading: str,
    button: str,
    archive: Callable[[object], object],
    message: str,
):
    """The "Are you sure?" page for taking `row` off the record; POST calls `archive(version)`.

    The page carries the row's version like any edit page: a stale, missing or forged one is refused
    with the message saying who changed it, and the page then carries the current version.
    """
    error, version = None, row.version
    if request.method == "POST":
        try:
            archive(request.POST.get("version"))
        except StaleEdit as exc:
            error, version = exc.for_reader(request.user).action_message, exc.current_version
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return done(request, person, message)
    context = {"thing": thing, "heading": heading, "button": button, "error": error, "version": version}
    return page(request, person, "people/record/confirm.html", **context)
