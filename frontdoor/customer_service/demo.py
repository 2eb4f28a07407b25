"""A few synthetic public calls taken by the demo customer service advisor."""

import datetime as dt

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.people.models import Person

from .models import Handover

SAID = [
    "The children are often left alone in the evening and can be heard crying.",
    "The child has bruises on his arms and says he fell over again.",
    "Shouting and things breaking in the flat most nights; the child looks frightened.",
]


def seed(*, people: int, fake, rng) -> str:
    advisor = User.objects.filter(username="advisor").first()
    worker = User.objects.filter(username="csw").first()
    if not advisor:
        return "no advisor user; skipped"
    children = list(Person.objects.filter(date_of_birth__isnull=False).order_by("?")[:6])
    now = timezone.now()
    made = []
    for i, child in enumerate(children):
        open_case = child.involvements.filter(kind="open_case", end_date__isnull=True).first()
        outcome = (
            Handover.Outcome.ALLOCATED_WORKER
            if open_case
            else rng.choice([Handover.Outcome.CADS, Handover.Outcome.CADS, Handover.Outcome.NO_CONCERN])
        )
        if i == 0 and not open_case:
            outcome = Handover.Outcome.CADS  # one call always waits in "Public calls" for CADS to take it
        made.append(
            Handover(
                created_by=advisor,
                modified_by=advisor,
                taken_at=now - dt.timedelta(hours=3 * i + 1),
                caller_name=fake.name(),
                caller_phone=fake.phone_number(),
                caller_confidential=rng.random() < 0.3,
                child_name=child.full_name,
                child_date_of_birth=child.date_of_birth,
                child_postcode=child.postcode,
                person=child,
                allocated_worker=open_case.worker_display if open_case else "",
                outcome=outcome,
                handed_to=worker if outcome == Handover.Outcome.CADS else None,
                notes=SAID[i % len(SAID)] if outcome == Handover.Outcome.CADS else "",
            )
        )
    Handover.objects.bulk_create(made)
    return f"{len(made)} public calls"
