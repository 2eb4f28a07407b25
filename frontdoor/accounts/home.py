from django.urls import reverse

from .permissions import can_administer


def sections(request) -> list[dict]:
    if not can_administer(request.user):
        return []
    return [
        {
            "title": "Administration",
            "text": "Manage users and roles, teams, localities, agencies and signposting services.",
            "links": [
                {"label": "Users: unlock, temporary passwords, second factor", "url": reverse("accounts:users")},
                {"label": "Open the administration pages", "url": "/admin/"},
            ],
            "order": 90,
        }
    ]
