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
