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
from frontdoor.ui.forms import add_service_errors, posted_as_initial, submit
from frontdoor.ui.pages import once_per_request, visible_or_404
from frontdoor.ui.pagination import paginate
from frontdoor.ui.templatetags.govuk import govuk_error_summary

from . import domain, forms, permissions, queues, selectors, services


def _referral_or_404(request, pk, *, audit: bool = False):
    return visible_or_404(request, permissions.can_view_referrals, selectors.referral_get, pk=pk, audit=audit)


def decision(request, contact_id):
    """A decision for each child on the contact, with "the same decision for all children" as a shortcut."""
    contact = visible_or_404(
        request, permissions.can_decide, selectors.contact_for_decision, pk=contact_id, audit=request.method == "GET"
    )
    decisions = selectors.decisions_for_contact(user=request.user, contact=contact)
    posted = request.POST if request.method == "POST" else None
    apply = (posted.get("apply") or "each") if posted is not None else None
    rows = []
    for index, child in enumerate(services.contact_children(contact) or [None]):
        existing = decisions.get(child.pk if child else None)
        referral = getattr(existing, "referral_or_none", None)
        prefix = f"c{index}"
        # Version 0 says "no decision yet": a page opened before someone else decided is refused as stale.
        initial: dict = {"version": existing.version if existing else 0}
        if existing:
            initial.update(
                level=existing.level,
                outcome=existing.outcome,
                reasons=existing.reasons,
                s47_indicators=existing.s47_indicators,
            )
        if posted is not None and apply == "each":
            form = forms.DecisionForm(posted, initial=initial, prefix=prefix)
        elif posted is not None:
            initial.update(posted_as_initial(forms.DecisionForm, prefix, posted))
            form = forms.DecisionForm(initial=initial, prefix=prefix)
        else:
            form = forms.DecisionForm(initial=initial, prefix=prefix)
        rows.append(
            {
                "index": index,
                "child": child,
                "name": child.shown_name if child else "",
                "decision": existing,
                "referral": referral,
                "form": form,
                "open": referral is None,
            }
        )
    open_rows = [r for r in rows if r["open"]]
    same_form = None
    if len(open_rows) >= 2 or apply == "all":
        same_form = (
            forms.SameDecisionForm(posted, prefix="all")
            if apply == "all"
            else forms.SameDecisionForm(
                initial=posted_as_initial(forms.SameDecisionForm, "all", posted or {}) or None, prefix="all"
            )
        )
    saved = None
    page_error = ""
    if posted is not None and apply == "all" and same_form is not None and same_form.is_valid():
        versions = {str(r["child"].pk): posted.get(f"c{r['index']}-version") for r in open_rows if r["child"]}
        try:
            saved = services.decisions_record_same(
                actor=request.user, contact=contact, versions=versions, **same_form.cleaned_data
            )
        except StaleEdit as exc:
            same_form.add_error(None, exc.for_reader(request.user).message)
        except ValidationError as exc:
            add_service_errors(same_form, exc)
    elif posted is not None and apply == "each":
        chosen = [r for r in open_rows if not (r["form"].is_blank() and r["decision"] is None)]
        if not open_rows:  # sent again after every decision became a referral: nothing more to do
            saved = [r["decision"] for r in rows]
        elif not chosen:
            page_error = "Record a decision for at least one child"
        elif all(r["form"].is_valid() for r in chosen):
            choices = [{"index": r["index"], "child": r["child"], **r["form"].cleaned_data} for r in chosen]
            try:
                saved = services.decisions_record_each(actor=request.user, contact=contact, choices=choices)
            except services.ChildDecisionRefused as refused:
                row = next(r for r in rows if r["index"] == refused.index)
                if isinstance(refused.error, StaleEdit):
                    data = posted.copy()
                    data[f"c{refused.index}-version"] = str(refused.error.current_version)
                    row["form"] = forms.DecisionForm(data, prefix=row["form"].prefix)
                    row["form"].is_valid()
                    row["form"].add_error(None, refused.error.for_reader(request.user).message)
                else:
                    add_service_errors(row["form"], refused.error)
    if saved is not None:
        opened = [r for r in (selectors.referral_for_decision(d) for d in saved) if r is not None]
        if opened:
            names = ", ".join(f"{r.reference} for {r.child_name or 'the child'}" for r in opened)
            messages.success(request, f"Referral{'s' if len(opened) > 1 else ''} {names}: complete each and send it")
            return redirect("referrals:edit", pk=opened[0].pk)
        messages.success(request, f"Decision{'s' if len(saved) > 1 else ''} on {contact.reference} saved")
        return redirect("referrals:queue", name="mine")
    errors = []
    if page_error:
        errors.append({"href": "#decisions", "message": page_error})
    if same_form is not None:
        errors += govuk_error_summary(same_form)["errors"]
    for r in rows:
        if r["form"].is_bound:
            for e in govuk_error_summary(r["form"])["errors"]:
                errors.append({**e, "message": f"{r['name']}: {e['message']}" if r["name"] else e["message"]})
    return render(
        request,
        "referrals/decision.html",
        {
            "contact": contact,
            "rows": rows,
            "open_rows": open_rows,
            "same_form": same_form,
            "errors": errors,
            "page_error": page_error,
            "levels": domain.LEVELS,
        },
        status=200,
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
            "siblings": selectors.sibling_referrals(user=user, referral=referral),
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


def _siblings_to_authorise(user, referral) -> list[dict]:
    """This referral and its siblings from the same contact not yet authorised, each with why this manager
    cannot authorise it now ("" when they can)."""
    group = [referral] + [
        r for r in selectors.sibling_referrals(user=user, referral=referral) if r.state in queues.OPEN_REFERRAL_STATES
    ]
    return [{"referral": r, "refusal": services.authorise_refusal(actor=user, referral=r)} for r in group]


def referral_authorise(request, pk):
    referral = _referral_or_404(request, pk)
    if not permissions.can_authorise(request.user):
        raise PermissionDenied
    together = _siblings_to_authorise(request.user, referral)
    together_errors: dict[str, str] = {}
    if request.method == "POST" and "together" in request.POST:
        versions = {t["referral"]: request.POST.get(f"version-{t['referral'].pk}") for t in together}
        try:
            done = services.referrals_authorise_together(actor=request.user, versions=versions)
        except (ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                ref, _, why = message.partition(": ")
                together_errors[ref if why else ""] = why or message
        else:
            messages.success(request, f"Referrals {', '.join(r.reference for r in done)} authorised")
            return redirect("referrals:queue", name="authorisation")
        for t in together:
            t["refusal"] = together_errors.get(t["referral"].reference, t["refusal"])
    form = forms.AuthoriseForm(
        request.POST if request.method == "POST" and "together" not in request.POST else None,
        initial={"version": referral.version},
    )

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
    errors = govuk_error_summary(form)["errors"] + [
        {"href": f"#sibling-{t['referral'].pk}", "message": f"{t['referral'].reference}: {together_errors[ref]}"}
        for t in together
        if (ref := t["referral"].reference) in together_errors
    ]
    if "" in together_errors:
        errors.append({"href": "#together", "message": together_errors[""]})
    return render(
        request,
        "referrals/authorise.html",
        {
            "referral": referral,
            "form": form,
            "errors": errors,
            "own": not permissions.can_authorise(request.user, referral),
            "checklist": selectors.referral_checklist(referral, user=request.user, next_url=request.path),
            "together": together if len(together) > 1 else [],
            "together_failed": bool(together_errors),
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
