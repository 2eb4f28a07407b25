"""The restricted-record notice: what anyone the record is restricted from sees instead of it (403), with
the break-glass form. A people view raises `RecordRestricted` (from `record.pages.person_or_404`) and the
middleware answers with the notice, so every page of the record (details, family, genogram, chronology,
edit pages) shows the same notice without each view knowing about restrictions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .forms import BreakGlassForm
from .services import break_glass_way


class RecordRestricted(PermissionDenied):
    def __init__(self, person, restriction):
        super().__init__("This record is restricted")
        self.person = person
        self.restriction = restriction


def render_notice(request, person, restriction, form=None, status: int = 403):
    way = break_glass_way(request.user)
    return render(
        request,
        "people/restricted/notice.html",
        {
            "person": person,
            "restriction": restriction,
            "manager": restriction.restricted_by,
            "form": form or BreakGlassForm(way=way),
            "way": way,
            "minutes": settings.FRONTDOOR_BREAK_GLASS_MINUTES,
        },
        status=status,
    )


class RestrictedRecordMiddleware:
    """Turns `RecordRestricted` into the notice page (403; the audit middleware records the refusal)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RecordRestricted):
            return render_notice(request, exception.person, exception.restriction)
        return None
