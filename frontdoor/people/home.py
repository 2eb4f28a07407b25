from django.urls import reverse

from .permissions import can_list_needs_checking, can_list_repeat_concerns, can_search_people, can_see_break_glass_log
from .record.selectors import people_needing_checks
from .restricted.selectors import break_glasses_to_tell


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
    sections = []
    if can_see_break_glass_log(request.user):
        links.append({"label": "Break-glass log", "url": reverse("people:break_glass_log")})
        told = break_glasses_to_tell(user=request.user).count()
        if told:
            sections.append(
                {
                    "title": "Restricted records opened",
                    "text": (
                        f"Someone broke the glass {told} time{'s' if told != 1 else ''} in the last 7 days on "
                        "records you restricted."
                    ),
                    "links": [{"label": "See who, when and why", "url": reverse("people:break_glass_log")}],
                    "order": 5,
                }
            )
    return [
        *sections,
        {
            "title": "People",
            "text": "Check whether a child or family is already known.",
            "button": {"label": "Find a person", "url": reverse("people:search"), "secondary": True},
            "links": links,
            "order": 30,
        },
    ]
