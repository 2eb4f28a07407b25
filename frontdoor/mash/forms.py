from __future__ import annotations

from django import forms

from frontdoor.ui.forms import GovukDateField, version_field

from .models import InformationRequest, MashEnquiry


class OpenForm(forms.Form):
    reason = forms.CharField(
        label="Why does this need the MASH?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why this needs the MASH"},
    )


class RequestForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Which agency?", queryset=None, empty_label="", error_messages={"required": "Select the agency"}
    )
    rag = forms.ChoiceField(
        label="How urgent is it?",
        choices=InformationRequest.Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how urgent the request is"},
    )
    question = forms.CharField(
        label="What do you need to know?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what you need to know"},
    )
    due_on = GovukDateField(
        label="Different deadline date", required=False, help_text="Leave empty to use the deadline for the urgency"
    )
    due_time = forms.TimeField(
        label="Different deadline time",
        required=False,
        help_text="For example, 14:30",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
        error_messages={"invalid": "Enter a time like 14:30"},
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        if data.get("due_time") and not data.get("due_on"):
            self.add_error("due_on", "Enter the deadline date")
        return data


class AnswerForm(forms.Form):
    version = version_field()
    answer = forms.CharField(
        label="What information does your agency hold?",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Facts first, with dates and sources. Say if you hold nothing.",
        error_messages={"required": "Enter the information your agency holds"},
    )
    not_for_onward_sharing = forms.BooleanField(
        label="Not for onward sharing: only the MASH may read this answer",
        required=False,
        help_text="The team the child is referred to reads the MASH's analysis and the other answers, not this one",
    )


class ConcludeForm(forms.Form):
    version = version_field()
    analysis = forms.CharField(
        label="Combined analysis",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the combined analysis"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=MashEnquiry.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the MASH enquiry"},
    )
