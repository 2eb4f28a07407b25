"""The action plan of a draft: each action added on its own (in place with htmx, or as a plain form post without
JavaScript), then continuing needs at least one."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from frontdoor.ui.context_processors import is_partial
from frontdoor.ui.forms import submit

from .. import forms, services
from ..models import Action
from .common import continue_step, draft_page, remove_page, returning, step_context, step_url


def _actions_page(request, contact, *, form=None, action_form=None, notice: str = ""):
    partial = is_partial(request)
    return render(
        request,
        "contacts/steps/_actions_live.html" if partial else "contacts/steps/actions.html",
        step_context(
            contact,
            "actions",
            request,
            form=form or forms.ContinueForm(initial={"version": contact.version}),
            action_form=action_form or forms.ActionForm(initial={"version": contact.version}),
            actions=list(contact.actions.all()),
            partial=partial,
            notice=notice,
        ),
    )


@draft_page("GET", "POST")
def actions(request, contact):
    """The action plan: each action added on this page; continuing needs at least one."""
    if request.method == "POST":
        saved, form = continue_step(
            request, contact, "actions", contact.actions, missing="Add at least one action to the plan"
        )
        return saved or _actions_page(request, contact, form=form)
    return _actions_page(request, contact)


@draft_page("POST")
def action_add(request, contact):
    saved, action_form = submit(
        request,
        forms.ActionForm(request.POST),
        lambda data: services.action_add(actor=request.user, contact=contact, **data),
    )
    if saved and is_partial(request):
        contact.refresh_from_db()
        return _actions_page(request, contact, notice=f"Action added: {saved.what}")
    if saved:
        messages.success(request, "Action added")
        return redirect(step_url(contact, "actions", return_to_check=returning(request)))
    return _actions_page(request, contact, action_form=action_form)


@draft_page("GET", "POST")
def action_remove(request, contact, action_pk):
    action = get_object_or_404(Action, pk=action_pk, contact=contact)
    return remove_page(
        request,
        contact,
        "actions",
        thing=f"the action '{action.what}'",
        back=step_url(contact, "actions", return_to_check=returning(request)),
        remove=lambda version: services.action_remove(
            actor=request.user, contact=contact, version=version, action=action
        ),
        removed="Action removed",
    )
