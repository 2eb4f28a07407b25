"""Decisions on contacts, referrals, their authorisation, routing and what happened next.

All state lives here and points at contacts.Contact; the contacts app is never changed.
"""

from django.conf import settings
from django.db import models

from frontdoor.core import codes
from frontdoor.core.models import TrackedModel
from frontdoor.people.models import Involvement

from . import domain


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"


class ContactDecision(TrackedModel):
    """The level of response decided for one child on a contact, due within 1 working day of the call.

    A contact about several children has one decision per child (decision 20); a contact that names no
    child has one decision with no child."""

    class Outcome(models.TextChoices):
        ADVICE = "advice", "Advice to the caller"
        SIGNPOST = "signpost", "Signpost to another service"
        EARLY_HELP = "early_help", "Early Help or Family Hub"
        ALLOCATED_WORKER = "allocated_worker", "Pass to the allocated worker"
        REFERRAL = "referral", "Progress to referral"
        NFA = "nfa", "No further action"

    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="decisions")
    child = models.ForeignKey(
        "contacts.ContactPerson",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        help_text="The child on the contact this decision is about",
    )
    level = models.PositiveSmallIntegerField("level of need", choices=domain.level_choices())
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reasons = models.TextField()
    s47_indicators = models.JSONField("Section 47 indicators", default=list, blank=True)
    consider_strategy_discussion = models.BooleanField(default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    note = models.TextField(
        blank=True, help_text="How this decision came about when it was not recorded on the decision page"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=4), name="decision_level_1_to_4"),
            models.UniqueConstraint(fields=["contact", "child"], name="decision_one_per_child"),
            models.UniqueConstraint(
                fields=["contact"], condition=models.Q(child__isnull=True), name="decision_one_without_child"
            ),
        ]

    def __str__(self) -> str:
        return f"Decision on {self.contact}" + (f" for {self.child.shown_name}" if self.child_id else "")

    @property
    def child_shown_name(self) -> str:
        return self.child.shown_name if self.child_id else "No child named"


class Referral(TrackedModel):
    """A contact progressed to a referral: disposal, authorisation, routing and milestones."""

    class State(models.TextChoices):
        DRAFT = domain.DRAFT, domain.STATE_LABELS[domain.DRAFT]
        AWAITING = domain.AWAITING, domain.STATE_LABELS[domain.AWAITING]
        RETURNED = domain.RETURNED, domain.STATE_LABELS[domain.RETURNED]
        AUTHORISED = domain.AUTHORISED, domain.STATE_LABELS[domain.AUTHORISED]
        WITH_TEAM = domain.WITH_TEAM, domain.STATE_LABELS[domain.WITH_TEAM]
        ALLOCATED = domain.ALLOCATED, domain.STATE_LABELS[domain.ALLOCATED]
        CLOSED = domain.CLOSED, domain.STATE_LABELS[domain.CLOSED]

    reference = models.CharField(max_length=20, unique=True)
    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="referrals")
    decision = models.OneToOneField(ContactDecision, on_delete=models.PROTECT, related_name="referral")
    child = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    child_name = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=30, choices=State.choices, default=State.DRAFT, db_index=True)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals")
    level = models.PositiveSmallIntegerField(choices=domain.level_choices())
    immediate_protection = models.BooleanField(default=False)
    consider_strategy_discussion = models.BooleanField(default=False)
    youth_risk = models.BooleanField(
        "high risk of exploitation or serious youth violence", default=False, help_text="Routes to Youth FAST"
    )
    due_at = models.DateTimeField(null=True, blank=True, db_index=True, help_text="The contact's decision deadline")

    # The referrer is asked specifically about these in the household
    domestic_abuse = models.CharField(max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)
    mental_illness = models.CharField(max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)
    substance_misuse = models.CharField(max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)
    learning_difficulties = models.CharField(max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)
    other_agencies = models.TextField("other agencies involved", blank=True)

    # Disposal
    disposal = models.PositiveSmallIntegerField(choices=list(domain.DISPOSALS.items()), null=True, blank=True)
    disposal_reasons = models.TextField(blank=True)
    receiving_team = models.ForeignKey(
        "directory.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="allocated_referrals"
    )
    route_reason = models.CharField(max_length=200, blank=True)

    # Who is told what
    tell_professional_referrer = models.TextField("what the professional referrer is told", blank=True)
    tell_public_referrer = models.TextField("what a member of the public who called is told", blank=True)
    tell_child_and_family = models.TextField("what the child and family are told", blank=True)

    # Authorisation
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    return_reasons = models.TextField(blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True, help_text="When a manager last returned it")
    routed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "receiving_team"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state__in=[domain.AUTHORISED, domain.WITH_TEAM, domain.ALLOCATED])
                | models.Q(disposal__isnull=False),
                name="referral_authorised_has_disposal",
            ),
            models.CheckConstraint(
                condition=~models.Q(disposal__in=[2, 3, 4], state__in=[domain.AWAITING, domain.WITH_TEAM])
                | models.Q(receiving_team__isnull=False)
                | models.Q(allocated_worker__isnull=False),
                name="referral_disposal_2_to_4_has_team",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def state_label(self) -> str:
        return domain.STATE_LABELS.get(self.state, self.state)


class SharingDecision(TrackedModel):
    """A manager's recorded decision on sharing with other agencies without the parents' knowledge."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="sharing_decisions")
    authorised = models.BooleanField()
    what = models.TextField("what is shared, with whom and for what purpose")
    reasons = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at"]


class PoliceNotification(TrackedModel):
    """Suspected crime: the police are told, by whom and when, with their reference."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="police_notifications")
    notified_at = models.DateTimeField()
    notified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    police_reference = models.CharField(max_length=60)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-notified_at"]


class Milestone(TrackedModel):
    """What happened next in the receiving team, for statutory returns."""

    class Kind(models.TextChoices):
        ASSESSMENT_STARTED = "assessment_started", "Single assessment started"
        ASSESSMENT_AUTHORISED = "assessment_authorised", "Single assessment authorised"
        STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
        S47_STARTED = "s47_started", "Section 47 enquiry started"
        S47_OUTCOME = "s47_outcome", "Section 47 enquiry outcome"
        ICPC = "icpc", "Initial child protection conference"
        CP_PLAN = "cp_plan", "Child protection plan started"
        CIN_PLAN = "cin_plan", "Child in need plan started"
        CLOSURE = "closure", "Case closed"

    class S47Outcome(models.TextChoices):
        ICPC = "icpc", "Concerns substantiated: initial child protection conference"
        CIN = "cin", "Concerns substantiated, child not at continuing risk: child in need"
        NFA = "nfa", "Concerns not substantiated"

    CPCategory = Involvement.CPCategory  # one list of categories of abuse (CIN census codes)

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="milestones")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    date = models.DateField()
    factors = models.JSONField("factors identified at assessment (DfE codes)", default=list, blank=True)
    s47_outcome = models.CharField(max_length=10, choices=S47Outcome.choices, blank=True)
    cp_category = models.CharField(max_length=3, choices=CPCategory.choices, blank=True)
    closure_reason = models.CharField(max_length=4, choices=codes.closure_reason_choices(), blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["date", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="cp_plan") | ~models.Q(cp_category=""), name="milestone_cp_plan_has_category"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="closure") | ~models.Q(closure_reason=""), name="milestone_closure_has_reason"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="s47_outcome") | ~models.Q(s47_outcome=""),
                name="milestone_s47_outcome_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date}"

    @property
    def factor_labels(self) -> list[str]:
        return [codes.label(codes.assessment_factor_choices(), c) for c in self.factors]
