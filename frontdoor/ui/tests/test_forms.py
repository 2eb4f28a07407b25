"""The three-box date field gives GOV.UK error messages and keeps what was typed."""

import datetime as dt

import pytest
from django import forms

from frontdoor.ui.forms import GovukDateField


class DobForm(forms.Form):
    dob = GovukDateField(label="Date of birth", past_only=True, earliest=dt.date(1900, 1, 1))


@pytest.mark.parametrize(
    "parts, error",
    [
        (("", "", ""), "Enter the date of birth"),
        (("12", "", "2020"), "Date of birth must include a month"),
        (("", "", "2020"), "Date of birth must include a day and a month"),
        (("31", "2", "2020"), "Date of birth must be a real date"),
        (("1", "1", "20"), "Date of birth must be a real date"),
        (("a", "1", "2020"), "Date of birth must be a real date"),
        (("1", "1", "2999"), "Date of birth must be today or in the past"),
        (("1", "1", "1850"), "Date of birth must be after 1 January 1900"),
        (("1", "1", "9" * 25), "Date of birth must be a real date"),  # once an OverflowError: a 500
        (("9" * 25, "1", "2020"), "Date of birth must be a real date"),
        (("1", "1", "12020"), "Date of birth must be a real date"),
    ],
)
def test_date_errors(parts, error):
    form = DobForm({f"dob_{i}": v for i, v in enumerate(parts)})
    assert not form.is_valid()
    assert form.errors["dob"] == [error]


def test_valid_date():
    form = DobForm({"dob_0": "9", "dob_1": "3", "dob_2": "2019"})
    assert form.is_valid()
    assert form.cleaned_data["dob"] == dt.date(2019, 3, 9)


def test_multiple_choice_renders_as_checkboxes():
    from frontdoor.ui.templatetags.govuk import govuk_field

    class Form(forms.Form):
        many = forms.MultipleChoiceField(
            label="Pick", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )
        one = forms.ChoiceField(label="One", choices=[("a", "A")], widget=forms.RadioSelect)

    form = Form({"many": ["a", "b"]})
    html = govuk_field(form["many"])
    assert 'type="checkbox"' in html and html.count("checked") == 2
    assert 'type="radio"' in govuk_field(form["one"])


class EveryKind(forms.Form):
    """One field of each kind govuk_field renders, each with a validator that refuses what is typed."""

    name = forms.CharField(label="Name", help_text="As the caller said it")
    notes = forms.CharField(label="Notes", widget=forms.Textarea)
    team = forms.ChoiceField(label="Team", choices=[("", "Choose"), ("a", "A"), ("b", "B")])
    urgency = forms.ChoiceField(label="Urgency", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    worries = forms.MultipleChoiceField(
        label="Worries", choices=[("a", "A"), ("b", "B"), ("c", "C")], widget=forms.CheckboxSelectMultiple
    )
    consent = forms.BooleanField(label="Consent given", required=False)
    seen = GovukDateField(label="Date seen")

    def clean(self):
        for name in ("name", "notes", "team", "urgency", "worries", "consent", "seen"):
            self.add_error(name, f"Refused {name}")


TYPED = {
    "name": "Geraldine",
    "notes": "Said at school",
    "team": "b",
    "urgency": "b",
    "worries": ["a", "c"],
    "consent": "on",
    "seen_0": "9",
    "seen_1": "3",
    "seen_2": "2026",
}


@pytest.mark.parametrize(
    "name, kept",
    [
        ("name", ['value="Geraldine"']),
        ("notes", [">Said at school</textarea>"]),
        ("team", ['value="b" selected']),
        ("urgency", ['value="b" checked']),
        ("worries", ['value="a" checked', 'value="c" checked']),
        ("consent", ['value="on" checked']),
        ("seen", ['value="9"', 'value="3"', 'value="2026"']),
    ],
)
def test_every_kind_of_field_shows_its_error_and_keeps_what_was_typed(name, kept):
    """The contract of govuk_field for each widget (the checkbox kinds once lost the user's ticks): the GOV.UK
    error message beside the field, the group marked in error, described by the message, the typed value kept."""
    from frontdoor.ui.templatetags.govuk import govuk_field

    form = EveryKind(TYPED)
    assert not form.is_valid()
    html = govuk_field(form[name])
    assert "govuk-form-group--error" in html
    assert f'id="id_{name}-error"' in html and f"Refused {name}" in html
    assert f"id_{name}-error" in html.split("aria-describedby=", 1)[1].split(">", 1)[0]
    for fragment in kept:
        assert fragment in html, fragment
    unticked = {"worries": 'value="b" checked', "urgency": 'value="a" checked', "team": 'value="a" selected'}
    if name in unticked:
        assert unticked[name] not in html
