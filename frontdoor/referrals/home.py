"""Home page section: the user's work queues with their counts."""

from __future__ import annotations

from django.urls import reverse

from frontdoor.ui.pages import once_per_request

from . import queues


def sections(request) -> list[dict]:
    user = request.user
    names = queues.queues_for(user)
    if not names:
        return []
    links = [
        {
            "label": queues.QUEUES[n],
            "url": reverse("referrals:queue", args=[n]),
            "count": once_per_request(request, ("queue", n), lambda n=n: queues.queue_count(user=user, queue=n)),
        }
        for n in names
    ]
    return [
        {
            "title": "Your work",
            "text": "Decisions, referrals and MASH requests, most urgent first.",
            "links": links,
            "order": 20,
        }
    ]
