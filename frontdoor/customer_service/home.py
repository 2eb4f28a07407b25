from django.urls import reverse

from frontdoor.accounts.models import Role

from .permissions import can_check_allocation


def sections(request) -> list[dict]:
    if not can_check_allocation(request.user) or request.user.role != Role.CUSTOMER_SERVICE_ADVISOR:
        return []
    return [
        {
            "title": "A member of the public is worried about a child",
            "text": "Ask for the child's name and address, check whether the child already has a social worker, "
            "and if not make a live handover to CADS. If a child is in immediate danger, tell the caller to call 999.",
            "button": {"label": "Check for a social worker", "url": reverse("customer_service:check")},
            "links": [{"label": "Calls you have recorded this week", "url": reverse("customer_service:handovers")}],
            "order": 1,
        }
    ]
