"""Forms for a person's relationships and involvements: validation and GOV.UK wording only.

The rules that join several answers live in people.record.domain and are applied by the services.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from frontdoor.accounts.models import Role, User
from frontdoor.directory.models import Team
from frontdoor.ui.forms import PlainTextField, radios, text

from ..models import Involvement, Relationship
from ..record.domain import person_details_errors, relationship_options
from ..record.forms import (
    VersionedForm,
    approximate_age_field,
    date_field,
    expected_birth_field,
    postcode_field,
    sex_field,
    yes_no,
)
from ..validators import normalise_postcode

WORKER_ROLES = (Role.CONSULTANT_SOCIAL_WORKER, Role.TEAM_MANAGER, Role.RECEIVING_PRACTITIONER)


# Relationships ---------------------------------------------------------------------------------


class RelativeSearchForm(forms.Form):
    """The plain search for the other person (works without JavaScript)."""

    q = PlainTextField(
        label="Name of the other person",
        max_length=200,
        help_text="Given and family name in any order. You can add an age, for example ‘Sarah Smith 35’.",
        error_messages={"required": "Enter the name of the person to search for"},
    )


class RelationshipFields(forms.Form):
    """How two people are related, said as one sentence chosen from both directions, and the two flags."""

    kind = forms.ChoiceField(
        label="How are they related?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they are related", "invalid_choice": "Select how they are related"},
    )
    parental_responsibility = yes_no(
        "Does the parent or carer in this relationship have parental responsibility?",
        required="Select yes if they have parental responsibility",
        hint="Choose no for brothers, sisters and partners.",
    )
    same_household = yes_no(
        "Do they live in the same household?", required="Select yes if they live in the same household"
    )
    description = text(
        "Description", 120, hint="Optional. For example, maternal grandmother, foster carer, mother's partner"
    )
    inline_fields = ("parental_responsibility", "same_household")


class RelationshipAddForm(RelationshipFields):
    def __init__(self, *args, person, other, **kwargs):
        super().__init__(*args, **kwargs)
        older = person.date_of_birth and other.date_of_birth and person.date_of_birth < other.date_of_birth
        self.fields["kind"].choices = relationship_options(person.full_name, other.full_name, this_first=bool(older))


NEW_PERSON = "the new person"


class NewRelativeForm(RelationshipFields):
    """A family member who has no record yet: what is known about them, then how they are related.

    Their age is given one way: a date of birth, an expected date of birth (unborn) or an approximate age.
    """

    given_name = text("First name", 100, required="Enter their first name")
    family_name = text("Last name", 100, required="Enter their last name")
    date_of_birth = date_field("Date of birth", hint="For example, 27 3 1988")
    expected_date_of_birth = expected_birth_field()
    approximate_age = approximate_age_field()
    sex = sex_field(hint="As the census records it.")
    postcode = postcode_field(hint="Optional. Where they live, if you know it. For example, NR1 2DH")

    PERSON_FIELDS = (
        "given_name",
        "family_name",
        "date_of_birth",
        "expected_date_of_birth",
        "approximate_age",
        "sex",
        "postcode",
    )
    RELATIONSHIP_FIELDS = ("kind", "parental_responsibility", "same_household", "description")
    field_order = PERSON_FIELDS + RELATIONSHIP_FIELDS

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        options = relationship_options(person.full_name, NEW_PERSON)
        self.fields["kind"].choices = [(value, label[0].upper() + label[1:]) for value, label in options]

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean(self):
        """The age rules here too (the service applies them again), so every mistake shows at once."""
        data = super().clean()
        if not any(name in self.errors for name in ("date_of_birth", "expected_date_of_birth", "approximate_age")):
            errors = person_details_errors(
                date_of_birth=data.get("date_of_birth"),
                expected_date_of_birth=data.get("expected_date_of_birth"),
                approximate_age=data.get("approximate_age"),
                sex=data.get("sex") or "U",  # not chosen yet: its own error says so
                today=timezone.localdate(),
            )
            for name, message in errors.items():
                self.add_error(name, message)
        return data

    def person_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.PERSON_FIELDS}


class RelationshipChangeForm(VersionedForm):
    parental_responsibility = yes_no(
        "Parental responsibility", required="Select yes if they have parental responsibility"
    )
    same_household = yes_no(
        "Do they live in the same household?", required="Select yes if they live in the same household"
    )
    description = text("Description", 120, hint="For example, maternal grandmother, foster carer, mother's partner")
    inline_fields = ("parental_responsibility", "same_household")

    def __init__(self, *args, relationship: Relationship, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parental_responsibility"].label = (
            f"Does {relationship.from_person.full_name} have parental responsibility for "
            f"{relationship.to_person.full_name}?"
        )


# Involvements ----------------------------------------------------------------------------------


class InvolvementForm(forms.Form):
    kind = radios("What kind of involvement?", Involvement.Kind.choices, required="Select the kind of involvement")
    cp_category = forms.ChoiceField(
        label="Category of abuse",
        choices=[("", "Not a child protection plan")] + Involvement.CPCategory.choices,
        required=False,
        help_text="Only for a child protection plan",
        error_messages={"invalid_choice": "Select the category of abuse from the list"},
    )
    start_date = date_field(
        "Start date",
        required=True,
        hint="For example, 27 3 2026",
        error_messages={"required": "Enter the start date", "incomplete": "Enter the start date"},
    )
    end_date = date_field("End date", hint="Leave blank if it is still going on")
    worker = forms.ModelChoiceField(
        label="Worker",
        queryset=User.objects.filter(is_active=True, role__in=WORKER_ROLES).order_by("first_name", "last_name"),
        required=False,
        empty_label="Choose a worker",
        help_text="If they are not in the list, type their name below",
        error_messages={"invalid_choice": "Choose a worker from the list"},
    )
    worker_name = text("Worker's name, if not in the list", 120, hint="For example, a worker in another authority")
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.filter(active=True).order_by("name"),
        required=False,
        empty_label="Choose a team",
        error_messages={"invalid_choice": "Choose a team from the list"},
    )
    notes = text("Notes", 2000, long=True, rows=3)

    @classmethod
    def initial_from(cls, inv: Involvement, version: int) -> dict:
        initial = {name: getattr(inv, name) for name in cls.base_fields if name not in ("version", "worker", "team")}
        initial.update(worker=inv.worker_id, team=inv.team_id, version=version)
        return initial

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class InvolvementChangeForm(VersionedForm, InvolvementForm):
    pass


class InvolvementEndForm(VersionedForm):
    end_date = date_field(
        "End date",
        required=True,
        hint="For example, 27 3 2026",
        error_messages={"required": "Enter the end date", "incomplete": "Enter the end date"},
    )
