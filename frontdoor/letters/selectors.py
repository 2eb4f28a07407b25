"""Reads for letters, always given the user. A record the user may not see answers 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Avg, Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone

from frontdoor.contacts.models import Contact

from . import domain, permissions
from .models import Disagreement, Letter, LetterDispatch, SentLetter, SurveyResponse

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def _visible_contacts(user: User):
    return Contact.objects.filter(permissions.contacts_filter(user))


def contact_for_letters(*, user: User, pk) -> Contact | None:
    contact = _visible_contacts(user).select_related("worker").filter(pk=pk).first()
    if contact is None or not permissions.can_view_letters(user, contact):
        return None
    return contact


def letter_get(*, user: User, pk) -> Letter | None:
    letter = Letter.objects.select_related("contact__worker").filter(pk=pk, archived=False).first()
    if letter is None or not permissions.can_view_letters(user, letter.contact):
        return None
    return letter


def sent_letter_get(*, user: User, pk) -> SentLetter | None:
    sent = SentLetter.objects.select_related("contact__worker").filter(pk=pk).first()
    if sent is None or not permissions.can_view_letters(user, sent.contact):
        return None
    return sent


def disagreement_get(*, user: User, pk) -> Disagreement | None:
    row = Disagreement.objects.select_related("contact__worker").filter(pk=pk).first()
    if row is None or not permissions.can_view_letters(user, row.contact):
        return None
    return row


def _with_letter_facts(qs):
    return qs.annotate(
        letter_sent_at=Max("sent_letters__sent_at"),
        letter_status=Subquery(Letter.objects.filter(contact=OuterRef("pk"), archived=False).values("status")[:1]),
        letter_failed=Exists(
            LetterDispatch.objects.filter(letter__contact=OuterRef("pk"), status=LetterDispatch.Status.FAILED)
        ),
        letter_queued=Exists(
            LetterDispatch.objects.filter(letter__contact=OuterRef("pk"), status=LetterDispatch.Status.QUEUED)
        ),
    )


def _rows(contacts, now) -> list[dict]:
    return [
        {
            "contact": c,
            "state": domain.letter_state(due=c.letter_due_at, now=now, sent_at=c.letter_sent_at),
            "letter_status": c.letter_status,
            "failed": c.letter_failed,
            "queued": c.letter_queued,
        }
        for c in contacts
    ]


def letter_queue(*, user: User, now=None) -> list[dict]:
    """My letters: my recorded contacts whose letter has not gone yet, soonest due first."""
    now = now or timezone.now()
    qs = _with_letter_facts(
        Contact.objects.filter(worker=user, status=Contact.Status.RECORDED).select_related("worker")
    ).filter(letter_sent_at__isnull=True)
    return _rows(qs.order_by("letter_due_at", "received_at"), now)


def letter_queue_count(*, user: User) -> int:
    return (
        Contact.objects.filter(worker=user, status=Contact.Status.RECORDED)
        .annotate(sent=Exists(SentLetter.objects.filter(contact=OuterRef("pk"))))
        .filter(sent=False)
        .count()
    )


def team_overdue(*, user: User, now=None) -> list[dict]:
    """Letters overdue across the manager's team."""
    now = now or timezone.now()
    if not permissions.can_view_team_letters(user):
        return []
    qs = _with_letter_facts(
        _visible_contacts(user).filter(status=Contact.Status.RECORDED, letter_due_at__lt=now).select_related("worker")
    ).filter(letter_sent_at__isnull=True)
    return _rows(qs.order_by("letter_due_at"), now)


def team_overdue_count(*, user: User, now=None) -> int:
    now = now or timezone.now()
    if not permissions.can_view_team_letters(user):
        return 0
    return (
        _visible_contacts(user)
        .filter(status=Contact.Status.RECORDED, letter_due_at__lt=now)
        .annotate(sent=Exists(SentLetter.objects.filter(contact=OuterRef("pk"))))
        .filter(sent=False)
        .count()
    )


def contact_panel(*, user: User, contact) -> dict | None:
    """Everything the letters app holds about one contact, for the contact page and the letters page;
    None for a user who may not see its letters."""
    if not permissions.can_view_letters(user, contact):
        return None
    letter = Letter.objects.filter(contact=contact, archived=False).first()
    sent = list(SentLetter.objects.filter(contact=contact).select_related("sent_by").defer("pdf"))
    dispatches = list(
        LetterDispatch.objects.filter(letter__contact=contact)
        .select_related("requested_by")
        .prefetch_related("attempts")
        .defer("pdf")
    )
    return {
        "contact": contact,
        "letter": letter,
        "sent_letters": sent,
        "dispatches": dispatches,
        "failed": [d for d in dispatches if d.status == LetterDispatch.Status.FAILED],
        "queued": [d for d in dispatches if d.status == LetterDispatch.Status.QUEUED],
        "state": domain.letter_state(
            due=contact.letter_due_at, now=timezone.now(), sent_at=sent[0].sent_at if sent else None
        ),
        "survey_responses": list(SurveyResponse.objects.filter(contact=contact)),
        "disagreements": list(Disagreement.objects.filter(contact=contact).prefetch_related("steps")),
        "can_write": permissions.can_write_letter(user, contact),
    }


def survey_summary(*, user: User, recent: int = 10) -> dict | None:
    """Counts per answer, the average and recent comments. Never names a caller or a child. None for a
    user who may not see them."""
    if not permissions.can_view_survey_results(user):
        return None
    qs = SurveyResponse.objects.all()
    totals = qs.aggregate(count=Count("id"), average=Avg("helpfulness"))
    by_answer = dict(qs.values_list("helpfulness").annotate(n=Count("id")).values_list("helpfulness", "n"))
    return {
        "count": totals["count"],
        "average": totals["average"],
        "by_answer": [
            {"value": v, "label": label, "count": by_answer.get(v, 0)}
            for v, label in SurveyResponse.Helpfulness.choices
        ],
        "comments": list(
            qs.filter(~Q(could_be_better="")).values("could_be_better", "submitted_at", "helpfulness")[:recent]
        ),
    }
