"""Forms for keeping a person's record right: validation and GOV.UK wording only.

The rules that join several answers (only one way of giving an age, a child protection plan's category)
live in people.record.domain and are applied by the services; their messages come back onto these forms.
"""

from __future__ import annotations

import re

from django import forms

from frontdoor.core import codes
from frontdoor.ui.forms import GovukDateField, phone_number, radios, text, version_field

from ..models import Alias
from ..validators import (
    EARLIEST_BIRTH_DATE,
    normalise_nhs_number,
    normalise_postcode,
    validate_nhs_number,
    validate_postcode,
    validate_upn,
)

SEX_LABELS = {"M": "Male", "F": "Female", "U": "Not known or unborn"}
YES_NO = [("True", "Yes"), ("False", "No")]


def yes_no(label: str, *, required: str, hint: str = ""):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        help_text=hint,
        error_messages={"required": required, "invalid_choice": required},
    )


def date_field(label: str, *, required: bool = False, hint: str = "For example, 27 3 2015", **kwargs):
    return GovukDateField(
        label=label, required=required, past_only=True, earliest=EARLIEST_BIRTH_DATE, help_text=hint, **kwargs
    )


def postcode_field(*, required: bool = False, hint: str = ""):
    return forms.CharField(
        label="Postcode",
        max_length=10,
        required=required,
        help_text=hint,
        validators=[validate_postcode],
        error_messages={"required": "Enter a postcode", "max_length": "Enter a real postcode, like NR1 2DH"},
    )


def expected_birth_field():
    return GovukDateField(
        label="Expected date of birth",
        required=False,
        help_text="Only for an unborn child. For example, 14 9 2026",
    )


def approximate_age_field():
    return forms.IntegerField(
        label="Approximate age in years",
        required=False,
        min_value=0,
        max_value=120,
        help_text="Only if you do not know the date of birth",
        error_messages={
            "invalid": "Approximate age must be a number, like 7",
            "min_value": "Approximate age must be 0 or more",
            "max_value": "Approximate age must be 120 or less",
        },
    )


def sex_field(hint: str = "As the census records it. Record gender identity below."):
    return radios(
        "Sex",
        [(code, SEX_LABELS.get(code, label)) for code, label in codes.sex_choices()],
        required="Select their sex",
        hint=hint,
    )


class VersionedForm(forms.Form):
    """Carries the version of the row the worker opened, so that a save from a stale tab is refused."""

    version = version_field()
    inline_fields: tuple[str, ...] = ()


# Details ---------------------------------------------------------------------------------------


class PersonDetailsForm(VersionedForm):
    # Not everyone has both names (a baby not yet named, a person known by one name): one name, or a date of
    # birth for a baby with none yet, is enough (`clean`). Never make a name up.
    given_name = text("First name", 100, hint="Leave blank for a baby who has not been named yet")
    middle_names = text("Middle names", 100)
    family_name = text("Last name", 100, hint="Leave blank if they are known by one name only")
    preferred_name = text("Preferred name", 100, hint="The name they like to be called, if it is different")
    date_of_birth = date_field("Date of birth")
    expected_date_of_birth = expected_birth_field()
    approximate_age = approximate_age_field()
    sex = sex_field()
    gender_identity = text("Gender identity", 60, hint="In their own words, if they have told you")
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=[("", "Not recorded")] + codes.ethnicity_choices(),
        required=False,
        error_messages={"invalid_choice": "Select an ethnicity from the list"},
    )
    first_language = text("First language", 60)
    religion = text("Religion", 60)
    nationality = text("Nationality", 60)
    immigration_status = text("Immigration status", 100)
    communication_needs = text(
        "Communication needs",
        1000,
        long=True,
        rows=3,
        hint="How they communicate and any help they need, for example British Sign Language or an interpreter.",
    )
    school = text("School or nursery", 160)
    phone = phone_number("Phone number")
    nhs_number = forms.CharField(
        label="NHS number",
        max_length=14,
        required=False,
        validators=[validate_nhs_number],
        help_text="10 digits, for example 943 476 5919",
        error_messages={"max_length": "NHS number must be 10 digits"},
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN)",
        max_length=13,
        required=False,
        validators=[validate_upn],
        help_text="13 characters, for example H801200001001",
        error_messages={"max_length": "Unique pupil number must be 13 characters: a letter then 12 digits"},
    )

    SECTIONS = (
        ("Name", ("given_name", "middle_names", "family_name", "preferred_name")),
        ("Age and sex", ("date_of_birth", "expected_date_of_birth", "approximate_age", "sex", "gender_identity")),
        (
            "Background",
            ("ethnicity", "first_language", "religion", "nationality", "immigration_status", "communication_needs"),
        ),
        ("Identifiers and contact", ("nhs_number", "upn", "school", "phone")),
    )

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def clean_nhs_number(self) -> str:
        return normalise_nhs_number(self.cleaned_data["nhs_number"])

    def clean_upn(self) -> str:
        return self.cleaned_data["upn"].strip().upper()

    def clean(self):
        data = super().clean()
        named = data.get("given_name") or data.get("family_name")
        dated = data.get("date_of_birth") or data.get("expected_date_of_birth")
        if not named and not dated and not {"given_name", "family_name"} & set(self.errors):
            self.add_error("given_name", "Enter a first name or last name (for a baby not yet named, a date of birth)")
        return data

    def clean_phone(self) -> str:
        value = " ".join(self.cleaned_data["phone"].split())
        if value and (not re.fullmatch(r"[\d\s()+-]+", value) or len(re.sub(r"\D", "", value)) < 6):
            raise forms.ValidationError("Enter a phone number, like 01603 223344 or 07700 900982")
        return value

    @classmethod
    def initial_from(cls, person, version: int) -> dict:
        initial = {name: getattr(person, name) for name in cls.base_fields if name != "version"}
        initial["version"] = version
        return initial

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


# Addresses -------------------------------------------------------------------------------------


class AddressMoveForm(forms.Form):
    address = text("Address", 300, required="Enter the address", long=True, rows=3)
    postcode = postcode_field()
    moved_in = date_field(
        "Date they moved in",
        required=True,
        hint="For example, 27 3 2026. If you only know the month, use the 1st.",
        error_messages={"required": "Enter the date they moved in", "incomplete": "Enter the date they moved in"},
    )

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])


class AddressCorrectForm(VersionedForm):
    """The current address (no moved-out date) or, with `earlier=True`, an earlier one."""

    address = text("Address", 300, required="Enter the address", long=True, rows=3)
    postcode = postcode_field()
    moved_in = date_field("Date they moved in", hint="For example, 27 3 2024. Leave blank if not known.")
    moved_out = date_field(
        "Date they moved out",
        required=True,
        error_messages={"required": "Enter the date they moved out", "incomplete": "Enter the date they moved out"},
    )

    def __init__(self, *args, earlier: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not earlier:
            del self.fields["moved_out"]

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])


# Other names and disabilities ------------------------------------------------------------------


class AliasForm(forms.Form):
    kind = radios(
        "What kind of name is it?",
        Alias.Kind.choices,
        required="Select whether it is a previous name or another name they are known by",
    )
    given_name = text("First name", 100)
    family_name = text("Last name", 100)

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("given_name") and not data.get("family_name"):
            self.add_error("given_name", "Enter a first name or last name")
        return data


class DisabilityForm(forms.Form):
    code = radios("Disability", codes.disability_choices(), required="Select a disability")
    notes = text("Notes", 300, hint="For example, how it affects them day to day or what helps")


class LooksForm(forms.Form):
    """Who has looked at this child: from and to, both optional."""

    since = GovukDateField(label="From", past_only=True, required=False)
    until = GovukDateField(label="To", required=False)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data
