"""Single sign-on pages: start (redirect to the identity provider), callback, and the refusal page.

All answer 404 while single sign-on is off."""

from __future__ import annotations

import logging
from functools import wraps

import requests
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import domain
from .backend import REFUSAL_SESSION_KEY, sso_enabled

logger = logging.getLogger(__name__)

# CONTRACT with the second-factor sign-in: sessions marked "sso" count as verified (the IdP does MFA).
SIGNED_IN_BY_KEY = "frontdoor_signed_in_by"

REFUSALS = {
    domain.NO_ROLE: (
        "Your council account is not set up for Front Door",
        "Your council account is not in any of the groups that give access to Front Door. Ask your "
        "administrator to add you to the Front Door group for your job, then sign in again.",
    ),
    domain.NO_AGENCY: (
        "Your council account does not say which agency you work for",
        "MASH partners see only requests sent to their own agency, so Front Door needs to know yours. Ask "
        "your administrator to add you to your agency's Front Door group, then sign in again.",
    ),
    domain.SWITCHED_OFF: (
        "Your Front Door account has been switched off",
        "Ask your administrator to switch your account back on if you still need Front Door.",
    ),
    domain.GROUP_OVERAGE: (
        "Front Door could not read your council groups",
        "Your council account is in too many groups for Front Door to read them. Ask your administrator to "
        "set the Front Door application to send only the groups assigned to it.",
    ),
    domain.NO_USERNAME: (
        "Your council account has no sign-in name",
        "Front Door was not told your sign-in name or e-mail address. Ask your administrator for help.",
    ),
}
FAILED = (
    "Signing in with your council account did not work",
    "Try again. If it keeps happening, sign in with your Front Door username and password if you have "
    "one, or ask your administrator for help.",
)


def sso_only(view):
    """404 unless single sign-on is configured; open to people who are not signed in yet."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not sso_enabled():
            raise Http404("Single sign-on is off")
        return view(request, *args, **kwargs)

    return login_not_required(never_cache(wrapped))


class SSOAuthenticateView(OIDCAuthenticationRequestView):
    """Sends the browser to the identity provider (with state, nonce and PKCE)."""


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """Back from the identity provider: sign in, mark the session as single sign-on, audit."""

    @property
    def failure_url(self):
        return reverse("oidc_refused")

    def get(self, request):
        """A forged or replayed callback, a token that fails its checks, or a provider that cannot be
        reached: the user is not signed in and is told so on a GOV.UK page, never a 400 or 500."""
        if request.GET.get("error") and request.GET.get("state") not in request.session.get("oidc_states", {}):
            # The library would sign the current user out on any "?error=": only for a sign-in we started.
            return self.login_failure()
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException) as problem:
            logger.warning("Single sign-on callback failed: %s", problem)
            return self.login_failure()

    def login_success(self):
        response = super().login_success()
        self.request.session[SIGNED_IN_BY_KEY] = "sso"
        self.request.session.pop(REFUSAL_SESSION_KEY, None)
        return response


def refused(request):
    """Why signing in with the council account did not work, and who can fix it."""
    reason = request.session.pop(REFUSAL_SESSION_KEY, None)
    heading, advice = REFUSALS.get(reason, FAILED)
    return render(
        request,
        "accounts/sso_refused.html",
        {"heading": heading, "advice": advice, "refused": reason in REFUSALS},
        status=403 if reason in REFUSALS else 200,
    )
