"""People on the call: the children and family, each person searched for first, added, changed or removed."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from frontdoor.audit.services import audit_search
from frontdoor.people.selectors import PersonMatch, person_search
from frontdoor.ui.forms import submit

from .. import forms, services
from ..models import ContactPerson
from .common import continue_step, draft_page, person_url, remove_page, returning, step_context, step_url


def _family_url(request, contact) -> str:
    return step_url(contact, "family", return_to_check=returning(request))


@draft_page("GET", "POST")
def family(request, contact):
    """Everyone on the call, with change and remove links; continuing needs at least one child."""
    if request.method == "POST":
        saved, form = continue_step(
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


def _search(request, form, *, audit: bool, linked=None):
    """The people who may be the one described; `audit` records the search (not again when one is chosen).
    The record `linked` now is always offered first, so changing a person never drops or loses their link
    silently: the worker keeps it, chooses another record, or chooses none."""
    data = form.cleaned_data
    terms = {
        "text": f"{data.get('given_name', '')} {data.get('family_name', '')}",
        "date_of_birth": data.get("date_of_birth"),
        "sex": data.get("sex") or None,
        "postcode": data.get("postcode") or None,
    }
    matches = person_search(user=request.user, **terms)
    if audit:
        audit_search(actor=request.user, summary="Searched people during a call", terms=terms, results=len(matches))
    if linked is not None:
        found = next((m for m in matches if m.person.pk == linked.pk), None)
        first = PersonMatch(linked, found.score if found else 0.0, ["Linked now"] + (found.reasons if found else []))
        if found:
            first.flags = found.flags
        matches = [first] + [m for m in matches if m.person.pk != linked.pk]
    return matches


def _person_page(request, contact, contact_person, child: bool):
    """Shared by add and change: details, then the search results to choose from, then save."""
    if request.method == "POST":
        form = forms.PersonForm(request.POST, child=child)
        if form.is_valid():
            linked = contact_person.person if contact_person and contact_person.person_id else None
            matches = _search(request, form, audit="match" not in request.POST, linked=linked)
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
    return remove_page(
        request,
        contact,
        "family",
        thing=contact_person.shown_name,
        back=_family_url(request, contact),
        remove=lambda version: services.contact_person_remove(
            actor=request.user, contact=contact, version=version, contact_person=contact_person
        ),
        removed=f"{contact_person.shown_name} removed from the call",
    )
