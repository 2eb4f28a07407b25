"""MASH enquiries and the information requests sent to partner agencies."""

from django.conf import settings
from django.db import models

from frontdoor.core.models import TrackedModel

from . import domain


class MashEnquiry(TrackedModel):
    class State(models.TextChoices):
        OPEN = domain.OPEN, "Open"
        CONCLUDED = domain.CONCLUDED, "Concluded"

    class Outcome(models.TextChoices):
        STRATEGY = "strategy", "Strategy discussion: Section 47 threshold may be met"
        ASSESSMENT = "assessment", "Single assessment by the receiving team"
        EARLY_HELP = "early_help", "Early help"
        NFA = "nfa", "No further action by children's services"

    reference = models.CharField(max_length=20, unique=True)
    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="mash_enquiries")
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="mash_enquiries"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN, db_index=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mash_enquiries")
    opened_at = models.DateTimeField()
    reason = models.TextField("why this needs the MASH")
    analysis = models.TextField("combined analysis", blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    concluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name_plural = "MASH enquiries"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="concluded") | (~models.Q(analysis="") & ~models.Q(outcome="")),
                name="mash_concluded_has_analysis_and_outcome",
            )
        ]

    def __str__(self) -> str:
        return self.reference


class InformationRequest(TrackedModel):
    class Rag(models.TextChoices):
        RED = domain.RED, "Red: within 4 working hours"
        AMBER = domain.AMBER, "Amber: within 1 working day"
        GREEN = domain.GREEN, "Green: within 3 working days"

    class State(models.TextChoices):
        SENT = domain.SENT, "Waiting for an answer"
        ANSWERED = domain.ANSWERED, "Answered"

    enquiry = models.ForeignKey(MashEnquiry, on_delete=models.PROTECT, related_name="requests")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="mash_requests")
    rag = models.CharField("urgency", max_length=5, choices=Rag.choices)
    question = models.TextField("what you need to know")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SENT, db_index=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    not_for_onward_sharing = models.BooleanField(
        default=False,
        help_text="The partner asked that the answer stays within the MASH: receiving teams are not shown it",
    )

    class Meta:
        ordering = ["due_at"]
        indexes = [models.Index(fields=["agency", "state", "due_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="answered") | ~models.Q(answer=""), name="mash_answered_has_answer"
            ),
            models.CheckConstraint(condition=models.Q(due_at__gt=models.F("sent_at")), name="mash_due_after_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.enquiry} to {self.agency}"
