"""Home page section: the user's work queues with their counts."""

from __future__ import annotations

from django.urls import reverse

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
            "count": queues.queue_count(user=user, queue=n),
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
