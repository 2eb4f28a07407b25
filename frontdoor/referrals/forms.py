"""Forms: validation and GOV.UK rendering only. Writes happen in services."""

from __future__ import annotations

from django import forms

from frontdoor.core import codes
from frontdoor.ui.forms import GovukDateField, version_field

from . import domain
from .models import ContactDecision, Milestone, YesNoUnknown


class VersionForm(forms.Form):
    """A form that edits one row: it carries the version the page showed (core.locking)."""

    version = version_field()


class SameDecisionForm(forms.Form):
    """The decision for one child, or (on its own, without a version) the same decision for all children."""

    level = forms.TypedChoiceField(
        label="What is the level of need?",
        choices=domain.level_choices(),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level of need"},
    )
    outcome = forms.ChoiceField(
        label="What is the decision?",
        choices=ContactDecision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )
    reasons = forms.CharField(
        label="Why?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Write it so the child could understand it if they read their record later",
        error_messages={"required": "Enter the reasons for the decision"},
    )
    s47_indicators = forms.MultipleChoiceField(
        label="Section 47 indicators",
        choices=domain.S47_INDICATORS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="A guide, not a complete list. Any one ticked means a manager should consider a strategy discussion.",
    )

    DATA_FIELDS = ("level", "outcome", "reasons", "s47_indicators")

    def is_blank(self) -> bool:
        """Nothing typed or chosen in this part of the page (a child left for later)."""
        return not any(self.data.get(self.add_prefix(name)) for name in self.DATA_FIELDS)


class DecisionForm(SameDecisionForm):
    version = version_field()


HOUSEHOLD_QUESTIONS = ("domestic_abuse", "mental_illness", "substance_misuse", "learning_difficulties")


class ReferralForm(VersionForm):
    domestic_abuse = forms.ChoiceField(
        label="Is there domestic abuse in the household?", choices=YesNoUnknown.choices, widget=forms.RadioSelect
    )
    mental_illness = forms.ChoiceField(
        label="Is there mental illness in the household?", choices=YesNoUnknown.choices, widget=forms.RadioSelect
    )
    substance_misuse = forms.ChoiceField(
        label="Is there substance misuse in the household?", choices=YesNoUnknown.choices, widget=forms.RadioSelect
    )
    learning_difficulties = forms.ChoiceField(
        label="Are there learning difficulties in the household?",
        choices=YesNoUnknown.choices,
        widget=forms.RadioSelect,
    )
    other_agencies = forms.CharField(
        label="Other agencies involved", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    youth_risk = forms.BooleanField(
        label="The young person is at high risk of exploitation or serious youth violence (Youth FAST)",
        required=False,
    )
    disposal = forms.TypedChoiceField(
        label="Initial disposal",
        choices=list(domain.DISPOSALS.items()),
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    disposal_reasons = forms.CharField(
        label="Reasons for the disposal", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    receiving_team = forms.ModelChoiceField(
        label="Receiving team", queryset=None, required=False, empty_label="No receiving team"
    )
    tell_professional_referrer = forms.CharField(
        label="What the professional referrer is told",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Professional referrers are told the disposal",
    )
    tell_public_referrer = forms.CharField(
        label="What a member of the public who called is told",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Respect the child's confidentiality: say that the call was taken seriously, not what will happen",
    )
    tell_child_and_family = forms.CharField(
        label="What the child and family are told will happen",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_team"].queryset = teams


class AuthoriseForm(VersionForm):
    action = forms.ChoiceField(
        label="Do you authorise this disposal?",
        choices=[("authorise", "Yes, authorise and route it"), ("return", "No, return it to the worker")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you authorise the disposal"},
    )
    reasons = forms.CharField(
        label="Reasons for returning it",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Only needed if you return it",
    )


class SharingForm(forms.Form):
    authorised = forms.TypedChoiceField(
        label="Do you authorise sharing with other agencies without the parents' knowledge?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you authorise sharing without the parents' knowledge"},
    )
    what = forms.CharField(
        label="What is shared, with whom, and for what purpose",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what is shared, with whom and why"},
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: telling the parents would put the child at greater risk",
        error_messages={"required": "Enter the reasons for the decision"},
    )


class PoliceForm(forms.Form):
    notified_on = GovukDateField(label="Date the police were told", past_only=True)
    notified_time = forms.TimeField(
        label="Time the police were told",
        help_text="For example, 14:30",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
        error_messages={"required": "Enter the time the police were told", "invalid": "Enter a time like 14:30"},
    )
    police_reference = forms.CharField(
        label="Police reference", max_length=60, error_messages={"required": "Enter the police reference"}
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(
        label="What happened?",
        choices=Milestone.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )
    date = GovukDateField(label="Date", past_only=True)
    factors = forms.MultipleChoiceField(
        label="Factors identified at assessment",
        choices=codes.assessment_factor_choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="For an authorised single assessment",
    )
    s47_outcome = forms.ChoiceField(
        label="Section 47 outcome", choices=[("", "")] + Milestone.S47Outcome.choices, required=False
    )
    cp_category = forms.ChoiceField(
        label="Category of the child protection plan",
        choices=[("", "")] + Milestone.CPCategory.choices,
        required=False,
    )
    closure_reason = forms.ChoiceField(
        label="Reason for closure", choices=[("", "")] + codes.closure_reason_choices(), required=False
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 3}), required=False)
