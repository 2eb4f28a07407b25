"""Restrict a record (managers), break the glass on one, and the managers' break-glass log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.directory.models import Team
from frontdoor.ui.forms import submit
from frontdoor.ui.pagination import paginate

from ..permissions import can_restrict, can_see_break_glass_log, can_view_person
from ..record.pages import page, person_or_404
from . import selectors, services
from .forms import BreakGlassForm, LiftForm, RestrictForm
from .notice import render_notice


def _managed_person(request, pk):
    person = person_or_404(request, pk)
    if not can_restrict(request.user, person):
        raise PermissionDenied("Only a team manager can restrict a record")
    return person


def _chosen(data) -> dict:
    return {
        "named_users": list(User.objects.filter(pk__in=data["named_users"])),
        "named_teams": list(Team.objects.filter(pk__in=data["named_teams"])),
    }


@require_http_methods(["GET", "POST"])
def restrict(request, pk):
    """Restrict the record to named users and teams, or change who it is kept to."""
    person = _managed_person(request, pk)
    restriction = selectors.restriction_for_managing(user=request.user, person=person)
    choices = {"users": selectors.user_choices(), "teams": selectors.team_choices()}
    if request.method == "POST":
        form = RestrictForm(request.POST, **choices)
        if restriction is None:
            save = lambda data: services.restriction_create(  # noqa: E731
                actor=request.user, person=person, reason=data["reason"], **_chosen(data)
            )
        else:
            save = lambda data: services.restriction_change(  # noqa: E731
                actor=request.user, restriction=restriction, reason=data["reason"], **_chosen(data)
            )
        saved, form = submit(request, form, save)
        if saved:
            messages.success(request, "The record is restricted" if restriction is None else "Restriction changed")
            return redirect("people:detail", pk=person.pk)
    elif restriction is not None:
        form = RestrictForm(
            initial={
                "reason": restriction.reason,
                "named_users": [str(u.pk) for u in restriction.named_users.all()],
                "named_teams": [str(t.pk) for t in restriction.named_teams.all()],
            },
            **choices,
        )
    else:
        form = RestrictForm(**choices)
    return page(request, person, "people/restricted/restrict.html", form=form, restriction=restriction)


@require_http_methods(["GET", "POST"])
def lift(request, pk):
    person = _managed_person(request, pk)
    restriction = selectors.restriction_for_managing(user=request.user, person=person)
    if restriction is None:
        raise Http404("This record is not restricted")
    form = LiftForm(request.POST or None)
    saved, form = submit(
        request,
        form,
        lambda data: services.restriction_lift(actor=request.user, restriction=restriction, reason=data["lift_reason"]),
    )
    if saved:
        messages.success(request, "The restriction is lifted")
        return redirect("people:detail", pk=person.pk)
    return page(request, person, "people/restricted/lift.html", form=form, restriction=restriction)


@require_http_methods(["GET", "POST"])
def break_glass(request, pk):
    """The notice and its form (GET), or break the glass (POST): back to the record once it is open."""
    found = selectors.restricted_notice_get(user=request.user, pk=pk)
    if found is None:
        person = person_or_404(request, pk)  # 404, or open to them already
        if can_view_person(request.user, person):
            return redirect("people:detail", pk=person.pk)
        raise Http404
    person, restriction = found
    if request.method != "POST":
        return render_notice(request, person, restriction)
    way = services.break_glass_way(request.user)
    form = BreakGlassForm(request.POST, way=way)
    saved, form = submit(
        request,
        form,
        lambda data: services.break_glass(
            actor=request.user,
            person=person,
            reason=data["reason"],
            password=data.get("password", ""),
            code=data.get("code", ""),
        ),
    )
    if saved:
        minutes = round((saved.expires_at - saved.granted_at).total_seconds() / 60)
        manager = restriction.restricted_by
        messages.success(
            request,
            f"You can open this record for {minutes} minutes, until "
            f"{timezone.localtime(saved.expires_at):%H:%M}. {manager.get_full_name() or manager.username}, "
            "who restricted it, has been told.",
        )
        return redirect("people:detail", pk=person.pk)
    return render_notice(request, person, restriction, form=form, status=400)


def break_glass_log(request):
    """Every break-glass: who, when, why, which record (team managers)."""
    if not can_see_break_glass_log(request.user):
        raise PermissionDenied
    rows = paginate(request, selectors.break_glass_log(user=request.user))
    audit_record(
        actor=request.user,
        action="view",
        obj=None,
        summary=f"Viewed the break-glass log (page {rows.number}, {len(rows.object_list)} events)",
        changes={"list": "people:break_glass_log", "page": rows.number, "break_glass": [str(g.pk) for g in rows]},
    )
    return render(request, "people/restricted/log.html", {"page": rows, "back_url": reverse("ui:home")})
