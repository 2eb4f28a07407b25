"""Forms for letters, sending, the survey and disagreements: validation and GOV.UK wording only."""

from __future__ import annotations

import uuid

from django import forms

from frontdoor.ui.forms import GovukDateField, PlainTextField, version_field

from . import domain
from .models import Disagreement, SurveyResponse

SECTION_MAX = 4000


class LetterForm(forms.Form):
    version = version_field()
    recipient_name = PlainTextField(label="Name of the person the letter is to", max_length=160, required=False)
    recipient_email = forms.EmailField(
        label="Their email address",
        max_length=254,
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    recipient_address = forms.CharField(
        label="Their postal address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, required in domain.SECTIONS:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=SECTION_MAX,
                help_text="" if required else "Optional: leave empty to leave this section out",
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"max_length": f"'{label}' must be {SECTION_MAX} characters or fewer"},
            )

    def add_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            self.add_error(None if name not in self.fields else name, message)


def _key_field():
    return forms.CharField(widget=forms.HiddenInput, max_length=64, initial=lambda: uuid.uuid4().hex)


class SendEmailForm(forms.Form):
    idempotency_key = _key_field()
    email = forms.CharField(
        label="Email address to send the letter to",
        max_length=254,
        error_messages={"required": "Enter an email address"},
    )


class PostForm(forms.Form):
    idempotency_key = _key_field()
    address = forms.CharField(
        label="Address the letter was posted to",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the address the letter was posted to"},
    )


class SurveyForm(forms.Form):
    helpfulness = forms.TypedChoiceField(
        label="How helpful was your conversation with us?",
        choices=SurveyResponse.Helpfulness.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how helpful the conversation was"},
    )
    could_be_better = forms.CharField(
        label="What could we have done better? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Please do not include names or personal details.",
        error_messages={"max_length": "Your answer must be 2000 characters or fewer"},
    )


class DisagreementForm(forms.Form):
    raised_by = forms.ChoiceField(
        label="Who disagrees with the decision?",
        choices=Disagreement.RaisedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who disagrees with the decision"},
    )
    raised_by_name = PlainTextField(
        label="Their name and role",
        max_length=200,
        error_messages={"required": "Enter the name and role of the person who disagrees"},
    )
    raised_on = GovukDateField(label="Date the disagreement was raised", past_only=True)
    decision = forms.CharField(
        label="Which decision do they disagree with?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the decision they disagree with"},
    )
    reason = forms.CharField(
        label="Why do they disagree?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why they disagree"},
    )


class StepForm(forms.Form):
    version = version_field()
    step = forms.ChoiceField(
        label="Which step is this?",
        choices=domain.EscalationStep.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the step"},
    )
    held_on = GovukDateField(label="Date of this step", past_only=True)
    people = PlainTextField(label="Who took part", max_length=400, error_messages={"required": "Enter who took part"})
    outcome = forms.CharField(
        label="What was the outcome?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the outcome of this step"},
    )
    resolved = forms.BooleanField(label="The disagreement was resolved at this step", required=False)
