"""The caller's survey (public, no sign-in), survey results, and professional disagreements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from frontdoor.ui.forms import submit

from . import domain, feedback_services, permissions, selectors
from .forms import DisagreementForm, StepForm, SurveyForm
from .survey import SurveyTokenError

TOKEN_PROBLEMS = {
    "used": ("You have already answered this survey", "Thank you: we already have your answers for this call."),
    "expired": (
        "This survey link has expired",
        "Survey links work for a limited time after the letter is sent. You can still tell us what you think "
        "by calling the number on your letter.",
    ),
    "forged": ("This survey link does not work", "Check you copied the whole link from your letter."),
    "unknown": ("This survey link does not work", "Check you copied the whole link from your letter."),
}


def _token_problem(request, kind: str):
    title, text = TOKEN_PROBLEMS.get(kind, TOKEN_PROBLEMS["unknown"])
    return render(
        request,
        "letters/survey_problem.html",
        {"title": title, "text": text},
        status=410 if kind in {"used", "expired"} else 404,
    )


@login_not_required
@never_cache
@csrf_protect
def survey(request, token):
    try:
        invitation = feedback_services.survey_invitation_for_token(token)
    except SurveyTokenError as exc:
        return _token_problem(request, exc.kind)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_services.survey_submit(
                token=token,
                helpfulness=form.cleaned_data["helpfulness"],
                could_be_better=form.cleaned_data["could_be_better"],
            )
        except SurveyTokenError as exc:
            return _token_problem(request, exc.kind)
        return redirect("letters:survey_thanks")
    return render(request, "letters/survey.html", {"form": form, "called_on": invitation.contact.received_at})


@login_not_required
def survey_thanks(request):
    return render(request, "letters/survey_thanks.html")


def survey_results(request):
    if not permissions.can_view_survey_results(request.user):
        raise PermissionDenied
    return render(request, "letters/survey_results.html", selectors.survey_summary(user=request.user))


def disagreement_new(request, pk):
    contact = selectors.contact_for_letters(user=request.user, pk=pk)
    if not permissions.can_record_disagreement(request.user, contact):
        raise Http404
    form = DisagreementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        row = feedback_services.disagreement_create(actor=request.user, contact=contact, **form.cleaned_data)
        messages.success(request, "Disagreement recorded. Record each step as it happens.")
        return redirect("letters:disagreement", pk=row.pk)
    return render(request, "letters/disagreement_new.html", {"contact": contact, "form": form})


def disagreement(request, pk):
    """A disagreement and its escalation steps; recording the next step is an edit of the disagreement."""
    row = selectors.disagreement_get(user=request.user, pk=pk)
    if request.method == "POST" and not permissions.can_record_disagreement(request.user, row.contact):
        raise Http404
    next_step = domain.next_step([s.step for s in row.steps.all()])
    form = StepForm(
        request.POST if request.method == "POST" else None, initial={"step": next_step, "version": row.version}
    )
    saved, form = submit(
        request,
        form,
        lambda data: feedback_services.disagreement_step_add(actor=request.user, disagreement=row, **data),
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
        },
    )
