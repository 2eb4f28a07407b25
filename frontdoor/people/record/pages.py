"""What the record-keeping pages share: the person they may change, the "Are you sure?" page, and the
way back: to the record, or to the page that sent the worker here (`?next=`, e.g. the referral whose
checklist said what was missing; `ui.pages.safe_next`). (One service call with its refusals put back on
the form is `ui.forms.submit`.)"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.core.locking import StaleEdit
from frontdoor.ui.pages import found_or_404, next_param, safe_next

from ..permissions import can_edit_person
from . import selectors


def person_or_404(request, pk):
    """The person the user may see, or 404 (the same for one that does not exist). One they would see but
    for a restriction raises `RecordRestricted`: the restricted notice, with the break-glass form (403)."""
    person = selectors.person_get(user=request.user, pk=pk)
    if person is None:
        from ..restricted.notice import RecordRestricted
        from ..restricted.selectors import restricted_notice_get

        found = restricted_notice_get(user=request.user, pk=pk)
        if found is not None:
            raise RecordRestricted(*found)
    return found_or_404(person)


def editable_person(request, pk):
    person = person_or_404(request, pk)
    if not can_edit_person(request.user, person):
        raise PermissionDenied("Your role cannot change person records")
    return person


def done(request, person, message: str):
    messages.success(request, message)
    return redirect(safe_next(request) or reverse("people:detail", args=[person.pk]))


def page(request, person, template: str, **context):
    """`back_url` is where Back and Cancel go; `next_param` keeps the way back on links to the next step."""
    back = safe_next(request)
    return render(
        request,
        template,
        {
            "person": person,
            "back_url": back or reverse("people:detail", args=[person.pk]),
            "back_text": "Back" if back else f"Back to {person.full_name}",
            "next_param": next_param(request),
            **context,
        },
    )


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
