"""Forms for restricting a record and breaking the glass: validation and GOV.UK wording only."""

from __future__ import annotations

from django import forms

from frontdoor.ui.forms import text


class RestrictForm(forms.Form):
    reason = text(
        "Why is this record restricted?",
        2000,
        required="Enter why this record is restricted",
        long=True,
        hint="For example, a staff member's child, or a police investigation that must not be disclosed.",
    )
    named_users = forms.MultipleChoiceField(
        label="People who may open it",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You can always open a record you restricted. Anyone else can only break the glass.",
    )
    named_teams = forms.MultipleChoiceField(
        label="Teams whose members may open it", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, users=(), teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["named_users"].choices = list(users)
        self.fields["named_teams"].choices = list(teams)
        for name in ("named_users", "named_teams"):
            self.fields[name].error_messages["invalid_choice"] = "Choose from the list"


class LiftForm(forms.Form):
    lift_reason = text(
        "Why is the restriction lifted?", 2000, required="Enter why the restriction is lifted", long=True
    )


class BreakGlassForm(forms.Form):
    reason = text(
        "Why do you need to open this record now?",
        2000,
        required="Enter why you need to open this record",
        long=True,
        hint="The manager who restricted it will be told, with your reason.",
        rows=3,
    )
    password = forms.CharField(
        label="Your Front Door password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label="The code from your authenticator app",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, way: str = "password", **kwargs):
        super().__init__(*args, **kwargs)
        if way == "password":
            del self.fields["code"]
            self.fields["password"].required = True
            self.fields["password"].error_messages["required"] = "Enter your password"
        elif way == "code":
            del self.fields["password"]
            self.fields["code"].required = True
            self.fields["code"].error_messages["required"] = "Enter the code from your authenticator app"
        else:
            del self.fields["password"], self.fields["code"]
