from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from frontdoor.ui import search_terms
from frontdoor.ui.pages import found_or_404
from frontdoor.ui.pagination import paginate

from .forms import AllocationCheckForm, HandoverForm
from .permissions import can_check_allocation, can_take_handover, can_view_handovers
from .selectors import (
    allocation_check,
    cads_workers,
    handover_get,
    handover_rows,
    handovers_recent,
    handovers_waiting,
)
from .services import handover_record, handover_take


def check(request):
    """Ask for the child's name and address and show only whether a worker is allocated. The details are
    POSTed and kept under a token (ui.search_terms, decision 17): a child's name is never in the URL."""
    if not can_check_allocation(request.user):
        raise PermissionDenied
    form = AllocationCheckForm(request.POST if request.method == "POST" else search_terms.recall(request))
    results = None
    if form.is_bound and form.is_valid():
        if request.method == "POST":
            url = reverse("customer_service:check")
            return redirect(search_terms.url_with(url, search_terms.keep(request, form)))
        results = allocation_check(
            user=request.user,
            text=form.cleaned_data["child_name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
            postcode=form.cleaned_data["postcode"],
            audit=search_terms.first_showing(request),  # once per check, not on a refresh or the back button
        )
    handover_form = HandoverForm(workers=cads_workers(user=request.user)) if results is not None else None
    context = {"form": form, "results": results, "handover_form": handover_form}
    return render(request, "customer_service/check.html", {**context, "expired": search_terms.expired(request)})


def handover(request):
    if not can_check_allocation(request.user) or request.method != "POST":
        raise PermissionDenied
    check_form = AllocationCheckForm(request.POST)
    form = HandoverForm(request.POST, workers=cads_workers(user=request.user))
    if not (check_form.is_valid() and form.is_valid()):
        return render(
            request,
            "customer_service/check.html",
            {"form": check_form, "results": [], "handover_form": form},
            status=400,
        )
    chosen = request.POST.get("person", "")
    results = {
        r.person_pk: r
        for r in allocation_check(
            user=request.user,
            text=check_form.cleaned_data["child_name"],
            date_of_birth=check_form.cleaned_data["date_of_birth"],
            postcode=check_form.cleaned_data["postcode"],
        )
    }
    match = results.get(chosen)
    handover_record(
        actor=request.user,
        child_name=check_form.cleaned_data["child_name"],
        child_date_of_birth=check_form.cleaned_data["date_of_birth"],
        child_postcode=check_form.cleaned_data["postcode"],
        person_id=match.person_pk if match else None,
        allocated_worker=match.allocated_worker if match else "",
        **form.cleaned_data,
    )
    messages.success(request, "The call has been recorded")
    return redirect("customer_service:handovers")


def handovers(request):
    """Public calls: those handed over to CADS and waiting for a consultant social worker to take them, then
    every call of the last 7 days with the contact each one started."""
    if not can_view_handovers(request.user):
        raise PermissionDenied
    page = paginate(request, handovers_recent(user=request.user))
    waiting = handover_rows(user=request.user, handovers=handovers_waiting(user=request.user)[:50])
    return render(
        request,
        "customer_service/handovers.html",
        {
            "handovers": page,
            "rows": handover_rows(user=request.user, handovers=page.object_list),
            "waiting": waiting,
            "can_take": can_take_handover(request.user),
        },
    )


def handover_detail(request, pk):
    """One public call: what the advisor recorded, and the contact it started (or the button to take it)."""
    if not can_view_handovers(request.user):
        raise PermissionDenied
    row = found_or_404(handover_get(user=request.user, pk=pk, audit=True))
    return render(request, "customer_service/handover.html", {"row": row, "handover": row.handover})


@require_POST
def take(request, pk):
    """Take a public call handed over to CADS: its contact starts, filled in, and opens at the caller step."""
    if not (can_view_handovers(request.user) and can_take_handover(request.user)):
        raise PermissionDenied
    row = found_or_404(handover_get(user=request.user, pk=pk))
    try:
        taken = handover_take(actor=request.user, handover=row.handover)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("customer_service:handover_detail", pk=row.handover.pk)
    messages.success(
        request, "You have taken the call. The caller, the child and what they said are filled in: check them."
    )
    return redirect("contacts:caller", pk=taken.contact_id)
