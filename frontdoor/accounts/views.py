from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from frontdoor.ui.forms import submit
from frontdoor.ui.pages import visible_or_404
from frontdoor.ui.pagination import paginate

from .domain import BY_PASSWORD, SIGNED_IN_BY, grouped, second_factor_done
from .forms import CodeForm, PasswordChangeForm, SignInForm, TemporaryPasswordForm, UserSearchForm
from .middleware import HAS_APP
from .permissions import can_manage_users
from .selectors import has_authenticator, locked_usernames, sign_in_state, user_for_admin, users_for_admin
from .services import (
    authenticator_confirm,
    authenticator_start,
    password_change,
    password_set_temporary,
    recovery_codes_make,
    second_factor_check,
    second_factor_reset,
    user_unlock,
)

USERS_PAGE_SIZE = 50


@method_decorator(never_cache, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session[SIGNED_IN_BY] = BY_PASSWORD
        self.request.session[HAS_APP] = has_authenticator(user=self.request.user)
        return response


class SignOutView(auth_views.LogoutView):
    pass


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a sign-in while the username is locked (AXES_LOCKOUT_CALLABLE)."""
    context = {"minutes": settings.FRONTDOOR_LOCKOUT_MINUTES, "service_desk": settings.FRONTDOOR_SERVICE_DESK}
    return render(request, "accounts/locked_out.html", context, status=429)


def admin_sign_in(request):
    """The admin site signs in through our sign-in page, with its lockout and second factor."""
    if request.user.is_authenticated:
        if request.user.is_staff:
            return redirect("admin:index")
        raise PermissionDenied
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("accounts:login") + (f"?{query}" if query else ""))


def _next(request, default: str = "ui:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


def account(request):
    """Your account: change your password, your authenticator app and recovery codes."""
    return render(request, "accounts/account.html", {"state": sign_in_state(user=request.user)})


def change_password(request):
    form = PasswordChangeForm(request.POST or None, user=request.user)
    user, form = submit(request, form, lambda d: password_change(actor=request.user, new_password=d["new_password1"]))
    if user:
        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed")
        return redirect(_next(request))
    return render(request, "accounts/password_change.html", {"form": form, "next": _next(request)})


def _qr_svg(text: str) -> str:
    """The QR code as inline SVG (no script, no style attribute), dark on white with a quiet zone."""
    svg = segno.make(text, error="m").svg_inline(scale=5, border=4, dark="#0b0c0c", light="#ffffff", svgclass="fd-qr")
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1))  # noqa: S308


def two_factor_enrol(request):
    """Set up an authenticator app: scan the QR code (or type the key), then enter its first code."""
    if has_authenticator(user=request.user):
        return redirect("accounts:account")
    device = authenticator_start(actor=request.user)
    form = CodeForm(request.POST or None, label="Code from your app", hint="The 6-digit code the app shows now")
    codes, form = submit(
        request, form, lambda d: authenticator_confirm(actor=request.user, device=device, code=d["code"])
    )
    if codes:
        otp_login(request, device)
        request.session[HAS_APP] = True
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request), "new": True})
    context = {
        "form": form,
        "qr": _qr_svg(device.config_url),
        "secret": grouped(b32encode(device.bin_key).decode().rstrip("=")),
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


def two_factor_verify(request):
    """The second step of a password sign-in: a code from the app, or a recovery code."""
    if second_factor_done(request):
        return redirect(_next(request))
    if not has_authenticator(user=request.user):
        return redirect(reverse("accounts:two_factor_enrol") + f"?{request.META.get('QUERY_STRING', '')}")
    form = CodeForm(
        request.POST or None,
        label="Code from your authenticator app",
        hint="The 6-digit code your app shows now. If you do not have your phone, enter one of your recovery codes.",
    )
    device, form = submit(request, form, lambda d: second_factor_check(actor=request.user, code=d["code"]))
    if device:
        otp_login(request, device)
        if isinstance(device, StaticDevice):
            left = device.token_set.count()
            messages.success(
                request,
                f"You used a recovery code. You have {left} left: make new ones from Your account if you need to",
            )
        return redirect(_next(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)})


def recovery_codes(request):
    """New recovery codes, shown once. Only in a session that has shown a code from the app."""
    if not (has_authenticator(user=request.user) and second_factor_done(request)):
        return redirect("accounts:account")
    if request.method == "POST":
        codes = recovery_codes_make(actor=request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:account")})
    return render(request, "accounts/recovery_codes_new.html", {"state": sign_in_state(user=request.user)})


# --- The administrator's Users pages -----------------------------------------------------------------


def users(request):
    form = UserSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = users_for_admin(user=request.user, query=query)
    if found is None:
        raise PermissionDenied
    page = paginate(request, found, per_page=USERS_PAGE_SIZE)
    locked = locked_usernames(u.username for u in page)
    return render(request, "accounts/users.html", {"form": form, "page": page, "locked": locked, "query": query})


def _user_page(request, user, password_form=None, status=200):
    context = {
        "person": user,
        "state": sign_in_state(user=user),
        "password_form": password_form or TemporaryPasswordForm(),
    }
    return render(request, "accounts/user.html", context, status=status)


def user_detail(request, pk: int):
    return _user_page(request, visible_or_404(request, can_manage_users, user_for_admin, pk=pk))


def temporary_password(request, pk: int):
    user = visible_or_404(request, can_manage_users, user_for_admin, pk=pk)
    if request.method != "POST":
        return redirect("accounts:user", pk=pk)
    form = TemporaryPasswordForm(request.POST)
    saved, form = submit(
        request, form, lambda d: password_set_temporary(actor=request.user, user=user, password=d["password"])
    )
    if saved:
        messages.success(request, f"{user} has a temporary password. They must choose a new one when they sign in")
        return redirect("accounts:user", pk=pk)
    return _user_page(request, user, form)


def reset_two_factor(request, pk: int):
    return _user_button(
        request, pk, second_factor_reset, "{user}'s authenticator app and recovery codes have been removed"
    )


def unlock(request, pk: int):
    return _user_button(request, pk, user_unlock, "{user} can sign in again")


def _user_button(request, pk: int, service, done: str):
    """A button on a user's page with nothing typed: run the service on POST, then back to the page."""
    user = visible_or_404(request, can_manage_users, user_for_admin, pk=pk)
    if request.method == "POST":
        service(actor=request.user, user=user)
        messages.success(request, done.format(user=user))
    return redirect("accounts:user", pk=pk)
