"""The person index: children, parents, carers and others, their relationships and involvements.

Codes follow the national standards (CIN census sex M/F/U, DfE ethnicity codes) so returns are a query.
"""

from django.conf import settings
from django.db import models

from frontdoor.core import codes
from frontdoor.core.models import TrackedModel

from . import validators


class Person(TrackedModel):
    person_id = models.CharField(
        "person ID",
        max_length=20,
        unique=True,
        help_text="The authority's own person ID (LAchildID): letters and digits",
    )
    given_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
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
    # Search keys kept by people.search_index: names folded to lower-case ASCII letters, parts run together.
    search_given = models.CharField(max_length=100, blank=True, editable=False)
    search_family = models.CharField(max_length=100, blank=True, editable=False)
    # What the scoring reads (people.matching.card), kept by people.search_index with the keys.
    search_card = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            models.Index(fields=["date_of_birth", "search_family", "search_given"], name="person_search_dob"),
            models.Index(fields=["search_family", "search_given"], name="person_search_names"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


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


class PersonSearchKey(models.Model):
    """Indexed sound-alike keys for a person (see people.matching.keys), each carrying the person's
    search card, so that a look-up by key reads everything it scores from the index alone.
    Rebuilt whenever anything the search scores changes; an archived (merged) person has none."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_keys")
    key = models.CharField(max_length=40)
    card = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["key", "person", "card"], name="person_search_key_card")]

    def __str__(self) -> str:
        return self.key


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


class PersonImport(TrackedModel):
    """One run of `manage.py import_people`: what was read, loaded and refused."""

    file_name = models.CharField(max_length=300)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    rejected_rows = models.JSONField(default=list, blank=True, help_text="The first 1,000 refused rows")

    def __str__(self) -> str:
        return f"Import of {self.file_name} at {self.created_at:%Y-%m-%d %H:%M}"


class PossibleDuplicate(models.Model):
    """Two records the matching engine thinks may be the same person, waiting for a manager."""

    class Status(models.TextChoices):
        OPEN = "open", "To review"
        MERGED = "merged", "Merged"
        DISMISSED = "dismissed", "Not the same person"

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    found_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-score", "found_at"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_once"),
            models.CheckConstraint(condition=~models.Q(person_a=models.F("person_b")), name="duplicate_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} and {self.person_b} ({self.score:.0f})"


class DuplicateScan(models.Model):
    """One run of the duplicate search: everyone, or only the people changed since the last run."""

    class Scope(models.TextChoices):
        CHANGED = "changed", "People added or changed since the last scan"
        EVERYONE = "everyone", "Everyone"

    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.CHANGED)
    since = models.DateTimeField(null=True, blank=True, help_text="Changed people only: changed at or after this")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    people_total = models.PositiveIntegerField(default=0, help_text="People to check")
    people_checked = models.PositiveIntegerField(default=0)
    pairs_found = models.PositiveIntegerField(default=0)
    failed = models.TextField(blank=True, help_text="Why the scan stopped, if it did")
    progress_at = models.DateTimeField(null=True, blank=True, help_text="Last sign of life: as each chunk is done")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Duplicate scan ({self.get_scope_display().lower()}) at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class PersonMerge(TrackedModel):
    """A merge of `merged` into `kept`: exactly what moved, so that undo can put it all back."""

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_merged")
    duplicate = models.ForeignKey(PossibleDuplicate, null=True, blank=True, on_delete=models.SET_NULL)
    moved = models.JSONField(default=dict, help_text="{model label: [ids moved from merged to kept]}")
    archived_rows = models.JSONField(default=dict, help_text="{model label: [ids archived by the merge]}")
    added_alias = models.ForeignKey(Alias, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.merged} merged into {self.kept}"
