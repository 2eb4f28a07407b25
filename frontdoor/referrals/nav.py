"""Navigation: one entry for each work queue the user has, with how many items are in it."""

from __future__ import annotations

from django.urls import reverse

from frontdoor.ui.pages import once_per_request

from . import queues

ORDER = {"mine": 10, "team": 11, "authorisation": 12, "requests": 13, "overdue": 14}


def items(request) -> list[dict]:
    user = request.user
    out = []
    for name in queues.queues_for(user):
        out.append(
            {
                "label": queues.QUEUES[name],
                "url": reverse("referrals:queue", args=[name]),
                "count": once_per_request(
                    request, ("queue", name), lambda name=name: queues.queue_count(user=user, queue=name)
                ),
                "order": ORDER[name],
            }
        )
    return out
