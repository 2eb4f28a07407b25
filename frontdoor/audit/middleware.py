from django.db import transaction
from django.utils import timezone

from .context import RequestOrigin, current_origin
from .models import AuditEvent
from .services import audit_record

REFUSED = (403, 404)


class AuditContextMiddleware:
    """Remembers the client address, browser and path of each request for audit events, and records every
    request a signed-in user was refused (403, or 404: a record they may not see is "not found").

    A view's PermissionDenied or Http404 reaches here already turned into its 403 or 404 response, so the
    status covers both. Anonymous requests (static files, /healthz, the sign-in pages) are never recorded;
    nor is a refusal a service already recorded with its object during the request (one row per refusal)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = RequestOrigin(
            ip_address=request.META.get("REMOTE_ADDR") or None,
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            path=request.path[:300],
        )
        token = current_origin.set(origin)
        started = timezone.now()
        try:
            response = self.get_response(request)
            if response.status_code in REFUSED:
                _record_refusal(request, response.status_code, started)
            return response
        finally:
            current_origin.reset(token)


def _record_refusal(request, status: int, started) -> None:
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return
    already = AuditEvent.objects.filter(action="refused", actor=user, path=request.path[:300], at__gte=started)
    if already.exists():
        return
    match = getattr(request, "resolver_match", None)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="refused",
            obj=None,
            summary=f"Refused {request.method} {request.path} ({status})",
            changes={
                "path": request.path[:300],
                "method": request.method,
                "status": status,
                "url_name": match.view_name if match else "",
            },
        )
