"""Pure rules for MASH enquiries: RAG urgency deadlines and the request and enquiry states."""

from __future__ import annotations

import datetime as dt

from frontdoor.core.workdays import OfficeHours, due_after, due_after_working_hours

RED, AMBER, GREEN = "red", "amber", "green"

# RAG -> ("hours" | "days", how many). Override with settings.FRONTDOOR_MASH_RAG_DEADLINES.
DEFAULT_RAG_DEADLINES: dict[str, tuple[str, float]] = {RED: ("hours", 4), AMBER: ("days", 1), GREEN: ("days", 3)}


def rag_deadlines() -> dict[str, tuple[str, float]]:
    from django.conf import settings

    return {**DEFAULT_RAG_DEADLINES, **getattr(settings, "FRONTDOOR_MASH_RAG_DEADLINES", {})}


def default_due(
    rag: str, sent_at: dt.datetime, table: dict[str, tuple[str, float]], hours: OfficeHours | None = None
) -> dt.datetime:
    """When an information request of this urgency is due, in working hours or working days."""
    unit, amount = table[rag]
    if unit == "hours":
        return due_after_working_hours(sent_at, amount, hours)
    return due_after(sent_at, int(amount), hours)


def deadline_error(due_at: dt.datetime | None, now: dt.datetime) -> str:
    if due_at is None:
        return "Enter a deadline"
    if due_at <= now:
        return "The deadline must be in the future"
    return ""


# Requests: sent -> answered. Enquiries: open -> concluded.
SENT, ANSWERED = "sent", "answered"
OPEN, CONCLUDED = "open", "concluded"


class MashStateError(Exception):
    pass


def answer_allowed(request_state: str, enquiry_state: str) -> None:
    if request_state != SENT:
        raise MashStateError("This request has already been answered")
    if enquiry_state != OPEN:
        raise MashStateError("This MASH enquiry is concluded: it no longer takes answers")


def add_request_allowed(enquiry_state: str) -> None:
    if enquiry_state != OPEN:
        raise MashStateError("You cannot ask for information on a concluded MASH enquiry")


def conclude_allowed(enquiry_state: str) -> None:
    if enquiry_state != OPEN:
        raise MashStateError("This MASH enquiry is already concluded")
