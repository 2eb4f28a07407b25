"""Failed sign-ins and lockouts go to the audit trail. Django and django-axes announce them as signals
(user_login_failed, user_locked_out); these receivers only hand the username to a service."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from .services import lockout_record, sign_in_failure_record


def _username(credentials) -> str:
    return str((credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or (credentials or {}).get("username") or "")


@receiver(user_login_failed, dispatch_uid="frontdoor_sign_in_failed")
def on_sign_in_failed(sender, credentials=None, request=None, **kwargs):
    sign_in_failure_record(username=_username(credentials))


@receiver(user_locked_out, dispatch_uid="frontdoor_locked_out")
def on_locked_out(sender, request=None, username=None, **kwargs):
    lockout_record(username=str(username or ""))
