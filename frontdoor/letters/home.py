"""The home page's letters section: what is waiting, what is overdue, and survey results."""

from django.urls import reverse
from django.utils import timezone

from frontdoor.ui.pages import once_per_request

from . import permissions, selectors


def sections(request) -> list[dict]:
    user = request.user
    links = []
    if permissions.can_use_letter_queue(user):
        waiting = once_per_request(request, "my letters", lambda: selectors.letter_queue_count(user=user))
        overdue = selectors.letter_queue_count(user=user, overdue_at=timezone.now()) if waiting else 0
        links.append({"label": "My letters waiting to be sent", "url": reverse("letters:queue"), "count": waiting})
        if overdue:
            links.append({"label": "My letters overdue", "url": reverse("letters:queue"), "count": overdue})
    if permissions.can_view_team_letters(user):
        links.append(
            {
                "label": "Letters overdue across the team",
                "url": reverse("letters:team"),
                "count": once_per_request(request, "team letters", lambda: selectors.team_overdue_count(user=user)),
            }
        )
    if permissions.can_view_survey_results(user):
        links.append(
            {"label": "What callers told us in the survey", "url": reverse("letters:survey_results"), "count": None}
        )
    if not links:
        return []
    return [
        {
            "title": "Feedback letters",
            "text": "Every caller gets a letter about the call and what was agreed within 5 working days.",
            "links": links,
            "order": 40,
        }
    ]
