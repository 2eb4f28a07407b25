from django.urls import reverse

from .permissions import can_view_reports


def items(request) -> list[dict]:
    if not can_view_reports(request.user):
        return []
    return [{"label": "Reports", "url": reverse("reporting:dashboard"), "order": 80}]
