"""Reads about accounts: the administrator's user list and a user's sign-in state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .permissions import can_manage_users

if TYPE_CHECKING:
    from collections.abc import Iterable


def locked_usernames(usernames: Iterable[str]) -> set[str]:
    """Which of these usernames django-axes is refusing now: as axes counts, the failures recorded for the
    username (from any address or browser) within the lockout time reach the limit."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(username__in=list(usernames), attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .values_list("username", flat=True)
    )


def users_for_admin(*, user: User, query: str = "") -> QuerySet[User] | None:
    if not can_manage_users(user):
        return None
    users = User.objects.select_related("team", "agency").order_by("last_name", "first_name", "username")
    for word in query.split():
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    return users


@dataclass(frozen=True)
class SignInState:
    locked: bool
    has_authenticator: bool
    recovery_codes_left: int
    must_change_password: bool


def sign_in_state(*, user: User) -> SignInState:
    """What a user (or their administrator) sees about their own sign-in: locked, app set up, codes left."""
    return SignInState(
        locked=bool(locked_usernames([user.username])),
        has_authenticator=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        recovery_codes_left=StaticToken.objects.filter(device__user=user, device__confirmed=True).count(),
        must_change_password=user.must_change_password,
    )


def user_for_admin(*, user: User, pk: int) -> User | None:
    if not can_manage_users(user):
        return None
    return User.objects.select_related("team", "agency").filter(pk=pk).first()


def pending_authenticator(*, user: User) -> TOTPDevice | None:
    """The authenticator app being set up (not yet confirmed with a first code), if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def has_authenticator(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_recovery_codes(*, user: User) -> bool:
    return StaticDevice.objects.filter(user=user, confirmed=True).exists()
