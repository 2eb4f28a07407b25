"""A manager corrects which record a person on a recorded contact is linked to (issue 11: the record is the
truth, so a wrong link must be undoable after the contact is saved; before, the worker changes the person)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.audit.services import audit_search
from frontdoor.people.selectors import PersonFlags, PersonMatch, person_search
from frontdoor.ui.forms import submit
from frontdoor.ui.pages import found_or_404

from .. import forms, selectors, services
from ..permissions import can_change_linked_record, can_view_contacts
from .common import person_url


def _matches(request, cp, text: str) -> list[PersonMatch]:
    """Records that may be this person: the search (audited), with the record linked now always offered first."""
    if text:
        terms = {"text": text}
    else:
        terms = {
            "text": f"{cp.given_name} {cp.family_name}",
            "date_of_birth": cp.date_of_birth,
            "postcode": cp.postcode or None,
        }
    found = person_search(user=request.user, **terms)
    audit_search(
        actor=request.user, summary="Searched people to correct a linked record", terms=terms, results=len(found)
    )
    if cp.person_id:
        linked = next((m for m in found if m.person.pk == cp.person_id), None)
        first = PersonMatch(cp.person, 100.0, ["Linked now"], linked.flags if linked else PersonFlags())
        found = [first] + [m for m in found if m.person.pk != cp.person_id]
    return found


@require_http_methods(["GET", "POST"])
def relink(request, pk, person_pk):
    """Change the linked record: choose another record (or none), with a reason; audited before and after."""
    if not can_view_contacts(request.user):
        raise PermissionDenied
    contact = found_or_404(selectors.contact_get(user=request.user, pk=pk, audit=request.method == "GET"))
    if not can_change_linked_record(request.user, contact):
        raise PermissionDenied("Only a team manager can change the linked record of a recorded contact")
    cp = next((p for p in contact.people.all() if str(p.pk) == str(person_pk)), None)
    if cp is None:
        raise Http404
    text = (request.POST.get("search_text") or "").strip()[:200] if request.method == "POST" else ""
    matches = _matches(request, cp, text)
    if request.method == "POST" and "search" not in request.POST:
        form = forms.RelinkForm(request.POST, matches=matches)
        posted = form
        saved, form = submit(
            request,
            form,
            lambda data: services.contact_person_relink(
                actor=request.user,
                contact=contact,
                version=data["version"],
                contact_person=cp,
                person=posted.chosen_person(),
                reason=data["reason"],
            ),
            matches=matches,
        )
        if saved:
            messages.success(request, f"Linked record changed for {saved.shown_name}")
            return redirect("contacts:detail", pk=contact.pk)
    else:
        initial = {"version": contact.version, "match": str(cp.person_id) if cp.person_id else None}
        if request.method == "POST":
            initial["reason"] = request.POST.get("reason", "")
        form = forms.RelinkForm(initial=initial, matches=matches)
    cp.person_url = person_url(cp.person)
    return render(
        request,
        "contacts/relink.html",
        {"contact": contact, "cp": cp, "form": form, "matches": matches, "search_text": text},
    )
