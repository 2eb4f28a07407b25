from django.urls import reverse

from .permissions import can_view_reports


def sections(request) -> list[dict]:
    if not can_view_reports(request.user):
        return []
    return [
        {
            "title": "Reports and statutory returns",
            "text": "Contact figures for a period, and Ofsted Annex A list 1 (contacts) as CSV or Excel.",
            "links": [{"label": "Reports", "url": reverse("reporting:dashboard")}],
            "order": 80,
        }
    ]
