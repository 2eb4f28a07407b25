"""A person's record: who they are, their other names, addresses and disabilities.

Codes follow the national standards (CIN census sex M/F/U, DfE ethnicity codes) so returns are a query.
"""

from django.db import models

from frontdoor.core import codes
from frontdoor.core.models import TrackedModel

from .. import validators
from ..record.naming import display_name
from ..search.matching.normalise import romanised

# The one list of what a person's record holds (all but the search keys, which the index keeps):
# the details page changes DETAIL_FIELDS, the import stores PERSON_FIELDS.
DETAIL_FIELDS = (
    "given_name",
    "middle_names",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "expected_date_of_birth",
    "approximate_age",
    "sex",
    "gender_identity",
    "ethnicity",
    "first_language",
    "religion",
    "nationality",
    "immigration_status",
    "communication_needs",
    "nhs_number",
    "upn",
    "school",
    "phone",
)
ADDRESS_FIELDS = ("address", "postcode")
PERSON_FIELDS = ("person_id", *DETAIL_FIELDS, *ADDRESS_FIELDS)


class Person(TrackedModel):
    person_id = models.CharField(
        "person ID",
        max_length=20,
        unique=True,
        help_text="The authority's own person ID (LAchildID): letters and digits",
    )
    # Either name may be blank: a baby not yet named, an unborn child, a person known by one name
    # (shown as `display_name` says). The import refuses a row only with no name and no date of birth.
    given_name = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True, validators=[validators.validate_birth_date])
    expected_date_of_birth = models.DateField(null=True, blank=True, help_text="For an unborn child")
    approximate_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="When the date of birth is not known"
    )
    sex = models.CharField(max_length=1, choices=codes.sex_choices(), default="U")
    gender_identity = models.CharField(max_length=60, blank=True)
    ethnicity = models.CharField(max_length=4, choices=codes.ethnicity_choices(), blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    religion = models.CharField(max_length=60, blank=True)
    nationality = models.CharField(max_length=60, blank=True)
    immigration_status = models.CharField(max_length=100, blank=True)
    communication_needs = models.TextField(blank=True)
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, db_index=True, validators=[validators.validate_nhs_number]
    )
    upn = models.CharField("unique pupil number", max_length=13, blank=True, validators=[validators.validate_upn])
    school = models.CharField("school or nursery", max_length=160, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True, validators=[validators.validate_postcode])
    phone = models.CharField(max_length=40, blank=True)
    # Search keys kept by people.search.index: names folded to lower-case ASCII letters, parts run together.
    search_given = models.CharField(max_length=100, blank=True, editable=False)
    search_family = models.CharField(max_length=100, blank=True, editable=False)
    # What the scoring reads (people.search.matching.card), kept by people.search.index with the keys.
    search_card = models.TextField(blank=True, editable=False)
    # What the import could not store as given (line, column, original value, why), kept until someone who
    # keeps records has checked and corrected the record (record.services.person_needs_checking_clear).
    needs_checking = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            models.Index(fields=["date_of_birth", "search_family", "search_given"], name="person_search_dob"),
            models.Index(fields=["search_family", "search_given"], name="person_search_names"),
            # The few records that need checking, for the managers' list (a partial index: tiny, and free
            # for the import of everyone else).
            models.Index(
                fields=["family_name", "given_name", "person_id"],
                condition=~models.Q(needs_checking=""),
                name="person_needs_checking",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """The name to show: both names, the one name they have, "Baby of Hughes" or "Unnamed"."""
        return display_name(
            self.given_name,
            self.family_name,
            date_of_birth=self.date_of_birth,
            expected_date_of_birth=self.expected_date_of_birth,
            approximate_age=self.approximate_age,
        )

    @property
    def full_name_romanised(self) -> str:
        """The name in Latin letters when it is written in another script ("Li XiaoLong"), else ""."""
        return romanised(self.full_name)


class Alias(TrackedModel):
    """A previous name or another name the person is known by."""

    class Kind(models.TextChoices):
        PREVIOUS = "previous", "Previous name"
        ALIAS = "alias", "Also known as"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="aliases")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ALIAS)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name_plural = "aliases"

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class AddressHistory(TrackedModel):
    """Where the person has lived. The current address is also kept on Person for quick display."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="addresses")
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=8, blank=True, validators=[validators.validate_postcode])
    moved_in = models.DateField(null=True, blank=True, validators=[validators.validate_past_date])
    moved_out = models.DateField(null=True, blank=True, validators=[validators.validate_past_date])

    class Meta:
        ordering = ["-moved_in"]
        verbose_name_plural = "address history"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(moved_out__isnull=True)
                | models.Q(moved_in__isnull=True)
                | models.Q(moved_out__gte=models.F("moved_in")),
                name="address_moved_out_after_in",
            )
        ]

    def __str__(self) -> str:
        return f"{self.address} {self.postcode}".strip()


class Disability(TrackedModel):
    """A disability (CIN census code) and how the person communicates."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disabilities")
    code = models.CharField(max_length=4, choices=codes.disability_choices())
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "disabilities"
        constraints = [models.UniqueConstraint(fields=["person", "code"], name="disability_once_per_person")]

    def __str__(self) -> str:
        return self.get_code_display()
