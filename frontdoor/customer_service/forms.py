import datetime as dt
import re

from django import forms

from frontdoor.ui.forms import GovukDateField, PlainTextField

from .models import Handover

PHONE = re.compile(r"^(\+44\s?|0)[\d\s]{9,12}$")
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.I)


class AllocationCheckForm(forms.Form):
    child_name = PlainTextField(
        label="Child's name",
        max_length=200,
        error_messages={
            "required": "Enter the child's name",
            "max_length": "Child's name must be 200 characters or fewer",
        },
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        past_only=True,
        earliest=dt.date(1900, 1, 1),
        required=False,
        help_text="If the caller knows it. For example, 27 3 2019",
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        required=False,
        help_text="Of the child’s home address",
        error_messages={"max_length": "Enter a real postcode, like NR1 2DH"},
    )

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip().upper()
        if value and not POSTCODE.match(value):
            raise forms.ValidationError("Enter a real postcode, like NR1 2DH")
        return value


class HandoverForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happened to the call?",
        choices=Handover.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened to the call"},
    )
    handed_to = forms.ModelChoiceField(
        label="Consultant social worker who took the call",
        queryset=None,
        required=False,
        empty_label="Not handed to CADS",
    )
    caller_name = PlainTextField(label="Caller's name", max_length=120, required=False)
    caller_phone = forms.CharField(label="Caller's phone number", max_length=40, required=False)
    caller_confidential = forms.BooleanField(
        label="The caller asked to keep their identity confidential", required=False
    )
    child_address = forms.CharField(label="Child's address", max_length=300, required=False)
    notes = forms.CharField(
        label="What the caller said",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What they are worried about, in their words. CADS sees this when they take the call, "
        "so the caller is not asked again.",
    )

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handed_to"].queryset = workers

    def clean_caller_phone(self):
        value = self.cleaned_data["caller_phone"].strip()
        if value and not PHONE.match(value):
            raise forms.ValidationError("Enter a UK phone number, like 01603 223 000 or 07700 900 982")
        return value

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Handover.Outcome.CADS and not data.get("handed_to"):
            self.add_error("handed_to", "Select the consultant social worker who took the call")
        return data
