"""{% session_timeout_dialog %}: the GOV.UK timeout warning for a signed-in user (hidden without JavaScript).

Configuration reaches static/accounts/session-timeout.js through data- attributes: no inline script."""

import time

from django import template
from django.urls import reverse

from frontdoor.accounts.sessions import STARTED_KEY, SessionLimits, duration_words

register = template.Library()


@register.inclusion_tag("accounts/_session_timeout.html", takes_context=True)
def session_timeout_dialog(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"show": False}
    limits = SessionLimits.from_settings()
    now = time.time()
    started = float(request.session.get(STARTED_KEY, now))
    return {
        "show": True,
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path(),
        "idle_seconds": int(limits.idle_seconds),
        "absolute_remaining": max(0, int(started + limits.max_seconds - now)),
        "warning_seconds": min(limits.warning_seconds, int(limits.idle_seconds // 2)),
        "idle_words": duration_words(limits.idle_seconds),
        "max_words": duration_words(limits.max_seconds),
        "status_url": reverse("accounts:session_status"),
        "keep_alive_url": reverse("accounts:session_keep_alive"),
        "sign_in_url": reverse("accounts:login"),
    }
