"""Users, each with one role; a team, and for MASH partners an agency."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    CONSULTANT_SOCIAL_WORKER = "csw", "Consultant social worker"
    TEAM_MANAGER = "manager", "Team manager"
    CUSTOMER_SERVICE_ADVISOR = "csa", "Customer service advisor"
    MASH_PARTNER = "mash_partner", "MASH partner"
    RECEIVING_PRACTITIONER = "receiving", "Receiving team practitioner"
    PERFORMANCE_ANALYST = "analyst", "Performance analyst"
    ADMINISTRATOR = "admin", "Administrator"


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CONSULTANT_SOCIAL_WORKER)
    team = models.ForeignKey("directory.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    agency = models.ForeignKey(
        "directory.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text="Required for MASH partners: they see only requests addressed to this agency.",
    )
    job_title = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    must_change_password = models.BooleanField(
        default=False, help_text="Set by an administrator's temporary password: the user chooses their own next."
    )

    class Meta:
        ordering = ["first_name", "last_name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="mash_partner") | models.Q(agency__isnull=False),
                name="mash_partner_has_agency",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles
