"""Shared by the contact pages: the draft being edited, saving a step, a list step's Continue, removing
something from the draft, and where to go next."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from frontdoor.ui.forms import submit
from frontdoor.ui.pages import found_or_404

from .. import domain, forms, selectors, services
from ..permissions import can_record_call


def record_required(view):
    """Only roles that record calls open the call flow (403 for everyone else)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_record_call(request.user):
            raise PermissionDenied("Your role cannot record calls")
        return view(request, *args, **kwargs)

    return wrapped


def draft_for(request, pk):
    """(draft, None) for the user's own draft; (None, redirect) if it is already recorded; 404 otherwise."""
    draft = selectors.draft_get_for_edit(user=request.user, pk=pk)
    if draft is not None:
        return draft, None
    contact = found_or_404(selectors.contact_owned_get(user=request.user, pk=pk))  # 404 for anyone else's
    if not contact.is_draft:
        return None, redirect("contacts:detail", pk=contact.pk)
    raise Http404


def draft_page(*methods: str):
    """A call-flow page on the user's own draft, given to the view as `contact` in place of `pk`.

    403 for roles that do not record calls, 405 for other methods, then `draft_for`: a recorded
    contact redirects to its page and anyone else's contact is 404."""

    def decorate(view):
        @record_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapped(request, pk, *args, **kwargs):
            contact, done = draft_for(request, pk)
            if done:
                return done
            return view(request, contact, *args, **kwargs)

        return wrapped

    return decorate


def step_url(contact, slug: str, *, return_to_check: bool = False) -> str:
    url = reverse(f"contacts:{slug}", kwargs={"pk": contact.pk})
    return url + "?return=check" if return_to_check else url


def returning(request) -> bool:
    return request.GET.get("return") == "check"


def after_step(request, contact, slug: str):
    """Back to the check page if the worker came from it, else on to the next step."""
    if returning(request):
        return redirect(step_url(contact, "check"))
    return redirect(step_url(contact, domain.next_step(slug)))


def save_step(request, contact, form, slug: str):
    """Save a step from its posted form: (the next page, form), or (None, the form to show again with its
    errors, or re-bound to the current version with the stale message)."""
    posted = form
    saved, form = submit(
        request,
        form,
        lambda data: services.contact_step_save(
            actor=request.user, contact=contact, version=data["version"], step=slug, values=posted.values()
        ),
    )
    return (after_step(request, saved, slug) if saved else None), form


def step_context(contact, slug: str, request, **extra) -> dict:
    number = domain.STEP_SLUGS.index(slug) + 1 if slug in domain.STEP_SLUGS else None
    previous = domain.previous_step(slug)
    context = {
        "contact": contact,
        "step": slug,
        "step_title": domain.step_title(slug),
        "step_number": number,
        "step_count": len(domain.STEP_SLUGS),
        "back_url": step_url(contact, "check")
        if returning(request)
        else (step_url(contact, previous) if previous else reverse("contacts:drafts")),
        "return_query": "?return=check" if returning(request) else "",
    }
    context.update(extra)
    return context


def person_url(person) -> str | None:
    """The person record's page."""
    return reverse("people:detail", kwargs={"pk": person.pk}) if person is not None else None


def continue_step(request, contact, slug: str, items, *, missing: str):
    """A list step's Continue: refused (`missing`) while `items` is empty, else the step is saved.

    Returns (the next page, form), or (None, the form to show again with its error)."""
    form = forms.ContinueForm(request.POST)
    if form.is_valid() and not items.exists():
        form.add_error(None, missing)
        return None, form
    return save_step(request, contact, form, slug)


def remove_page(request, contact, slug: str, *, thing: str, back: str, remove, removed: str):
    """Confirm and remove one thing from the draft (`remove(version)`), then back with `removed` as the message."""
    form = forms.ContinueForm(request.POST if request.method == "POST" else None, initial={"version": contact.version})
    saved, form = submit(request, form, lambda data: remove(data["version"]))
    if saved:
        messages.success(request, removed)
        return redirect(back)
    return render(
        request,
        "contacts/steps/remove.html",
        step_context(contact, slug, request, form=form, thing=thing, back_url=back),
    )
