"""Writes for restricted records: restrict, change who it is kept to, lift, and break the glass.

Each is atomic and audited in its own transaction: restricting, changing and lifting with before and after;
every break-glass with action `break_glass`, and every refused one (wrong password or code) as `refused`,
written before the refusal is raised so that it is kept.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.directory.models import Team

from ..models import BreakGlass, Person, Restriction
from ..permissions import can_break_glass, can_restrict

logger = logging.getLogger(__name__)

NO_WAY_TO_CONFIRM = (
    "You cannot break the glass: you have no password or second factor set up in Front Door. "
    "Ask the manager who restricted the record"
)


def _state(restriction: Restriction) -> dict:
    return {
        "reason": restriction.reason,
        "named_users": sorted(u.get_username() for u in restriction.named_users.all()),
        "named_teams": sorted(t.name for t in restriction.named_teams.all()),
        "in_force": restriction.lifted_at is None,
    }


def _check(actor: User, person: Person) -> None:
    if not can_restrict(actor, person):
        raise ValidationError("Only a team manager who may open this record can restrict it")


@transaction.atomic
def restriction_create(
    *, actor: User, person: Person, reason: str, named_users: list[User], named_teams: list[Team]
) -> Restriction:
    _check(actor, person)
    if Restriction.objects.select_for_update().filter(person=person, lifted_at__isnull=True).exists():
        raise ValidationError("This record is already restricted")
    restriction = Restriction(person=person, reason=reason, restricted_by=actor)
    restriction.full_clean()
    restriction.save()
    restriction.named_users.set(named_users)
    restriction.named_teams.set(named_teams)
    audit_record(
        actor=actor,
        action="create",
        obj=restriction,
        summary=f"Restricted the record of person {person.person_id}",
        changes={"person": str(person.pk), "before": {"in_force": False}, "after": _state(restriction)},
    )
    return restriction


@transaction.atomic
def restriction_change(
    *, actor: User, restriction: Restriction, reason: str, named_users: list[User], named_teams: list[Team]
) -> Restriction:
    restriction = Restriction.objects.select_for_update().get(pk=restriction.pk)
    _check(actor, restriction.person)
    if restriction.lifted_at is not None:
        raise ValidationError("This restriction has been lifted")
    before = _state(restriction)
    restriction.reason = reason
    restriction.changed_at = timezone.now()
    restriction.full_clean()
    restriction.save()
    restriction.named_users.set(named_users)
    restriction.named_teams.set(named_teams)
    audit_record(
        actor=actor,
        action="change",
        obj=restriction,
        summary=f"Changed who may open the restricted record of person {restriction.person.person_id}",
        changes={"person": str(restriction.person_id), "before": before, "after": _state(restriction)},
    )
    return restriction


@transaction.atomic
def restriction_lift(*, actor: User, restriction: Restriction, reason: str) -> Restriction:
    restriction = Restriction.objects.select_for_update().get(pk=restriction.pk)
    _check(actor, restriction.person)
    if restriction.lifted_at is not None:
        raise ValidationError("This restriction has already been lifted")
    before = _state(restriction)
    restriction.lifted_at = timezone.now()
    restriction.lifted_by = actor
    restriction.lift_reason = reason
    restriction.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    audit_record(
        actor=actor,
        action="archive",
        obj=restriction,
        summary=f"Lifted the restriction on the record of person {restriction.person.person_id}",
        changes={
            "person": str(restriction.person_id),
            "before": before,
            "after": {**_state(restriction), "lift_reason": reason},
        },
    )
    return restriction


def _confirmed(actor: User, *, password: str, code: str) -> str | None:
    """None when the actor proved who they are; otherwise the error, by field. A local password if they have
    one; a single sign-on user (no local password) gives their second-factor code instead."""
    if actor.has_usable_password():
        return None if password and actor.check_password(password) else "password"
    from frontdoor.accounts.services import second_factor_check

    try:
        second_factor_check(actor=actor, code=code)  # audits a wrong code itself
    except ValidationError:
        return "code"
    return None


def break_glass_way(actor: User) -> str:
    """How this user confirms a break-glass: "password", "code" (single sign-on, second factor), or "" (none)."""
    if actor.has_usable_password():
        return "password"
    from frontdoor.accounts.selectors import has_authenticator, has_recovery_codes

    return "code" if has_authenticator(user=actor) or has_recovery_codes(user=actor) else ""


def break_glass(*, actor: User, person: Person, reason: str, password: str = "", code: str = "") -> BreakGlass:
    """Open a restricted record for `FRONTDOOR_BREAK_GLASS_MINUTES`, once the actor has given a reason and
    their password (or code). The restricting manager is told (their home page, and an email after commit)."""
    if not can_break_glass(actor, person):
        raise ValidationError("You cannot break the glass on this record")
    restriction = Restriction.objects.select_related("restricted_by").get(person=person, lifted_at__isnull=True)
    way = break_glass_way(actor)
    failed = "none" if not way else _confirmed(actor, password=password, code=code)
    if failed is not None:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="refused",
                obj=person,
                summary=f"Break-glass refused on the restricted record of person {person.person_id}",
                changes={"break_glass": True, "reason": reason, "failed": failed},
            )
        if failed == "none":
            raise ValidationError(NO_WAY_TO_CONFIRM)
        if failed == "code":
            raise ValidationError({"code": "The code is not right. Enter the code from your authenticator app"})
        raise ValidationError({"password": "The password is not right. Enter your Front Door password"})
    with transaction.atomic():
        now = timezone.now()
        grant = BreakGlass(
            user=actor,
            person=person,
            restriction=restriction,
            reason=reason,
            granted_at=now,
            expires_at=now + dt.timedelta(minutes=settings.FRONTDOOR_BREAK_GLASS_MINUTES),
        )
        grant.full_clean()
        grant.save()
        audit_record(
            actor=actor,
            action="break_glass",
            obj=person,
            summary=f"Broke the glass on the restricted record of person {person.person_id}",
            changes={
                "reason": reason,
                "break_glass": str(grant.pk),
                "restriction": str(restriction.pk),
                "expires_at": grant.expires_at,
            },
        )
        manager = restriction.restricted_by
        if manager.email:
            transaction.on_commit(lambda: _tell_manager(grant, manager))
    return grant


def _tell_manager(grant: BreakGlass, manager: User) -> None:
    """An email to the manager who restricted the record, through Django's e-mail backend (as letters are
    sent). No child's name or details: who, when, why, and the link to the log."""
    who = grant.user.get_full_name() or grant.user.get_username()
    try:
        send_mail(
            subject="Someone opened a record you restricted",
            message=(
                f"Hello,\n\n{who} broke the glass on a record you restricted (person {grant.person.person_id}) at "
                f"{timezone.localtime(grant.granted_at):%H:%M on %d %B %Y}.\n\nThe reason they gave: {grant.reason}\n\n"
                f"See every break-glass in Front Door: {reverse('people:break_glass_log')}\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[manager.email],
        )
    except Exception:  # the home page still tells them; an email failure must not undo the audit
        logger.exception("Could not email the manager about break-glass %s", grant.pk)
