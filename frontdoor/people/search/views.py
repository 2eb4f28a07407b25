"""The person search page: live as you type (htmx swaps the results), and a plain form without JavaScript.

The form is POSTed, so a child's name never goes into the URL (decision 17): a plain POST is answered by a
redirect to the results under a short token (ui.search_terms), a live one (htmx) by the results, with the
address bar quietly set to that token so that refresh and back show them again.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.audit.services import audit_search
from frontdoor.ui import search_terms

from ..permissions import can_search_people
from .forms import PersonSearchForm
from .selectors import person_search


def search(request):
    if not can_search_people(request.user):
        raise PermissionDenied
    url = reverse("people:search")
    live = bool(request.headers.get("HX-Request"))
    data = request.POST if request.method == "POST" else search_terms.recall(request)
    form = PersonSearchForm(data, results_url=url)
    results = None
    if form.is_bound and form.is_valid():
        if request.method == "POST" and not live:
            return redirect(search_terms.url_with(url, search_terms.keep(request, form)))
        args = form.search_args()
        results = person_search(user=request.user, **args)
        if live or search_terms.first_showing(request):  # once per search, not on a refresh or the back button
            audit_search(actor=request.user, summary="Searched people", terms=args, results=len(results))
    context = {"form": form, "results": results, "expired": search_terms.expired(request)}
    if live:
        response = render(request, "people/_results.html", context)
        if results is not None:
            response["HX-Replace-Url"] = search_terms.url_with(url, search_terms.keep(request, form, shown=True))
        return response
    return render(request, "people/search.html", context)
