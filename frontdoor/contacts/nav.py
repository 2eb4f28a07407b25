"""Header navigation for the call flow: Record a call, My drafts, My contacts (with counts)."""

from __future__ import annotations

from django.urls import reverse

from frontdoor.ui.pages import once_per_request

from . import selectors
from .permissions import can_record_call, can_view_contacts, can_view_team_contacts

LIST_PAGES = {"mine", "drafts", "team", "detail"}


def _current(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    if not match or match.namespace != "contacts":
        return None
    return match.url_name if match.url_name in LIST_PAGES else "flow"


def items(request) -> list[dict]:
    user = request.user
    current = _current(request)
    result = []
    if can_record_call(user):
        counts = once_per_request(request, "contact counts", lambda: selectors.nav_counts(user=user))
        result += [
            {"label": "Record a call", "url": reverse("contacts:start"), "order": 10, "active": current == "flow"},
            {
                "label": "My drafts",
                "url": reverse("contacts:drafts"),
                "count": counts["drafts"] or None,
                "order": 11,
                "active": current == "drafts",
            },
            {
                "label": "My contacts",
                "url": reverse("contacts:mine"),
                "count": counts["contacts"] or None,
                "order": 12,
                "active": current in ("mine", "detail"),
            },
        ]
    elif can_view_contacts(user):
        result.append(
            {"label": "My contacts", "url": reverse("contacts:mine"), "order": 12, "active": current == "mine"}
        )
    if can_view_team_contacts(user):
        result.append(
            {"label": "Team contacts", "url": reverse("contacts:team"), "order": 13, "active": current == "team"}
        )
    return result
