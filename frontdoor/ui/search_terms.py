"""Search terms kept out of URLs (decision 17): a child's name or date of birth is never in the address bar,
the browser's history, a Referer header or an access log.

A search form is POSTed (with its CSRF token). Its terms are kept in the user's session under a short
random token and the browser is sent to the results page named by that token (POST-redirect-GET), so
refresh and the back button show the same results again. The token means nothing outside the session
that made it; the session keeps the last few searches only.
"""

from __future__ import annotations

import secrets

from django import forms
from django.http import HttpRequest, QueryDict

SESSION_KEY = "search_terms"
KEPT = 20  # searches remembered per session; older tokens then show an empty search form
TOKEN = "s"  # the query parameter carrying the token
FRESH_KEY = "search_terms_fresh"  # the token of the search just submitted and not yet shown (for the audit)


def keep(request: HttpRequest, form: forms.Form, *, shown: bool = False) -> str:
    """Keep what was typed into `form` (a valid, bound search form) in the session; the token naming it.

    Unless its results are `shown` already (a live search), the token is marked as a search submitted and
    not yet shown: `first_showing` tells the page that shows it apart from a refresh or the back button."""
    names = set(form.fields)
    terms = {
        name: form.data.getlist(name)
        for name in form.data
        if name in names or name.rsplit("_", 1)[0] in names  # a date's day, month and year: date_of_birth_0
    }
    stored = dict(request.session.get(SESSION_KEY, {}))
    token = secrets.token_urlsafe(9)
    stored[token] = terms
    for old in list(stored)[:-KEPT]:
        del stored[old]
    request.session[SESSION_KEY] = stored
    if not shown:
        request.session[FRESH_KEY] = token
    return token


def first_showing(request: HttpRequest) -> bool:
    """The token in the URL names a search just submitted, shown now for the first time (true once only)."""
    token = request.GET.get(TOKEN, "")
    if token and request.session.get(FRESH_KEY) == token:
        del request.session[FRESH_KEY]
        return True
    return False


def recall(request: HttpRequest) -> QueryDict | None:
    """The terms kept under the token in the URL (?s=...), as form data; None if there is none or it has gone."""
    token = request.GET.get(TOKEN, "")
    terms = request.session.get(SESSION_KEY, {}).get(token) if token else None
    if not isinstance(terms, dict):
        return None
    data = QueryDict(mutable=True)
    for name, values in terms.items():
        data.setlist(name, values)
    return data


def expired(request: HttpRequest) -> bool:
    """The URL names a search this session no longer holds (older than the last few, or another session's)."""
    return bool(request.GET.get(TOKEN)) and recall(request) is None


def url_with(url: str, token: str) -> str:
    return f"{url}?{TOKEN}={token}"
