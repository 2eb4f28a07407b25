from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .health import health_report


@login_not_required
@require_safe
def healthz(request):
    """For the council's monitoring: 200 when healthy, 503 when not; no sign-in, no personal data."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)
