from django.urls import reverse

from .permissions import can_administer


def items(request) -> list[dict]:
    if not can_administer(request.user):
        return []
    return [
        {"label": "Users", "url": reverse("accounts:users"), "order": 89},
        {"label": "Administration", "url": "/admin/", "order": 90},
    ]
