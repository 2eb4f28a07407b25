"""One definition of each timescale the front door is measured on (decision 20), as query expressions
that the queues, the reporting dashboard and the returns all use, so they cannot disagree.

- A contact is **awaiting a decision** while it is recorded and any child on it has no decision of its
  own (a contact naming no child: while it has no decision at all).
- A **decision is overdue** when a contact awaiting a decision is past its decision deadline.
- A **decision was late** for a child whose first decision was recorded after the contact's deadline.
- A **letter is overdue** when a recorded contact is past its letter deadline and no letter has gone;
  it **went late** when the first letter sent left after the deadline.
- An information request was **answered within the RAG time** when it was answered at or before its
  deadline; it is **overdue** while unanswered past it.

Each function returns a `Q` (or an expression usable in `filter`/`annotate`/`Count(filter=...)`) over
the model named in its name. Models are looked up when called, so any app can import this module.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Exists, F, OuterRef, Q


def _model(label: str):
    return apps.get_model(label)


# --- Decisions (over contacts.Contact) -------------------------------------------------------------


def children_undecided_count_filter() -> Q:
    """Over contacts.ContactPerson: a child on a contact who has no decision of their own."""
    ContactDecision = _model("referrals.ContactDecision")
    return Q(role="child", archived=False) & ~Q(Exists(ContactDecision.objects.filter(child=OuterRef("pk"))))


def awaiting_decision() -> Q:
    """Over contacts.Contact: recorded, with a child who has no decision (or, naming no child, no decision)."""
    ContactPerson = _model("contacts.ContactPerson")
    ContactDecision = _model("referrals.ContactDecision")
    undecided_child = ContactPerson.objects.filter(contact=OuterRef("pk")).filter(children_undecided_count_filter())
    any_child = ContactPerson.objects.filter(contact=OuterRef("pk"), role="child", archived=False)
    any_decision = ContactDecision.objects.filter(contact=OuterRef("pk"))
    return Q(status="recorded") & (Q(Exists(undecided_child)) | (~Q(Exists(any_child)) & ~Q(Exists(any_decision))))


def decision_overdue(now: dt.datetime) -> Q:
    """Over contacts.Contact: awaiting a decision and past the decision deadline."""
    return awaiting_decision() & Q(decision_due_at__lt=now)


def decision_late() -> Q:
    """Over referrals.ContactDecision: first recorded after its contact's decision deadline."""
    return Q(created_at__gt=F("contact__decision_due_at"))


def contact_decided_late() -> Q:
    """Over contacts.Contact: a child on it was decided after the deadline."""
    ContactDecision = _model("referrals.ContactDecision")
    return Q(Exists(ContactDecision.objects.filter(contact=OuterRef("pk"), created_at__gt=OuterRef("decision_due_at"))))


# --- Referrals (over referrals.Referral) ----------------------------------------------------------

OPEN_REFERRAL_STATES = ("draft", "returned", "awaiting_authorisation")


def referral_overdue(now: dt.datetime) -> Q:
    """A referral not yet authorised past its contact's decision deadline."""
    return Q(state__in=OPEN_REFERRAL_STATES, due_at__lt=now)


# --- Feedback letters (over contacts.Contact) -----------------------------------------------------


def _letters_sent():
    return _model("letters.SentLetter").objects.filter(contact=OuterRef("pk"))


def letter_sent() -> Q:
    return Q(Exists(_letters_sent()))


def letter_overdue(now: dt.datetime) -> Q:
    """Recorded, past the letter deadline, and no letter has gone."""
    return Q(status="recorded", letter_due_at__lt=now) & ~letter_sent()


def letter_sent_on_time() -> Q:
    """A letter went at or before the letter deadline."""
    return Q(Exists(_letters_sent().filter(sent_at__lte=OuterRef("letter_due_at"))))


def letter_sent_late() -> Q:
    """Letters went, but the first one only after the deadline."""
    return letter_sent() & ~letter_sent_on_time()


# --- MASH information requests (over mash.InformationRequest) -------------------------------------


def request_answered_in_time() -> Q:
    return Q(state="answered", answered_at__lte=F("due_at"))


def request_answered_late() -> Q:
    return Q(state="answered", answered_at__gt=F("due_at"))


def request_overdue(now: dt.datetime) -> Q:
    return Q(state="sent", due_at__lt=now)
