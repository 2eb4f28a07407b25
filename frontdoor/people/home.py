from django.urls import reverse

from .permissions import can_list_needs_checking, can_list_repeat_concerns, can_search_people
from .record.selectors import people_needing_checks


def sections(request) -> list[dict]:
    if not can_search_people(request.user):
        return []
    links = []
    if can_list_repeat_concerns(request.user):
        links.append({"label": "Repeat and accumulating concerns", "url": reverse("people:repeat_concerns")})
        links.append({"label": "Possible duplicate records", "url": reverse("people:duplicates")})
    if can_list_needs_checking(request.user):
        links.append(
            {
                "label": "Records that need checking",
                "url": reverse("people:needs_checking"),
                "count": people_needing_checks(user=request.user).count(),
            }
        )
    return [
        {
            "title": "People",
            "text": "Check whether a child or family is already known.",
            "button": {"label": "Find a person", "url": reverse("people:search"), "secondary": True},
            "links": links,
            "order": 30,
        }
    ]
