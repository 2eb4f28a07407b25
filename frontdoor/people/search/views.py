"""The person search page: live as you type (htmx swaps the results), and a plain GET form without JavaScript."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse

from ..permissions import can_search_people
from .forms import PersonSearchForm
from .selectors import person_search


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
