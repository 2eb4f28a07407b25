"""Repeat and accumulating concerns: 3+ contacts in 12 months, or a new contact soon after one closed
with no further action. Thresholds are settings (FRONTDOOR_REPEAT_CONTACTS, FRONTDOOR_REPEAT_WINDOW_DAYS,
FRONTDOOR_NFA_REPEAT_DAYS)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

# Outcomes that mean "no further action" by children's social care (advice or signposting only).
NO_FURTHER_ACTION = ("advice", "signpost")


def _settings() -> tuple[int, int, int]:
    return (
        int(getattr(settings, "FRONTDOOR_REPEAT_CONTACTS", 3)),
        int(getattr(settings, "FRONTDOOR_REPEAT_WINDOW_DAYS", 365)),
        int(getattr(settings, "FRONTDOOR_NFA_REPEAT_DAYS", 90)),
    )


@dataclass
class RepeatConcern:
    person: object
    reasons: list[str]
    contacts: list = field(default_factory=list)  # contacts in the window, newest first

    @property
    def summary(self) -> str:
        return " ".join(self.reasons)


def assess_contacts(
    contacts: list[tuple[dt.datetime, str]], *, now: dt.datetime, threshold: int, window_days: int, nfa_days: int
) -> list[str]:
    """Pure rule over (received_at, agreed_outcome) pairs: the reasons for concern, or []."""
    recent = sorted((c for c in contacts if now - dt.timedelta(days=window_days) <= c[0] <= now), reverse=True)
    reasons = []
    if len(recent) >= threshold:
        reasons.append(
            f"{len(recent)} contacts in the last {window_days // 30 if window_days >= 60 else window_days} {'months' if window_days >= 60 else 'days'}."
        )
    ordered = sorted(c for c in contacts if c[0] <= now)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier[1] in NO_FURTHER_ACTION and later[0] - earlier[0] <= dt.timedelta(days=nfa_days) and later in recent:
            reasons.append(
                f"A new contact on {later[0]:%-d %B %Y} came within {nfa_days} days of one that ended with no further action."
            )
            break
    return reasons


def _contacts_for(person_ids) -> dict:
    from frontdoor.contacts.models import Contact

    by_person: dict = {}
    qs = (
        Contact.objects.filter(people__person_id__in=person_ids, archived=False)
        .annotate()
        .values_list("people__person_id", "pk", "received_at", "agreed_outcome")
    )
    for person_id, pk, received, outcome in qs.distinct():
        by_person.setdefault(person_id, {})[pk] = (received, outcome or "")
    return by_person


def repeat_concern_for_person(person, now: dt.datetime | None = None) -> RepeatConcern | None:
    """The repeat or accumulating concern for this person, or None."""
    return repeat_concerns_for_people([person], now=now).get(person.pk)


def repeat_concerns_for_people(people, now: dt.datetime | None = None) -> dict:
    """The repeat or accumulating concern of each of these people who has one, by person pk: two queries,
    whatever the number of people (the records check)."""
    from frontdoor.contacts.models import Contact

    now = now or timezone.now()
    threshold, window, nfa = _settings()
    people = {p.pk: p for p in people}
    contacts = _contacts_for(list(people))
    found = {}
    for pk, person in people.items():
        rows = contacts.get(pk, {})
        reasons = assess_contacts(list(rows.values()), now=now, threshold=threshold, window_days=window, nfa_days=nfa)
        if reasons:
            found[pk] = RepeatConcern(person=person, reasons=reasons, contacts=[])
    if found:
        since = now - dt.timedelta(days=window)
        wanted = {c for pk in found for c in contacts[pk]}
        listed = list(Contact.objects.filter(pk__in=wanted, received_at__gte=since).order_by("-received_at"))
        for pk, concern in found.items():
            concern.contacts = [c for c in listed if c.pk in contacts[pk]]
    return found


def children_with_repeat_concerns(now: dt.datetime | None = None) -> list[RepeatConcern]:
    """Children named on 2+ contacts in the window who meet either rule, most contacts first."""
    from frontdoor.contacts.models import ContactPerson

    from ..models import Person

    now = now or timezone.now()
    threshold, window, nfa = _settings()
    since = now - dt.timedelta(days=max(window, nfa))
    candidates = (
        ContactPerson.objects.filter(
            role=ContactPerson.Role.CHILD, person__isnull=False, archived=False, contact__received_at__gte=since
        )
        .values("person_id")
        .annotate(n=Count("contact", distinct=True))
        .filter(n__gte=min(2, threshold))
        .values_list("person_id", flat=True)
    )
    ids = list(candidates[:2000])
    contacts = _contacts_for(ids)
    people = Person.objects.in_bulk(ids)
    found = []
    for pk in ids:
        rows = list(contacts.get(pk, {}).values())
        reasons = assess_contacts(rows, now=now, threshold=threshold, window_days=window, nfa_days=nfa)
        if reasons and pk in people and not people[pk].archived:
            found.append(RepeatConcern(person=people[pk], reasons=reasons, contacts=[]))
    found.sort(key=lambda c: (-len(contacts.get(c.person.pk, {})), c.person.family_name))
    return found
