"""People on the call: the children and family, each person searched for first, added, changed or removed.

With JavaScript (htmx) the add and change forms, the match choice and the result are swapped into the family
page in place (`#family-live`), so adding a person is no page load; without it the same URLs are plain pages.
Family members the record already holds for a linked child are offered on the family page, a tick each."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from frontdoor.audit.services import audit_search
from frontdoor.people.selectors import PersonMatch, person_search
from frontdoor.ui.context_processors import is_partial
from frontdoor.ui.forms import submit

from .. import domain, forms, selectors, services
from ..models import ContactPerson
from .common import continue_step, draft_page, person_url, remove_page, returning, step_context, step_url


def _family_url(request, contact) -> str:
    return step_url(contact, "family", return_to_check=returning(request))


def _offered(request, contact, people, *, audit: bool = False) -> list[tuple]:
    """Family members the record holds for the call's linked children and who are not on the call yet."""
    return selectors.family_on_record_for(user=request.user, contact=contact, people=people, audit=audit)


def _family_context(request, contact, *, form=None, add=None, notice: str = "") -> dict:
    """The family page's live part: everyone on the call, the family members offered from the record (ticks
    kept as posted), the Continue form, and (`add`) a person form or match choice shown in place."""
    people = list(contact.people.select_related("person"))
    for cp in people:
        cp.person_url = person_url(cp.person)
    offered = _offered(request, contact, people, audit=True)
    ticked = set(request.POST.getlist("known") if request.method == "POST" else request.GET.getlist("known"))
    return step_context(
        contact,
        "family",
        request,
        form=form or forms.ContinueForm(initial={"version": contact.version}),
        children=[p for p in people if p.is_child],
        others=[p for p in people if not p.is_child],
        offered=[
            {
                "person": relative,
                "of": of,
                "words": domain.role_for_relative(
                    kind=rel.kind, sex=relative.sex, same_household=rel.same_household, description=rel.description
                )[1],
                "household": rel.same_household,
                "ticked": str(relative.pk) in ticked,
            }
            for relative, rel, of in offered
        ],
        add=add,
        notice=notice,
    )


def _family_render(request, contact, **kwargs):
    template = "contacts/steps/_family_live.html" if is_partial(request) else "contacts/steps/family.html"
    return render(request, template, _family_context(request, contact, **kwargs))


@draft_page("GET", "POST")
def family(request, contact):
    """Everyone on the call, with change and remove links, and the family members the record already holds for
    a linked child, a tick each: the ticked ones are added (with "Add the ticked people", or on Continue).
    Continuing needs at least one child."""
    form = None
    if request.method == "POST":
        ticked = set(request.POST.getlist("known"))
        if ticked:
            chosen = [
                r
                for r in _offered(request, contact, list(contact.people.select_related("person")))
                if str(r[0].pk) in ticked
            ]
            saved, form = submit(
                request,
                forms.ContinueForm(request.POST),
                lambda data: services.contact_people_add_from_record(
                    actor=request.user, contact=contact, version=data["version"], relatives=chosen
                ),
            )
            if saved is None:
                return _family_render(request, contact, form=form)
            contact = saved
            if "add_known" in request.POST:
                if is_partial(request):
                    request.POST = request.POST.copy()
                    request.POST.setlist("known", [])
                    return _family_render(request, contact, notice=f"{len(chosen)} added from the record")
                messages.success(request, f"{len(chosen)} added from the record")
                return redirect(_family_url(request, contact))
            data = request.POST.copy()
            data["version"] = str(contact.version)
            request.POST = data
        elif "add_known" in request.POST:
            form = forms.ContinueForm(request.POST)
            form.is_valid()
            form.add_error(None, "Tick the people to add from the record")
            return _family_render(request, contact, form=form)
        saved, form = continue_step(
            request,
            contact,
            "family",
            contact.people.filter(role=ContactPerson.Role.CHILD),
            missing="Add at least one child the call is about",
        )
        if saved:
            return saved
    return _family_render(request, contact, form=form)


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
                    added = f"{cp.shown_name} added" if contact_person is None else f"{cp.shown_name} changed"
                    if not matches:
                        added = f"No existing records matched: {cp} added as a new person"
                    if is_partial(request):
                        return _family_render(request, cp.contact, notice=added)
                    if not matches:
                        messages.success(request, added)
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
                match = {
                    "form": match_form,
                    "person_form": form,
                    "matches": matches,
                    "replay": [(k, v) for k, v in replay if k != "known"],
                    "action": request.path,
                }
                if is_partial(request):
                    return _family_render(request, contact, add={"match": match})
                return render(
                    request,
                    "contacts/steps/person_match.html",
                    step_context(contact, "family", request, back_url=_family_url(request, contact), **match),
                )
    elif contact_person:
        initial = {f: getattr(contact_person, f) for f in services.PERSON_FIELDS}
        initial["version"] = contact.version
        form = forms.PersonForm(initial=initial, child=child)
    else:
        form = forms.PersonForm(initial={"version": contact.version}, child=child)
    person = {"form": form, "child": child, "contact_person": contact_person, "action": request.path}
    if is_partial(request):
        return _family_render(request, contact, add={"person": person})
    return render(
        request,
        "contacts/steps/person.html",
        step_context(contact, "family", request, back_url=_family_url(request, contact), **person),
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
