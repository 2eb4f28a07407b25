from django.urls import reverse

from .permissions import can_search_people


def items(request) -> list[dict]:
    if not can_search_people(request.user):
        return []
    return [{"label": "People", "url": reverse("people:search"), "order": 20}]
