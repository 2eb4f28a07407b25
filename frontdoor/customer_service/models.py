"""A member of the public's call to the council's customer service centre, and where it was passed.

The advisor asks for the child's name and address, checks for an allocated worker and either passes
the caller to that worker or makes a live three-way handover to CADS. The advisor sees only whether
there is an allocated worker and how to reach them, never the child's record.
"""

from django.conf import settings
from django.db import models

from frontdoor.core.models import TrackedModel


class Handover(TrackedModel):
    class Outcome(models.TextChoices):
        ALLOCATED_WORKER = "allocated_worker", "Passed to the child's allocated worker"
        CADS = "cads", "Live handover to CADS"
        EMERGENCY = "emergency", "Told to call 999 (child in immediate danger)"
        EDT = "edt", "Passed to the Emergency Duty Team (out of hours)"
        NO_CONCERN = "no_concern", "No concern about a child: general enquiry"

    caller_name = models.CharField(max_length=120, blank=True)
    caller_phone = models.CharField(max_length=40, blank=True)
    caller_confidential = models.BooleanField(default=False)
    child_name = models.CharField(max_length=200)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_address = models.CharField(max_length=300, blank=True)
    child_postcode = models.CharField(max_length=8, blank=True)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    allocated_worker = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    handed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField("what the caller said", blank=True)
    taken_at = models.DateTimeField()
    # A live handover to CADS waits in "Public calls" until a consultant social worker takes it: taking it
    # starts the draft contact (filled in from here, owned by them) and links the two.
    contact = models.OneToOneField(
        "contacts.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="public_call"
    )

    class Meta:
        ordering = ["-taken_at"]

    def __str__(self) -> str:
        return f"Call about {self.child_name} at {self.taken_at:%d/%m/%Y %H:%M}"

    @property
    def is_waiting(self) -> bool:
        """Handed to CADS and not yet taken by a consultant social worker."""
        return self.outcome == self.Outcome.CADS and self.contact_id is None
