"""Header navigation for letters: my letters (with the number waiting), team overdue, survey results."""

from django.urls import reverse

from frontdoor.ui.pages import once_per_request

from . import permissions, selectors


def items(request) -> list[dict]:
    user = request.user
    out = []
    if permissions.can_use_letter_queue(user):
        out.append(
            {
                "label": "My letters",
                "url": reverse("letters:queue"),
                "count": once_per_request(request, "my letters", lambda: selectors.letter_queue_count(user=user)),
                "order": 40,
            }
        )
    if permissions.can_view_team_letters(user):
        out.append(
            {
                "label": "Team letters",
                "url": reverse("letters:team"),
                "count": once_per_request(request, "team letters", lambda: selectors.team_overdue_count(user=user)),
                "order": 41,
            }
        )
    elif permissions.can_view_survey_results(user):
        out.append({"label": "Survey results", "url": reverse("letters:survey_results"), "order": 60})
    return out
