"""The person search form: one box plus optional date of birth, sex and postcode."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from frontdoor.ui.forms import GovukDateField, PlainTextField

from ..validators import EARLIEST_BIRTH_DATE, normalise_postcode, validate_postcode

SEX_CHOICES = [("", "Any"), ("F", "Female"), ("M", "Male"), ("U", "Not known")]


class PersonSearchForm(forms.Form):
    q = PlainTextField(
        label="Name",
        required=False,
        max_length=200,
        help_text="Given and family name in any order. You can add an age, for example ‘Jess Smith 9’.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "hx-post": "",
                "hx-trigger": "input changed delay:250ms, search",
                "hx-target": "#search-results",
                "hx-include": "closest form",
            }
        ),
    )
    date_of_birth = GovukDateField(label="Date of birth", required=False, past_only=True, earliest=EARLIEST_BIRTH_DATE)
    sex = forms.ChoiceField(label="Sex", choices=SEX_CHOICES, required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10, validators=[validate_postcode])

    def __init__(self, *args, results_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["hx-post"] = results_url

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean(self):
        data = super().clean()
        if (
            not self.errors
            and not (data.get("q") or "").strip()
            and not data.get("date_of_birth")
            and not data.get("postcode")
        ):
            raise ValidationError("Enter a name, date of birth or postcode to search for", code="empty")
        return data

    def search_args(self) -> dict:
        data = self.cleaned_data
        dob: dt.date | None = data.get("date_of_birth")
        return {
            "text": data.get("q") or "",
            "date_of_birth": dob,
            "sex": data.get("sex") or None,
            "postcode": data.get("postcode") or None,
        }
