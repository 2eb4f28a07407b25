"""Reads for restricted records: the restriction in force, the notice, the break-glass log."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from frontdoor.accounts.models import Role, User
from frontdoor.directory.models import Team

from ..models import BreakGlass, Person, Restriction
from ..permissions import can_restrict, can_see_break_glass_log, can_see_restricted_notice

NAMED_ROLES = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER, Role.RECEIVING_PRACTITIONER)


def restriction_in_force(person: Person) -> Restriction | None:
    return (
        Restriction.objects.filter(person=person, lifted_at__isnull=True)
        .select_related("restricted_by", "restricted_by__team")
        .first()
    )


def restriction_for_managing(*, user: User, person: Person) -> Restriction | None:
    """The restriction in force, for a manager who may change or lift it (None: none in force, or not theirs)."""
    if not can_restrict(user, person):
        return None
    return restriction_in_force(person)


def restricted_notice_get(*, user: User, pk) -> tuple[Person, Restriction] | None:
    """The person and their restriction, if the user would open them but for it (the notice and break-glass)."""
    person = Person.objects.filter(pk=pk, archived=False).first()
    if person is None or not can_see_restricted_notice(user, person):
        return None
    restriction = restriction_in_force(person)
    return (person, restriction) if restriction is not None else None


def break_glass_log(*, user: User, since: dt.datetime | None = None) -> QuerySet:
    """Every break-glass, newest first, with who, which record and whose restriction (managers only)."""
    if not can_see_break_glass_log(user):
        return BreakGlass.objects.none()
    rows = BreakGlass.objects.select_related("user", "user__team", "person", "restriction__restricted_by")
    if since is not None:
        rows = rows.filter(granted_at__gte=since)
    return rows.order_by("-granted_at")


def break_glasses_to_tell(*, user: User, days: int = 7) -> QuerySet:
    """Break-glasses in the last `days` on records this manager restricted: their home page tells them."""
    if not can_see_break_glass_log(user):
        return BreakGlass.objects.none()
    since = timezone.now() - dt.timedelta(days=days)
    return BreakGlass.objects.filter(restriction__restricted_by=user, granted_at__gte=since)


def user_choices() -> list[tuple[str, str]]:
    """Who a record may be kept to: active practitioners and managers, by name."""
    users = (
        User.objects.filter(is_active=True, role__in=NAMED_ROLES)
        .select_related("team")
        .order_by("last_name", "first_name", "username")
    )
    return [(str(u.pk), f"{u.get_full_name() or u.username}{f', {u.team.name}' if u.team else ''}") for u in users]


def team_choices() -> list[tuple[str, str]]:
    return [(str(t.pk), t.name) for t in Team.objects.filter(active=True).order_by("name")]
