"""Reads for letters, always given the user. A record the user may not see answers 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Avg, Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact
from frontdoor.referrals import timescales

from . import domain, permissions
from .content import facts_for_contact
from .models import Disagreement, Letter, LetterDispatch, SentLetter, SurveyResponse

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def _visible_contacts(user: User):
    return Contact.objects.filter(permissions.contacts_filter(user))


def contact_for_letters(*, user: User, pk, audit: bool = False) -> Contact | None:
    """A contact whose letters the user may see; `audit` records the look (its letters page shown)."""
    contact = _visible_contacts(user).select_related("worker").filter(pk=pk).first()
    if contact is None or not permissions.can_view_letters(user, contact):
        return None
    if audit:
        audit_record(actor=user, action="view", obj=contact, summary=f"Viewed the letters of {contact.reference}")
    return contact


def letter_get(*, user: User, pk, audit: str = "") -> Letter | None:
    """A letter the user may see. `audit` ("page" or "pdf") records the look: the letter page or its PDF."""
    letter = Letter.objects.select_related("contact__worker").filter(pk=pk, archived=False).first()
    if letter is None or not permissions.can_view_letters(user, letter.contact):
        return None
    if audit:
        what = "the PDF of the letter" if audit == "pdf" else "the letter"
        audit_record(
            actor=user,
            action="view",
            obj=letter,
            summary=f"Viewed {what} for {letter.contact.reference}",
            changes={"as": audit},
        )
    return letter


def letter_outcome_problems(letter: Letter) -> list[str]:
    """Where the letter's wording states an outcome the record now contradicts (a manager authorised a disposal
    since it was drafted): shown on the letter's page before anyone tries to approve or send it."""
    facts = facts_for_contact(letter.contact, recipient_kind=letter.recipient_kind)
    return list(dict.fromkeys(domain.outcome_contradictions(letter.sections(), facts).values()))


def sent_letter_get(*, user: User, pk, audit: bool = False) -> SentLetter | None:
    """A sent letter the user may see; `audit` records the look (its PDF downloaded)."""
    sent = SentLetter.objects.select_related("contact__worker").filter(pk=pk).first()
    if sent is None or not permissions.can_view_letters(user, sent.contact):
        return None
    if audit:
        audit_record(
            actor=user,
            action="view",
            obj=sent,
            summary=f"Viewed the sent letter for {sent.contact.reference}",
            changes={"as": "pdf"},
        )
    return sent


def disagreement_get(*, user: User, pk, audit: bool = False) -> Disagreement | None:
    """A disagreement the user may see; `audit` records the look (its page shown)."""
    row = Disagreement.objects.select_related("contact__worker").filter(pk=pk).first()
    if row is None or not permissions.can_view_letters(user, row.contact):
        return None
    if audit:
        summary = f"Viewed a disagreement about {row.contact.reference}"
        audit_record(actor=user, action="view", obj=row, summary=summary)
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


def _unsent(qs):
    return qs.filter(~Exists(SentLetter.objects.filter(contact=OuterRef("pk"))))


def letter_rows(contacts, now=None) -> list[dict]:
    """The letter facts for a page of contacts from `letter_queue_contacts` or `team_overdue_contacts`
    (one query however many letters are waiting), in the page's order."""
    now = now or timezone.now()
    order = [c.pk for c in contacts]
    found = {c.pk: c for c in _with_letter_facts(Contact.objects.filter(pk__in=order).select_related("worker"))}
    return [
        {
            "contact": c,
            "state": domain.letter_state(due=c.letter_due_at, now=now, sent_at=c.letter_sent_at),
            "letter_status": c.letter_status,
            "failed": c.letter_failed,
            "queued": c.letter_queued,
        }
        for c in (found[pk] for pk in order if pk in found)
    ]


def letter_queue_contacts(*, user: User):
    """My letters: my recorded contacts whose letter has not gone yet, soonest due first (a QuerySet to
    paginate; `letter_rows` for the page)."""
    mine = Contact.objects.filter(worker=user, status=Contact.Status.RECORDED)
    return _unsent(mine).order_by("letter_due_at", "received_at", "pk")


def letter_queue(*, user: User, now=None) -> list[dict]:
    """Every row of My letters (for tests and small lists; pages use `letter_queue_contacts`)."""
    return letter_rows(list(letter_queue_contacts(user=user)), now)


def letter_queue_count(*, user: User, overdue_at=None) -> int:
    """How many of my letters are waiting; with `overdue_at`, how many were due before then."""
    qs = letter_queue_contacts(user=user)
    if overdue_at is not None:
        qs = qs.filter(letter_due_at__lt=overdue_at)
    return qs.count()


def team_overdue_contacts(*, user: User, now=None):
    """Letters overdue across the manager's team, most overdue first (a QuerySet to paginate)."""
    now = now or timezone.now()
    if not permissions.can_view_team_letters(user):
        return Contact.objects.none()
    # "Letter overdue" has one definition (referrals.timescales), shared with the reporting dashboard.
    return _visible_contacts(user).filter(timescales.letter_overdue(now)).order_by("letter_due_at", "pk")


def team_overdue(*, user: User, now=None) -> list[dict]:
    """Every letter overdue across the manager's team (for tests; pages use `team_overdue_contacts`)."""
    return letter_rows(list(team_overdue_contacts(user=user, now=now)), now)


def team_overdue_count(*, user: User, now=None) -> int:
    return team_overdue_contacts(user=user, now=now).count()


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
