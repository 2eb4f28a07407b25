"""Home-page section for workers who record calls."""

from __future__ import annotations

from django.urls import reverse

from frontdoor.ui.pages import once_per_request

from . import selectors
from .permissions import can_record_call, can_view_team_contacts


def sections(request) -> list[dict]:
    user = request.user
    if not can_record_call(user):
        return []
    counts = once_per_request(request, "contact counts", lambda: selectors.nav_counts(user=user))
    links = [
        {"label": "My drafts", "url": reverse("contacts:drafts"), "count": counts["drafts"]},
        {"label": "My contacts", "url": reverse("contacts:mine"), "count": counts["contacts"]},
    ]
    if can_view_team_contacts(user):
        links.append({"label": "Team contacts", "url": reverse("contacts:team"), "count": None})
    return [
        {
            "title": "Consultation calls",
            "text": "Record a professional's call from the first question to the agreed outcome. Each step is saved as you go.",
            "button": {"label": "Record a call", "url": reverse("contacts:start")},
            "links": links,
            "order": 10,
        }
    ]
