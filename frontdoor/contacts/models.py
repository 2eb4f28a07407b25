"""The contact: one consultation call about one or more children, from first question to agreed outcome.

A contact is saved as a draft step by step during the call (status DRAFT) and becomes RECORDED when
the worker saves it at the end; its decision and feedback-letter deadlines are fixed then.
Decisions, referrals and letters live in their own apps and point here.
"""

from django.conf import settings
from django.db import models

from frontdoor.core import codes
from frontdoor.core.models import TrackedModel


class Contact(TrackedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        RECORDED = "recorded", "Recorded"

    class CallerType(models.TextChoices):
        PROFESSIONAL = "professional", "Professional"
        PUBLIC = "public", "Member of the public"

    class PhoneRoute(models.TextChoices):
        ALLOCATED_WORKER = "allocated_worker", "Option 1: the child already has a social worker or family practitioner"
        EXPLOITATION = "exploitation", "Option 2: child exploitation"
        DOMESTIC_ABUSE = "domestic_abuse", "Option 3: domestic abuse"
        GENERAL = "general", "General line"

    class ParentsAware(models.TextChoices):
        YES = "yes", "Yes, they know about the concern"
        NO = "no", "No, they do not know"
        UNKNOWN = "unknown", "The caller does not know"

    class Immediacy(models.TextChoices):
        IMMEDIATE = "immediate", "Immediate: the child may need protection today"
        URGENT = "urgent", "Urgent: action needed within 1 working day"
        NOT_URGENT = "not_urgent", "Not urgent: no immediate risk"

    class InHousehold(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        UNKNOWN = "unknown", "Not known"

    class Consent(models.TextChoices):
        OBTAINED = "obtained", "Consent obtained"
        REFUSED = "refused", "Consent refused"
        NOT_SOUGHT = "not_sought", "Consent not sought"

    class ConsentNotSoughtReason(models.TextChoices):
        RISK_TO_CHILD = "risk_to_child", "Asking would increase the risk of harm to the child"
        RISK_TO_OTHER_CHILD = "risk_to_other_child", "Asking would increase the risk of harm to another child"
        RISK_TO_OTHERS = "risk_to_others", "Asking would increase the risk of harm to an adult or the caller"
        UNDERMINE_INVESTIGATION = (
            "undermine_investigation",
            "Asking might undermine the investigation of a serious crime",
        )
        DELAY = "delay", "The delay in asking would put the child at further risk"

    class Outcome(models.TextChoices):
        ADVICE = "advice", "Advice only"
        SIGNPOST = "signpost", "Signpost to another service"
        EARLY_HELP = "early_help", "Early Help or Family Hub"
        REFERRAL = "referral", "Progress to referral"
        ALLOCATED_WORKER = "allocated_worker", "Pass to the allocated worker"
        MASH = "mash", "MASH or immediate protection"
        POLICE = "police", "Police notified"

    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts")
    received_at = models.DateTimeField(help_text="When the call came in")
    last_step = models.CharField(max_length=40, blank=True, help_text="The last step saved, to resume a draft")

    # 1. Caller
    caller_type = models.CharField(max_length=20, choices=CallerType.choices, blank=True)
    caller_name = models.CharField(max_length=120, blank=True)
    caller_role = models.CharField(max_length=120, blank=True)
    caller_agency = models.ForeignKey(
        "directory.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    caller_agency_name = models.CharField(max_length=160, blank=True)
    caller_phone = models.CharField(max_length=40, blank=True)
    caller_email = models.EmailField(max_length=254, blank=True)
    caller_address = models.TextField(blank=True)
    caller_confidential = models.BooleanField(
        default=False, help_text="A member of the public asked to keep their identity confidential"
    )
    source = models.CharField("referral source", max_length=3, choices=codes.referral_source_choices(), blank=True)
    phone_route = models.CharField(max_length=20, choices=PhoneRoute.choices, blank=True)
    reason_for_call = models.TextField(blank=True)

    # 3. Worries (Signs of Safety)
    worried_about = models.TextField(blank=True)
    working_well = models.TextField(blank=True)
    needs_to_happen = models.TextField(blank=True)
    scale = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="0 = the child is not safe, 10 = safe enough to close"
    )
    scale_reason = models.TextField(blank=True)
    child_location = models.TextField("where the child is now", blank=True)
    parents_aware = models.CharField(max_length=10, choices=ParentsAware.choices, blank=True)
    immediacy = models.CharField(max_length=12, choices=Immediacy.choices, blank=True)
    support_so_far = models.TextField(blank=True)
    # The caller is asked specifically about these in the household (DOMAIN section 3); each referral opened
    # from the contact starts with a copy of the answers ("" = not asked).
    domestic_abuse = models.CharField(
        "domestic abuse in the household", max_length=10, choices=InHousehold.choices, blank=True
    )
    mental_illness = models.CharField(
        "mental illness in the household", max_length=10, choices=InHousehold.choices, blank=True
    )
    substance_misuse = models.CharField(
        "substance misuse in the household", max_length=10, choices=InHousehold.choices, blank=True
    )
    learning_difficulties = models.CharField(
        "learning difficulties in the household", max_length=10, choices=InHousehold.choices, blank=True
    )

    # 4. Records check
    records_check_notes = models.TextField(blank=True)
    records_checked_at = models.DateTimeField(null=True, blank=True)

    # 5. Consent
    consent = models.CharField(max_length=12, choices=Consent.choices, blank=True)
    consent_not_sought_reason = models.CharField(max_length=30, choices=ConsentNotSoughtReason.choices, blank=True)
    consent_plan = models.TextField("how and when consent will be sought", blank=True)
    consent_notes = models.TextField(blank=True)

    # 6. Read back and outcome
    named_problem = models.TextField("the problem, named", blank=True)
    caller_relationship = models.TextField("caller's relationship to the family", blank=True)
    caller_hoped_outcome = models.TextField("outcome the caller hopes for", blank=True)
    agreed_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)

    # Timescales, fixed when the contact is recorded (working days; see core.workdays)
    recorded_at = models.DateTimeField(null=True, blank=True)
    decision_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    letter_due_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            # Covering indexes: a list page walks one in order and stops after the page; the counts in the
            # navigation and the queues read only the index. A worker's contacts newest first (with what
            # the counts ask about), everyone's newest first (the team's list), contacts by urgency and
            # decision deadline (the queues walk these in deadline order; everyone's and a worker's), and
            # by letter deadline.
            models.Index(
                fields=["worker", "status", "-received_at", "archived", "letter_due_at", "id"],
                name="contact_worker_list_cover",
            ),
            models.Index(fields=["status", "-received_at", "id"], name="contact_status_received"),
            models.Index(fields=["status", "immediacy", "decision_due_at", "id"], name="contact_decision_due_cover"),
            models.Index(
                fields=["worker", "status", "immediacy", "decision_due_at", "id"], name="contact_worker_decision_due"
            ),
            models.Index(fields=["status", "letter_due_at", "worker", "id"], name="contact_letter_due_cover"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True) | models.Q(scale__lte=10), name="contact_scale_0_to_10"
            ),
            models.CheckConstraint(
                condition=~models.Q(consent="not_sought") | ~models.Q(consent_not_sought_reason=""),
                name="contact_consent_not_sought_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class ContactPerson(TrackedModel):
    """Someone named on the call: a child the call is about, or a family member or other important person."""

    class Role(models.TextChoices):
        CHILD = "child", "Child the call is about"
        PARENT_CARER = "parent_carer", "Parent or carer"
        SIBLING = "sibling", "Sibling"
        HOUSEHOLD = "household", "Other household member"
        IMPORTANT = "important", "Other person important to the child"
        ALLEGED_PERPETRATOR = "alleged_perpetrator", "Alleged perpetrator"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="contact_links"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    approximate_age = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=codes.sex_choices(), blank=True)
    relationship = models.CharField("relationship to the child", max_length=120, blank=True)
    lives_with_child = models.BooleanField(default=False)
    parental_responsibility = models.BooleanField(default=False)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    match_decision = models.CharField(
        max_length=20,
        blank=True,
        help_text="linked: matched to an existing record; new: the worker chose to create a new record",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def is_child(self) -> bool:
        return self.role == self.Role.CHILD

    # The record is the truth (issue 11). Once this person is linked to a record, every page, queue, request,
    # letter and export shows the record's name, date of birth and address through these `shown_*` values
    # (select_related("person") where a list shows many); what the caller said stays in the fields above and
    # `caller_said` lists where it differs, to be shown beside the record. The one way to show a person on a call.
    @property
    def shown_name(self) -> str:
        return self.person.full_name if self.person_id else str(self)

    @property
    def shown_date_of_birth(self):
        return self.person.date_of_birth if self.person_id else self.date_of_birth

    @property
    def shown_approximate_age(self) -> int | None:
        """An age only where no date of birth is known: a record with a date of birth never shows "About 6"."""
        if self.shown_date_of_birth:
            return None
        return self.person.approximate_age if self.person_id else self.approximate_age

    @property
    def shown_address(self) -> str:
        return self.person.address if self.person_id else self.address

    @property
    def shown_postcode(self) -> str:
        return self.person.postcode if self.person_id else self.postcode

    @property
    def caller_said(self) -> dict[str, str]:
        """What the caller gave that differs from the linked record, by label: {"name": "Geraldene Hughs"}."""
        if not self.person_id:
            return {}
        said: dict[str, str] = {}
        if _folded(str(self)) != _folded(self.person.full_name):
            said["name"] = str(self)
        if self.date_of_birth and self.date_of_birth != self.person.date_of_birth:
            said["date of birth"] = self.date_of_birth.strftime("%-d %B %Y")
        if self.address and _folded(self.address) != _folded(self.person.address):
            said["address"] = self.address
        return said

    @property
    def caller_said_text(self) -> str:
        """`caller_said` as words to show beside the record: "Geraldene Hughs; date of birth 3 May 2019"."""
        return "; ".join(value if label == "name" else f"{label} {value}" for label, value in self.caller_said.items())


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


class Action(TrackedModel):
    """One action in the agreed plan: what, who owns it, by when."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=500)
    owner = models.CharField(max_length=160)
    due_date = models.DateField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "due_date"]

    def __str__(self) -> str:
        return self.what
