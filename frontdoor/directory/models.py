"""Reference data for the authority: geography, teams, agencies and signposting services.

Loaded from a data file by `manage.py load_reference` (another authority replaces the file) and
editable in the admin. Rows are archived (active=False), never deleted, so history keeps its links.
"""

from django.db import models


class Authority(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    la_code = models.CharField("DfE local authority code", max_length=3, blank=True)
    cads_professional_phone = models.CharField(max_length=40, blank=True)
    public_phone = models.CharField(max_length=40, blank=True)
    emergency_duty_phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    letter_sign_off = models.CharField(max_length=200, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        verbose_name_plural = "authorities"

    def __str__(self) -> str:
        return self.name


class Locality(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "localities"

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="districts")
    postcode_prefixes = models.CharField(
        max_length=400, blank=True, help_text="Postcode districts in this district, separated by spaces (e.g. NR1 NR2)"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    class Kind(models.TextChoices):
        CADS = "cads", "Children's Advice and Duty Service"
        MASH = "mash", "Multi-Agency Safeguarding Hub"
        FAMILY_SUPPORT = "family_support", "Family Support"
        FAST = "fast", "Family Assessment and Safeguarding Team (FAST)"
        YOUTH_FAST = "youth_fast", "Youth FAST"
        EMERGENCY_DUTY = "edt", "Emergency Duty Team"
        FAMILY_HUB = "family_hub", "Family Hub (Early Help)"
        CUSTOMER_SERVICE = "customer_service", "Customer Service Centre"
        PERFORMANCE = "performance", "Performance and Intelligence"

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.PROTECT, related_name="teams")
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT, related_name="teams")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    hours = models.CharField(max_length=120, blank=True)
    address = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    class Kind(models.TextChoices):
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse service"
        EDUCATION = "education", "Education"
        PROBATION = "probation", "Probation"
        HOUSING = "housing", "Housing"
        ADULT_SERVICES = "adult_services", "Adult social services"
        CHILDRENS_SERVICES = "childrens_services", "Children's services"
        VOLUNTARY = "voluntary", "Voluntary sector"
        OTHER = "other", "Other"

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    is_mash_partner = models.BooleanField(default=False)
    secure_email = models.EmailField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A service callers can be signposted to (NSPCC, ChildLine, CEOP...)."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    phone = models.CharField(max_length=60, blank=True)
    website = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
