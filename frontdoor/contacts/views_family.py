"""Adding the children and family (each person searched first) and the action plan to a draft."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from frontdoor.people.selectors import person_search
from frontdoor.ui.forms import submit

from . import forms, services
from .models import Action, ContactPerson
from .views_common import (
    draft_page,
    person_url,
    returning,
    save_step,
    step_context,
    step_url,
)


def _family_url(request, contact) -> str:
    return step_url(contact, "family", return_to_check=returning(request))


def _continue(request, contact, slug: str, items, *, missing: str):
    """A list step's Continue: refused (`missing`) while `items` is empty, else the step is saved.

    Returns (the next page, form), or (None, the form to show again with its error)."""
    form = forms.ContinueForm(request.POST)
    if form.is_valid() and not items.exists():
        form.add_error(None, missing)
        return None, form
    return save_step(request, contact, form, slug)


def _remove_page(request, contact, slug: str, *, thing: str, back: str, remove, removed: str):
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


@draft_page("GET", "POST")
def family(request, contact):
    """Everyone on the call, with change and remove links; continuing needs at least one child."""
    if request.method == "POST":
        saved, form = _continue(
            request,
            contact,
            "family",
            contact.people.filter(role=ContactPerson.Role.CHILD),
            missing="Add at least one child the call is about",
        )
        if saved:
            return saved
    else:
        form = forms.ContinueForm(initial={"version": contact.version})
    people = list(contact.people.select_related("person"))
    for cp in people:
        cp.person_url = person_url(cp.person)
    return render(
        request,
        "contacts/steps/family.html",
        step_context(
            contact,
            "family",
            request,
            form=form,
            children=[p for p in people if p.is_child],
            others=[p for p in people if not p.is_child],
        ),
    )


def _search(request, form):
    data = form.cleaned_data
    return person_search(
        user=request.user,
        text=f"{data.get('given_name', '')} {data.get('family_name', '')}",
        date_of_birth=data.get("date_of_birth"),
        sex=data.get("sex") or None,
        postcode=data.get("postcode") or None,
    )


def _person_page(request, contact, contact_person, child: bool):
    """Shared by add and change: details, then the search results to choose from, then save."""
    if request.method == "POST":
        form = forms.PersonForm(request.POST, child=child)
        if form.is_valid():
            matches = _search(request, form)
            match_form = None
            chosen, decided = None, not matches
            if "match" in request.POST:
                match_form = forms.MatchForm(request.POST, matches=matches)
                if match_form.is_valid():
                    chosen, decided = match_form.chosen_person(), True
            if decided:
                posted = form
                cp, form = submit(
                    request,
                    form,
                    lambda data: services.contact_person_save(
                        actor=request.user,
                        contact=contact,
                        version=data["version"],
                        values=posted.values(),
                        person=chosen,
                        contact_person=contact_person,
                    ),
                    child=child,
                )
                if cp:
                    if not matches:
                        messages.success(request, f"No existing records matched: {cp} added as a new person")
                    return redirect(_family_url(request, contact))
            else:
                if match_form is None:
                    initial = (
                        {"match": str(contact_person.person_id)} if contact_person and contact_person.person_id else {}
                    )
                    match_form = forms.MatchForm(initial=initial, matches=matches)
                replay = [
                    (k, v)
                    for k, values in request.POST.lists()
                    if k not in ("match", "csrfmiddlewaretoken")
                    for v in values
                ]
                return render(
                    request,
                    "contacts/steps/person_match.html",
                    step_context(
                        contact,
                        "family",
                        request,
                        form=match_form,
                        person_form=form,
                        matches=matches,
                        replay=replay,
                        back_url=_family_url(request, contact),
                    ),
                )
    elif contact_person:
        initial = {f: getattr(contact_person, f) for f in services.PERSON_FIELDS}
        initial["version"] = contact.version
        form = forms.PersonForm(initial=initial, child=child)
    else:
        form = forms.PersonForm(initial={"version": contact.version}, child=child)
    return render(
        request,
        "contacts/steps/person.html",
        step_context(
            contact,
            "family",
            request,
            form=form,
            child=child,
            contact_person=contact_person,
            back_url=_family_url(request, contact),
        ),
    )


@draft_page("GET", "POST")
def person_add(request, contact, kind: str):
    return _person_page(request, contact, None, child=(kind == "child"))


@draft_page("GET", "POST")
def person_change(request, contact, person_pk):
    contact_person = get_object_or_404(ContactPerson, pk=person_pk, contact=contact)
    return _person_page(request, contact, contact_person, child=contact_person.is_child)


@draft_page("GET", "POST")
def person_remove(request, contact, person_pk):
    contact_person = get_object_or_404(ContactPerson, pk=person_pk, contact=contact)
    return _remove_page(
        request,
        contact,
        "family",
        thing=str(contact_person),
        back=_family_url(request, contact),
        remove=lambda version: services.contact_person_remove(
            actor=request.user, contact=contact, version=version, contact_person=contact_person
        ),
        removed=f"{contact_person} removed from the call",
    )


def _actions_page(request, contact, *, form=None, action_form=None):
    return render(
        request,
        "contacts/steps/actions.html",
        step_context(
            contact,
            "actions",
            request,
            form=form or forms.ContinueForm(initial={"version": contact.version}),
            action_form=action_form or forms.ActionForm(initial={"version": contact.version}),
            actions=list(contact.actions.all()),
        ),
    )


@draft_page("GET", "POST")
def actions(request, contact):
    """The action plan: each action added on this page; continuing needs at least one."""
    if request.method == "POST":
        saved, form = _continue(
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
    if saved:
        messages.success(request, "Action added")
        return redirect(step_url(contact, "actions", return_to_check=returning(request)))
    return _actions_page(request, contact, action_form=action_form)


@draft_page("GET", "POST")
def action_remove(request, contact, action_pk):
    action = get_object_or_404(Action, pk=action_pk, contact=contact)
    return _remove_page(
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
