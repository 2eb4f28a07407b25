"""How people are related, and their involvements with children's services."""

from django.conf import settings
from django.db import models

from frontdoor.core.models import TrackedModel

from .record import Person


class Relationship(TrackedModel):
    """`from_person` is the `kind` of `to_person` (e.g. from=mother, kind=parent, to=child)."""

    class Kind(models.TextChoices):
        PARENT = "parent", "Parent"
        STEP_PARENT = "step_parent", "Step-parent"
        SIBLING = "sibling", "Sibling"
        HALF_SIBLING = "half_sibling", "Half-sibling"
        GRANDPARENT = "grandparent", "Grandparent"
        PARTNER = "partner", "Partner"
        CARER = "carer", "Carer"
        OTHER = "other", "Other"

    from_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships_from")
    to_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships_to")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parental_responsibility = models.BooleanField(default=False)
    same_household = models.BooleanField(default=False)
    description = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")), name="relationship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_person} is {self.get_kind_display().lower()} of {self.to_person}"


class Involvement(TrackedModel):
    """A period of involvement with children's services, shown in the records check."""

    class Kind(models.TextChoices):
        OPEN_CASE = "open_case", "Open to a worker"
        CHILD_IN_NEED = "cin_plan", "Child in need plan"
        CHILD_PROTECTION = "cp_plan", "Child protection plan"
        LOOKED_AFTER = "looked_after", "Looked after"
        EARLY_HELP = "early_help", "Early help plan"
        FAMILY_SUPPORT = "family_support", "Family support"

    class CPCategory(models.TextChoices):
        NEGLECT = "NEG", "Neglect"
        PHYSICAL = "PHY", "Physical abuse"
        SEXUAL = "SAB", "Sexual abuse"
        EMOTIONAL = "EMO", "Emotional abuse"
        MULTIPLE = "MUL", "Multiple"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="involvements")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    worker_name = models.CharField(max_length=120, blank=True)
    team = models.ForeignKey("directory.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cp_category = models.CharField("category of abuse", max_length=3, choices=CPCategory.choices, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="involvement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person} from {self.start_date}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    @property
    def worker_display(self) -> str:
        return str(self.worker) if self.worker else self.worker_name
