"""After the password, before any other page: the second factor (when required) and a temporary
password's replacement. Sign-in, sign-out, these steps' own pages, static files and /healthz are exempt."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .domain import second_factor_done, second_factor_needed, signed_in_by_identity_provider
from .selectors import has_authenticator

EXEMPT_URL_NAMES = {
    "login",
    "logout",
    "two_factor_verify",
    "two_factor_enrol",
    "password_change",
    "session_status",  # the timeout warning asks these with fetch(): they answer JSON, never a step page
    "session_keep_alive",
}
HAS_APP = "frontdoor_has_authenticator"  # set at password sign-in, so that most pages need no query


class SignInStepsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated):
            return None
        needs_code = not second_factor_done(request) and second_factor_needed(
            required=settings.FRONTDOOR_REQUIRE_2FA, has_device=bool(request.session.get(HAS_APP))
        )
        needs_password = user.must_change_password and not signed_in_by_identity_provider(request.session)
        # Until both steps are done the header offers no menu: its links would only lead back here.
        request.frontdoor_sign_in_unfinished = needs_code or needs_password
        if _exempt(request):
            return None
        if needs_code:
            step = "accounts:two_factor_verify" if has_authenticator(user=user) else "accounts:two_factor_enrol"
            return _to(step, request)
        if needs_password:
            return _to("accounts:password_change", request)
        return None


def _exempt(request) -> bool:
    if request.path.startswith(settings.STATIC_URL) or request.path.rstrip("/") == "/healthz":
        return True
    match = request.resolver_match
    return bool(match and match.namespace == "accounts" and match.url_name in EXEMPT_URL_NAMES)


def _to(step: str, request):
    url = reverse(step)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)
