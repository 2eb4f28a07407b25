"""Writes about accounts: failed sign-ins and lockouts recorded, unlocking, passwords, the second factor.
Each is atomic and audited; passwords and codes never reach the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.audit.services import audit_record

from .domain import RECOVERY_CODE_COUNT, normalise_code
from .models import User
from .sessions import ABSOLUTE, IDLE

if TYPE_CHECKING:
    from django_otp.models import Device

    from frontdoor.audit.models import AuditEvent

WRONG_CODE = "Enter the 6-digit code shown in your authenticator app, or one of your recovery codes"
TOO_MANY_CODES = "You have entered too many wrong codes. Wait a minute, then try again"
SSO = {"method": "sso"}
SIGNED_OUT_BECAUSE = {
    ABSOLUTE: "Signed out: reached the longest session",
    IDLE: "Signed out: nothing done for a while",
}


@transaction.atomic
def sign_in_record(*, user: User, by_sso: bool) -> AuditEvent:
    if by_sso:
        return audit_record(
            actor=user, action="sign_in", obj=user, summary="Signed in with the council account", changes=SSO
        )
    return audit_record(actor=user, action="sign_in", obj=user, summary="Signed in")


@transaction.atomic
def sign_out_record(*, user: User, reason: str | None) -> AuditEvent:
    """`reason` None: the user chose to sign out; else why their session ended (sessions.IDLE, ABSOLUTE)."""
    summary = SIGNED_OUT_BECAUSE.get(reason or "", "Signed out")
    return audit_record(
        actor=user, action="sign_out", obj=user, summary=summary, changes={"reason": reason} if reason else None
    )


@transaction.atomic
def sign_in_failure_record(*, username: str) -> AuditEvent:
    """A sign-in refused: the username tried (never the password), against the user if there is one."""
    return _sign_in_refusal(username, "sign_in_failed", f"Sign-in failed for username {username[:150]!r}")


@transaction.atomic
def lockout_record(*, username: str) -> AuditEvent:
    return _sign_in_refusal(
        username,
        "locked_out",
        f"Sign-in refused: username {username[:150]!r} is locked after too many wrong passwords",
    )


def _sign_in_refusal(username: str, action: str, summary: str) -> AuditEvent:
    user = User.objects.filter(username=username).first() if username else None
    return audit_record(actor=None, action=action, obj=user, summary=summary, changes={"username": username[:150]})


@transaction.atomic
def user_unlock(*, actor: User, user: User) -> User:
    removed = axes_reset(username=user.username)
    audit_record(actor=actor, action="unlocked", obj=user, summary="Unlocked sign-in", changes={"attempts": removed})
    return user


@transaction.atomic
def password_change(*, actor: User, new_password: str) -> User:
    """The signed-in user chooses a new password (their old one was checked by the form)."""
    validate_password(new_password, actor)
    actor.set_password(new_password)
    actor.must_change_password = False
    actor.save(update_fields=["password", "must_change_password"])
    audit_record(actor=actor, action="password_changed", obj=actor, summary="Changed their password")
    return actor


@transaction.atomic
def password_set_temporary(*, actor: User, user: User, password: str) -> User:
    """An administrator gives a user a temporary password, to be changed at their next sign-in; any
    lockout is lifted so that they can use it."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    axes_reset(username=user.username)
    audit_record(
        actor=actor, action="password_reset", obj=user, summary="Set a temporary password, to change at sign-in"
    )
    return user


@transaction.atomic
def second_factor_reset(*, actor: User, user: User) -> User:
    """Removes the user's authenticator app and recovery codes (a lost phone): they set up a new one at
    their next password sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="two_factor_reset", obj=user, summary="Reset the second factor")
    return user


@transaction.atomic
def authenticator_start(*, actor: User) -> TOTPDevice:
    """The authenticator app being set up: the same secret each time the page is opened, until confirmed."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name="Authenticator app", confirmed=False)
        audit_record(actor=actor, action="two_factor_started", obj=actor, summary="Started setting up an app")
    return device


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def authenticator_confirm(*, actor: User, device: TOTPDevice, code: str) -> list[str]:
    """The first code from the app confirms it; any older app stops working. Returns new recovery codes,
    shown to the user once."""
    if device.user_id != actor.pk or device.confirmed:
        raise ValidationError({"code": "Start setting up your authenticator app again"})
    if not device.verify_token(normalise_code(code)):
        raise ValidationError({"code": "Enter the 6-digit code shown in your authenticator app"})
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(actor)
    audit_record(actor=actor, action="two_factor_enrolled", obj=actor, summary="Set up an authenticator app")
    return codes


@transaction.atomic
def recovery_codes_make(*, actor: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    codes = _new_recovery_codes(actor)
    audit_record(actor=actor, action="recovery_codes_made", obj=actor, summary="Made new recovery codes")
    return codes


def _devices(user: User) -> list[Device]:
    return [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]


def second_factor_check(*, actor: User, code: str) -> Device:
    """The device (app or recovery codes) that accepts this code. A recovery code works once. Wrong codes
    are audited, and django-otp makes each further try wait longer (1, 2, 4, 8... seconds)."""
    token = normalise_code(code)
    with transaction.atomic():
        devices = _devices(actor)
        throttled = bool(devices) and all(not d.verify_is_allowed()[0] for d in devices)
        matched = next((d for d in devices if token and d.verify_token(token)), None)
        if matched is not None:
            if isinstance(matched, StaticDevice):
                audit_record(
                    actor=actor, action="recovery_code_used", obj=actor, summary="Signed in with a recovery code"
                )
            return matched
    with transaction.atomic():
        audit_record(actor=actor, action="two_factor_failed", obj=actor, summary="Entered a wrong code")
    raise ValidationError({"code": TOO_MANY_CODES if throttled else WRONG_CODE})
