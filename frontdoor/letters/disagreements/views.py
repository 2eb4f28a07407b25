"""Professional disagreements: recording one on a contact, then each escalation step."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from frontdoor.referrals.selectors import contact_decisions_and_referrals
from frontdoor.ui.forms import submit
from frontdoor.ui.pages import found_or_404

from .. import domain, permissions, selectors
from ..forms import DisagreementForm, StepForm
from . import services


def disagreement_new(request, pk):
    contact = found_or_404(selectors.contact_for_letters(user=request.user, pk=pk))
    if not permissions.can_record_disagreement(request.user, contact):
        raise Http404
    form = DisagreementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        row = services.disagreement_create(actor=request.user, contact=contact, **form.cleaned_data)
        messages.success(request, "Disagreement recorded. Record each step as it happens.")
        return redirect("letters:disagreement", pk=row.pk)
    return render(
        request,
        "letters/disagreement_new.html",
        {
            "contact": contact,
            "form": form,
            "decisions": contact_decisions_and_referrals(user=request.user, contact=contact),
        },
    )


def disagreement(request, pk):
    """A disagreement and its escalation steps; recording the next step is an edit of the disagreement."""
    row = found_or_404(selectors.disagreement_get(user=request.user, pk=pk, audit=request.method == "GET"))
    if request.method == "POST" and not permissions.can_record_disagreement(request.user, row.contact):
        raise Http404
    next_step = domain.next_step([s.step for s in row.steps.all()])
    form = StepForm(
        request.POST if request.method == "POST" else None, initial={"step": next_step, "version": row.version}
    )
    saved, form = submit(
        request,
        form,
        lambda data: services.disagreement_step_add(actor=request.user, disagreement=row, **data),
    )
    if saved:
        messages.success(request, "Step recorded")
        return redirect("letters:disagreement", pk=row.pk)
    row.refresh_from_db()  # a refused step shows the disagreement as it now stands
    steps = list(row.steps.all())
    return render(
        request,
        "letters/disagreement.html",
        {
            "disagreement": row,
            "contact": row.contact,
            "steps": steps,
            "form": form,
            "next_step": domain.next_step([s.step for s in steps]),
            "decisions": contact_decisions_and_referrals(user=request.user, contact=row.contact),
        },
    )
