"""Feedback letters, their sending, the caller's survey and professional disagreements.

Everything here points at a contact (contacts.Contact) and never adds to it. A Letter is the
worker's editable draft; a LetterDispatch is one request to send it (by email or post), keyed so a
double click never sends twice; a SentLetter is the unchangeable record of what went out.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.core.models import TrackedModel

from . import domain


class Letter(TrackedModel):
    """The feedback letter for one contact, drafted from it and edited by the worker."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="letters")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    recipient_kind = models.CharField(max_length=20, choices=domain.RecipientKind.choices)
    recipient_name = models.CharField(max_length=160, blank=True)
    recipient_email = models.EmailField(max_length=254, blank=True)
    recipient_address = models.TextField(blank=True)
    # The editable sections (see domain.SECTIONS); required ones are checked on approval.
    greeting = models.TextField(blank=True)
    about_call = models.TextField(blank=True)
    children = models.TextField(blank=True)
    named_problem = models.TextField(blank=True)
    agreed = models.TextField(blank=True)
    actions = models.TextField(blank=True)
    consent = models.TextField(blank=True)
    if_things_change = models.TextField(blank=True)
    closing = models.TextField(blank=True)
    withheld = models.JSONField(default=list, blank=True, help_text="What the draft left out, and why")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact"], condition=models.Q(archived=False), name="letter_one_live_per_contact"
            )
        ]

    def __str__(self) -> str:
        return f"Letter for {self.contact}"

    def sections(self) -> dict[str, str]:
        return {name: getattr(self, name) for name, _label, _required in domain.SECTIONS}


class LetterDispatch(TrackedModel):
    """One request to send a letter. Its idempotency key is unique: the same form posted twice is one send."""

    class Method(models.TextChoices):
        EMAIL = "email", "Email"
        POST = "post", "Post"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not sent"

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="dispatches")
    method = models.CharField(max_length=10, choices=Method.choices)
    idempotency_key = models.CharField(max_length=64, unique=True)
    recipient = models.CharField(max_length=400, help_text="Email address, or postal address for post")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    content = models.TextField()
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    attempt_count = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # At most one send in flight per letter: a second "send" while one waits is refused.
            models.UniqueConstraint(
                fields=["letter"], condition=models.Q(status="queued"), name="dispatch_one_queued_per_letter"
            )
        ]


class DispatchAttempt(models.Model):
    """Each try at delivering a dispatch, successful or not."""

    dispatch = models.ForeignKey(LetterDispatch, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    succeeded = models.BooleanField(default=False)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["dispatch", "number"]
        constraints = [models.UniqueConstraint(fields=["dispatch", "number"], name="attempt_number_unique")]

    def __str__(self) -> str:
        return f"Attempt {self.number}: {'sent' if self.succeeded else 'failed'}"


class SentLetter(models.Model):
    """What was sent, to whom and when, with its hash. Never changed: a re-send is a new row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dispatch = models.OneToOneField(LetterDispatch, on_delete=models.PROTECT, related_name="sent_letter")
    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="sent_letters")
    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="sent_letters")
    method = models.CharField(max_length=10, choices=LetterDispatch.Method.choices)
    recipient = models.CharField(max_length=400)
    content = models.TextField()
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Letter sent to {self.recipient} on {self.sent_at:%d %b %Y}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A sent letter cannot be changed; send it again to make a new record")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A sent letter cannot be deleted")


class SurveyInvitation(models.Model):
    """The survey link given in a letter: one use, tied to one contact."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="survey_invitations")
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Survey invitation for {self.contact_id}"


class SurveyResponse(models.Model):
    class Helpfulness(models.IntegerChoices):
        VERY = 5, "Very helpful"
        HELPFUL = 4, "Helpful"
        NEITHER = 3, "Neither helpful nor unhelpful"
        UNHELPFUL = 2, "Not very helpful"
        NOT_AT_ALL = 1, "Not helpful at all"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    invitation = models.OneToOneField(SurveyInvitation, on_delete=models.PROTECT, related_name="response")
    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="survey_responses")
    helpfulness = models.PositiveSmallIntegerField(choices=Helpfulness.choices)
    could_be_better = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(helpfulness__gte=1, helpfulness__lte=5), name="survey_helpfulness_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"Survey answer: {self.get_helpfulness_display()}"


class Disagreement(TrackedModel):
    """A professional disagreement with a decision on a contact, walked through the escalation steps."""

    class RaisedBy(models.TextChoices):
        CALLER = "caller", "The caller"
        WORKER = "worker", "A worker in the service"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="disagreements")
    raised_by = models.CharField(max_length=10, choices=RaisedBy.choices)
    raised_by_name = models.CharField("name and role of the person disagreeing", max_length=200)
    raised_on = models.DateField()
    decision = models.TextField("the decision disagreed with")
    reason = models.TextField("why they disagree")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_on", "-created_at"]


class DisagreementStep(TrackedModel):
    disagreement = models.ForeignKey(Disagreement, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=20, choices=domain.EscalationStep.choices)
    held_on = models.DateField()
    people = models.CharField("who took part", max_length=400)
    outcome = models.TextField()
    resolved = models.BooleanField(default=False, help_text="The disagreement was resolved at this step")

    class Meta:
        ordering = ["held_on", "created_at"]
        constraints = [models.UniqueConstraint(fields=["disagreement", "step"], name="disagreement_step_once")]
