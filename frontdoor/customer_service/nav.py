from django.urls import reverse

from .permissions import can_check_allocation, can_view_handovers


def items(request) -> list[dict]:
    user, found = request.user, []
    if can_check_allocation(user):
        found.append({"label": "Check for a social worker", "url": reverse("customer_service:check"), "order": 5})
    if can_view_handovers(user):
        found.append({"label": "Public calls", "url": reverse("customer_service:handovers"), "order": 60})
    return found
