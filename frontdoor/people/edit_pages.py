"""What the record-keeping pages share: the person they may change, one service call with its refusals
put back on the form, the "Are you sure?" page, and the way back to the record."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from frontdoor.ui.forms import add_service_errors, stale_form

from . import selectors
from .permissions import can_edit_person
from .services_record import StaleRecordError

STALE_MESSAGE = (
    "This record was changed by someone else, or in another tab or window, after you opened this page, so "
    "your changes have not been saved. What you typed is shown below: check it against the record and save again."
)


def editable_person(request, pk):
    person = selectors.person_get(user=request.user, pk=pk)
    if person is None:
        raise Http404("No such person")
    if not can_edit_person(request.user, person):
        raise PermissionDenied("Your role cannot change person records")
    return person


def found(row):
    if row is None:
        raise Http404("Not part of this person's record")
    return row


def submit(request, form, save: Callable[[dict], object], **form_kwargs):
    """(True, form) once the service has saved; otherwise (False, form) with the refusal on the form."""
    if not form.is_valid():
        return False, form
    try:
        save(form.cleaned_data)
    except StaleRecordError as exc:
        return False, stale_form(
            type(form), request.POST, version=exc.current_version, message=STALE_MESSAGE, **form_kwargs
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False, form
    return True, form


def done(request, person, message: str):
    messages.success(request, message)
    return redirect("people:detail", pk=person.pk)


def page(request, person, template: str, **context):
    return render(request, template, {"person": person, **context})


def confirm(request, person, *, thing: str, heading: str, button: str, archive: Callable[[], object], message: str):
    """The "Are you sure?" page for taking something off the record; POST does it."""
    error = None
    if request.method == "POST":
        try:
            archive()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return done(request, person, message)
    context = {"thing": thing, "heading": heading, "button": button, "error": error}
    return page(request, person, "people/record/confirm.html", **context)
