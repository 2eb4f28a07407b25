"""Sessions end after a spell with nothing done (idle) and after an absolute length, enforced here on
the server; the timeout warning (static/accounts/session-timeout.js) only tells the user in time.

The clock lives in the session: when it started and when the user last did something. Every request
from the user counts as activity except the warning's own status checks; "Stay signed in" (the
keep-alive POST) counts, because the user chose it. Neither writes an audit event; expiry does.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

STARTED_KEY = "frontdoor_session_started"
ACTIVITY_KEY = "frontdoor_last_activity"
IDLE = "idle"
ABSOLUTE = "absolute"
SIGN_OUT_REASON = "frontdoor_sign_out_reason"  # set on the request when the session ran out


@dataclass(frozen=True)
class SessionLimits:
    idle_seconds: float
    max_seconds: float
    warning_seconds: int

    @classmethod
    def from_settings(cls) -> SessionLimits:
        return cls(
            idle_seconds=float(getattr(settings, "FRONTDOOR_SESSION_IDLE_MINUTES", 30)) * 60,
            max_seconds=float(getattr(settings, "FRONTDOOR_SESSION_MAX_HOURS", 10)) * 3600,
            warning_seconds=int(getattr(settings, "FRONTDOOR_SESSION_WARNING_SECONDS", 120)),
        )

    @property
    def activity_resolution(self) -> float:
        """Activity is written to the session at most this often (not a database write per request)."""
        return min(60.0, self.idle_seconds / 10)


# --- rules (pure) ------------------------------------------------------------------------------
def expiry_reason(*, now: float, started: float, last_activity: float, limits: SessionLimits) -> str | None:
    if now - started >= limits.max_seconds:
        return ABSOLUTE
    if now - last_activity >= limits.idle_seconds:
        return IDLE
    return None


def seconds_left(*, now: float, started: float, last_activity: float, limits: SessionLimits) -> dict[str, int]:
    return {
        "idle_remaining": max(0, int(last_activity + limits.idle_seconds - now)),
        "absolute_remaining": max(0, int(started + limits.max_seconds - now)),
    }


def duration_words(seconds: float) -> str:
    """30 minutes, 1 hour 30 minutes, 10 hours, 45 seconds."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} second{'' if seconds == 1 else 's'}"
    hours, minutes = divmod(round(seconds / 60), 60)
    parts = [f"{hours} hour{'' if hours == 1 else 's'}"] if hours else []
    if minutes:
        parts.append(f"{minutes} minute{'' if minutes == 1 else 's'}")
    return " ".join(parts)


def signed_out_message(reason: str, limits: SessionLimits) -> str:
    if reason == ABSOLUTE:
        return (
            f"You were signed out because you had been signed in for {duration_words(limits.max_seconds)}, "
            "the longest Front Door allows. Sign in again to carry on."
        )
    return (
        f"You were signed out because you had not done anything for {duration_words(limits.idle_seconds)}. "
        "Sign in again to carry on."
    )


# --- the clock in the session ------------------------------------------------------------------
def session_clock_start(session, now: float) -> None:
    session[STARTED_KEY] = now
    session[ACTIVITY_KEY] = now


def session_clock_start_at_sign_in(sender, request, user, **kwargs) -> None:
    """Receiver of Django's user_logged_in (connected in AccountsConfig.ready, as Django connects
    update_last_login): the clock starts with the sign-in itself, whichever way the user signed in,
    so the first page afterwards does not write to the session."""
    if request is not None and hasattr(request, "session"):
        session_clock_start(request.session, time.time())


def session_touch(session, now: float) -> None:
    session[ACTIVITY_KEY] = now


def _clock(session, now: float) -> tuple[float, float]:
    started = float(session.get(STARTED_KEY, now))
    return started, float(session.get(ACTIVITY_KEY, started))


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _signed_out_response(request, reason: str | None):
    login_url = resolve_url(settings.LOGIN_URL)
    if _wants_json(request):
        return JsonResponse({"signed_in": False, "reason": reason, "sign_in_url": login_url}, status=401)
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = login_url
        return response
    return redirect_to_login(request.get_full_path() if request.method == "GET" else request.path)


@transaction.atomic
def session_expire(*, request, reason: str, limits: SessionLimits) -> None:
    """Sign the user out because their session ran out, and say why. The sign-out's audit event (written
    by receivers.on_signed_out, as for every sign-out) carries the reason."""
    setattr(request, SIGN_OUT_REASON, reason)
    logout(request)
    messages.info(request, signed_out_message(reason, limits))


class SessionExpiryMiddleware:
    """Ends a signed-in session that has been idle, or open, too long: the next request goes to the
    sign-in page with a message saying why (or, from the warning's fetch, a 401 JSON answer)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limits = SessionLimits.from_settings()
        now = time.time()
        was_signed_in = request.user.is_authenticated
        if was_signed_in and STARTED_KEY in request.session:
            started, last = _clock(request.session, now)
            if reason := expiry_reason(now=now, started=started, last_activity=last, limits=limits):
                session_expire(request=request, reason=reason, limits=limits)
                response = _signed_out_response(request, reason)
                add_never_cache_headers(response)
                return response

        response = self.get_response(request)

        if request.user.is_authenticated:
            session = request.session
            if STARTED_KEY not in session:
                session_clock_start(session, now)  # a session from before this clock
            elif (
                getattr(request, "frontdoor_counts_as_activity", True)
                and now - float(session.get(ACTIVITY_KEY, 0)) >= limits.activity_resolution
            ):
                session_touch(session, now)
        return response


# --- endpoints for the timeout warning ------------------------------------------------------------
@login_not_required
@never_cache
@require_GET
def session_status(request):
    """How long the session has left. Asking does not count as activity (it would keep sessions alive)."""
    request.frontdoor_counts_as_activity = False
    if not request.user.is_authenticated:
        return _signed_out_response(request, None) if _wants_json(request) else redirect_to_login(request.path)
    limits = SessionLimits.from_settings()
    now = time.time()
    started, last = _clock(request.session, now)
    return JsonResponse(
        {"signed_in": True, **seconds_left(now=now, started=started, last_activity=last, limits=limits)}
    )


@login_not_required
@never_cache
@require_POST
def session_keep_alive(request):
    """ "Stay signed in": the user chose to carry on, so the idle clock starts again."""
    if not request.user.is_authenticated:
        return _signed_out_response(request, None)
    now = time.time()
    session_touch(request.session, now)
    request.frontdoor_counts_as_activity = False  # already written
    if _wants_json(request):
        limits = SessionLimits.from_settings()
        started, last = _clock(request.session, now)
        return JsonResponse(
            {"signed_in": True, **seconds_left(now=now, started=started, last_activity=last, limits=limits)}
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
    return HttpResponseRedirect(next_url)
