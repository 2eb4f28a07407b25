"""People pages: search (live as you type, and a plain form), the person record and the family."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from frontdoor.audit.permissions import can_view_audit
from frontdoor.audit.selectors import audit_events_for_object
from frontdoor.audit.services import audit_record

from .concerns import children_with_repeat_concerns, repeat_concern_for_person
from .forms import PersonSearchForm
from .genogram_view import genogram_for
from .permissions import can_edit_person, can_list_repeat_concerns, can_search_people
from .selectors import family_chronology, family_get, person_detail_context, person_get, person_search


def _person_or_404(request, pk):
    person = person_get(user=request.user, pk=pk)
    if person is None:
        raise Http404("No such person")
    return person


def search(request):
    if not can_search_people(request.user):
        raise PermissionDenied
    results_url = reverse("people:search")
    form = PersonSearchForm(request.GET or None, results_url=results_url)
    results = None
    if request.GET and form.is_valid():
        results = person_search(user=request.user, **form.search_args())
    context = {"form": form, "results": results}
    if request.headers.get("HX-Request"):
        return render(request, "people/_results.html", context)
    return render(request, "people/search.html", context)


def detail(request, pk):
    person = _person_or_404(request, pk)
    audit_record(actor=request.user, action="view", obj=person, summary=f"Viewed the record of {person.full_name}")
    context = {
        "person": person,
        "repeat_concern": repeat_concern_for_person(person),
        "can_edit": can_edit_person(request.user, person),
        **person_detail_context(user=request.user, person=person),
    }
    if can_view_audit(request.user):
        context["audit_events"] = audit_events_for_object(user=request.user, obj=person, limit=50)
    return render(request, "people/detail.html", context)


def family(request, pk):
    person = _person_or_404(request, pk)
    found = family_get(user=request.user, person=person)
    if found is None:
        raise Http404("No such person")
    audit_record(actor=request.user, action="view", obj=person, summary=f"Viewed the family of {person.full_name}")
    svg, description = genogram_for(found)
    involvements = {p.pk: [] for p in found.people}
    from .models import Involvement

    for inv in Involvement.objects.filter(person_id__in=involvements, archived=False).select_related("team"):
        involvements[inv.person_id].append(inv)
    members = [{"person": p, "involvements": involvements[p.pk]} for p in found.people]
    context = {
        "person": person,
        "family": found,
        "members": members,
        "genogram_svg": svg,
        "genogram_text": description,
        "chronology": family_chronology(user=request.user, family=found),
    }
    return render(request, "people/family.html", context)


def repeat_concerns(request):
    if not can_list_repeat_concerns(request.user):
        raise PermissionDenied
    return render(request, "people/repeat_concerns.html", {"concerns": children_with_repeat_concerns()})
