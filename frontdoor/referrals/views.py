"""Thin views: check permission, run a form, call one service, redirect with a message."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.audit.permissions import can_view_audit
from frontdoor.audit.selectors import audit_events_for_object
from frontdoor.core.locking import StaleEdit
from frontdoor.mash.permissions import can_open_enquiries
from frontdoor.ui.forms import submit
from frontdoor.ui.pages import once_per_request, visible_or_404
from frontdoor.ui.pagination import paginate

from . import domain, forms, permissions, queues, selectors, services


def _referral_or_404(request, pk, *, audit: bool = False):
    return visible_or_404(request, permissions.can_view_referrals, selectors.referral_get, pk=pk, audit=audit)


def decision(request, contact_id):
    contact = visible_or_404(
        request, permissions.can_decide, selectors.contact_for_decision, pk=contact_id, audit=request.method == "GET"
    )
    existing = selectors.decision_for_contact(user=request.user, contact=contact)
    referral = getattr(existing, "referral", None) if existing else None
    # Version 0 says "no decision yet": a page opened before someone else decided is refused as stale.
    initial = {"version": existing.version if existing else 0}
    if existing:
        initial.update(
            level=existing.level,
            outcome=existing.outcome,
            reasons=existing.reasons,
            s47_indicators=existing.s47_indicators,
        )
    form = forms.DecisionForm(request.POST or None, initial=initial)
    saved, form = submit(
        request, form, lambda data: services.decision_record(actor=request.user, contact=contact, **data)
    )
    if saved and hasattr(saved, "referral"):
        messages.success(request, f"Referral {saved.referral.reference} opened: complete it and send it")
        return redirect("referrals:edit", pk=saved.referral.pk)
    if saved:
        messages.success(request, f"Decision on {contact.reference} saved")
        return redirect("referrals:queue", name="mine")
    return render(
        request,
        "referrals/decision.html",
        {
            "contact": contact,
            "form": form,
            "decision": existing,
            "referral": referral,
            "levels": domain.LEVELS,
            "children": [p for p in contact.people.all() if p.is_child],
        },
    )


def referral_detail(request, pk):
    referral = _referral_or_404(request, pk, audit=True)
    user = request.user
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "checklist": selectors.referral_checklist(referral, user=request.user, next_url=request.path),
            **selectors.referral_history(user=user, referral=referral),
            "can_edit": permissions.can_edit_referral(user, referral) and domain.can_transition(referral.state, "edit"),
            "can_authorise": permissions.can_authorise(user, referral)
            and domain.can_transition(referral.state, "authorise"),
            "can_share": permissions.can_decide_sharing(user, referral),
            "can_police": permissions.can_notify_police(user, referral),
            "can_read_mash": can_open_enquiries(user),
            "can_milestone": permissions.can_record_milestone(user, referral)
            and domain.can_transition(referral.state, "record_milestone"),
            "can_take": permissions.can_take(user, referral) and domain.can_transition(referral.state, "allocate"),
            "audit_events": audit_events_for_object(user=user, obj=referral) if can_view_audit(user) else [],
        },
    )


def referral_edit(request, pk):
    referral = _referral_or_404(request, pk)
    if not permissions.can_edit_referral(request.user, referral):
        raise PermissionDenied
    suggestion = selectors.route_suggest(referral)
    initial = {name: getattr(referral, name) for name in services.REFERRAL_FIELDS if name != "allocated_worker"}
    initial["receiving_team"] = referral.receiving_team or suggestion.team
    initial["version"] = referral.version
    teams = selectors.receiving_teams(user=request.user)
    form = forms.ReferralForm(request.POST or None, initial=initial, teams=teams)
    send = "send" in request.POST
    saved, form = submit(
        request,
        form,
        lambda data: services.referral_update(
            actor=request.user, referral=referral, submit=send, allocated_worker=suggestion.worker, **data
        ),
        teams=teams,
    )
    if saved:
        messages.success(request, "Referral sent for authorisation" if send else "Referral saved")
        return redirect("referrals:detail", pk=referral.pk)
    return render(
        request,
        "referrals/edit.html",
        {
            "referral": referral,
            "form": form,
            "suggestion": suggestion,
            "checklist": selectors.referral_checklist(referral, user=request.user, next_url=request.path),
            "editable": domain.can_transition(referral.state, "edit"),
        },
    )


def referral_authorise(request, pk):
    referral = _referral_or_404(request, pk)
    if not permissions.can_authorise(request.user):
        raise PermissionDenied
    form = forms.AuthoriseForm(request.POST or None, initial={"version": referral.version})

    def save(data):
        try:
            if data["action"] == "authorise":
                return services.referral_authorise(actor=request.user, referral=referral, version=data["version"])
            return services.referral_return(
                actor=request.user, referral=referral, version=data["version"], reasons=data["reasons"]
            )
        except PermissionDenied as exc:
            raise ValidationError(str(exc) or "You cannot authorise this referral") from None

    saved, form = submit(request, form, save)
    if saved:
        if saved.state == "returned":
            messages.success(request, f"Referral {referral.reference} returned to {referral.worker}")
        else:
            messages.success(request, f"Referral {referral.reference} authorised")
        return redirect("referrals:queue", name="authorisation")
    return render(
        request,
        "referrals/authorise.html",
        {
            "referral": referral,
            "form": form,
            "own": not permissions.can_authorise(request.user, referral),
            "checklist": selectors.referral_checklist(referral, user=request.user, next_url=request.path),
        },
    )


def _referral_form_page(request, pk, *, may, form_class, title: str, save, done: str):
    """A form about one referral (sharing, police, milestones): the user must be allowed (`may`);
    `save(referral, data)` is the one service call; then back to the referral with `done` as the message."""
    referral = _referral_or_404(request, pk)
    if not may(request.user, referral):
        raise PermissionDenied
    saved, form = submit(request, form_class(request.POST or None), lambda data: save(referral, data))
    if saved:
        messages.success(request, done)
        return redirect("referrals:detail", pk=referral.pk)
    return render(request, "referrals/form_page.html", {"referral": referral, "form": form, "title": title})


def referral_sharing(request, pk):
    return _referral_form_page(
        request,
        pk,
        may=permissions.can_decide_sharing,
        form_class=forms.SharingForm,
        title="Sharing without the parents' knowledge",
        save=lambda referral, data: services.sharing_decide(actor=request.user, referral=referral, **data),
        done="Decision on sharing recorded",
    )


def referral_police(request, pk):
    def save(referral, data):
        when = timezone.make_aware(dt.datetime.combine(data["notified_on"], data["notified_time"]))
        return services.police_notify(
            actor=request.user,
            referral=referral,
            notified_at=when,
            police_reference=data["police_reference"],
            notes=data["notes"],
        )

    return _referral_form_page(
        request,
        pk,
        may=permissions.can_notify_police,
        form_class=forms.PoliceForm,
        title="Record that the police were told",
        save=save,
        done="Police notification recorded",
    )


def referral_milestone(request, pk):
    return _referral_form_page(
        request,
        pk,
        may=permissions.can_record_milestone,
        form_class=forms.MilestoneForm,
        title="Record what happened next",
        save=lambda referral, data: services.milestone_record(actor=request.user, referral=referral, **data),
        done="Recorded",
    )


@require_POST
def referral_take(request, pk):
    referral = _referral_or_404(request, pk)
    if not permissions.can_take(request.user, referral):
        raise PermissionDenied
    try:
        services.referral_take(actor=request.user, referral=referral, version=request.POST.get("version"))
    except StaleEdit as exc:
        messages.error(request, exc.for_reader(request.user).action_message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{referral.reference} is now in your work")
    return redirect("referrals:detail", pk=referral.pk)


def queue(request, name):
    if not permissions.can_see_queues(request.user):
        raise PermissionDenied
    available = queues.queues_for(request.user)
    if name not in available:
        raise Http404
    now = timezone.now()
    kinds = [k for k in request.GET.getlist("kind") if k in queues.KINDS]
    urgent_only = request.GET.get("urgent") == "yes"
    overdue_only = request.GET.get("overdue") == "yes"
    filtered = bool(kinds or urgent_only or overdue_only)
    rows = queues.queue_rows(
        user=request.user, queue=name, now=now, kinds=kinds, urgent_only=urgent_only, overdue_only=overdue_only
    )
    total = once_per_request(
        request, ("queue", name), lambda: queues.queue_count(user=request.user, queue=name, now=now)
    )
    page = paginate(request, rows, count=None if filtered else total)
    present_kinds = queues.queue_kinds(user=request.user, queue=name, now=now)
    return render(
        request,
        "referrals/queue.html",
        {
            "name": name,
            "title": queues.QUEUES[name],
            "tabs": [{"name": q, "label": queues.QUEUES[q]} for q in available],
            "page": page,
            "items": [{"item": i, "overdue": i.overdue(now)} for i in page.object_list],
            "total": total,
            "shown": page.paginator.count,
            "kind_options": [
                {"value": k, "label": queues.KINDS[k], "checked": k in kinds} for k in (present_kinds or [])
            ]
            + [{"value": k, "label": queues.KINDS[k], "checked": True} for k in kinds if k not in present_kinds],
            "urgent_only": urgent_only,
            "overdue_only": overdue_only,
            "filtered": filtered,
        },
    )
