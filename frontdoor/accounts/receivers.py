"""Sign-ins, sign-outs, failed sign-ins and lockouts go to the audit trail. Django and django-axes announce
them as signals (user_logged_in, user_logged_out, user_login_failed, user_locked_out), whichever way the
user signed in (our page, single sign-on, the admin's login); these receivers are the only writers of
those events and only hand what they know to a service."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from .services import lockout_record, sign_in_failure_record, sign_in_record, sign_out_record
from .sessions import SIGN_OUT_REASON
from .sso import FrontDoorOIDCBackend


def _username(credentials) -> str:
    return str((credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or (credentials or {}).get("username") or "")


@receiver(user_login_failed, dispatch_uid="frontdoor_sign_in_failed")
def on_sign_in_failed(sender, credentials=None, request=None, **kwargs):
    sign_in_failure_record(username=_username(credentials))


@receiver(user_locked_out, dispatch_uid="frontdoor_locked_out")
def on_locked_out(sender, request=None, username=None, **kwargs):
    lockout_record(username=str(username or ""))


@receiver(user_logged_in, dispatch_uid="frontdoor_signed_in")
def on_signed_in(sender, request=None, user=None, **kwargs):
    backend = request.session.get(BACKEND_SESSION_KEY, "") if request is not None else ""
    by_sso = bool(backend) and issubclass(import_string(backend), FrontDoorOIDCBackend)
    sign_in_record(user=user, by_sso=by_sso)


@receiver(user_logged_out, dispatch_uid="frontdoor_signed_out")
def on_signed_out(sender, request=None, user=None, **kwargs):
    if user is not None:  # None: nobody was signed in
        sign_out_record(user=user, reason=getattr(request, SIGN_OUT_REASON, None))
