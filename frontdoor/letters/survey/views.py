"""The caller's survey (public, no sign-in) and its results for managers and analysts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from frontdoor.ui.pages import found_or_404

from .. import permissions, selectors
from ..forms import SurveyForm
from . import services
from .tokens import SurveyTokenError

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
        invitation = services.survey_invitation_for_token(token)
    except SurveyTokenError as exc:
        return _token_problem(request, exc.kind)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_submit(
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
    return render(request, "letters/survey_results.html", found_or_404(selectors.survey_summary(user=request.user)))
